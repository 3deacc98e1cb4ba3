package io.cumulo.report.paint;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link Canvas} that paints into an RGB {@link BufferedImage} with Java2D, antialiased, at {@code scale} device
 * pixels per CSS pixel (2 gives sharp figures for papers). Needs no display: works with
 * {@code -Djava.awt.headless=true}.
 */
public final class ImageCanvas implements Canvas {
    private final double width;
    private final double height;
    private final BufferedImage image;
    private final Graphics2D g;
    private final Deque<Boolean> crisp = new ArrayDeque<>();

    public ImageCanvas(double width, double height, double scale) {
        this.width = width;
        this.height = height;
        this.image = new BufferedImage((int) Math.round(width * scale), (int) Math.round(height * scale),
                BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // fractional metrics: glyph advances as Fonts measured them, so anchors line up as in the SVG
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
    }

    @Override
    public double width() {
        return width;
    }

    @Override
    public double height() {
        return height;
    }

    @Override
    public void beginGroup(String cssClass, Style style, boolean crispEdges) {
        crisp.push(crispEdges);
        antialias(!crispEdges);
    }

    @Override
    public void endGroup() {
        crisp.pop();
        antialias(crisp.isEmpty() || !crisp.peek());
    }

    private void antialias(boolean on) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                on ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Style style) {
        paint(new Line2D.Double(x1, y1, x2, y2), style);
    }

    @Override
    public void polyline(double[] x, double[] y, int from, int to, Style style) {
        if (to - from < 2) {
            return;
        }
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, to - from);
        p.moveTo(x[from], y[from]);
        for (int i = from + 1; i < to; i++) {
            p.lineTo(x[i], y[i]);
        }
        paint(p, style);
    }

    @Override
    public void polygon(double[] x, double[] y, int n, Style style, String cssClass, String title) {
        if (n < 2) {
            return;
        }
        Path2D.Double p = new Path2D.Double(Path2D.WIND_NON_ZERO, n + 1);
        p.moveTo(x[0], y[0]);
        for (int i = 1; i < n; i++) {
            p.lineTo(x[i], y[i]);
        }
        p.closePath();
        paint(p, style);
    }

    @Override
    public void rect(double x, double y, double w, double h, Style style, String cssClass, String title) {
        paint(new Rectangle2D.Double(x, y, Math.max(0, w), Math.max(0, h)), style);
    }

    @Override
    public void circle(double cx, double cy, double r, Style style, String cssClass, String title) {
        paint(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), style);
    }

    @Override
    public void text(String text, double x, double y, TextStyle t) {
        if (text.isEmpty()) {
            return;
        }
        g.setFont(Fonts.font(t.size(), t.bold()));
        g.setColor(new Color(Colors.rgb(t.colour())));
        double w = Fonts.width(text, t.size(), t.bold());
        double dx = switch (t.anchor()) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        if (t.rotation() != 0) {
            g.rotate(Math.toRadians(t.rotation()), x, y);
        }
        g.drawString(text, (float) (x + dx), (float) y);
        g.setTransform(saved);
    }

    private void paint(Shape shape, Style s) {
        if (s.fill() != null && !s.fill().equals("none")) {
            int rgb = Colors.rgb(s.fill());
            int alpha = (int) Math.round(Math.max(0, Math.min(1, s.fillOpacity())) * 255);
            g.setColor(new Color((alpha << 24) | rgb, true));
            g.fill(shape);
        }
        if (s.stroke() != null && !s.stroke().equals("none") && s.strokeWidth() > 0) {
            g.setColor(new Color(Colors.rgb(s.stroke())));
            float w = (float) s.strokeWidth();
            g.setStroke(s.dashed()
                    ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {4 * w, 3 * w}, 0)
                    : new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            g.draw(shape);
        }
    }

    /** The finished picture. */
    public BufferedImage finish() {
        g.dispose();
        return image;
    }
}

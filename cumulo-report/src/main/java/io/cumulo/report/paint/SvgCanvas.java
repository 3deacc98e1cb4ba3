package io.cumulo.report.paint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * A {@link Canvas} that writes an SVG 1.1 document: text stays text (searchable, selectable, the right font when
 * the reader has it), coordinates are written to 0.01 px, and every string is escaped so the result is valid XML
 * whatever the feature names hold.
 */
public final class SvgCanvas implements Canvas {
    private final double width;
    private final double height;
    private final StringBuilder sb;
    /** The style of each open group; members drawn with an equal style inherit it instead of repeating it. */
    private final Deque<Style> groups = new ArrayDeque<>();
    private int clips;
    private boolean clipOpen;
    private int clipDepth;
    private boolean finished;

    /**
     * @param title the document's {@code <title>} (what a viewer shows for the file), or null
     */
    public SvgCanvas(double width, double height, String title, int expectedElements) {
        this.width = width;
        this.height = height;
        this.sb = new StringBuilder(4096 + 64 * Math.max(0, expectedElements));
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
        num(width).append("\" height=\"");
        num(height).append("\" viewBox=\"0 0 ");
        num(width).append(' ');
        num(height).append("\" font-family=\"").append(escape(Fonts.CSS_FAMILY)).append("\">\n");
        if (title != null) {
            sb.append("<title>").append(escape(title)).append("</title>\n");
        }
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");
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
    public void beginGroup(String cssClass, Style style, boolean crisp) {
        sb.append("<g");
        if (cssClass != null) {
            sb.append(" class=\"").append(escape(cssClass)).append('"');
        }
        if (style != null) {
            style(style, false);
        }
        if (crisp) {
            sb.append(" shape-rendering=\"crispEdges\"");
        }
        sb.append(">\n");
        groups.push(style == null ? NO_STYLE : style);
    }

    private static final Style NO_STYLE = new Style("none", 0, "none", -1, false);

    @Override
    public void endGroup() {
        if (clipOpen && groups.size() == clipDepth) {
            throw new IllegalStateException("endGroup would close the clip opened inside the group");
        }
        groups.pop();
        sb.append("</g>\n");
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        unclip();
        String id = "clip" + (++clips);
        clipDepth = groups.size();
        sb.append("<clipPath id=\"").append(id).append("\"><rect x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(w).append("\" height=\"");
        num(h).append("\"/></clipPath>\n<g clip-path=\"url(#").append(id).append(")\">\n");
        clipOpen = true;
    }

    @Override
    public void unclip() {
        if (clipOpen) {
            if (groups.size() != clipDepth) {
                throw new IllegalStateException("unclip inside a group opened after the clip");
            }
            sb.append("</g>\n");
            clipOpen = false;
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Style style) {
        sb.append("<line x1=\"");
        num(x1).append("\" y1=\"");
        num(y1).append("\" x2=\"");
        num(x2).append("\" y2=\"");
        num(y2).append('"');
        memberStyle(style);
        sb.append("/>\n");
    }

    @Override
    public void polyline(double[] x, double[] y, int from, int to, Style style) {
        if (to - from < 2) {
            return;
        }
        sb.append("<polyline points=\"");
        points(x, y, from, to);
        sb.append('"');
        memberStyle(style);
        sb.append("/>\n");
    }

    @Override
    public void polygon(double[] x, double[] y, int n, Style style, String cssClass, String title) {
        sb.append("<polygon");
        cls(cssClass);
        sb.append(" points=\"");
        points(x, y, 0, n);
        sb.append('"');
        memberStyle(style);
        close("polygon", title);
    }

    @Override
    public void rect(double x, double y, double w, double h, Style style, String cssClass, String title) {
        sb.append("<rect");
        cls(cssClass);
        sb.append(" x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(Math.max(0, w)).append("\" height=\"");
        num(Math.max(0, h)).append('"');
        memberStyle(style);
        close("rect", title);
    }

    @Override
    public void circle(double cx, double cy, double r, Style style, String cssClass, String title) {
        sb.append("<circle");
        cls(cssClass);
        sb.append(" cx=\"");
        num(cx).append("\" cy=\"");
        num(cy).append("\" r=\"");
        num(r).append('"');
        memberStyle(style);
        close("circle", title);
    }

    @Override
    public void text(String text, double x, double y, TextStyle t) {
        sb.append("<text x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" font-size=\"");
        num(t.size()).append('"');
        if (t.bold()) {
            sb.append(" font-weight=\"bold\"");
        }
        sb.append(" fill=\"").append(Colors.hex(Colors.rgb(t.colour()))).append('"');
        if (insideStroke()) {
            sb.append(" stroke=\"none\"");
        }
        if (t.anchor() != TextStyle.Anchor.START) {
            sb.append(" text-anchor=\"").append(t.anchor() == TextStyle.Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        if (t.rotation() != 0) {
            sb.append(" transform=\"rotate(");
            num(t.rotation()).append(' ');
            num(x).append(' ');
            num(y).append(")\"");
        }
        sb.append('>').append(escape(text)).append("</text>\n");
    }

    /** True when an open group outlines its members: text must not inherit that outline. */
    private boolean insideStroke() {
        for (Style g : groups) {
            if (g.stroke() != null && !g.stroke().equals("none") && g.strokeWidth() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The finished document. */
    public String finish() {
        if (!finished) {
            unclip();
            while (!groups.isEmpty()) {
                endGroup();
            }
            sb.append("</svg>\n");
            finished = true;
        }
        return sb.toString();
    }

    private void cls(String cssClass) {
        if (cssClass != null) {
            sb.append(" class=\"").append(escape(cssClass)).append('"');
        }
    }

    private void close(String element, String title) {
        if (title == null) {
            sb.append("/>\n");
        } else {
            sb.append("><title>").append(escape(title)).append("</title></").append(element).append(">\n");
        }
    }

    private void memberStyle(Style style) {
        if (!groups.isEmpty() && Objects.equals(groups.peek(), style)) {
            return;
        }
        style(style, true);
    }

    private void style(Style s, boolean member) {
        sb.append(" fill=\"").append(s.fill() == null || s.fill().equals("none") ? "none" : Colors.hex(Colors.rgb(s.fill())))
                .append('"');
        if (s.fill() != null && !s.fill().equals("none") && s.fillOpacity() < 1) {
            sb.append(" fill-opacity=\"");
            num(s.fillOpacity()).append('"');
        }
        if (s.stroke() != null && !s.stroke().equals("none") && s.strokeWidth() > 0) {
            sb.append(" stroke=\"").append(Colors.hex(Colors.rgb(s.stroke()))).append("\" stroke-width=\"");
            num(s.strokeWidth()).append('"');
            if (s.dashed()) {
                sb.append(" stroke-dasharray=\"");
                num(4 * s.strokeWidth()).append(' ');
                num(3 * s.strokeWidth()).append('"');
            }
        } else if (member || s.stroke() != null) {
            sb.append(" stroke=\"none\"");
        }
    }

    private void points(double[] x, double[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            num(x[i]).append(',');
            num(y[i]);
        }
    }

    /** Appends {@code v} rounded to 0.01, without trailing zeros (and without String.format: 20,000 points). */
    private StringBuilder num(double v) {
        long r = Math.round(v * 100);
        if (r < 0) {
            sb.append('-');
            r = -r;
        }
        sb.append(r / 100);
        long frac = r % 100;
        if (frac != 0) {
            sb.append('.').append((char) ('0' + frac / 10));
            if (frac % 10 != 0) {
                sb.append((char) ('0' + frac % 10));
            }
        }
        return sb;
    }

    /** XML-escapes {@code s} for text and attribute values, dropping characters XML 1.0 cannot hold. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c))) {
                        out.append(c);
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }
}

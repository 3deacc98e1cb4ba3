package io.cumulo.report.paint;

/**
 * A drawing surface in CSS pixels, origin top left, y downwards. {@link ChartPainter} draws every chart through
 * this interface once, and the two implementations turn the same calls into an SVG document ({@link SvgCanvas})
 * or pixels ({@link ImageCanvas}), so the PNG and the SVG of a chart show the same thing.
 *
 * <p>{@code cssClass} names the kind of element in the SVG (a scatter point is {@code "pt"}, so tests and readers
 * can count them); {@code title} is a tooltip in the SVG. Both may be null and mean nothing to a raster.
 */
public interface Canvas {
    double width();

    double height();

    /**
     * Starts a group of elements that mostly share {@code style} (one trace): the SVG writes the style once on the
     * group and omits it on members drawn with an equal style. {@code crisp} asks for no antialiasing of edges
     * (heatmap cells, so neighbours do not show seams).
     */
    void beginGroup(String cssClass, Style style, boolean crisp);

    void endGroup();

    /** Clips what follows to a rectangle, until {@link #unclip()}. Clips do not nest. */
    void clip(double x, double y, double w, double h);

    void unclip();

    void line(double x1, double y1, double x2, double y2, Style style);

    /** An open polyline through points {@code from} (inclusive) to {@code to} (exclusive). */
    void polyline(double[] x, double[] y, int from, int to, Style style);

    /** A closed polygon through the first {@code n} points. */
    void polygon(double[] x, double[] y, int n, Style style, String cssClass, String title);

    void rect(double x, double y, double w, double h, Style style, String cssClass, String title);

    void circle(double cx, double cy, double r, Style style, String cssClass, String title);

    /** One line of text with its baseline at {@code y}. */
    void text(String text, double x, double y, TextStyle style);
}

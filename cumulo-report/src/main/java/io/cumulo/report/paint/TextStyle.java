package io.cumulo.report.paint;

/**
 * How a line of text is drawn: at a baseline point, anchored at its start, middle or end, optionally rotated
 * about that point (degrees, clockwise as in SVG: -90 reads bottom to top).
 */
public record TextStyle(double size, boolean bold, String colour, Anchor anchor, double rotation) {
    public enum Anchor { START, MIDDLE, END }

    public static TextStyle of(double size, String colour, Anchor anchor) {
        return new TextStyle(size, false, colour, anchor, 0);
    }

    public TextStyle inBold() {
        return new TextStyle(size, true, colour, anchor, rotation);
    }

    public TextStyle rotated(double degrees) {
        return new TextStyle(size, bold, colour, anchor, degrees);
    }
}

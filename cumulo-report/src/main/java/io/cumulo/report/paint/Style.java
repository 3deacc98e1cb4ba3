package io.cumulo.report.paint;

/**
 * How a shape is filled and outlined on a {@link Canvas}.
 *
 * @param fill        fill colour ({@code "#RRGGBB"}), or null for no fill
 * @param fillOpacity 0 (transparent) to 1
 * @param stroke      outline colour, or null for no outline
 * @param strokeWidth outline width in CSS pixels
 * @param dashed      a dashed outline (reference lines)
 */
public record Style(String fill, double fillOpacity, String stroke, double strokeWidth, boolean dashed) {
    public static Style fill(String colour) {
        return new Style(colour, 1, null, 0, false);
    }

    public static Style fill(String colour, double opacity) {
        return new Style(colour, opacity, null, 0, false);
    }

    public static Style stroke(String colour, double width) {
        return new Style(null, 1, colour, width, false);
    }

    public static Style stroke(String colour, double width, boolean dashed) {
        return new Style(null, 1, colour, width, dashed);
    }

    public Style withStroke(String colour, double width) {
        return new Style(fill, fillOpacity, colour, width, dashed);
    }
}

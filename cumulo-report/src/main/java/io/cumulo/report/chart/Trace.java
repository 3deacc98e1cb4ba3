package io.cumulo.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * What a chart draws. Colours are CSS hex strings ({@code "#0072B2"}); {@link Palette} gives the report's
 * colour-blind-safe cluster colours. On a {@link Axis.Scale#CATEGORY} axis a coordinate is the category's index.
 */
public sealed interface Trace permits Trace.Scatter, Trace.Bars, Trace.Heatmap, Trace.Boxes, Trace.Rule {

    /** The legend entry, or null for a trace that is not in the legend. */
    String name();

    enum Mode { MARKERS, LINES, LINES_AND_MARKERS }

    enum Symbol { CIRCLE, STAR, DIAMOND, CROSS, SQUARE }

    /**
     * How the area under a line is filled: none, to y = 0, to x = 0 (the silhouette plot's bars), or inside the line
     * itself, each run of points between NaN gaps a closed polygon (the condensed tree's bars).
     */
    enum Fill { NONE, TO_ZERO_Y, TO_ZERO_X, TO_SELF }

    /**
     * Points and/or lines.
     *
     * @param hover     one text per point shown on hover (lines separated by '\n'), or null for the coordinates
     * @param large     true for many points: the HTML renderer uses WebGL ({@code scattergl}); static renderers
     *                  may draw smaller markers
     * @param size      marker size in CSS pixels (diameter)
     * @param outline   marker outline colour, or null for none (centres are drawn as stars with a dark outline)
     * @param opacity   one marker opacity in [0, 1] per point (HDBSCAN's membership strengths shading the scatter), or
     *                  null for the renderer's default
     */
    record Scatter(String name, double[] x, double[] y, Mode mode, String color, Symbol symbol, double size,
                   String[] hover, boolean large, Fill fill, String outline, double[] opacity) implements Trace {
        /** Markers of the renderer's default opacity. */
        public Scatter(String name, double[] x, double[] y, Mode mode, String color, Symbol symbol, double size,
                       String[] hover, boolean large, Fill fill, String outline) {
            this(name, x, y, mode, color, symbol, size, hover, large, fill, outline, null);
        }

        public Scatter {
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
            }
            if (hover != null && hover.length != x.length) {
                throw new IllegalArgumentException("hover has " + hover.length + " texts for " + x.length + " points");
            }
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(color, "color");
            symbol = symbol == null ? Symbol.CIRCLE : symbol;
            fill = fill == null ? Fill.NONE : fill;
            if (opacity != null && opacity.length != x.length) {
                throw new IllegalArgumentException("opacity has " + opacity.length + " values for " + x.length
                        + " points");
            }
        }

        /** The same points with one marker opacity per point. */
        public Scatter withOpacity(double[] perPoint) {
            return new Scatter(name, x, y, mode, color, symbol, size, hover, large, fill, outline, perPoint);
        }

        public static Scatter points(String name, double[] x, double[] y, String color, String[] hover, boolean large) {
            return new Scatter(name, x, y, Mode.MARKERS, color, Symbol.CIRCLE, large ? 4 : 7, hover, large, Fill.NONE, null);
        }

        public static Scatter line(String name, double[] x, double[] y, String color) {
            return new Scatter(name, x, y, Mode.LINES_AND_MARKERS, color, Symbol.CIRCLE, 6, null, false, Fill.NONE, null);
        }
    }

    /**
     * Bars at the category positions {@code 0..values.length-1} of a category axis (or at x = 1..n on a numeric one).
     * Horizontal bars put the categories on the y axis.
     */
    record Bars(String name, double[] values, String color, boolean horizontal, List<String> colors, String[] hover)
            implements Trace {
        /**
         * @param colors one colour per bar (e.g. the cluster of each bar of a reachability plot), or null for
         *               {@code color} everywhere ({@code color} is then the legend's swatch only)
         * @param hover  one text per bar shown on hover, or null for the position and value
         */
        public Bars {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(color, "color");
            if (colors != null && colors.size() != values.length) {
                throw new IllegalArgumentException(colors.size() + " colours for " + values.length + " bars");
            }
            if (hover != null && hover.length != values.length) {
                throw new IllegalArgumentException("hover has " + hover.length + " texts for " + values.length + " bars");
            }
            colors = colors == null ? null : List.copyOf(colors);
        }

        /** Bars of one colour. */
        public Bars(String name, double[] values, String color, boolean horizontal) {
            this(name, values, color, horizontal, null, null);
        }

        /** The colour of bar {@code i}. */
        public String colorOf(int i) {
            return colors == null ? color : colors.get(i);
        }
    }

    /**
     * A matrix of colours, row {@code r} at y category {@code r}, column {@code c} at x category {@code c}
     * (both axes must be category axes). {@code z[r][c]} may be NaN for "no value".
     *
     * @param diverging true for signed values centred on 0 (standardised differences), false for counts
     * @param text      the number written in each cell, or null for none
     * @param colorbar  the colour bar's title
     */
    record Heatmap(String name, double[][] z, boolean diverging, String[][] text, String colorbar) implements Trace {
        public Heatmap {
            Objects.requireNonNull(z, "z");
            if (text != null && text.length != z.length) {
                throw new IllegalArgumentException("text has " + text.length + " rows but z has " + z.length);
            }
        }
    }

    /**
     * Box plots from precomputed statistics (so a million rows cost nothing on the page): box {@code i} sits at
     * category {@code i} of the x axis.
     */
    record Boxes(String name, List<BoxStats> boxes, List<String> colors) implements Trace {
        public Boxes {
            boxes = List.copyOf(boxes);
            colors = List.copyOf(colors);
            if (colors.size() != boxes.size()) {
                throw new IllegalArgumentException(colors.size() + " colours for " + boxes.size() + " boxes");
            }
        }
    }

    /** The five numbers of a box plot (whiskers at the most extreme data within 1.5 IQR), plus the mean and count. */
    record BoxStats(double lowerWhisker, double q1, double median, double q3, double upperWhisker, double mean, long n) {
    }

    /**
     * A reference line across the whole plot: vertical at x = value, or horizontal at y = value, with an optional
     * label (e.g. the mean silhouette, the detected knee).
     */
    record Rule(String name, boolean vertical, double value, String color, boolean dashed, String label) implements Trace {
    }
}

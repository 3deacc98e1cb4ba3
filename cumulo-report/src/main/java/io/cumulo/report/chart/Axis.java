package io.cumulo.report.chart;

import java.util.List;

/**
 * One axis of a chart.
 *
 * @param title      the axis title, with units when the input gave them (e.g. "petal_length (cm)")
 * @param scale      linear, logarithmic, or categorical
 * @param categories for {@link Scale#CATEGORY}: the category names; a trace's coordinate {@code i} (0-based)
 *                   sits at category {@code i}. Empty otherwise
 * @param min        the lower end of the axis, or null to fit the data; above {@code max} (both given), the axis runs
 *                   the other way: {@code min} at the far end (downwards or leftwards)
 * @param max        the upper end of the axis, or null to fit the data
 * @param integerTicks true when only whole-number ticks make sense (k, component number)
 */
public record Axis(String title, Scale scale, List<String> categories, Double min, Double max, boolean integerTicks) {
    public enum Scale { LINEAR, LOG, CATEGORY }

    public Axis {
        categories = categories == null ? List.of() : List.copyOf(categories);
        if (scale == Scale.CATEGORY && categories.isEmpty()) {
            throw new IllegalArgumentException("a category axis needs its categories");
        }
    }

    public static Axis linear(String title) {
        return new Axis(title, Scale.LINEAR, List.of(), null, null, false);
    }

    public static Axis integer(String title) {
        return new Axis(title, Scale.LINEAR, List.of(), null, null, true);
    }

    public static Axis categories(String title, List<String> categories) {
        return new Axis(title, Scale.CATEGORY, categories, null, null, false);
    }

    public Axis withRange(Double min, Double max) {
        return new Axis(title, scale, categories, min, max, integerTicks);
    }

    /** A linear axis from {@code top} at the origin down to {@code bottom} (a reversed axis, as the condensed tree's λ). */
    public static Axis reversed(String title, double top, double bottom) {
        return new Axis(title, Scale.LINEAR, List.of(), bottom, top, false);
    }

    /** Whether the axis runs the other way ({@link #min} above {@link #max}). */
    public boolean isReversed() {
        return min != null && max != null && min > max;
    }
}

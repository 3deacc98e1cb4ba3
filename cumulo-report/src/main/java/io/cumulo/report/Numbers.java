package io.cumulo.report;

import io.cumulo.workflow.FigureFormat;

import java.util.Locale;

/** How the reports write numbers: a few significant digits, never a locale's decimal comma. */
final class Numbers {
    private Numbers() {
    }

    /** About four significant digits; scientific notation for very large or very small magnitudes. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        return FigureFormat.format(v);
    }

    /** Two decimals for a heatmap cell; a value that rounds to zero is "0.00", never "-0.00". */
    static String cell(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.equals("-0.00") ? "0.00" : s;
    }

    /** A boxed number (a JSON value), or "n/a" when absent. */
    static String fmt(Object v) {
        if (v == null) {
            return "n/a";
        }
        if (v instanceof Double d) {
            return fmt(d.doubleValue());
        }
        if (v instanceof Float f) {
            return fmt(f.doubleValue());
        }
        return v.toString();
    }

    /** {@code 0.421} → {@code 42.1%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** {@code 1000000} → {@code 1,000,000} (the notes say how many rows are shown). */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Seconds with millisecond precision. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    /** A file-name-safe chart id piece: lower case letters, digits and '-'. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}

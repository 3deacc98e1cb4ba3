package io.cumulo.workflow;

import java.util.Locale;

/** How summaries and reports write a figure: about four significant digits, never a locale's decimal comma. */
public final class FigureFormat {
    private FigureFormat() {
    }

    /** About four significant digits; scientific notation for very large or very small magnitudes. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, a >= 1000 ? "%.2f" : a >= 10 ? "%.3f" : "%.4f", v);
    }
}

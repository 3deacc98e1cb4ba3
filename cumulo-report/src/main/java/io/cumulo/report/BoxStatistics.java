package io.cumulo.report;

import io.cumulo.report.chart.Trace;

import java.util.Arrays;

/**
 * The numbers of a box plot (Tukey 1977), computed exactly over every value: quartiles by linear interpolation
 * between order statistics (the definition of numpy's default {@code percentile} and of Hyndman &amp; Fan's
 * type 7: with the values sorted as {@code x[0] ≤ … ≤ x[n−1]}, the p-quantile is at position {@code h = (n − 1)·p},
 * {@code x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])}), whiskers at the most extreme values within 1.5 IQR of the box.
 */
public final class BoxStatistics {
    /** Tukey's fence: whiskers reach values within this many IQRs of the quartiles. */
    public static final double WHISKER_IQR = 1.5;

    private BoxStatistics() {
    }

    /** The box of {@code values} (not modified); NaN fields for no values. */
    public static Trace.BoxStats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return ofSorted(v);
    }

    /** As {@link #of} for values already sorted increasingly. */
    static Trace.BoxStats ofSorted(double[] v) {
        int n = v.length;
        if (n == 0) {
            return new Trace.BoxStats(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double q1 = quantileSorted(v, 0.25);
        double median = quantileSorted(v, 0.5);
        double q3 = quantileSorted(v, 0.75);
        double iqr = q3 - q1;
        double lowFence = q1 - WHISKER_IQR * iqr;
        double highFence = q3 + WHISKER_IQR * iqr;
        double lower = q1;
        for (double x : v) {
            if (x >= lowFence) {
                lower = Math.min(x, q1);
                break;
            }
        }
        double upper = q3;
        for (int i = n - 1; i >= 0; i--) {
            if (v[i] <= highFence) {
                upper = Math.max(v[i], q3);
                break;
            }
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return new Trace.BoxStats(lower, q1, median, q3, upper, sum / n, n);
    }

    /** The p-quantile of sorted values by linear interpolation (numpy's default). */
    static double quantileSorted(double[] v, double p) {
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}

package io.cumulo.linalg;

/** Per-column means and variances of a row-major matrix; the one place they are computed. */
public final class ColumnStats {
    private ColumnStats() {
    }

    /** Mean of each of the {@code d} columns of the {@code n × d} matrix {@code x}. */
    public static double[] means(double[] x, int n, int d) {
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                m[j] += x[o + j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        return m;
    }

    /**
     * Population variance (divided by n) of each column around {@code mean}, by the corrected two-pass formula
     * (Chan, Golub &amp; LeVeque 1983), which removes the rounding left in the mean.
     */
    public static double[] variances(double[] x, int n, int d, double[] mean) {
        double[] sq = new double[d];
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                double dev = x[o + j] - mean[j];
                sq[j] += dev * dev;
                sum[j] += dev;
            }
        }
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = Math.max((sq[j] - sum[j] * sum[j] / n) / n, 0);
        }
        return v;
    }
}

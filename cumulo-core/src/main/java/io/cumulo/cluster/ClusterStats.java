package io.cumulo.cluster;

import io.cumulo.linalg.ColumnStats;

/** Small statistics shared by the k-means family. */
final class ClusterStats {
    private ClusterStats() {
    }

    /** Rows per cluster ({@code -1} labels ignored). */
    static int[] sizes(int[] labels, int k) {
        int[] sizes = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        return sizes;
    }

    /** Mean over columns of the column variances: scikit-learn's scale for {@code tol}. */
    static double meanVariance(double[] x, int n, int d) {
        double[] var = ColumnStats.variances(x, n, d, ColumnStats.means(x, n, d));
        double total = 0;
        for (double v : var) {
            total += v;
        }
        return total / d;
    }
}

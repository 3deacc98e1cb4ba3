package io.cumulo.manifold;

import java.util.Arrays;

/**
 * Small exact quality measures for embeddings, kept in the tests: trustworthiness (Venna and Kaski 2001, as
 * scikit-learn's {@code sklearn.manifold.trustworthiness} defines it) and leave-one-out kNN accuracy.
 */
final class EmbeddingQuality {
    private EmbeddingQuality() {
    }

    /**
     * {@code T(k) = 1 − 2/(n k (2n − 3k − 1)) Σ_i Σ_{j ∈ U_i} (r(i, j) − k)}, U_i the k nearest of i in the
     * embedding that are not among its k nearest in the input, r(i, j) the rank of j among i's input-space
     * neighbours (1 = nearest). Euclidean in both spaces; O(n² log n).
     */
    static double trustworthiness(double[] x, int d, double[] y, int dim, int n, int k) {
        double penalty = 0;
        Integer[] order = new Integer[n];
        int[] rank = new int[n];
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dx[j] = j == i ? -1 : sq(x, d, i, j);
                dy[j] = j == i ? -1 : sq(y, dim, i, j);
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dx[a], dx[b]));
            for (int r = 0; r < n; r++) {
                rank[order[r]] = r; // self gets 0, nearest other 1
            }
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dy[a], dy[b]));
            for (int r = 1; r <= k; r++) {
                penalty += Math.max(0, rank[order[r]] - k);
            }
        }
        return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
    }

    /** Share of rows whose label is the majority among their k nearest others in {@code y} (ties: smallest label). */
    static double knnAccuracy(double[] y, int dim, int n, int[] labels, int k) {
        int classes = Arrays.stream(labels).max().orElse(0) + 1;
        Integer[] order = new Integer[n];
        double[] dy = new double[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                dy[j] = j == i ? -1 : sq(y, dim, i, j);
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(dy[a], dy[b]));
            int[] votes = new int[classes];
            for (int r = 1; r <= k; r++) {
                votes[labels[order[r]]]++;
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
        return (double) correct / n;
    }

    private static double sq(double[] v, int d, int i, int j) {
        double s = 0;
        for (int l = 0; l < d; l++) {
            double t = v[i * d + l] - v[j * d + l];
            s += t * t;
        }
        return s;
    }
}

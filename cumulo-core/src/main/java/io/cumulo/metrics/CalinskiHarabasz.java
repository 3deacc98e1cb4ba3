package io.cumulo.metrics;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/**
 * Calinski–Harabasz index, or variance ratio criterion (T. Caliński, J. Harabasz, "A dendrite method for cluster
 * analysis", Communications in Statistics 3(1), 1974): with n rows in k non-empty clusters,
 * {@code CH = [B / (k − 1)] / [W / (n − k)]}, where {@code B = Σ_c n_c ‖m_c − m‖²} is the dispersion of the
 * cluster means {@code m_c} around the overall mean {@code m} and {@code W = Σ_i ‖x_i − m_{c(i)}‖²} the
 * within-cluster dispersion. Higher is better. As scikit-learn's {@code calinski_harabasz_score}: defined for
 * 2 ≤ k ≤ n − 1, and 1 when W = 0 (every cluster a single repeated point). Rows labelled {@code -1} (noise) are
 * left out (n counts the others); sample weights are not used.
 */
public final class CalinskiHarabasz {
    static final String NAME = "calinski-harabasz";

    private CalinskiHarabasz() {
    }

    public static double score(Dataset data, int[] labels, ExecutionContext ctx) {
        return compute(data, labels, ctx).value();
    }

    public static IndexValue compute(Dataset data, int[] labels, ExecutionContext ctx) {
        Partition p = Partition.of(data, labels, NAME);
        p.requireTwoToMembersMinusOne(NAME);
        return of(p, p.centroids(ctx), ctx);
    }

    static IndexValue of(Partition p, double[] centroids, ExecutionContext ctx) {
        double[] mean = p.overallMean(centroids);
        int d = p.d;
        double between = 0;
        for (int c = 0; c < p.k; c++) {
            if (p.sizes[c] == 0) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = centroids[c * d + j] - mean[j];
                s += t * t;
            }
            between += p.sizes[c] * s;
        }
        double within = 0;
        for (double s : p.distanceSums(centroids, true, ctx)) {
            within += s;
        }
        int n = p.members;
        int k = p.clusters;
        double ch = within == 0 ? 1.0 : between * (n - k) / (within * (k - 1.0));
        return new IndexValue(ch, k, n, p.noise);
    }
}

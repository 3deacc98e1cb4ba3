package io.cumulo.metrics;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/**
 * Davies–Bouldin index (D. L. Davies, D. W. Bouldin, "A cluster separation measure", IEEE Trans. Pattern Anal.
 * Mach. Intell. PAMI-1(2), 1979), Euclidean, with q = p = 2 as scikit-learn: each cluster's scatter {@code S_c} is
 * the mean distance of its rows to its centroid, and {@code DB = (1/k) Σ_c max_{c' ≠ c} (S_c + S_c') / ‖m_c − m_c'‖}
 * over the k non-empty clusters. Lower is better; 0 is the lowest. Defined for 2 ≤ k ≤ n − 1; 0 when every
 * scatter is 0 (every cluster a single repeated point).
 *
 * <p>One deliberate difference from scikit-learn's {@code davies_bouldin_score}: two clusters with the same
 * centroid make the ratio (and the index) infinite here, since such clusters are not separated at all, while
 * scikit-learn skips the pair (which makes the index smaller, as if the clusters were well apart). And the
 * "all scatters 0" case is tested exactly rather than to scikit-learn's absolute 1e-8, which depends on the
 * data's units. Rows labelled {@code -1} (noise) are left out; sample weights are not used.
 */
public final class DaviesBouldin {
    static final String NAME = "davies-bouldin";

    private DaviesBouldin() {
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
        double[] scatter = p.distanceSums(centroids, false, ctx);
        boolean allZero = true;
        for (int c = 0; c < p.k; c++) {
            if (p.sizes[c] > 0) {
                scatter[c] /= p.sizes[c];
                allZero &= scatter[c] == 0;
            }
        }
        if (allZero) {
            return new IndexValue(0.0, p.clusters, p.members, p.noise);
        }
        int d = p.d;
        double total = 0;
        for (int a = 0; a < p.k; a++) {
            if (p.sizes[a] == 0) {
                continue;
            }
            double worst = 0;
            for (int b = 0; b < p.k; b++) {
                if (b == a || p.sizes[b] == 0) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = centroids[a * d + j] - centroids[b * d + j];
                    s += t * t;
                }
                // coinciding centroids: the clusters are not separated at all
                double ratio = s == 0 ? Double.POSITIVE_INFINITY : (scatter[a] + scatter[b]) / Math.sqrt(s);
                worst = Math.max(worst, ratio);
            }
            total += worst;
        }
        return new IndexValue(total / p.clusters, p.clusters, p.members, p.noise);
    }
}

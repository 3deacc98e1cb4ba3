package io.cumulo.metrics;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/**
 * Inertia, the within-cluster sum of squared Euclidean distances {@code Σ_i ‖x_i − c_{l(i)}‖²}: the objective of
 * k-means (J. MacQueen, "Some methods for classification and analysis of multivariate observations", Proc. 5th
 * Berkeley Symp. 1967; S. Lloyd, IEEE Trans. Inf. Theory 28(2), 1982), and the {@code W_k} of the gap statistic.
 * The centres {@code c} are the means of the clusters' rows, or given ones (a k-means model's). Rows labelled
 * {@code -1} (noise) are left out. Lower is better for a fixed k, but it always falls as k grows, so it does not
 * choose k by itself. Sample weights are not used (every row counts once). Distances are summed from the
 * differences, so data far from the origin lose no precision.
 */
public final class Inertia {
    static final String NAME = "inertia";

    private Inertia() {
    }

    /** Around the clusters' means. */
    public static double score(Dataset data, int[] labels, ExecutionContext ctx) {
        return compute(data, labels, ctx).value();
    }

    /** Around the clusters' means, with the rows and noise counted. */
    public static IndexValue compute(Dataset data, int[] labels, ExecutionContext ctx) {
        Partition p = Partition.of(data, labels, NAME);
        return of(p, p.centroids(ctx), ctx);
    }

    /**
     * Around the given centres ({@code ≥ k × d} row-major, row {@code c} the centre of cluster {@code c}): for a
     * k-means model, its unweighted inertia on {@code data}.
     */
    public static IndexValue compute(Dataset data, int[] labels, double[] centres, ExecutionContext ctx) {
        Partition p = Partition.of(data, labels, NAME);
        p.requireCentres(centres, NAME);
        return of(p, centres, ctx);
    }

    static IndexValue of(Partition p, double[] centres, ExecutionContext ctx) {
        double total = 0;
        for (double s : p.distanceSums(centres, true, ctx)) {
            total += s;
        }
        return new IndexValue(total, p.clusters, p.members, p.noise);
    }
}

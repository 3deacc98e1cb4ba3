package io.cumulo.cluster.density;

import io.cumulo.estimator.CondensedTree;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Which clusters of a condensed tree become the labels.
 *
 * <ul>
 * <li><b>Stability</b> (Campello et al. 2013, eq. 3): {@code S(C) = Σ_{x ∈ C} (λ_x − λ_birth(C))}, where {@code λ_x}
 *     is the level at which row {@code x} leaves {@code C} (itself, or in one of the clusters {@code C} splits into,
 *     which then counts at their birth). Infinite when a row leaves at an infinite level (duplicates).</li>
 * <li><b>Excess of mass</b> ({@code eom}, the paper's optimal selection): from the leaves up, a cluster is kept when its
 *     stability is at least the best total of its descendants (ties keep the parent, as the {@code hdbscan} package and
 *     R do); the root only with {@code allow-single-cluster}.</li>
 * <li><b>Leaf</b>: the clusters that never split (the root alone, with {@code allow-single-cluster}, when nothing
 *     splits).</li>
 * <li><b>Epsilon</b> (Malzer &amp; Baum 2020, "A hybrid approach to hierarchical density-based cluster selection"):
 *     a chosen cluster born at a distance {@code 1/λ_birth} below {@code ε} is replaced by its nearest ancestor born
 *     at a distance above {@code ε}, so clusters that only separate below {@code ε} are merged; the walk stops below
 *     the root (at the root with {@code allow-single-cluster}). These are the comparisons of the authors'
 *     implementation in the {@code hdbscan} package; a selection nested in another (possible only when {@code ε}
 *     equals a birth distance exactly) keeps the outer one.</li>
 * </ul>
 */
final class ClusterSelection {
    private ClusterSelection() {
    }

    /**
     * Each cluster's stability (the root's included), in cluster order. Under {@link Convention#R_DBSCAN}, R's
     * arithmetic: {@code Σ (λ_x − λ_birth) + n_split·(λ_death − λ_birth)}, which for a cluster that never splits but
     * ends at an infinite level is {@code 0·∞}, not a number; such a cluster then loses to its parent (R's comparison
     * {@code old < new} is false), which the same IEEE comparisons here reproduce.
     */
    static double[] stabilities(CondensedTree t, Convention convention) {
        int c = t.clusters();
        double[] s = new double[c];
        double[] top = new double[c];
        for (int r = 0; r < t.rows(); r++) {
            int p = t.rowCluster(r);
            s[p] += t.rowLambda(r) - t.birth(p);
            top[p] = Math.max(top[p], t.rowLambda(r));
        }
        for (int i = 1; i < c; i++) {
            int p = t.parent(i);
            s[p] += (t.birth(i) - t.birth(p)) * t.size(i);
        }
        if (convention == Convention.R_DBSCAN) {
            for (int i = 0; i < c; i++) {
                if (t.childCount(i) == 0 && top[i] == Double.POSITIVE_INFINITY) {
                    s[i] = Double.NaN;
                }
            }
        }
        return s;
    }

    /**
     * The selected clusters in label order (label {@code j} is the {@code j}-th): by the smallest row each holds, so
     * the first clustered row is in cluster 0; empty when none is selected.
     *
     * @param leaf    leaf selection instead of excess of mass
     * @param epsilon {@code cluster-selection-epsilon} (0: none)
     */
    static int[] select(CondensedTree t, double[] stability, boolean leaf, double epsilon, boolean allowSingle) {
        int c = t.clusters();
        boolean[] chosen = new boolean[c];
        if (leaf) {
            boolean any = false;
            for (int i = 1; i < c; i++) {
                if (t.childCount(i) == 0) {
                    chosen[i] = true;
                    any = true;
                }
            }
            if (!any && allowSingle) {
                chosen[0] = true;
            }
        } else {
            double[] best = new double[c];
            boolean[] keep = new boolean[c];
            for (int i = c - 1; i >= (allowSingle ? 0 : 1); i--) {
                if (t.childCount(i) == 0) {
                    keep[i] = true;
                    best[i] = stability[i];
                    continue;
                }
                double sum = 0;
                for (int k = 0; k < t.childCount(i); k++) {
                    sum += best[t.child(i, k)];
                }
                if (sum > stability[i]) {
                    best[i] = sum;
                } else {
                    best[i] = stability[i];
                    keep[i] = true;
                }
            }
            if (!allowSingle) {
                // the root's own verdict is not asked: its children's stand
                keep[0] = false;
            }
            outermost(t, keep, chosen);
        }
        if (epsilon > 0) {
            boolean[] merged = new boolean[c];
            for (int i = 0; i < c; i++) {
                if (chosen[i]) {
                    merged[epsilonAncestor(t, i, epsilon, allowSingle)] = true;
                }
            }
            Arrays.fill(chosen, false);
            outermost(t, merged, chosen);
        }
        // the smallest row under each cluster (children are numbered after their parents)
        int[] minRow = new int[c];
        Arrays.fill(minRow, Integer.MAX_VALUE);
        for (int r = t.rows() - 1; r >= 0; r--) {
            minRow[t.rowCluster(r)] = r;
        }
        for (int i = c - 1; i >= 1; i--) {
            minRow[t.parent(i)] = Math.min(minRow[t.parent(i)], minRow[i]);
        }
        return IntStream.range(0, c).filter(i -> chosen[i]).boxed()
                .sorted(Comparator.comparingInt(i -> minRow[i])).mapToInt(Integer::intValue).toArray();
    }

    /** {@code out}: the marked clusters with no marked ancestor. */
    private static void outermost(CondensedTree t, boolean[] marked, boolean[] out) {
        int c = t.clusters();
        boolean[] covered = new boolean[c];
        for (int i = 0; i < c; i++) {
            int p = t.parent(i);
            covered[i] = p >= 0 && (covered[p] || out[p]);
            out[i] = marked[i] && !covered[i];
        }
    }

    /** The cluster that stands for {@code cluster} under {@code cluster-selection-epsilon}. */
    private static int epsilonAncestor(CondensedTree t, int cluster, double epsilon, boolean allowSingle) {
        if (cluster == 0 || !(1 / t.birth(cluster) < epsilon)) {
            return cluster;
        }
        int cur = cluster;
        while (true) {
            int p = t.parent(cur);
            if (p == 0) {
                return allowSingle ? 0 : cur;
            }
            if (1 / t.birth(p) > epsilon) {
                return p;
            }
            cur = p;
        }
    }
}

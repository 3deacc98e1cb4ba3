package io.cumulo.cluster.density;

import io.cumulo.estimator.CondensedTree;

import java.util.Arrays;

/**
 * What a place in the condensed tree means: a row (a training row, or a new row placed by approximate prediction)
 * that leaves cluster {@code P} at level {@code λ} gets its label, its membership strength and its outlier score from
 * {@code (P, λ)} alone, by the same arithmetic for training and new rows.
 *
 * <ul>
 * <li><b>Label</b>: the selected cluster that is {@code P} or an ancestor of it, else noise ({@code -1}). When the root
 *     itself is selected ({@code allow-single-cluster}), a row is in it only if it leaves at
 *     {@code λ ≥ 1/cluster-selection-epsilon}, or without epsilon at {@code λ} at least the largest level at which
 *     anything leaves the root itself (the {@code hdbscan} package's rule: the rows that leave the root early are
 *     noise).</li>
 * <li><b>Strength</b> ({@code probabilities}): {@link Convention#CAMPELLO}: {@code min(λ, λ_max)/λ_max}, with
 *     {@code λ_max} the largest level at which a row or a sub-cluster leaves the selected cluster itself (McInnes et
 *     al.'s {@code hdbscan}); {@link Convention#R_DBSCAN}: {@code (c_max − core)/c_max}, {@code c_max} the largest
 *     core distance among the cluster's training rows (R's {@code membership_prob}), clamped to [0, 1] for new rows.
 *     0 for noise; 1 for a row at an infinite level (or when {@code c_max} is 0).</li>
 * <li><b>GLOSH</b> (Campello, Moulavi, Zimek &amp; Sander 2015, eq. 8): {@code 1 − λ/λ_max(P)}, where
 *     {@code λ_max(P)} is the largest level at which any row leaves {@code P} or a cluster below it (the density of
 *     its densest row): {@code 1 − ε_max/ε} in distances, as R writes it. A row at an infinite level scores 0; any
 *     other row of a cluster holding rows at an infinite level scores 1.</li>
 * </ul>
 */
final class TreeLabelling {
    private final CondensedTree tree;
    private final Convention convention;
    /** Label of each cluster: its own or its nearest selected ancestor's, -1 for none. */
    private final int[] clusterLabel;
    private final boolean rootSelected;
    private final double rootThreshold;
    /** Per label: the largest level of a direct leaver (campello strengths). */
    private final double[] labelMaxLambda;
    /** Per label: the largest core distance of its training rows (R strengths). */
    private final double[] labelMaxCore;
    /** Per cluster: the largest level of any row in its subtree (GLOSH). */
    private final double[] subtreeMaxLambda;

    TreeLabelling(CondensedTree tree, int[] selected, double epsilon, Convention convention, double[] trainingCore) {
        this.tree = tree;
        this.convention = convention;
        int c = tree.clusters();
        int n = tree.rows();
        int k = selected.length;
        double[] direct = new double[c];
        for (int r = 0; r < n; r++) {
            int p = tree.rowCluster(r);
            direct[p] = Math.max(direct[p], tree.rowLambda(r));
        }
        subtreeMaxLambda = direct.clone();
        for (int i = c - 1; i >= 1; i--) {
            int p = tree.parent(i);
            direct[p] = Math.max(direct[p], tree.birth(i));
            subtreeMaxLambda[p] = Math.max(subtreeMaxLambda[p], subtreeMaxLambda[i]);
        }
        int[] selIndex = new int[c];
        Arrays.fill(selIndex, -1);
        for (int j = 0; j < k; j++) {
            selIndex[selected[j]] = j;
        }
        rootSelected = k == 1 && selected[0] == 0;
        rootThreshold = epsilon > 0 ? 1 / epsilon : direct[0];
        clusterLabel = new int[c];
        clusterLabel[0] = selIndex[0];
        for (int i = 1; i < c; i++) {
            clusterLabel[i] = selIndex[i] >= 0 ? selIndex[i] : clusterLabel[tree.parent(i)];
        }
        labelMaxLambda = new double[k];
        for (int j = 0; j < k; j++) {
            labelMaxLambda[j] = direct[selected[j]];
        }
        labelMaxCore = new double[k];
        if (convention == Convention.R_DBSCAN) {
            for (int r = 0; r < n; r++) {
                int l = label(tree.rowCluster(r), tree.rowLambda(r));
                if (l >= 0) {
                    labelMaxCore[l] = Math.max(labelMaxCore[l], trainingCore[r]);
                }
            }
        }
    }

    int numLabels() {
        return labelMaxLambda.length;
    }

    /** The label of a row leaving {@code cluster} at {@code lambda}. */
    int label(int cluster, double lambda) {
        if (rootSelected) {
            return lambda >= rootThreshold ? 0 : -1;
        }
        return clusterLabel[cluster];
    }

    /** Its membership strength (see the class comment); {@code core} is its core distance. */
    double strength(int cluster, double lambda, double core) {
        int l = label(cluster, lambda);
        if (l < 0) {
            return 0;
        }
        if (convention == Convention.R_DBSCAN) {
            double max = labelMaxCore[l];
            if (!(max > 0)) {
                return 1;
            }
            double p = (max - core) / max;
            return p < 0 ? 0 : p > 1 ? 1 : p;
        }
        double max = labelMaxLambda[l];
        if (lambda == Double.POSITIVE_INFINITY || max == 0) {
            return 1;
        }
        return Math.min(lambda, max) / max;
    }

    /** Its GLOSH outlier score (see the class comment). */
    double glosh(int cluster, double lambda) {
        double max = subtreeMaxLambda[cluster];
        if (lambda == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (max == Double.POSITIVE_INFINITY) {
            return 1;
        }
        return max > 0 ? 1 - lambda / max : 0;
    }

    /** The largest level at which anything leaves {@code cluster} or a cluster below it. */
    double subtreeMaxLambda(int cluster) {
        return subtreeMaxLambda[cluster];
    }

    CondensedTree tree() {
        return tree;
    }
}

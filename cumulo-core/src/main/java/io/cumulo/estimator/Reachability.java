package io.cumulo.estimator;

import java.util.OptionalDouble;

/**
 * The reachability plot of an OPTICS ordering (Ankerst et al. 1999), what its report draws and the cluster
 * extractions read. Arrays are indexed by training row (as scikit-learn's {@code reachability_}, {@code
 * core_distances_}, {@code predecessor_}) except {@link #ordering()}, which lists the rows in the order visited; so
 * the plot is {@code reachability()[ordering()[i]]} for {@code i = 0 .. n−1}. Infinite values mean "undefined": the
 * first row of each connected part has infinite reachability, and a row with fewer than {@code min-samples} rows
 * within {@code max-eps} an infinite core distance.
 */
public interface Reachability {
    /** The training rows in the order OPTICS visited them; a copy. */
    int[] ordering();

    /** Each row's reachability distance (infinite for the first row of each part); a copy. */
    double[] reachability();

    /** Each row's core distance: the distance to its {@code min-samples}-th nearest row, itself counted; a copy. */
    double[] coreDistances();

    /** The row each row was reached from ({@code -1} for the first row of each part); a copy. */
    int[] predecessor();

    /** The reachability cut that made the labels, when they come from one (the DBSCAN extraction's {@code eps}). */
    OptionalDouble cutDistance();

    /**
     * The clusters the extraction found, as {@code [start, end]} ranges of positions in {@link #ordering()}
     * (inclusive), nested ones before those containing them (scikit-learn's {@code cluster_hierarchy_}); empty when
     * the extraction is not hierarchical.
     */
    int[][] clusterHierarchy();
}

package io.cumulo.estimator;

/**
 * A density-based clustering whose clusters were chosen from a hierarchy of density levels (HDBSCAN): the
 * {@link CondensedTree} and which of its clusters became the labels. What the report's icicle plot draws.
 */
public interface DensityHierarchy {
    /** The condensed tree over the training rows. */
    CondensedTree condensedTree();

    /** The tree's cluster behind each label: label {@code j} is cluster {@code selectedClusters()[j]}, a copy. */
    int[] selectedClusters();

    /** Each selected cluster's stability (Campello et al. 2013's excess of mass), in label order, a copy. */
    double[] clusterStabilities();
}

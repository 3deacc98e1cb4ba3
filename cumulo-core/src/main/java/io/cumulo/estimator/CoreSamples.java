package io.cumulo.estimator;

/**
 * The core samples of a density-based clustering (DBSCAN; Ester et al. 1996): the training rows with enough weight
 * within {@code eps} to grow a cluster. Every core sample is in a cluster, the clusters are the core samples'
 * density-connected sets, and the other clustered rows (border rows) are within {@code eps} of a core sample.
 * {@code predict} on a core sample gives its training label back.
 */
public interface CoreSamples {
    /** The core training rows, ascending (scikit-learn's {@code core_sample_indices_}); a copy. */
    int[] coreSampleIndices();
}

package io.cumulo.estimator;

/**
 * A clustering that may leave rows out of every cluster as noise (label {@code -1}) instead of putting each row in a
 * cluster: DBSCAN, OPTICS, HDBSCAN. Fronts report its noise share always, not only when there is noise
 * ({@code n_clusters}, {@code n_noise} and {@code noise_fraction} in {@code cumulo cluster --json}; a plain
 * statement when every row is noise), so that a run that found only noise reads as such and not as an error.
 */
public interface Noise {
    /** Training rows labelled noise ({@code -1}); kept in the model file, so also known for a model read back. */
    int noiseCount();

    /** Training rows, noise included. */
    int trainingRows();
}

package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.estimator.Estimator;
import io.cumulo.neighbors.Distance;
import io.cumulo.preprocessing.ScalerModel;

/**
 * A clustering algorithm with its parameters: an {@link Estimator} whose fitted model puts rows into clusters.
 *
 * @param <M> the fitted model type
 */
public interface Clusterer<M extends ClusteringModel> extends Estimator<M> {
    /**
     * This configuration for data scaled by {@code scaler}: anything given in the input's units (such as
     * explicit initial centres) is scaled the same way. Most algorithms have nothing to adjust.
     */
    default Clusterer<M> inScaledSpace(ScalerModel scaler) {
        return this;
    }

    /**
     * Whether the configuration holds values in the input's units (k-means' given initial centres), which a
     * reduction between scaling and clustering would not keep.
     */
    default boolean holdsInputUnits() {
        return false;
    }

    /**
     * Whether the input's columns are features (scaled, reduced, profiled); false when they are something else, such
     * as the precomputed dissimilarities of {@code agglomerative metric=precomputed}.
     */
    default boolean takesFeatures() {
        return true;
    }

    /** The input in the form {@link #fit} takes (a condensed dissimilarity matrix made square, say); most: as it is. */
    default Dataset prepare(Dataset input) {
        return input;
    }

    /**
     * The distance the clustering is made under, and so the one its silhouette is judged by: k-medoids' metric,
     * cosine for spherical k-means, else Euclidean.
     */
    default Distance distance() {
        return Distance.EUCLIDEAN;
    }
}

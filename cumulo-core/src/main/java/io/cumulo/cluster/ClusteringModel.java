package io.cumulo.cluster;

import io.cumulo.estimator.Labels;
import io.cumulo.estimator.Model;
import io.cumulo.neighbors.Distance;

/**
 * A fitted clustering: a {@link Model} with {@link Labels}. Further capabilities ({@link io.cumulo.estimator.Centroids},
 * {@link io.cumulo.estimator.SoftAssignments}, {@link io.cumulo.estimator.Objective}, ...) are told by the interfaces
 * each model implements.
 */
public interface ClusteringModel extends Model, Labels {
    /** The distance the clustering was made under ({@link Clusterer#distance()}). */
    default Distance distance() {
        return Distance.EUCLIDEAN;
    }
}

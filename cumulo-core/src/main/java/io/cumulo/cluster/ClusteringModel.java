package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.param.ParamValues;

import java.util.Map;

/** A fitted clustering: its training labels, statistics, and (where the algorithm allows) labels for new data. */
public interface ClusteringModel {
    String algorithm();

    ParamValues params();

    int numFeatures();

    int numClusters();

    /** Cluster of each training row ({@code -1} marks noise for algorithms that have it). A copy. */
    int[] labels();

    /** Clusters for new rows with the training features, in the same (scaled) space. */
    int[] predict(Dataset data, io.cumulo.exec.ExecutionContext ctx);

    /** As {@link #predict(Dataset, io.cumulo.exec.ExecutionContext)} with all processors. */
    default int[] predict(Dataset data) {
        return predict(data, io.cumulo.exec.ExecutionContext.defaults());
    }

    /**
     * The algorithm's objective on new rows (already scaled) under the same JSON key as in {@link #summary()}:
     * {@code inertia} for k-means, {@code loss} for k-medoids; empty when it has none.
     */
    default Map<String, Object> score(Dataset data) {
        return Map.of();
    }

    /** Training statistics (sizes, objective, iterations...) under the stable JSON keys. */
    Map<String, Object> summary();

    /**
     * Extra per-row results of the training rows, written as extra columns of the labels CSV after
     * {@code cluster} (for example fuzzy memberships {@code membership_0..k-1}). Column name → one value per row,
     * in order. Empty for most algorithms.
     */
    default Map<String, double[]> rowOutputs() {
        return Map.of();
    }

    /**
     * The same per-row results for new rows (already scaled, as for {@code predict}), in the same columns, so that
     * {@code predict} writes what {@code cluster} writes. Empty for most algorithms.
     */
    default Map<String, double[]> rowOutputs(Dataset data, io.cumulo.exec.ExecutionContext ctx) {
        return Map.of();
    }

    /** What a model file stores to rebuild this model: the {@code model} block. */
    Map<String, Object> toJson();
}

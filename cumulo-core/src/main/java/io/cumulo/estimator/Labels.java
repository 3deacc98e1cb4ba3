package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/** A model that puts rows into clusters: the training rows' labels and a label for new rows. */
public interface Labels {
    /** Number of clusters (labels are 0 .. numClusters − 1; {@code -1} marks noise where an algorithm has it). */
    int numClusters();

    /** Cluster of each training row, a copy; {@code null} for a model read from a file (it keeps no rows). */
    int[] labels();

    /** Training rows per cluster. */
    int[] clusterSizes();

    /** Clusters of new rows with the training features, in the space the model was fitted in. */
    int[] predict(Dataset data, ExecutionContext ctx);

    /** As {@link #predict(Dataset, ExecutionContext)} with all processors. */
    default int[] predict(Dataset data) {
        return predict(data, ExecutionContext.defaults());
    }
}

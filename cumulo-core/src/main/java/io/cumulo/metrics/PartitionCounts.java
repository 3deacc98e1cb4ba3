package io.cumulo.metrics;

import io.cumulo.data.Dataset;

/**
 * How many rows, clusters and noise rows a labelling has, after the checks every index makes (one label per row,
 * each ≥ 0 or {@code -1} for noise), for code outside this package that needs the same rule (model selection).
 *
 * @param rows     rows of the data
 * @param members  rows with a cluster
 * @param noise    rows labelled {@code -1}
 * @param clusters clusters with at least one row
 */
public record PartitionCounts(int rows, int members, int noise, int clusters) {
    /** Checks {@code labels} against {@code data}; {@code index} names the caller in error messages. */
    public static PartitionCounts of(Dataset data, int[] labels, String index) {
        Partition p = Partition.of(data, labels, index);
        return new PartitionCounts(p.n, p.members, p.noise, p.clusters);
    }
}

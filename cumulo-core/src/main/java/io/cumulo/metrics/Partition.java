package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

/**
 * A hard partition of a dataset's rows as the internal indices see it: labels checked against the data, cluster
 * sizes, the rows labelled {@code -1} (noise, left out of every index) counted, and the per-cluster sums every
 * centroid-based index needs. Sums over rows are taken chunk by chunk over a split that depends only on the
 * data's shape, and the chunks' partials added in chunk order, so the results do not depend on the thread count.
 */
final class Partition {
    /** Most doubles the per-chunk partial centroid sums may take (chunks × k × d), to bound memory for large k·d. */
    private static final long PARTIAL_BUDGET = 1L << 22;

    final Dataset data;
    final double[] x;
    final int n;
    final int d;
    final int[] labels;
    /** One more than the largest label: cluster numbers run over {@code [0, k)}, some possibly empty. */
    final int k;
    final int[] sizes;
    /** Rows with a cluster (not noise). */
    final int members;
    final int noise;
    /** Clusters with at least one row. */
    final int clusters;

    private Partition(Dataset data, int[] labels, int k, int[] sizes, int members, int clusters) {
        this.data = data;
        this.x = data.rawValues();
        this.n = data.rows();
        this.d = data.cols();
        this.labels = labels;
        this.k = k;
        this.sizes = sizes;
        this.members = members;
        this.noise = n - members;
        this.clusters = clusters;
    }

    /**
     * Checks {@code labels} against {@code data}: one label per row, each a cluster number ≥ 0 or {@code -1} for
     * noise. {@code index} names the index in error messages.
     */
    static Partition of(Dataset data, int[] labels, String index) {
        if (labels == null) {
            throw new CumuloException(index + ": no labels given");
        }
        if (labels.length != data.rows()) {
            throw new CumuloException(index + ": " + labels.length + " labels for " + data.rows() + " rows of "
                    + data.source() + "; expected one label per row");
        }
        int k = 0;
        int maxLabel = Math.max(labels.length, 1 << 20);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < -1) {
                throw new CumuloException(index + ": row " + data.rowId(i) + " of " + data.source() + " has label " + l
                        + "; expected a cluster number ≥ 0, or -1 for noise");
            }
            if (l >= maxLabel) { // per-cluster arrays are sized by the largest number: keep them bounded
                throw new CumuloException(index + ": row " + data.rowId(i) + " of " + data.source() + " has label " + l
                        + "; cluster numbers must be below " + maxLabel + " (renumber the clusters)");
            }
            k = Math.max(k, l + 1);
        }
        int[] sizes = new int[k];
        int members = 0;
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
                members++;
            }
        }
        int clusters = 0;
        for (int s : sizes) {
            if (s > 0) {
                clusters++;
            }
        }
        return new Partition(data, labels, k, sizes, members, clusters);
    }

    /**
     * Stops with a one-line error unless there are between 2 and (non-noise rows − 1) non-empty clusters, the
     * range in which silhouette, Calinski–Harabasz and Davies–Bouldin are defined (scikit-learn's rule).
     */
    void requireTwoToMembersMinusOne(String index) {
        if (clusters < 2 || clusters > members - 1) {
            throw new CumuloException(index + " needs between 2 and n-1 clusters; found " + clusters + " clusters for "
                    + members + " rows" + (noise > 0 ? " (" + noise + " noise rows left out)" : ""));
        }
    }

    /** Whether {@link #requireTwoToMembersMinusOne} would pass. */
    boolean twoToMembersMinusOne() {
        return clusters >= 2 && clusters <= members - 1;
    }

    /** The split of the rows used by every sum here: depends on n, k and d only. */
    private Chunks chunks() {
        long perChunk = Math.max(1L, (long) k * (d + 1));
        int maxChunks = (int) Math.max(1, Math.min(256, PARTIAL_BUDGET / perChunk));
        return Chunks.of(n, 2048, maxChunks);
    }

    /** Means of the clusters' rows, {@code k × d} row-major; an empty cluster's row is all zeros. */
    double[] centroids(ExecutionContext ctx) {
        Chunks chunks = chunks();
        double[][] partial = new double[chunks.count()][];
        VectorKernels kernels = VectorKernels.get();
        ctx.parallelFor(chunks.count(), c -> {
            double[] sums = new double[k * d];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int l = labels[i];
                if (l >= 0) {
                    kernels.axpy(1.0, x, i * d, sums, l * d, d);
                }
            }
            partial[c] = sums;
        });
        double[] centres = new double[k * d];
        for (double[] p : partial) {
            for (int j = 0; j < centres.length; j++) {
                centres[j] += p[j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] > 0) {
                for (int j = 0; j < d; j++) {
                    centres[c * d + j] /= sizes[c];
                }
            }
        }
        return centres;
    }

    /** Mean of all non-noise rows. */
    double[] overallMean(double[] centroids) {
        // Σ_c n_c·centroid_c / n: the same arithmetic whatever the thread count, and no extra pass over the data
        double[] mean = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                mean[j] += sizes[c] * centroids[c * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= members;
        }
        return mean;
    }

    /**
     * Per cluster, the sum over its rows of {@code ‖x − centre‖²} ({@code squared}) or {@code ‖x − centre‖}, with
     * {@code centres} {@code k × d} row-major. Computed from the differences (no cancellation).
     */
    double[] distanceSums(double[] centres, boolean squared, ExecutionContext ctx) {
        Chunks chunks = chunks();
        double[][] partial = new double[chunks.count()][];
        VectorKernels kernels = VectorKernels.get();
        ctx.parallelFor(chunks.count(), c -> {
            double[] sums = new double[k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int l = labels[i];
                if (l >= 0) {
                    double dd = kernels.squaredDistance(x, i * d, centres, l * d, d);
                    sums[l] += squared ? dd : Math.sqrt(dd);
                }
            }
            partial[c] = sums;
        });
        double[] out = new double[k];
        for (double[] p : partial) {
            for (int c = 0; c < k; c++) {
                out[c] += p[c];
            }
        }
        return out;
    }

    /** Centres given from outside (a k-means model's) checked against this partition: k × d, every label covered. */
    void requireCentres(double[] centres, String index) {
        if (centres.length % Math.max(d, 1) != 0) {
            throw new CumuloException(index + ": the centres have " + centres.length + " values, not a multiple of the "
                    + d + " features of " + data.source());
        }
        int given = centres.length / Math.max(d, 1);
        if (given < k) {
            throw new CumuloException(index + ": the labels use cluster " + (k - 1) + " but only " + given
                    + " centres are given");
        }
    }
}

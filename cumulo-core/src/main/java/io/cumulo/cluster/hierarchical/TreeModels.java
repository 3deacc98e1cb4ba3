package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;

import java.util.Arrays;

/** What the models of trees over rows (agglomerative, DIANA) compute and read back alike. */
final class TreeModels {
    private TreeModels() {
    }

    /** The clusters' (weighted) means, {@code k × d}; {@code mass} (may be null) receives their weights. */
    static double[] means(double[] x, int n, int d, int[] labels, int k, double[] w, double[] mass) {
        double[] m = mass != null ? mass : new double[k];
        double[] centres = new double[k * d];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            double wi = w == null ? 1 : w[i];
            m[c] += wi;
            for (int l = 0; l < d; l++) {
                centres[c * d + l] += wi * x[i * d + l];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int l = 0; l < d; l++) {
                centres[c * d + l] /= m[c];
            }
        }
        return centres;
    }

    /** Rows per cluster. */
    static int[] sizes(int[] labels, int k) {
        int[] s = new int[k];
        for (int l : labels) {
            s[l]++;
        }
        return s;
    }

    /**
     * Each new row's cluster by its dissimilarities to the training rows ({@code members}, labelled {@code memberLabels};
     * with {@code metric} null the new rows are those dissimilarities, one column per training row): the smallest
     * ({@code SINGLE}), the largest ({@code COMPLETE}) or the mean (otherwise) over each cluster's rows, the lowest
     * cluster winning ties.
     */
    static int[] predictByMembers(Linkage rule, Distance metric, double[] members, int[] memberLabels, int k, int d,
                                  Dataset data, ExecutionContext ctx) {
        int rows = data.rows();
        int[] out = new int[rows];
        double[] x = data.rawValues();
        int cols = data.cols();
        int n = memberLabels.length;
        Chunks chunks = Chunks.of(rows, 256, 256);
        ctx.parallelFor(chunks.count(), c -> {
            double[] agg = new double[k];
            double[] cnt = new double[k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                Arrays.fill(agg, rule == Linkage.SINGLE ? Double.POSITIVE_INFINITY
                        : rule == Linkage.COMPLETE ? Double.NEGATIVE_INFINITY : 0);
                Arrays.fill(cnt, 0);
                for (int j = 0; j < n; j++) {
                    double v = metric == null ? x[i * cols + j] : metric.between(x, i * d, members, j * d, d);
                    int l = memberLabels[j];
                    if (rule == Linkage.SINGLE) {
                        agg[l] = Math.min(agg[l], v);
                    } else if (rule == Linkage.COMPLETE) {
                        agg[l] = Math.max(agg[l], v);
                    } else {
                        agg[l] += v;
                        cnt[l]++;
                    }
                }
                int best = 0;
                double bv = Double.POSITIVE_INFINITY;
                for (int l = 0; l < k; l++) {
                    double v = rule == Linkage.SINGLE || rule == Linkage.COMPLETE ? agg[l] : agg[l] / cnt[l];
                    if (v < bv) {
                        bv = v;
                        best = l;
                    }
                }
                out[i] = best;
            }
        });
        return out;
    }

    /** Fails unless new rows fit a model of {@code trainingRows} fitted on precomputed dissimilarities. */
    static void requireDissimilarityRows(Dataset data, int trainingRows) {
        if (data.cols() != trainingRows) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " columns but a model fitted on "
                    + "precomputed dissimilarities takes one per training row (" + trainingRows + ")");
        }
    }

    /** The agglomerative coefficient (R's {@code agnes} "ac"): the mean over rows of 1 − (height of the row's first merge / the last merge's). */
    static double agglomerativeCoefficient(ClusterTree tree) {
        int n = tree.leaves();
        int m = tree.merges();
        if (m == 0) {
            return Double.NaN;
        }
        double top = tree.height(m - 1);
        double s = 0;
        for (int i = 0; i < m; i++) {
            for (int child : new int[] {tree.left(i), tree.right(i)}) {
                if (child < n) {
                    s += 1 - (top > 0 ? tree.height(i) / top : 0);
                }
            }
        }
        return s / n;
    }

    /** The tree of a model file's {@code linkage_matrix}, checked: ids of earlier nodes, heights ≥ 0, sizes right. */
    static ClusterTree linkageFromJson(JsonObject model, String heightMeaning) {
        int n = model.getList("linkage_matrix").size() + 1;
        double[] flat = model.getMatrix("linkage_matrix", n - 1, 4);
        int[] left = new int[n - 1];
        int[] right = new int[n - 1];
        double[] height = new double[n - 1];
        long[] size = new long[n - 1];
        long[] nodeSize = new long[2 * n - 1];
        Arrays.fill(nodeSize, 0, n, 1);
        for (int i = 0; i < n - 1; i++) {
            double a = flat[4 * i];
            double b = flat[4 * i + 1];
            if (a != Math.rint(a) || b != Math.rint(b) || a < 0 || b < 0 || a >= n + i || b >= n + i) {
                throw new CumuloException("model: 'linkage_matrix' row " + i + " joins " + a + " and " + b
                        + "; ids must be whole numbers below " + (n + i));
            }
            left[i] = (int) a;
            right[i] = (int) b;
            height[i] = flat[4 * i + 2];
            if (!Double.isFinite(height[i]) || height[i] < 0) {
                throw new CumuloException("model: 'linkage_matrix' row " + i + " has height " + height[i]
                        + "; heights are finite and ≥ 0");
            }
            size[i] = nodeSize[left[i]] + nodeSize[right[i]];
            nodeSize[n + i] = size[i];
            if (flat[4 * i + 3] != size[i]) {
                throw new CumuloException("model: 'linkage_matrix' row " + i + " says size " + flat[4 * i + 3]
                        + " but joins " + size[i] + " rows");
            }
        }
        long[] leaves = new long[n];
        Arrays.fill(leaves, 1);
        return new ClusterTree(n, left, right, height, size, leaves, heightMeaning);
    }

    /** A row-major matrix as rows. */
    static double[][] rows(double[] flat, int k, int d) {
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
        }
        return out;
    }

    /** Fails with "model: KEY must be finite numbers" unless they are. */
    static double[] finite(double[] v, String key) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new CumuloException("model: " + key + " must be finite numbers");
            }
        }
        return v;
    }
}

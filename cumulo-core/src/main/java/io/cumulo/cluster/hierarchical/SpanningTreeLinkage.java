package io.cumulo.cluster.hierarchical;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Single linkage as a minimum spanning tree (Gower &amp; Ross 1969), grown by Prim's algorithm straight from the rows:
 * {@code O(n²)} distance evaluations and {@code O(n)} memory besides the data, no dissimilarity matrix (Müllner 2011,
 * Figure 6). The tree's edges, sorted by length, are the merges of single linkage.
 *
 * <p>Each step adds the row nearest the tree (ties to the smaller row) and lowers every other row's distance to the
 * tree by its distance to the row added (the tree row recorded as its partner changes only when the distance strictly
 * falls, so it is the first tree row that gave it); that pass runs on the context's threads in blocks of fixed size,
 * combined in block order, so the tree does not depend on the thread count. Distances are compared as
 * {@link Distance#rankingBetween} values (squared for Euclidean: no root per pair).
 *
 * <p>The same growth gives HDBSCAN's tree under mutual reachability ({@link #mutualReachability}): the distance
 * between rows {@code i} and {@code j} is {@code max(core_i, core_j, δ(i, j)/α)}, with the core distances given.
 * These tie rules (start at row 0, ties to the smaller row, the first partner found) are those of R's
 * {@code dbscan::hdbscan}, whose minimum spanning tree this reproduces edge for edge.
 */
public final class SpanningTreeLinkage {
    /** Rows per block of a parallel pass; passes over fewer than two blocks run on the calling thread. */
    private static final int BLOCK = 4096;

    /** Receives the tree's edges in the order they are added: the tree row, the row added, the edge's height. */
    @FunctionalInterface
    public interface EdgeSink {
        void add(int treeRow, int newRow, double height);
    }

    /** The dissimilarity between two rows, as a ranking value, and its conversion to a height. */
    interface RowDistances {
        double ranking(int i, int j);

        double height(double ranking);
    }

    private SpanningTreeLinkage() {
    }

    /** Rows of {@code x} ({@code n × d}) under {@code metric}. */
    static RowDistances of(double[] x, int d, Distance metric) {
        return new RowDistances() {
            @Override
            public double ranking(int i, int j) {
                return metric.rankingBetween(x, i * d, x, j * d, d);
            }

            @Override
            public double height(double ranking) {
                return metric.fromRanking(ranking);
            }
        };
    }

    /**
     * Euclidean (or squared Euclidean) single linkage with the rows kept by column and compacted as they join the
     * tree, so each step is a few passes of vector arithmetic over contiguous arrays ({@link
     * VectorKernels#addSquaredDifferences4}). Same tree as {@link #run(RowDistances, int, ExecutionContext)} up to
     * the last bits of the heights.
     */
    static Merges euclidean(double[] x, int n, int d, boolean squared, ExecutionContext ctx) {
        Merges merges = new Merges(n);
        columns(x, n, d, squared, null, 1, ctx, merges::add);
        return merges;
    }

    /**
     * The minimum spanning tree of the {@code n} rows of {@code x} under the mutual reachability distance
     * {@code max(core[i], core[j], δ(i, j)/alpha)}, {@code δ} being {@code metric}'s {@link Distance#between} (HDBSCAN;
     * Campello et al. 2013, with the α of Chaudhuri &amp; Dasgupta's robust single linkage), its {@code n − 1} edges
     * passed to {@code sink} in the order Prim's algorithm adds them, each with its mutual reachability distance.
     * Every distance is computed with {@code metric}'s own arithmetic, bit for bit, so the tree's ties are those any
     * other computation of the same distances sees. {@code O(n²)} distance evaluations, {@code O(n)} memory.
     */
    public static void mutualReachability(double[] x, int n, int d, Distance metric, double[] core, double alpha,
                                          ExecutionContext ctx, EdgeSink sink) {
        if ((metric == Distance.EUCLIDEAN || metric == Distance.SQEUCLIDEAN) && d <= 3) {
            // up to 3 features the column sums add the squares in the order Distance.between does: same bits
            columns(x, n, d, metric == Distance.SQEUCLIDEAN, core, alpha, ctx, sink);
            return;
        }
        run(new RowDistances() {
            @Override
            public double ranking(int i, int j) {
                double v = metric.between(x, i * d, x, j * d, d) / alpha;
                return Math.max(v, Math.max(core[i], core[j]));
            }

            @Override
            public double height(double ranking) {
                return ranking;
            }
        }, n, ctx, sink);
    }

    /**
     * Prim's algorithm on the rows kept by column ({@link #euclidean}); with {@code core}, the mutual reachability
     * distance {@code max(core_i, core_j, δ/alpha)} of {@link #mutualReachability}, compared as a distance (the square
     * root taken per pair, as {@link Distance#between} takes it).
     */
    private static void columns(double[] x, int n, int d, boolean squared, double[] core, double alpha,
                                ExecutionContext ctx, EdgeSink sink) {
        if (n < 2) {
            return;
        }
        VectorKernels kernels = VectorKernels.get();
        int m0 = n - 1;
        double[][] col = new double[d][m0];
        int[] id = new int[m0];
        double[] best = new double[m0];
        int[] from = new int[m0];
        for (int i = 1; i < n; i++) {
            id[i - 1] = i;
            for (int l = 0; l < d; l++) {
                col[l][i - 1] = x[i * d + l];
            }
        }
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        double[] q = Arrays.copyOf(x, d); // the newest row of the tree: row 0 first
        int newest = 0;
        int left = m0;
        int blocksMax = (m0 + BLOCK - 1) / BLOCK;
        int[] blockArg = new int[blocksMax];
        double[][] scratch = new double[blocksMax][BLOCK];
        while (left > 0) {
            int m = left;
            int nw = newest;
            int blocks = (m + BLOCK - 1) / BLOCK;
            IntConsumer pass = t -> blockArg[t] = lowerByColumns(kernels, col, d, q, nw, id, best, from,
                    t * BLOCK, Math.min(m, (t + 1) * BLOCK), scratch[t], squared, core, alpha);
            if (blocks >= 2 && ctx.threads() >= 2) {
                ctx.parallelFor(blocks, pass);
            } else {
                for (int t = 0; t < blocks; t++) {
                    pass.accept(t);
                }
            }
            int arg = blockArg[0];
            for (int t = 1; t < blocks; t++) {
                int c = blockArg[t];
                if (best[c] < best[arg] || (best[c] == best[arg] && id[c] < id[arg])) {
                    arg = c;
                }
            }
            int row = id[arg];
            sink.add(from[arg], row, core != null || squared ? best[arg] : Math.sqrt(best[arg]));
            for (int l = 0; l < d; l++) {
                q[l] = col[l][arg];
            }
            left--;
            id[arg] = id[left];
            best[arg] = best[left];
            from[arg] = from[left];
            for (int l = 0; l < d; l++) {
                col[l][arg] = col[l][left];
            }
            newest = row;
            ctx.checkCancelled();
        }
    }

    private static int lowerByColumns(VectorKernels kernels, double[][] col, int d, double[] q, int newest, int[] id,
                                      double[] best, int[] from, int lo, int hi, double[] acc, boolean squared,
                                      double[] core, double alpha) {
        int len = hi - lo;
        Arrays.fill(acc, 0, len, 0);
        int l = 0;
        for (; l + 4 <= d; l += 4) {
            kernels.addSquaredDifferences4(col[l], col[l + 1], col[l + 2], col[l + 3], lo, q[l], q[l + 1], q[l + 2],
                    q[l + 3], acc, len);
        }
        for (; l < d; l++) {
            kernels.addSquaredDifferences(col[l], lo, q[l], acc, len);
        }
        if (core != null) {
            // mutual reachability, as a distance: max(core of the newest row, core of the row, δ/α)
            if (!squared) {
                kernels.sqrt(acc, len);
            }
            double cn = core[newest];
            for (int p = 0; p < len; p++) {
                acc[p] = Math.max(acc[p] / alpha, Math.max(cn, core[id[lo + p]]));
            }
        }
        int arg = lo;
        for (int p = 0; p < len; p++) {
            int at = lo + p;
            double v = acc[p];
            if (v < best[at]) {
                best[at] = v;
                from[at] = newest;
            }
            if (best[at] < best[arg] || (best[at] == best[arg] && id[at] < id[arg])) {
                arg = at;
            }
        }
        return arg;
    }

    static Merges run(RowDistances dist, int n, ExecutionContext ctx) {
        Merges merges = new Merges(n);
        run(dist, n, ctx, merges::add);
        return merges;
    }

    private static void run(RowDistances dist, int n, ExecutionContext ctx, EdgeSink sink) {
        if (n < 2) {
            return;
        }
        // the rows not yet in the tree, compacted: their ids, their distance to the tree, the tree row that gives it
        int[] id = new int[n - 1];
        double[] best = new double[n - 1];
        int[] from = new int[n - 1];
        for (int i = 1; i < n; i++) {
            id[i - 1] = i;
            best[i - 1] = Double.POSITIVE_INFINITY;
        }
        int left = n - 1;
        int added = 0;
        int blocksMax = (left + BLOCK - 1) / BLOCK;
        int[] blockArg = new int[blocksMax];
        while (left > 0) {
            int m = left;
            int newest = added;
            int blocks = (m + BLOCK - 1) / BLOCK;
            if (blocks >= 2 && ctx.threads() >= 2) {
                ctx.parallelFor(blocks, t -> blockArg[t] = lower(dist, newest, id, best, from, t * BLOCK,
                        Math.min(m, (t + 1) * BLOCK)));
            } else {
                for (int t = 0; t < blocks; t++) {
                    blockArg[t] = lower(dist, newest, id, best, from, t * BLOCK, Math.min(m, (t + 1) * BLOCK));
                }
            }
            int arg = blockArg[0];
            for (int t = 1; t < blocks; t++) {
                int c = blockArg[t];
                if (best[c] < best[arg] || (best[c] == best[arg] && id[c] < id[arg])) {
                    arg = c;
                }
            }
            int row = id[arg];
            sink.add(from[arg], row, dist.height(best[arg]));
            // swap-remove: the order of the remaining rows does not matter (ties are broken by row id)
            left--;
            id[arg] = id[left];
            best[arg] = best[left];
            from[arg] = from[left];
            added = row;
            ctx.checkCancelled();
        }
    }

    /** Lowers the rows in {@code [lo, hi)} by their distance to {@code newest}; returns the position of the nearest. */
    private static int lower(RowDistances dist, int newest, int[] id, double[] best, int[] from, int lo, int hi) {
        int arg = lo;
        for (int p = lo; p < hi; p++) {
            double v = dist.ranking(newest, id[p]);
            if (v < best[p]) {
                best[p] = v;
                from[p] = newest;
            }
            if (best[p] < best[arg] || (best[p] == best[arg] && id[p] < id[arg])) {
                arg = p;
            }
        }
        return arg;
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

/**
 * Müllner's generic algorithm (2011, Figure 3) on the condensed dissimilarity matrix, laid out for memory: each row
 * {@code i} keeps its nearest neighbour among the rows {@code j > i} (the part of the triangle that is contiguous in
 * memory), a priority queue of those distances gives the closest pair, and a stored neighbour that went stale after
 * merges elsewhere is searched again only when it reaches the top. A merged-away cluster's entries are set to
 * +∞ where live rows would scan them, so a search is one vectorised minimum over a run of memory, and only the
 * Lance–Williams update walks down a column of the triangle. Exact for every linkage; for the non-reducible ones
 * (centroid, median), where it is used, a merged cluster that came nearer to a row below it updates that row's
 * neighbour at once. (Measured on 10,000 × 10: centroid and median 0.72–0.76 s against 0.97–0.99 s for the generic
 * algorithm over {@link MatrixDistances}' slots; for average and complete linkage no faster than the chain, whose
 * searches are not what costs — the update's column walk is, and both pay it.)
 *
 * <p>Ties: the closest pair is the one whose smaller index (representative) is smallest, then whose other is; the
 * union keeps the smaller index, which is its smallest row. The tree does not depend on the thread count (updates
 * run in fixed blocks; the neighbours they improve are applied in index order).
 */
final class MatrixGenericLinkage {
    /** Live rows per block of a parallel update (below this the update runs on the calling thread). */
    private static final int UPDATE_BLOCK = 2048;

    private MatrixGenericLinkage() {
    }

    /**
     * @param d       the condensed matrix (pair {@code i < j} at {@link MatrixDistances#index}), taken over and
     *                overwritten
     * @param weights sizes for the formulas (average, Ward, centroid), or null for one per row
     */
    static Merges run(double[] d, int n, Linkage linkage, double[] weights, ExecutionContext ctx) {
        Merges merges = new Merges(n);
        if (n < 2) {
            return merges;
        }
        boolean squared = linkage.centroidBased(); // Ward, centroid, median: the recurrences hold for squares
        if (squared) {
            for (int t = 0; t < d.length; t++) {
                d[t] *= d[t];
            }
        }
        int[] start = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = (int) (MatrixDistances.index(n, i, i + 1) - (i + 1));
        }
        double[] size = new double[n];
        for (int i = 0; i < n; i++) {
            size[i] = weights == null ? 1 : weights[i];
        }
        int[] live = new int[n]; // the live rows, increasing
        for (int i = 0; i < n; i++) {
            live[i] = i;
        }
        int count = n;
        int[] pos = new int[n]; // row → its place in live, −1 once merged away
        for (int i = 0; i < n; i++) {
            pos[i] = i;
        }
        int[] nn = new int[n];
        double[] mind = new double[n];
        VectorKernels kernels = VectorKernels.get();
        Chunks rows = Chunks.of(n - 1, 64, Integer.MAX_VALUE);
        ctx.parallelFor(rows.count(), c -> {
            for (int i = rows.start(c); i < rows.end(c); i++) {
                search(d, start, n, i, nn, mind, kernels);
            }
        });
        nn[n - 1] = -1;
        mind[n - 1] = Double.POSITIVE_INFINITY;
        GenericLinkage.IndexedHeap heap = new GenericLinkage.IndexedHeap(n, mind);
        for (int i = 0; i < n - 1; i++) {
            heap.insert(i);
        }
        int[] improved = new int[n];
        for (int step = 0; step < n - 1; step++) {
            int i = heap.top();
            while (nn[i] < 0 || pos[nn[i]] < 0 || d[start[i] + nn[i]] != mind[i]) {
                search(d, start, n, i, nn, mind, kernels);
                heap.update(i);
                i = heap.top();
            }
            final int a = i;
            int j = nn[a];
            double dij = mind[a];
            merges.add(i, j, squared ? Math.sqrt(Math.max(0, dij)) : dij);
            // Lance–Williams into row/column i, column j set to +∞ for the rows that scan it
            int m = count;
            int pi = pos[i];
            int pj = pos[j];
            double ni = size[i];
            double nj = size[j];
            int blocks = (m + UPDATE_BLOCK - 1) / UPDATE_BLOCK;
            int[] found = new int[Math.max(1, blocks)];
            if (blocks >= 2 && ctx.threads() >= 2) {
                ctx.parallelFor(blocks, t -> found[t] = update(d, start, live, size, linkage, a, j, pi, pj, dij, ni,
                        nj, t * UPDATE_BLOCK, Math.min(m, (t + 1) * UPDATE_BLOCK), nn, mind, improved,
                        t * UPDATE_BLOCK));
            } else {
                found[0] = update(d, start, live, size, linkage, i, j, pi, pj, dij, ni, nj, 0, m, nn, mind, improved, 0);
                blocks = 1;
            }
            d[start[i] + j] = Double.POSITIVE_INFINITY;
            for (int t = 0; t < blocks; t++) {
                for (int u = 0; u < found[t]; u++) {
                    heap.update(improved[t * UPDATE_BLOCK + u]);
                }
            }
            size[i] = ni + nj;
            heap.remove(j);
            System.arraycopy(live, pj + 1, live, pj, count - 1 - pj);
            count--;
            pos[j] = -1;
            for (int p = pj; p < count; p++) {
                pos[live[p]] = p;
            }
            if (pos[i] < count - 1) {
                search(d, start, n, i, nn, mind, kernels);
            } else {
                nn[i] = -1;
                mind[i] = Double.POSITIVE_INFINITY;
            }
            heap.update(i);
            ctx.checkCancelled();
        }
        return merges;
    }

    /** Row {@code i}'s nearest neighbour among the rows above it (merged-away ones hold +∞). */
    private static void search(double[] d, int[] start, int n, int i, int[] nn, double[] mind, VectorKernels k) {
        int len = n - i - 1;
        if (len <= 0) {
            nn[i] = -1;
            mind[i] = Double.POSITIVE_INFINITY;
            return;
        }
        int off = start[i] + i + 1;
        int at = k.argmin(d, off, len);
        nn[i] = i + 1 + at;
        mind[i] = d[off + at];
    }

    /**
     * The update for the live rows at places {@code [from, to)}, in three runs (below i, between i and j, above j)
     * where every entry is a plain offset; rows below i that the union comes nearer to (or as near, with a smaller
     * index than their neighbour) take it as neighbour and are listed in {@code improved} from {@code out}. Returns
     * how many were listed.
     */
    private static int update(double[] d, int[] start, int[] live, double[] size, Linkage linkage, int i, int j,
                              int pi, int pj, double dij, double ni, double nj, int from, int to, int[] nn,
                              double[] mind, int[] improved, int out) {
        int listed = 0;
        boolean squared = linkage.centroidBased();
        // below i: both entries down columns i and j
        for (int p = from, end = Math.min(to, pi); p < end; p++) {
            int k = live[p];
            int st = start[k];
            double v = combine(linkage, squared, d[st + i], d[st + j], dij, ni, nj, size[k]);
            d[st + i] = v;
            d[st + j] = Double.POSITIVE_INFINITY;
            if (v < mind[k] || (v == mind[k] && i < nn[k])) {
                nn[k] = i;
                mind[k] = v;
                improved[out + listed++] = k;
            }
        }
        int si = start[i];
        // between: row i, column j
        for (int p = Math.max(from, pi + 1), end = Math.min(to, pj); p < end; p++) {
            int k = live[p];
            int at = start[k] + j;
            d[si + k] = combine(linkage, squared, d[si + k], d[at], dij, ni, nj, size[k]);
            d[at] = Double.POSITIVE_INFINITY;
        }
        int sj = start[j];
        // above both: rows i and j
        for (int p = Math.max(from, pj + 1); p < to; p++) {
            int k = live[p];
            d[si + k] = combine(linkage, squared, d[si + k], d[sj + k], dij, ni, nj, size[k]);
        }
        return listed;
    }

    /** Lance–Williams; for Ward, centroid and median on squared distances (so no roots in the loop). */
    private static double combine(Linkage linkage, boolean squared, double dik, double djk, double dij, double ni,
                                  double nj, double nk) {
        if (!squared) {
            return linkage.update(dik, djk, dij, ni, nj, nk);
        }
        switch (linkage) {
            case WARD:
                return ((ni + nk) * dik + (nj + nk) * djk - nk * dij) / (ni + nj + nk);
            case CENTROID: {
                double nij = ni + nj;
                return (ni * dik + nj * djk) / nij - ni * nj * dij / (nij * nij);
            }
            default: // MEDIAN
                return 0.5 * dik + 0.5 * djk - 0.25 * dij;
        }
    }
}

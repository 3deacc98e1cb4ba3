package io.cumulo.neighbors;

import io.cumulo.linalg.VectorKernels;

/**
 * The k-nearest search of a block of nearby queries at once, for Euclidean and squared Euclidean in many features,
 * where comparing a query with one row at a time spends more on loads and horizontal sums than on arithmetic. The
 * block walks the tree once, each node entered with the queries whose own bound ({@link SpatialTree#lowerRank}) does
 * not rule it out; at a leaf, the rows are compared with all those queries in one GEMM-shaped product
 * ({@link VectorKernels#scoresTransposed} on the leaf's centred rows, packed at build time:
 * {@code ‖x̄‖² − 2 q̄·x̄}, plus {@code ‖q̄‖²}, is the squared distance).
 *
 * <p>That expansion is not {@link Distance#rankingBetween}'s arithmetic, so it only filters. Its error is at most about
 * {@code 2(d + 4)·2⁻⁵³·(‖q̄‖² + ‖x̄‖²)} (both centred on the mean row, which keeps it small); the filter lowers it by
 * {@code slack·(‖q̄‖² + ‖x̄‖²)} with {@code slack} = {@link PackedRows#slack} (about 18(d + 8)·2⁻⁵³, far above that),
 * and a row whose lowered value, divided by {@code 1 − rel}, still exceeds the query's current k-th is dropped: its exact
 * value would exceed it too. Any other row has its ranking value computed exactly as brute force does and is offered to
 * the query's heap. Answers are therefore exactly the single-query answers. The lowering of {@code ‖x̄‖²} is in the
 * packed bias; that of {@code ‖q̄‖²} and the division are folded into one threshold per query, so the filter is one
 * comparison per row.
 */
final class BlockSearch {
    private static final VectorKernels KERNELS = VectorKernels.get();

    private final PackedRows pr;
    /** The tree whose leaves {@link #pr} holds, or null: then every group is scanned (brute force). */
    private final SpatialTree t;
    private final Distance distance;
    private final double rel;
    private final int d;
    private final int k;
    private final boolean squareRoot;
    private final double[][] hd;
    private final int[][] hr;
    private final int[] size;
    private final double[] gate;
    /** Offset of each block query in the query array. */
    private final int[] qo;
    /** The block's queries centred on the mean row, and their squared lengths. */
    private final double[] qc;
    private final double[] qn;
    /** The active queries' centred rows gathered for the kernel, and its scores. */
    private final double[] gathered;
    private final double[] scores;
    /** Per depth: the active queries of the two children and their bounds. */
    private final int[][] act;
    private final double[][] bound;
    private double[] q;

    BlockSearch(PackedRows rows, SpatialTree tree, Distance distance, int k, int block) {
        this.pr = rows;
        this.t = tree;
        this.distance = distance;
        this.rel = rows.rel;
        this.d = rows.d;
        this.k = k;
        this.squareRoot = distance == Distance.EUCLIDEAN;
        hd = new double[block][k];
        hr = new int[block][k];
        size = new int[block];
        gate = new double[block];
        qo = new int[block];
        qc = new double[block * d];
        qn = new double[block];
        gathered = new double[block * d];
        int lanes = KERNELS.lanes();
        scores = new double[block * ((rows.maxLen + lanes - 1) / lanes * lanes)];
        int levels = tree == null ? 0 : tree.depth;
        act = new int[2 * levels + 3][block];
        bound = new double[2 * levels + 3][block];
    }

    /**
     * The k nearest of the queries {@code order[from .. to)} (rows of {@code q}; {@code order} null: rows
     * {@code from .. to}; at most the block size), into {@code rows}/{@code dist} at {@code i·k} for query i.
     */
    void search(double[] q, int[] order, int from, int to, int[] rows, double[] dist) {
        this.q = q;
        int nb = to - from;
        int[] all = act[0];
        double[] mean = pr.mean;
        for (int b = 0; b < nb; b++) {
            int i = order == null ? from + b : order[from + b];
            qo[b] = i * d;
            size[b] = 0;
            gate[b] = Double.POSITIVE_INFINITY;
            all[b] = b;
            double nn = 0;
            for (int j = 0; j < d; j++) {
                double c = q[i * d + j] - mean[j];
                qc[b * d + j] = c;
                nn += c * c;
            }
            qn[b] = nn;
        }
        if (t != null) {
            node(0, all, nb, 0);
        } else {
            for (int g = 0; g < pr.start.length; g++) {
                leaf(g, all, nb);
            }
        }
        for (int b = 0; b < nb; b++) {
            Heaps.sortAscending(hd[b], hr[b], k);
            int i = qo[b] / d;
            System.arraycopy(hr[b], 0, rows, i * k, k);
            System.arraycopy(hd[b], 0, dist, i * k, k);
        }
    }

    private void node(int node, int[] active, int na, int depth) {
        int a = t.left[node];
        if (a < 0) {
            leaf(node, active, na);
            return;
        }
        int c = t.right[node];
        // the children's lists live one level down, so recursing never overwrites this node's list or bounds
        int[] actA = act[2 * depth + 1];
        int[] actC = act[2 * depth + 2];
        double[] bA = bound[2 * depth + 1];
        double[] bC = bound[2 * depth + 2];
        double sumA = 0;
        double sumC = 0;
        for (int j = 0; j < na; j++) {
            int b = active[j];
            bA[j] = t.lowerRank(q, qo[b], a);
            bC[j] = t.lowerRank(q, qo[b], c);
            sumA += bA[j];
            sumC += bC[j];
        }
        boolean aFirst = sumA <= sumC;
        for (int pass = 0; pass < 2; pass++) {
            boolean takeA = (pass == 0) == aFirst;
            double[] bb = takeA ? bA : bC;
            int[] list = takeA ? actA : actC;
            int m = 0;
            for (int j = 0; j < na; j++) {
                int b = active[j];
                if (bb[j] <= gate[b]) {
                    list[m++] = b;
                }
            }
            if (m > 0) {
                node(takeA ? a : c, list, m, depth + 1);
            }
        }
    }

    /** Compares the rows of group {@code g} with the active queries. */
    private void leaf(int g, int[] active, int na) {
        int s = pr.start[g];
        int len = pr.end[g] - s;
        double[] norms = pr.norms[g];
        int stride = norms.length;
        for (int j = 0; j < na; j++) {
            System.arraycopy(qc, active[j] * d, gathered, j * d, d);
        }
        KERNELS.scoresTransposed(gathered, d, 0, na, pr.packed[g], norms, stride, scores);
        double[] xt = pr.rows;
        int[] perm = pr.perm;
        double keep = 1 - rel;
        double qKeep = 1 - pr.slack;
        for (int j = 0; j < na; j++) {
            int b = active[j];
            int o = qo[b];
            double g2 = gate[b];
            double threshold = g2 / keep - qn[b] * qKeep;
            double[] dist = hd[b];
            int[] rows = hr[b];
            int so = j * stride;
            for (int p = 0; p < len; p++) {
                if (scores[so + p] > threshold) {
                    continue;
                }
                double r = distance.rankingBetween(q, o, xt, (s + p) * d, d);
                if (r > g2) {
                    continue;
                }
                double v = squareRoot ? Math.sqrt(r) : r;
                int row = perm == null ? s + p : perm[s + p];
                if (size[b] < k) {
                    Heaps.push(dist, rows, size[b]++, v, row);
                    if (size[b] == k) {
                        g2 = gateOf(dist[0]);
                        threshold = g2 / keep - qn[b] * qKeep;
                    }
                } else if (Heaps.before(v, row, dist[0], rows[0])) {
                    Heaps.replaceTop(dist, rows, k, v, row);
                    g2 = gateOf(dist[0]);
                    threshold = g2 / keep - qn[b] * qKeep;
                }
            }
            gate[b] = g2;
        }
    }

    private double gateOf(double w) {
        return squareRoot ? w * w * (1 + 1e-14) : w;
    }
}

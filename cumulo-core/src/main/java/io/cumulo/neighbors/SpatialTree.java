package io.cumulo.neighbors;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;

import java.util.Arrays;

/**
 * What the k-d tree and the ball tree share: the binary partition of the rows (each node a contiguous range of a
 * permutation; split on the coordinate of largest spread at the median, as scikit-learn's {@code BinaryTree} does),
 * the rows copied into tree order, and the searches, which differ only in the bounds a node gives
 * ({@link #lowerRank}, {@link #upperRank}).
 *
 * <p><b>Exactness.</b> The value a query reports for a row is {@link Distance#rankingBetween} on the same numbers
 * in the same order as {@link BruteForceIndex} computes it (the rows are copied, not transformed), and candidates
 * are ranked by (distance, row) as there. Node bounds are computed differently (from boxes or balls), so they are
 * widened by a margin far above their rounding error ({@link #safeLower}, {@link #safeUpper}): a node is skipped
 * only when every row in it would be rejected, a node is counted whole only when every row in it would be accepted.
 * Euclidean candidates are compared by squared distance first and by the square root (the reported, brute-force
 * value) only near the k-th, since two squares can share a root.
 *
 * <p><b>Geometry of the bounds.</b> Euclidean and squared Euclidean bound squared distances; Manhattan and Chebyshev
 * their own; cosine runs on the rows scaled to unit length, where {@code 1 − cos = ‖u − v‖² / 2}, so the bounds come
 * from the Euclidean geometry of the unit rows (with an absolute margin) while the distances reported are still
 * {@link Distance#COSINE}'s on the original rows.
 */
abstract class SpatialTree implements NeighborIndex {
    /** The geometry bounds are computed in. */
    enum Space {
        /** Sums of squared differences (Euclidean, squared Euclidean). */
        SQUARED,
        /** Sums of absolute differences. */
        MANHATTAN,
        /** The largest absolute difference. */
        CHEBYSHEV,
        /** Squared differences of the unit-length rows, halved (cosine distance). */
        UNIT
    }

    /** Queries per task in the batch methods. */
    private static final int QUERY_CHUNK = 256;
    /**
     * Features from which Euclidean batch searches go by blocks of queries ({@link BlockSearch}): measured against one
     * query at a time on blobs and uniform data, equal at 4 and 5 features, 1.1 to 2 times faster from 6 (2026-12-08).
     */
    static final int BLOCK_MIN_FEATURES = 6;
    /** Queries per block (16, 32 and 64 measured alike at 64 features; 32 keeps the scores in the L1 cache). */
    static final int BLOCK = 32;

    final double[] x;
    final int n;
    final int d;
    final Distance distance;
    final Space space;
    final int leafSize;
    /** Tree position to row. */
    final int[] perm;
    /** The rows in tree order, as given (what distances are computed on). */
    final double[] xt;
    final int nodes;
    final int[] start;
    final int[] end;
    /** Children, {@code -1} for a leaf. */
    final int[] left;
    final int[] right;
    /** The box of each node's points in the bound geometry's coordinates (unit rows for cosine), {@code node·d + j}. */
    final double[] lo;
    final double[] hi;
    /** Relative margin on bounds (summing d terms two ways differs by about d·2⁻⁵³ of the sum; this is 20 times that). */
    final double rel;
    /** Absolute margin on cosine bounds (cosine's own rounding is absolute, about d·2⁻⁵³). */
    final double abs;
    /** Levels below the root (a root alone: 0). */
    final int depth;
    /** The leaves packed for {@link BlockSearch} (Euclidean and squared Euclidean in many features), else null. */
    final PackedRows packed;

    SpatialTree(double[] x, int n, int d, Distance distance, int leafSize) {
        if (leafSize < 1) {
            throw new IllegalArgumentException("leaf size must be at least 1, got " + leafSize);
        }
        if (x.length < (long) n * d) {
            throw new IllegalArgumentException(x.length + " values cannot hold " + n + " rows of " + d);
        }
        if (n < 1) {
            throw new IllegalArgumentException("an index needs at least one row");
        }
        this.x = x;
        this.n = n;
        this.d = d;
        this.distance = distance;
        this.space = spaceOf(distance);
        this.leafSize = leafSize;
        this.rel = 1e-15 * (d + 8);
        this.abs = 1e-14 * (d + 8);
        double[] coords = space == Space.UNIT ? unitRows(x, n, d) : x;
        Builder b = new Builder(coords, n, d, leafSize);
        b.split(0, n);
        this.perm = b.perm;
        this.nodes = b.count;
        this.start = Arrays.copyOf(b.start, nodes);
        this.end = Arrays.copyOf(b.end, nodes);
        this.left = Arrays.copyOf(b.left, nodes);
        this.right = Arrays.copyOf(b.right, nodes);
        this.lo = Arrays.copyOf(b.lo, nodes * d);
        this.hi = Arrays.copyOf(b.hi, nodes * d);
        this.xt = new double[n * d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(x, perm[p] * d, xt, p * d, d);
        }
        int deepest = 0;
        int[] level = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            deepest = Math.max(deepest, level[node]);
            if (left[node] >= 0) {
                level[left[node]] = level[node] + 1;
                level[right[node]] = level[node] + 1;
            }
        }
        this.depth = deepest;
        packed = space == Space.SQUARED && d >= BLOCK_MIN_FEATURES ? PackedRows.ofLeaves(this) : null;
    }

    static Space spaceOf(Distance distance) {
        switch (distance) {
            case EUCLIDEAN:
            case SQEUCLIDEAN:
                return Space.SQUARED;
            case MANHATTAN:
                return Space.MANHATTAN;
            case CHEBYSHEV:
                return Space.CHEBYSHEV;
            case COSINE:
                return Space.UNIT;
            default:
                throw new AssertionError(distance);
        }
    }

    /** The rows scaled to unit Euclidean length (the caller has checked that none is zero). */
    static double[] unitRows(double[] x, int n, int d) {
        double[] u = new double[n * d];
        for (int i = 0; i < n; i++) {
            unit(x, i * d, d, u, i * d);
        }
        return u;
    }

    static void unit(double[] x, int off, int d, double[] out, int outOff) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += x[off + j] * x[off + j];
        }
        double norm = Math.sqrt(s);
        for (int j = 0; j < d; j++) {
            out[outOff + j] = x[off + j] / norm;
        }
    }

    /**
     * A lower bound on the ranking value ({@link Distance#rankingBetween}) between the query (in bound coordinates:
     * {@code s[so .. so + d)}) and every row of {@code node}, already made safe against rounding.
     */
    abstract double lowerRank(double[] s, int so, int node);

    /** An upper bound on the ranking value between the query and every row of {@code node}, made safe likewise. */
    abstract double upperRank(double[] s, int so, int node);

    /** {@code v} lowered by the margin: below every ranking value a true bound {@code v} is below. */
    final double safeLower(double v) {
        return space == Space.UNIT ? Math.max(0, v - abs) : v * (1 - rel);
    }

    /** {@code v} raised by the margin. */
    final double safeUpper(double v) {
        return space == Space.UNIT ? v + abs : v * (1 + rel);
    }

    /**
     * The bound a geometry value (a sum of squares, of absolute values, or a largest difference, from boxes) gives on
     * the ranking value, before the margin: half of it for cosine on unit rows, itself otherwise.
     */
    final double rankOfGeometry(double g) {
        return space == Space.UNIT ? g / 2 : g;
    }

    @Override
    public final int size() {
        return n;
    }

    @Override
    public final int dimension() {
        return d;
    }

    @Override
    public final Distance distance() {
        return distance;
    }

    @Override
    public final double[] indexedRows() {
        return x;
    }

    /** Rows per leaf at most (a leaf holding more has all its rows equal). */
    public final int leafSize() {
        return leafSize;
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    /** The query in bound coordinates: itself, or for cosine a unit-length copy at offset 0. */
    private double[] boundQuery(double[] q, int off) {
        if (space != Space.UNIT) {
            return q;
        }
        double[] u = new double[d];
        unit(q, off, d, u, 0);
        return u;
    }

    private void checkQuery(double[] q, int off) {
        QueryChecks.query(q, off, d, distance);
    }

    @Override
    public void nearest(double[] q, int off, int k, int[] rows, double[] distances) {
        QueryChecks.k(k, n);
        checkQuery(q, off);
        double[] s = boundQuery(q, off);
        Knn search = new Knn(q, off, s, s == q ? off : 0, k, rows, distances);
        search.node(0);
        Heaps.sortAscending(distances, rows, k);
    }

    /** One k-nearest search: depth first, nearer child first, a bounded max-heap of the k best so far. */
    private final class Knn {
        final double[] q;
        final int off;
        final double[] s;
        final int so;
        final int k;
        final int[] rows;
        final double[] dist;
        final boolean squareRoot = distance == Distance.EUCLIDEAN;
        int size;
        /** Ranking values above this cannot enter the heap (+∞ until it is full). */
        double gate = Double.POSITIVE_INFINITY;

        Knn(double[] q, int off, double[] s, int so, int k, int[] rows, double[] dist) {
            this.q = q;
            this.off = off;
            this.s = s;
            this.so = so;
            this.k = k;
            this.rows = rows;
            this.dist = dist;
        }

        void node(int node) {
            int a = left[node];
            if (a < 0) {
                leaf(node);
                return;
            }
            int b = right[node];
            double la = lowerRank(s, so, a);
            double lb = lowerRank(s, so, b);
            if (lb < la) {
                int t = a;
                a = b;
                b = t;
                double u = la;
                la = lb;
                lb = u;
            }
            if (la <= gate) {
                node(a);
            }
            if (lb <= gate) {
                node(b);
            }
        }

        void leaf(int node) {
            double[] xt = SpatialTree.this.xt;
            int d = SpatialTree.this.d;
            for (int p = start[node], e = end[node]; p < e; p++) {
                double r = distance.rankingBetween(q, off, xt, p * d, d);
                if (r > gate) {
                    continue;
                }
                double v = squareRoot ? Math.sqrt(r) : r;
                int row = perm[p];
                if (size < k) {
                    Heaps.push(dist, rows, size++, v, row);
                    if (size == k) {
                        updateGate();
                    }
                } else if (Heaps.before(v, row, dist[0], rows[0])) {
                    Heaps.replaceTop(dist, rows, k, v, row);
                    updateGate();
                }
            }
        }

        private void updateGate() {
            double w = dist[0];
            // every r whose root is at most w is at most w²(1 + 3·2⁻⁵³): the margin lets all such r through
            gate = squareRoot ? w * w * (1 + 1e-14) : w;
        }
    }

    @Override
    public int countWithin(double[] q, int off, double r) {
        checkQuery(q, off);
        double limit = QueryChecks.limit(distance, r);
        double[] s = boundQuery(q, off);
        return count(0, q, off, s, s == q ? off : 0, limit);
    }

    private int count(int node, double[] q, int off, double[] s, int so, double limit) {
        if (lowerRank(s, so, node) > limit) {
            return 0;
        }
        if (upperRank(s, so, node) <= limit) {
            return end[node] - start[node];
        }
        if (left[node] >= 0) {
            return count(left[node], q, off, s, so, limit) + count(right[node], q, off, s, so, limit);
        }
        int c = 0;
        for (int p = start[node], e = end[node]; p < e; p++) {
            if (distance.rankingBetween(q, off, xt, p * d, d) <= limit) {
                c++;
            }
        }
        return c;
    }

    @Override
    public void forEachWithin(double[] q, int off, double r, Visitor visitor) {
        checkQuery(q, off);
        double limit = QueryChecks.limit(distance, r);
        double[] s = boundQuery(q, off);
        visit(0, q, off, s, s == q ? off : 0, limit, visitor);
    }

    private void visit(int node, double[] q, int off, double[] s, int so, double limit, Visitor visitor) {
        if (lowerRank(s, so, node) > limit) {
            return;
        }
        if (left[node] >= 0) {
            visit(left[node], q, off, s, so, limit, visitor);
            visit(right[node], q, off, s, so, limit, visitor);
            return;
        }
        for (int p = start[node], e = end[node]; p < e; p++) {
            double v = distance.rankingBetween(q, off, xt, p * d, d);
            if (v <= limit) {
                visitor.accept(perm[p], distance.fromRanking(v));
            }
        }
    }

    // ---- batches: the indexed rows themselves are queried in tree order (neighbouring queries share nodes) ----

    @Override
    public KnnGraph nearest(double[] q, int m, int k, ExecutionContext ctx) {
        QueryChecks.k(k, n);
        int[] order = queryOrder(q, m, ctx);
        int[] rows = new int[m * k];
        double[] dist = new double[m * k];
        Chunks chunks = Chunks.of(m, QUERY_CHUNK, Integer.MAX_VALUE);
        if (packed != null) {
            for (int i = 0; i < m; i++) {
                QueryChecks.query(q, i * d, d, distance);
            }
            ctx.parallelFor(chunks.count(), c -> {
                BlockSearch search = new BlockSearch(packed, this, distance, k, BLOCK);
                for (int t = chunks.start(c); t < chunks.end(c); t += BLOCK) {
                    search.search(q, order, t, Math.min(chunks.end(c), t + BLOCK), rows, dist);
                }
                ctx.checkCancelled();
            });
            return new KnnGraph(rows, dist, k);
        }
        ctx.parallelFor(chunks.count(), c -> {
            int[] r = new int[k];
            double[] s = new double[k];
            for (int t = chunks.start(c); t < chunks.end(c); t++) {
                int i = order == null ? t : order[t];
                nearest(q, i * d, k, r, s);
                System.arraycopy(r, 0, rows, i * k, k);
                System.arraycopy(s, 0, dist, i * k, k);
            }
            ctx.checkCancelled();
        });
        return new KnnGraph(rows, dist, k);
    }

    @Override
    public int[] countWithin(double[] q, int m, double r, ExecutionContext ctx) {
        QueryChecks.limit(distance, r);
        int[] order = queryOrder(q, m, ctx);
        int[] counts = new int[m];
        Chunks chunks = Chunks.of(m, QUERY_CHUNK, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            for (int t = chunks.start(c); t < chunks.end(c); t++) {
                int i = order == null ? t : order[t];
                counts[i] = countWithin(q, i * d, r);
            }
            ctx.checkCancelled();
        });
        return counts;
    }

    /**
     * The order to answer queries in, so that consecutive queries need the same nodes: tree order when they are the
     * indexed rows themselves, else by the leaf each falls in (then by position); null (as given) for a single query.
     */
    private int[] queryOrder(double[] q, int m, ExecutionContext ctx) {
        if (q == x && m == n) {
            return perm;
        }
        if (m < 2) {
            return null;
        }
        int[] leaf = new int[m];
        Chunks chunks = Chunks.of(m, 1024, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            double[] u = space == Space.UNIT ? new double[d] : null;
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                QueryChecks.query(q, i * d, d, distance);
                double[] s = q;
                int so = i * d;
                if (u != null) {
                    unit(q, i * d, d, u, 0);
                    s = u;
                    so = 0;
                }
                int node = 0;
                while (left[node] >= 0) {
                    int a = left[node];
                    int b = right[node];
                    node = lowerRank(s, so, b) < lowerRank(s, so, a) ? b : a;
                }
                leaf[i] = node;
            }
        });
        // counting sort by leaf (stable: ties by position)
        int[] first = new int[nodes + 1];
        for (int i = 0; i < m; i++) {
            first[leaf[i] + 1]++;
        }
        for (int v = 0; v < nodes; v++) {
            first[v + 1] += first[v];
        }
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[first[leaf[i]]++] = i;
        }
        return order;
    }

    // ---- construction -------------------------------------------------------------------------------------------

    /** Splits ranges of the permutation recursively, recording nodes in preorder (a left child follows its parent). */
    private static final class Builder {
        final double[] c;
        final int n;
        final int d;
        final int leafSize;
        final int[] perm;
        final double[] key;
        int count;
        int[] start;
        int[] end;
        int[] left;
        int[] right;
        double[] lo;
        double[] hi;

        Builder(double[] coords, int n, int d, int leafSize) {
            this.c = coords;
            this.n = n;
            this.d = d;
            this.leafSize = leafSize;
            this.perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            this.key = new double[n];
            int guess = Math.max(1, 4 * (n / Math.max(1, leafSize)) + 1);
            start = new int[guess];
            end = new int[guess];
            left = new int[guess];
            right = new int[guess];
            lo = new double[guess * d];
            hi = new double[guess * d];
        }

        int split(int from, int to) {
            int node = newNode();
            start[node] = from;
            end[node] = to;
            left[node] = -1;
            right[node] = -1;
            int b = node * d;
            for (int j = 0; j < d; j++) {
                lo[b + j] = Double.POSITIVE_INFINITY;
                hi[b + j] = Double.NEGATIVE_INFINITY;
            }
            for (int p = from; p < to; p++) {
                int o = perm[p] * d;
                for (int j = 0; j < d; j++) {
                    double v = c[o + j];
                    if (v < lo[b + j]) {
                        lo[b + j] = v;
                    }
                    if (v > hi[b + j]) {
                        hi[b + j] = v;
                    }
                }
            }
            int dim = 0;
            double spread = -1;
            for (int j = 0; j < d; j++) {
                double w = hi[b + j] - lo[b + j];
                if (w > spread) {
                    spread = w;
                    dim = j;
                }
            }
            if (to - from <= leafSize || !(spread > 0)) {
                return node; // small enough, or every row equal: a leaf
            }
            int mid = (from + to) >>> 1;
            for (int p = from; p < to; p++) {
                key[p] = c[perm[p] * d + dim];
            }
            select(from, to, mid);
            int l = split(from, mid);
            int r = split(mid, to);
            left[node] = l;
            right[node] = r;
            return node;
        }

        private int newNode() {
            if (count == start.length) {
                int size = 2 * count;
                start = Arrays.copyOf(start, size);
                end = Arrays.copyOf(end, size);
                left = Arrays.copyOf(left, size);
                right = Arrays.copyOf(right, size);
                lo = Arrays.copyOf(lo, size * d);
                hi = Arrays.copyOf(hi, size * d);
            }
            return count++;
        }

        /**
         * Rearranges {@code key/perm[from .. to)} so that position {@code kth} holds the value it would hold sorted,
         * nothing larger before it and nothing smaller after (quickselect, median-of-three pivot, three-way partition so
         * that many equal keys cost nothing extra).
         */
        private void select(int from, int to, int kth) {
            int a = from;
            int z = to;
            while (z - a > 1) {
                double p = median(key[a], key[(a + z) >>> 1], key[z - 1]);
                int lt = a;
                int gt = z;
                int i = a;
                while (i < gt) {
                    double v = key[i];
                    if (v < p) {
                        swap(i++, lt++);
                    } else if (v > p) {
                        swap(i, --gt);
                    } else {
                        i++;
                    }
                }
                if (kth < lt) {
                    z = lt;
                } else if (kth >= gt) {
                    a = gt;
                } else {
                    return;
                }
            }
        }

        private static double median(double a, double b, double c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }

        private void swap(int i, int j) {
            double t = key[i];
            key[i] = key[j];
            key[j] = t;
            int u = perm[i];
            perm[i] = perm[j];
            perm[j] = u;
        }
    }
}

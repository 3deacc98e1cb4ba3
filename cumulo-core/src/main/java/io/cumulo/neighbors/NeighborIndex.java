package io.cumulo.neighbors;

import io.cumulo.CumuloException;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;

import java.util.Locale;

/**
 * Exact nearest-neighbour and radius search over a fixed set of rows (the "indexed rows"), under one
 * {@link Distance}. What DBSCAN, OPTICS, HDBSCAN, LOF, kNN anomaly scores and {@code cumulo neighbors} ask.
 *
 * <p>Contract every implementation keeps, so that they are interchangeable (tests check each against
 * {@link BruteForceIndex}, ids and distances exactly):
 * <ul>
 *   <li><b>Distances</b> are {@link Distance#between}'s value for the query and the row, bit for bit.</li>
 *   <li><b>Nearest first, ties by the lower row</b>: {@link #nearest} returns the k rows that come first when
 *       rows are sorted by (distance, row).</li>
 *   <li><b>Within r</b> means {@link Distance#rankingBetween} ≤ {@link Distance#toRanking}(r): for Euclidean,
 *       the squared distance against r², as scikit-learn's trees compare, so a point exactly at the radius counts
 *       as scikit-learn counts it.</li>
 *   <li>A query that is one of the indexed rows finds itself (distance 0): DBSCAN's {@code min-samples} and the
 *       core distances count the row itself, as scikit-learn does.</li>
 *   <li>{@link #forEachWithin} visits in an order fixed by the index and the query (not by threads); callers must
 *       not depend on which order.</li>
 *   <li>An index is immutable once built; single-query methods may be called from many threads at once. The batch
 *       methods split the queries into {@link Chunks} that depend only on their count, so results never depend on
 *       the thread count.</li>
 * </ul>
 */
public interface NeighborIndex {
    /** Rows below which {@link Kind#AUTO} takes brute force. */
    int AUTO_MIN_ROWS = 128;
    /** Features above which {@link Kind#AUTO} takes brute force. */
    int AUTO_MAX_FEATURES = 256;

    /** Which structure answers the queries. */
    enum Kind {
        /** Chosen by rows, features and distance ({@link NeighborIndex#build}). */
        AUTO("auto"),
        KD_TREE("kd-tree"),
        BALL_TREE("ball-tree"),
        /** Every row compared with every query (blocked; the reference the trees are tested against). */
        BRUTE("brute");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The name as typed ({@code --param index=kd-tree}). */
        public String id() {
            return id;
        }

        /** The kind called {@code name}; anything else is a one-line error listing the choices. */
        public static Kind parse(String name) {
            String t = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.id.equals(t)) {
                    return k;
                }
            }
            throw new CumuloException("unknown neighbour index '" + name + "'; expected auto, kd-tree, ball-tree or brute");
        }
    }

    /** Receives one row found by a radius query and its distance. */
    @FunctionalInterface
    interface Visitor {
        void accept(int row, double distance);
    }

    /** Indexed rows. */
    int size();

    /** Features per row. */
    int dimension();

    /** The distance the index answers under. */
    Distance distance();

    /** The structure answering queries (never {@link Kind#AUTO}). */
    Kind kind();

    /**
     * The {@code k} nearest indexed rows to {@code q[off .. off + d)}: their rows into {@code rows[0 .. k)} and their
     * distances into {@code distances[0 .. k)}, nearest first, equal distances by the lower row. Requires
     * {@code 1 ≤ k ≤ size()}.
     */
    void nearest(double[] q, int off, int k, int[] rows, double[] distances);

    /** How many indexed rows are within {@code r} of {@code q[off .. off + d)} (see the class comment). */
    int countWithin(double[] q, int off, double r);

    /** Calls {@code visitor} for every indexed row within {@code r} of {@code q[off .. off + d)}, with its distance. */
    void forEachWithin(double[] q, int off, double r, Visitor visitor);

    /**
     * The {@code k} nearest indexed rows of each of the {@code m} query rows {@code q} (row-major, {@link #dimension()}
     * columns), in parallel over fixed chunks of queries.
     */
    default KnnGraph nearest(double[] q, int m, int k, ExecutionContext ctx) {
        QueryChecks.k(k, size());
        int d = dimension();
        int[] rows = new int[m * k];
        double[] dist = new double[m * k];
        Chunks chunks = Chunks.of(m, 256, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            int[] r = new int[k];
            double[] s = new double[k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                nearest(q, i * d, k, r, s);
                System.arraycopy(r, 0, rows, i * k, k);
                System.arraycopy(s, 0, dist, i * k, k);
            }
            ctx.checkCancelled();
        });
        return new KnnGraph(rows, dist, k);
    }

    /** {@link #countWithin} for each of the {@code m} query rows {@code q}, in parallel over fixed chunks. */
    default int[] countWithin(double[] q, int m, double r, ExecutionContext ctx) {
        QueryChecks.limit(distance(), r);
        int d = dimension();
        int[] counts = new int[m];
        Chunks chunks = Chunks.of(m, 256, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                counts[i] = countWithin(q, i * d, r);
            }
            ctx.checkCancelled();
        });
        return counts;
    }

    /**
     * For each indexed row, its {@code k} nearest <em>other</em> indexed rows: the first {@code k} rows {@code j ≠ i}
     * in (distance, row) order, so a duplicate of row i is found at distance 0 but row i itself never is (what
     * {@code cumulo neighbors} writes, and what LOF and kNN scores take). Requires {@code 1 ≤ k ≤ size() − 1}. Computed
     * as the {@code k + 1} nearest, dropping row i (or the last one when i is not among them: then more than k rows
     * before it are exact duplicates of it).
     */
    default KnnGraph nearestOthers(int k, ExecutionContext ctx) {
        int n = size();
        if (k < 1 || k > n - 1) {
            throw new IllegalArgumentException(k + " neighbours besides the row itself asked of " + n
                    + " rows (k must be 1 to " + (n - 1) + ")");
        }
        KnnGraph all = nearest(indexedRows(), n, k + 1, ctx);
        int[] ai = all.indices();
        double[] ad = all.distances();
        int[] rows = new int[n * k];
        double[] dist = new double[n * k];
        Chunks chunks = Chunks.of(n, 4096, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int from = i * (k + 1);
                int to = i * k;
                for (int t = 0; t <= k && to < (i + 1) * k; t++) {
                    if (ai[from + t] != i) {
                        rows[to] = ai[from + t];
                        dist[to++] = ad[from + t];
                    }
                }
            }
        });
        return new KnnGraph(rows, dist, k);
    }

    /** The indexed rows ({@link #size()} × {@link #dimension()}, row-major): the array given to {@link #build}, not a copy. */
    double[] indexedRows();

    /**
     * An index over the {@code n} rows of {@code x} ({@code d} columns, row-major; kept by reference, not copied:
     * the caller must not change it). The rows must be finite (and, for cosine, not zero): anything else is an
     * {@link IllegalArgumentException} naming the row and feature. {@link Kind#AUTO} chooses by rows, features and
     * distance ({@link #autoKind}).
     */
    static NeighborIndex build(double[] x, int n, int d, Distance distance, Kind kind, ExecutionContext ctx) {
        QueryChecks.rows(x, n, d, distance);
        Kind k = kind == Kind.AUTO ? autoKind(n, d, distance) : kind;
        switch (k) {
            case KD_TREE:
                return new KdTree(x, n, d, distance, KdTree.DEFAULT_LEAF_SIZE);
            case BALL_TREE:
                return new BallTree(x, n, d, distance, BallTree.DEFAULT_LEAF_SIZE);
            default:
                return new BruteForceIndex(x, n, d, distance);
        }
    }

    /**
     * What {@link Kind#AUTO} takes for {@code n} rows of {@code d} features under {@code distance}: brute force below
     * {@value #AUTO_MIN_ROWS} rows (a tree would be a leaf or two) and above {@value #AUTO_MAX_FEATURES} features (where
     * boxes hardly prune and the tree's copies of the rows cost memory), else the k-d tree, whatever the distance.
     *
     * <p>From single-thread measurements of 10-NN of every row (docs/neighbors.md has the table): the k-d tree was the
     * fastest, or within 10 %, for every distance on clustered data from 1 to 784 features and on uniform data up to 8
     * features; on uniform data with 16 to 784 features brute force was 1.1 to 2 times faster, while on clustered data
     * of the same widths the k-d tree was 1.7 to 7 times faster than brute force. The ball tree was never the fastest by
     * more than the noise (2 to 5 times slower than the k-d tree on clustered data), so auto never takes it.
     */
    static Kind autoKind(int n, int d, Distance distance) {
        return n < AUTO_MIN_ROWS || d > AUTO_MAX_FEATURES ? Kind.BRUTE : Kind.KD_TREE;
    }
}

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
        if (k < 1 || k > size()) {
            throw new IllegalArgumentException(k + " neighbours asked of " + size() + " rows");
        }
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
     * An index over the {@code n} rows of {@code x} ({@code d} columns, row-major; kept by reference, not copied:
     * the caller must not change it). {@link Kind#AUTO} takes {@link BruteForceIndex} until the trees exist.
     * Distances without the triangle inequality ({@link Distance#isMetric()} false) cannot use the trees' pruning
     * except as the trees document (squared Euclidean and cosine ride on Euclidean).
     */
    static NeighborIndex build(double[] x, int n, int d, Distance distance, Kind kind, ExecutionContext ctx) {
        if (n < 1) {
            throw new IllegalArgumentException("an index needs at least one row");
        }
        switch (kind) {
            case AUTO:
            case BRUTE:
                return new BruteForceIndex(x, n, d, distance);
            default:
                throw new CumuloException("neighbour index '" + kind.id() + "' is not available yet; use brute");
        }
    }
}

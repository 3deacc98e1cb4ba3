package io.cumulo.neighbors;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;

/**
 * The {@link NeighborIndex} that compares a query with every row: no build cost, no extra memory, {@code n·d} work
 * per query. It is the reference the trees are tested against, so it is written as plainly as the contract:
 * {@link Distance#between} for every row, a bounded max-heap ordered by (distance, row) for the k nearest, and
 * {@link Distance#rankingBetween} against {@link Distance#toRanking}(r) for radius queries.
 */
public final class BruteForceIndex implements NeighborIndex {
    /** Rows per tile of the blocked batch search (a tile of 64 features is 128 KB: it stays in the L2 cache). */
    static final int TILE = 256;

    private final double[] x;
    private final int n;
    private final int d;
    private final Distance distance;

    BruteForceIndex(double[] x, int n, int d, Distance distance) {
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
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Distance distance() {
        return distance;
    }

    @Override
    public double[] indexedRows() {
        return x;
    }

    @Override
    public Kind kind() {
        return Kind.BRUTE;
    }

    @Override
    public void nearest(double[] q, int off, int k, int[] rows, double[] distances) {
        QueryChecks.k(k, n);
        QueryChecks.query(q, off, d, distance);
        // max-heap of the k best so far: the root is the worst kept (largest distance, then largest row)
        int size = 0;
        for (int j = 0; j < n; j++) {
            double s = distance.between(q, off, x, j * d, d);
            if (size < k) {
                Heaps.push(distances, rows, size++, s, j);
            } else if (Heaps.before(s, j, distances[0], rows[0])) {
                Heaps.replaceTop(distances, rows, k, s, j);
            }
        }
        Heaps.sortAscending(distances, rows, k);
    }

    /**
     * As the interface's default, except for Euclidean and squared Euclidean: blocks of queries against tiles of
     * {@value #TILE} rows in one GEMM-shaped product each (1.5 to 6 times faster than one pair at a time, measured from
     * 1 to 64 features),
     * filtering with the expanded squared distances and deciding with the exact ones ({@link BlockSearch}), so the
     * answers are the same. The tiles are packed per call (about one more copy of the rows while it runs).
     */
    @Override
    public KnnGraph nearest(double[] q, int m, int k, ExecutionContext ctx) {
        if (SpatialTree.spaceOf(distance) != SpatialTree.Space.SQUARED) {
            return NeighborIndex.super.nearest(q, m, k, ctx);
        }
        QueryChecks.k(k, n);
        for (int i = 0; i < m; i++) {
            QueryChecks.query(q, i * d, d, distance);
        }
        PackedRows packed = PackedRows.ofTiles(x, n, d, TILE);
        int[] rows = new int[m * k];
        double[] dist = new double[m * k];
        Chunks chunks = Chunks.of(m, 256, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            BlockSearch search = new BlockSearch(packed, null, distance, k, SpatialTree.BLOCK);
            for (int t = chunks.start(c); t < chunks.end(c); t += SpatialTree.BLOCK) {
                search.search(q, null, t, Math.min(chunks.end(c), t + SpatialTree.BLOCK), rows, dist);
            }
            ctx.checkCancelled();
        });
        return new KnnGraph(rows, dist, k);
    }

    @Override
    public int countWithin(double[] q, int off, double r) {
        QueryChecks.query(q, off, d, distance);
        double limit = QueryChecks.limit(distance, r);
        int count = 0;
        for (int j = 0; j < n; j++) {
            if (distance.rankingBetween(q, off, x, j * d, d) <= limit) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void forEachWithin(double[] q, int off, double r, Visitor visitor) {
        QueryChecks.query(q, off, d, distance);
        double limit = QueryChecks.limit(distance, r);
        for (int j = 0; j < n; j++) {
            double s = distance.rankingBetween(q, off, x, j * d, d);
            if (s <= limit) {
                visitor.accept(j, distance.fromRanking(s));
            }
        }
    }
}

package io.cumulo.neighbors;

/**
 * The {@link NeighborIndex} that compares a query with every row: no build cost, no extra memory, {@code n·d} work
 * per query. It is the reference the trees are tested against, so it is written as plainly as the contract:
 * {@link Distance#between} for every row, a bounded max-heap ordered by (distance, row) for the k nearest, and
 * {@link Distance#rankingBetween} against {@link Distance#toRanking}(r) for radius queries.
 */
public final class BruteForceIndex implements NeighborIndex {
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

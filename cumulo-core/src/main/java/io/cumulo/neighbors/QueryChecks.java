package io.cumulo.neighbors;

/** The argument checks every {@link NeighborIndex} makes, with the same messages. */
final class QueryChecks {
    private QueryChecks() {
    }

    /** {@code 1 ≤ k ≤ n}. */
    static void k(int k, int n) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException(k + " neighbours asked of " + n + " rows (k must be 1 to " + n + ")");
        }
    }

    /** Every coordinate of the query finite (and, for cosine, the query not zero). */
    static void query(double[] q, int off, int d, Distance distance) {
        if (off < 0 || off + d > q.length) {
            throw new IllegalArgumentException("query at offset " + off + " of " + d + " values overruns an array of "
                    + q.length);
        }
        for (int j = 0; j < d; j++) {
            double v = q[off + j];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("query value " + v + " in feature " + j + ": neighbour queries need "
                        + "finite values");
            }
        }
        if (distance == Distance.COSINE) {
            double nn = 0;
            for (int j = 0; j < d; j++) {
                nn += q[off + j] * q[off + j];
            }
            if (!(nn > 0 && nn < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("query has no direction (zero or overflowing length): its cosine "
                        + "distance is undefined");
            }
        }
    }

    /** The ranking value a radius query compares against; the radius must be a number ≥ 0. */
    static double limit(Distance distance, double r) {
        if (!(r >= 0)) {
            throw new IllegalArgumentException("radius " + r + ": must be a number at least 0");
        }
        return distance.toRanking(r);
    }

    /**
     * Checks rows about to be indexed: at least one, the array long enough, every value finite, and for cosine no
     * row without a direction. Each failure is an {@link IllegalArgumentException} naming the row and feature.
     */
    static void rows(double[] x, int n, int d, Distance distance) {
        if (n < 1) {
            throw new IllegalArgumentException("an index needs at least one row");
        }
        if (d < 1) {
            throw new IllegalArgumentException("an index needs at least one feature");
        }
        if (x.length < (long) n * d) {
            throw new IllegalArgumentException(x.length + " values cannot hold " + n + " rows of " + d);
        }
        for (int i = 0; i < n * d; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("row " + i / d + ", feature " + i % d + " is " + x[i]
                        + ": neighbour indexes need finite values");
            }
        }
        int bad = distance.firstUndefinedRow(x, n, d);
        if (bad >= 0) {
            throw new IllegalArgumentException("row " + bad + " has no direction (zero or overflowing length): "
                    + "its cosine distance is undefined");
        }
    }
}

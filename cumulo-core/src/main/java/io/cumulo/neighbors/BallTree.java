package io.cumulo.neighbors;

import io.cumulo.exec.ExecutionContext;

/**
 * A ball tree (S. M. Omohundro, "Five balltree construction algorithms", ICSI TR-89-063, 1989; the search as in
 * T. Liu, A. W. Moore, A. Gray, "New algorithms for efficient high-dimensional nonparametric classification", JMLR 7,
 * 2006): the rows are partitioned as in {@link KdTree} (median of the coordinate of largest spread), and each node
 * keeps the centroid of its rows and the radius of the smallest ball about it that holds them, in the query's metric.
 * By the triangle inequality no row of a node is nearer to a query than {@code dist(q, centroid) − radius} nor
 * farther than {@code dist(q, centroid) + radius}; a query skips a node whose lower bound exceeds the current k-th
 * neighbour or the radius, and a radius count takes a node whose upper bound lies within the radius whole. A ball's
 * bound does not grow with the number of features as a box's does, which is why ball trees keep pruning in more
 * dimensions than k-d trees.
 *
 * <p>The triangle inequality is needed, so the balls live in a true metric: Euclidean (for {@code euclidean}, for
 * {@code sqeuclidean}, whose ranking is the square of it, and for {@code cosine} on the rows scaled to unit length,
 * {@code 1 − cos = ‖u − v‖²/2}), Manhattan and Chebyshev. Answers equal {@link BruteForceIndex}'s exactly (see
 * {@link NeighborIndex} and {@link SpatialTree}). Build: {@code O(n·d·log n)}; memory {@code n·d} doubles for the rows
 * in tree order plus {@code 3·d + 1} per node.
 */
public final class BallTree extends SpatialTree {
    /** Rows per leaf by default (see docs/neighbors.md for the measurements). */
    public static final int DEFAULT_LEAF_SIZE = 40;

    /** Centroids, {@code node·d + j}, in bound coordinates. */
    private final double[] centre;
    /** Radii, in the bound geometry's distance (Euclidean, not squared, for the squared and unit spaces). */
    private final double[] radius;

    BallTree(double[] x, int n, int d, Distance distance, int leafSize) {
        super(x, n, d, distance, leafSize);
        double[] coords = space == Space.UNIT ? unitRows(x, n, d) : x;
        centre = new double[nodes * d];
        radius = new double[nodes];
        for (int node = 0; node < nodes; node++) {
            int b = node * d;
            int from = start[node];
            int to = end[node];
            for (int p = from; p < to; p++) {
                int o = perm[p] * d;
                for (int j = 0; j < d; j++) {
                    centre[b + j] += coords[o + j];
                }
            }
            for (int j = 0; j < d; j++) {
                centre[b + j] /= to - from;
            }
            double r = 0;
            for (int p = from; p < to; p++) {
                r = Math.max(r, metricDistance(centre, b, coords, perm[p] * d));
            }
            radius[node] = r;
        }
    }

    /**
     * A ball tree over the {@code n} rows of {@code x} ({@code d} columns, row-major; read, not kept beyond a copy in
     * tree order and the reference {@link NeighborIndex} allows), with leaves of at most {@code leafSize} rows.
     */
    public static BallTree of(double[] x, int n, int d, Distance distance, int leafSize, ExecutionContext ctx) {
        QueryChecks.rows(x, n, d, distance);
        return new BallTree(x, n, d, distance, leafSize);
    }

    @Override
    public Kind kind() {
        return Kind.BALL_TREE;
    }

    /** The ball's metric between {@code a[ao ..]} and {@code b[bo ..]}: Euclidean, Manhattan or Chebyshev. */
    private double metricDistance(double[] a, int ao, double[] b, int bo) {
        double g = 0;
        switch (space) {
            case SQUARED:
            case UNIT:
                for (int j = 0; j < d; j++) {
                    double t = a[ao + j] - b[bo + j];
                    g += t * t;
                }
                return Math.sqrt(g);
            case MANHATTAN:
                for (int j = 0; j < d; j++) {
                    g += Math.abs(a[ao + j] - b[bo + j]);
                }
                return g;
            default:
                for (int j = 0; j < d; j++) {
                    g = Math.max(g, Math.abs(a[ao + j] - b[bo + j]));
                }
                return g;
        }
    }

    /** The ranking value of a distance {@code t} of the ball's metric (squared, halved for unit rows). */
    private double rankOfMetric(double t) {
        switch (space) {
            case SQUARED:
                return t * t;
            case UNIT:
                return t * t / 2;
            default:
                return t;
        }
    }

    @Override
    double lowerRank(double[] s, int so, int node) {
        double c = metricDistance(s, so, centre, node * d);
        double r = radius[node];
        double t = c - r - rel * (c + r);
        // inside the ball the bound is 0; returning how deep inside (negative, still a valid lower bound) lets the
        // search enter the ball whose centre is nearer first, where the neighbours usually are
        return t > 0 ? safeLower(rankOfMetric(t)) : -1 / (1 + c);
    }

    @Override
    double upperRank(double[] s, int so, int node) {
        double c = metricDistance(s, so, centre, node * d);
        double r = radius[node];
        return safeUpper(rankOfMetric(c + r + rel * (c + r)));
    }

    @Override
    public String toString() {
        return "BallTree[" + n + " rows × " + d + ", " + distance.id() + ", " + nodes + " nodes, leaf size " + leafSize
                + "]";
    }
}

package io.cumulo.neighbors;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

/**
 * A k-d tree (J. L. Bentley, "Multidimensional binary search trees used for associative searching", CACM 18(9),
 * 1975; the search of J. H. Friedman, J. L. Bentley, R. A. Finkel, "An algorithm for finding best matches in
 * logarithmic expected time", ACM TOMS 3(3), 1977): each node is split at the median of the coordinate in which its
 * rows spread most, down to leaves of at most {@link #leafSize()} rows, and every node keeps the tight bounding box
 * of its rows. A query descends depth first, nearer child first, and skips a node whose box is farther than the
 * current k-th neighbour (or than the radius); a radius count takes a node whose box lies wholly within the radius
 * without looking at its rows. Box distances are taken in the query's metric (Euclidean and squared Euclidean: the
 * sum of squared gaps; Manhattan: the sum of gaps; Chebyshev: the largest gap; cosine: Euclidean on the rows scaled
 * to unit length, since {@code 1 − cos = ‖u − v‖²/2}). Answers equal {@link BruteForceIndex}'s exactly (see
 * {@link NeighborIndex} and {@link SpatialTree}).
 *
 * <p>The median split keeps the tree balanced (depth ⌈log₂(n / leafSize)⌉) whatever the data, which also bounds the
 * recursion; the sliding-midpoint rule (Maneewongvatana and Mount 1999) adapts better to very uneven densities but can
 * make deep trees. Build: {@code O(n·d·log n)} time, {@code n·d} doubles for the rows in tree order plus
 * {@code 2·d} per node.
 *
 * <p><b>Structural view.</b> For dual-tree algorithms (the Borůvka minimum spanning tree of HDBSCAN, McInnes and
 * Healy 2017) the tree is readable: nodes are numbered {@code 0 .. nodeCount())} in preorder, the root is 0, a node
 * holds the rows at tree positions {@link #nodeStart} to {@link #nodeEnd} (exclusive) of {@link #rowAt}/{@link
 * #treeOrder}, an inner node has two children ({@link #leftChild}, {@link #rightChild}; {@code -1} for a leaf, whose
 * positions are a sub-range of its parent's), and its box is {@link #boxMin}/{@link #boxMax} per feature (in the
 * rows' own coordinates; for cosine, in those of the unit-length rows). {@link #minDistance(int, int)} and
 * {@link #minDistance(double[], int, int)} are lower bounds on {@link Distance#between} that rounding cannot break.
 */
public final class KdTree extends SpatialTree {
    private static final VectorKernels KERNELS = VectorKernels.get();
    /** Rows per leaf by default (see docs/neighbors.md for the measurements). */
    public static final int DEFAULT_LEAF_SIZE = 40;

    KdTree(double[] x, int n, int d, Distance distance, int leafSize) {
        super(x, n, d, distance, leafSize);
    }

    /**
     * A k-d tree over the {@code n} rows of {@code x} ({@code d} columns, row-major; read, not kept beyond a copy in
     * tree order and the reference {@link NeighborIndex} allows), with leaves of at most {@code leafSize} rows.
     * Checks the rows as {@link NeighborIndex#build} does.
     */
    public static KdTree of(double[] x, int n, int d, Distance distance, int leafSize, ExecutionContext ctx) {
        QueryChecks.rows(x, n, d, distance);
        return new KdTree(x, n, d, distance, leafSize);
    }

    @Override
    public Kind kind() {
        return Kind.KD_TREE;
    }

    @Override
    double lowerRank(double[] s, int so, int node) {
        return safeLower(rankOfGeometry(gapToBox(s, so, node)));
    }

    @Override
    double upperRank(double[] s, int so, int node) {
        int b = node * d;
        double g = 0;
        switch (space) {
            case SQUARED:
            case UNIT:
                for (int j = 0; j < d; j++) {
                    double v = s[so + j];
                    double t = Math.max(Math.abs(v - lo[b + j]), Math.abs(hi[b + j] - v));
                    g += t * t;
                }
                break;
            case MANHATTAN:
                for (int j = 0; j < d; j++) {
                    double v = s[so + j];
                    g += Math.max(Math.abs(v - lo[b + j]), Math.abs(hi[b + j] - v));
                }
                break;
            default:
                for (int j = 0; j < d; j++) {
                    double v = s[so + j];
                    g = Math.max(g, Math.max(Math.abs(v - lo[b + j]), Math.abs(hi[b + j] - v)));
                }
                break;
        }
        return safeUpper(rankOfGeometry(g));
    }

    /** The box geometry value (sum of squared gaps, sum of gaps or largest gap) from the point to the node's box. */
    private double gapToBox(double[] s, int so, int node) {
        int b = node * d;
        double g = 0;
        switch (space) {
            case SQUARED:
            case UNIT:
                return KERNELS.squaredGapToBox(s, so, lo, hi, b, d);
            case MANHATTAN:
                for (int j = 0; j < d; j++) {
                    double v = s[so + j];
                    g += Math.max(Math.max(lo[b + j] - v, v - hi[b + j]), 0);
                }
                return g;
            default:
                for (int j = 0; j < d; j++) {
                    double v = s[so + j];
                    g = Math.max(g, Math.max(lo[b + j] - v, v - hi[b + j]));
                }
                return g;
        }
    }

    // ---- structural view (stable names: dual-tree algorithms use them) ------------------------------------------

    /** Nodes, numbered {@code 0 .. nodeCount()} in preorder; node 0 is the root. */
    public int nodeCount() {
        return nodes;
    }

    /** Whether {@code node} is a leaf. */
    public boolean isLeaf(int node) {
        return left[node] < 0;
    }

    /** The first child of {@code node} (the lower half along its split feature), or {@code -1} for a leaf. */
    public int leftChild(int node) {
        return left[node];
    }

    /** The second child of {@code node}, or {@code -1} for a leaf. */
    public int rightChild(int node) {
        return right[node];
    }

    /** The first tree position of the rows of {@code node}. */
    public int nodeStart(int node) {
        return start[node];
    }

    /** One past the last tree position of the rows of {@code node}. */
    public int nodeEnd(int node) {
        return end[node];
    }

    /** The row (index into the indexed rows) at tree position {@code position}. */
    public int rowAt(int position) {
        return perm[position];
    }

    /** The rows in tree order (a copy): {@code treeOrder()[p] == rowAt(p)}. */
    public int[] treeOrder() {
        return perm.clone();
    }

    /** The smallest value of feature {@code j} among the rows of {@code node} (of the unit-length rows for cosine). */
    public double boxMin(int node, int j) {
        return lo[node * d + j];
    }

    /** The largest value of feature {@code j} among the rows of {@code node} (of the unit-length rows for cosine). */
    public double boxMax(int node, int j) {
        return hi[node * d + j];
    }

    /**
     * A lower bound on {@link Distance#between} from the query {@code q[off .. off + d)} to every row of {@code node}:
     * the box distance in the index's metric, lowered by a margin that covers rounding (0 when the query is in the box).
     */
    public double minDistance(double[] q, int off, int node) {
        double[] s = q;
        int so = off;
        if (space == Space.UNIT) {
            s = new double[d];
            unit(q, off, d, s, 0);
            so = 0;
        }
        return distance.fromRanking(lowerRank(s, so, node));
    }

    /**
     * A lower bound on {@link Distance#between} from every row of node {@code a} to every row of node {@code b}: the
     * gap between their boxes in the index's metric, lowered by a margin that covers rounding (0 when they overlap).
     */
    public double minDistance(int a, int b) {
        int ba = a * d;
        int bb = b * d;
        double g = 0;
        for (int j = 0; j < d; j++) {
            double t = Math.max(Math.max(lo[bb + j] - hi[ba + j], lo[ba + j] - hi[bb + j]), 0);
            switch (space) {
                case SQUARED:
                case UNIT:
                    g += t * t;
                    break;
                case MANHATTAN:
                    g += t;
                    break;
                default:
                    g = Math.max(g, t);
                    break;
            }
        }
        return distance.fromRanking(safeLower(rankOfGeometry(g)));
    }

    @Override
    public String toString() {
        return "KdTree[" + n + " rows × " + d + ", " + distance.id() + ", " + nodes + " nodes, leaf size " + leafSize
                + "]";
    }
}

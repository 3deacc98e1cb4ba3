package io.cumulo.manifold;

import java.util.Arrays;

/**
 * A quadtree over a 2-D embedding for the Barnes-Hut approximation of t-SNE's repulsive forces (L. van der
 * Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 15, 2014, section 4.2; J. Barnes and P. Hut,
 * Nature 324, 1986). Each cell keeps its number of points and their centre of mass; seen from a point at
 * squared distance {@code d²} from that centre, a cell whose larger side {@code w} satisfies {@code w² / d² < θ²}
 * is taken as one point of that weight. Built by recursively partitioning an index array into the four
 * quadrants of each cell (a stable partition, so the tree, and every sum over it, depends only on the
 * coordinates and their order). A cell stops splitting when it holds one point, when its points coincide, or
 * at depth {@value #MAX_DEPTH} (points closer than 2⁻⁵⁰ of the extent). Empty quadrants get no cell. A cell's
 * centre, squared width and count sit side by side ({@value #STRIDE} doubles), so that visiting it reads one
 * cache line; the tree is rebuilt every iteration into the same arrays.
 */
final class BarnesHutTree {
    static final int MAX_DEPTH = 50;
    /** Doubles per cell: centre x, centre y, squared width, count. */
    private static final int STRIDE = 4;

    private final int n;
    private final int[] order;
    private final int[] scratch;
    private double[] y;
    private double[] cell = new double[STRIDE * 64];
    /** Children of a cell: {@code childStart[c] .. childStart[c] + childCount[c]} in {@link #children}. */
    private int[] firstChild = new int[64];
    private byte[] childCount = new byte[64];
    private int cells;

    BarnesHutTree(int n) {
        this.n = n;
        this.order = new int[n];
        this.scratch = new int[n];
    }

    /** Builds the tree over the n points of {@code y} (x, y interleaved). */
    void build(double[] points) {
        this.y = points;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] box = BarnesHutTree.bounds(y, n);
        double minX = box[0];
        double minY = box[1];
        double maxX = box[2];
        double maxY = box[3];
        cells = 0;
        int root = newCells(1);
        split(root, 0, n, minX, minY, maxX, maxY, 0);
    }

    private int newCells(int m) {
        if (cells + m > childCount.length) {
            int size = Math.max(2 * childCount.length, cells + m);
            cell = Arrays.copyOf(cell, STRIDE * size);
            firstChild = Arrays.copyOf(firstChild, size);
            childCount = Arrays.copyOf(childCount, size);
        }
        int first = cells;
        cells += m;
        return first;
    }

    private void split(int c, int lo, int hi, double x0, double y0, double x1, double y1, int depth) {
        int m = hi - lo;
        double w = Math.max(x1 - x0, y1 - y0);
        double sx = 0;
        double sy = 0;
        boolean same = true;
        double fx = y[2 * order[lo]];
        double fy = y[2 * order[lo] + 1];
        for (int t = lo; t < hi; t++) {
            double px = y[2 * order[t]];
            double py = y[2 * order[t] + 1];
            sx += px;
            sy += py;
            same &= px == fx && py == fy;
        }
        int o = STRIDE * c;
        cell[o] = sx / m;
        cell[o + 1] = sy / m;
        cell[o + 2] = w * w;
        cell[o + 3] = m;
        childCount[c] = 0;
        if (m == 1 || same || depth >= MAX_DEPTH) {
            return;
        }
        double mx = (x0 + x1) / 2;
        double my = (y0 + y1) / 2;
        // stable partition into quadrants 0: (<mx, <my), 1: (≥mx, <my), 2: (<mx, ≥my), 3: (≥mx, ≥my)
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        for (int t = lo; t < hi; t++) {
            int q = quadrant(order[t], mx, my);
            s0 += q == 0 ? 1 : 0;
            s1 += q == 1 ? 1 : 0;
            s2 += q == 2 ? 1 : 0;
        }
        int a0 = lo;
        int a1 = lo + s0;
        int a2 = a1 + s1;
        int a3 = a2 + s2;
        int b1 = a1;
        int b2 = a2;
        int b3 = a3;
        for (int t = lo; t < hi; t++) {
            int i = order[t];
            switch (quadrant(i, mx, my)) {
                case 0 -> scratch[a0++] = i;
                case 1 -> scratch[a1++] = i;
                case 2 -> scratch[a2++] = i;
                default -> scratch[a3++] = i;
            }
        }
        System.arraycopy(scratch, lo, order, lo, m);
        int kids = (b1 > lo ? 1 : 0) + (b2 > b1 ? 1 : 0) + (b3 > b2 ? 1 : 0) + (hi > b3 ? 1 : 0);
        int first = newCells(kids);
        firstChild[c] = first;
        childCount[c] = (byte) kids;
        int k = first;
        if (b1 > lo) {
            split(k++, lo, b1, x0, y0, mx, my, depth + 1);
        }
        if (b2 > b1) {
            split(k++, b1, b2, mx, y0, x1, my, depth + 1);
        }
        if (b3 > b2) {
            split(k++, b2, b3, x0, my, mx, y1, depth + 1);
        }
        if (hi > b3) {
            split(k, b3, hi, mx, my, x1, y1, depth + 1);
        }
    }

    /** The i-th point in the tree's (depth-first, spatial) order: neighbours in it are near in the plane. */
    int point(int position) {
        return order[position];
    }

    private int quadrant(int i, double mx, double my) {
        return (y[2 * i] >= mx ? 1 : 0) + (y[2 * i + 1] >= my ? 2 : 0);
    }

    /**
     * The unnormalised repulsion on point {@code i}: adds {@code Σ_j w_ij² (y_i − y_j)} into {@code force[0..1]}
     * and returns {@code Σ_j w_ij} (its share of Z), with {@code w_ij = 1 / (1 + ‖y_i − y_j‖²)}, over the cells
     * accepted by the θ criterion. A leaf at distance 0 (the point itself, with any duplicates) is left out, as
     * scikit-learn does. {@code stack} must hold at least {@code 3·MAX_DEPTH + 4} entries.
     */
    double repulsion(int i, double theta2, double[] force, int[] stack) {
        double px = y[2 * i];
        double py = y[2 * i + 1];
        double z = 0;
        double fx = 0;
        double fy = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int c = stack[--top];
            int o = STRIDE * c;
            double dx = px - cell[o];
            double dy = py - cell[o + 1];
            double d2 = dx * dx + dy * dy;
            int kids = childCount[c];
            if (kids == 0 || cell[o + 2] < theta2 * d2) {
                if (kids == 0 && d2 == 0) {
                    continue;
                }
                double m = cell[o + 3];
                double w = 1 / (1 + d2);
                z += m * w;
                double mw2 = m * w * w;
                fx += mw2 * dx;
                fy += mw2 * dy;
            } else {
                // pushed in reverse so that the quadrants are visited in order
                int f = firstChild[c];
                for (int k = kids - 1; k >= 0; k--) {
                    stack[top++] = f + k;
                }
            }
        }
        force[0] = fx;
        force[1] = fy;
        return z;
    }

    /** The bounding box {@code {minX, minY, maxX, maxY}} of {@code n} 2-D points stored x, y interleaved. */
    static double[] bounds(double[] y, int n) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, y[2 * i]);
            maxX = Math.max(maxX, y[2 * i]);
            minY = Math.min(minY, y[2 * i + 1]);
            maxY = Math.max(maxY, y[2 * i + 1]);
        }
        return new double[] {minX, minY, maxX, maxY};
    }
}

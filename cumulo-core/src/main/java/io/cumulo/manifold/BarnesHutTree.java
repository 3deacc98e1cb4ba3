package io.cumulo.manifold;

/**
 * A quadtree over a 2-D embedding for the Barnes-Hut approximation of t-SNE's repulsive forces (L. van der
 * Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 15, 2014, section 4.2; J. Barnes and P. Hut,
 * Nature 324, 1986). Each cell keeps its number of points and their centre of mass; seen from a point at
 * squared distance {@code d²} from that centre, a cell whose larger side {@code w} satisfies {@code w² / d² < θ²}
 * is taken as one point of that weight. Built by recursively partitioning an index array into the four
 * quadrants of each cell (a stable partition, so the tree, and every sum over it, depends only on the
 * coordinates and their order). A cell stops splitting when it holds one point, when its points coincide, or
 * at depth {@value #MAX_DEPTH} (points closer than 2⁻⁵⁰ of the extent).
 */
final class BarnesHutTree {
    static final int MAX_DEPTH = 50;

    private final double[] y;
    private final int[] order;
    private final int[] scratch;
    // per cell
    private double[] comX = new double[64];
    private double[] comY = new double[64];
    private int[] count = new int[64];
    private double[] width2 = new double[64];
    /** First of four consecutive children (−1 for a leaf); an empty quadrant is a child with count 0. */
    private int[] child = new int[64];
    private int cells;

    BarnesHutTree(double[] y, int n) {
        this.y = y;
        this.order = new int[n];
        this.scratch = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
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
        int root = newCell();
        build(root, 0, n, minX, minY, maxX, maxY, 0);
    }

    private int newCell() {
        if (cells == count.length) {
            int m = cells * 2;
            comX = java.util.Arrays.copyOf(comX, m);
            comY = java.util.Arrays.copyOf(comY, m);
            count = java.util.Arrays.copyOf(count, m);
            width2 = java.util.Arrays.copyOf(width2, m);
            child = java.util.Arrays.copyOf(child, m);
        }
        child[cells] = -1;
        return cells++;
    }

    private void build(int cell, int lo, int hi, double x0, double y0, double x1, double y1, int depth) {
        int m = hi - lo;
        count[cell] = m;
        double w = Math.max(x1 - x0, y1 - y0);
        width2[cell] = w * w;
        if (m == 0) {
            return;
        }
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
        comX[cell] = sx / m;
        comY[cell] = sy / m;
        if (m == 1 || same || depth >= MAX_DEPTH) {
            return;
        }
        double mx = (x0 + x1) / 2;
        double my = (y0 + y1) / 2;
        // stable partition into quadrants 0: (<mx, <my), 1: (≥mx, <my), 2: (<mx, ≥my), 3: (≥mx, ≥my)
        int[] sizes = new int[4];
        for (int t = lo; t < hi; t++) {
            sizes[quadrant(order[t], mx, my)]++;
        }
        int[] at = {lo, lo + sizes[0], lo + sizes[0] + sizes[1], lo + sizes[0] + sizes[1] + sizes[2]};
        int[] begin = at.clone();
        for (int t = lo; t < hi; t++) {
            int q = quadrant(order[t], mx, my);
            scratch[at[q]++] = order[t];
        }
        System.arraycopy(scratch, lo, order, lo, m);
        int first = newCell();
        newCell();
        newCell();
        newCell();
        child[cell] = first;
        build(first, begin[0], begin[0] + sizes[0], x0, y0, mx, my, depth + 1);
        build(first + 1, begin[1], begin[1] + sizes[1], mx, y0, x1, my, depth + 1);
        build(first + 2, begin[2], begin[2] + sizes[2], x0, my, mx, y1, depth + 1);
        build(first + 3, begin[3], begin[3] + sizes[3], mx, my, x1, y1, depth + 1);
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
            int m = count[c];
            if (m == 0) {
                continue;
            }
            double dx = px - comX[c];
            double dy = py - comY[c];
            double d2 = dx * dx + dy * dy;
            boolean leaf = child[c] < 0;
            if (leaf || width2[c] < theta2 * d2) {
                if (leaf && d2 == 0) {
                    continue;
                }
                double w = 1 / (1 + d2);
                z += m * w;
                double mw2 = m * w * w;
                fx += mw2 * dx;
                fy += mw2 * dy;
            } else {
                int f = child[c];
                // pushed in reverse so that the quadrants are visited 0, 1, 2, 3
                stack[top++] = f + 3;
                stack[top++] = f + 2;
                stack[top++] = f + 1;
                stack[top++] = f;
            }
        }
        force[0] = fx;
        force[1] = fy;
        return z;
    }
}

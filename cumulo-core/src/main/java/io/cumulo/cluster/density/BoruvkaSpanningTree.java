package io.cumulo.cluster.density;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.KdTree;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The minimum spanning tree under mutual reachability {@code max(core_a, core_b, δ(a, b)/α)} by Borůvka's algorithm on
 * a k-d tree (O. Borůvka 1926; the space-tree form of W. B. March, P. Ram, A. G. Gray, "Fast Euclidean minimum spanning
 * tree", KDD 2010, as L. McInnes and J. Healy use it for HDBSCAN*, "Accelerated Hierarchical Density Based Clustering",
 * ICDMW 2017): in each round every component takes its shortest edge to another component, until one is left; at most
 * {@code log₂ n} rounds, each a pruned search of the tree per row. {@code O(n)} memory besides the tree and the
 * {@code min-samples} nearest neighbours of each row.
 *
 * <p><b>Edges are totally ordered</b> by (distance, smaller row, larger row), so each component's shortest edge is one
 * edge, the rounds cannot close a cycle even among equal distances, and the tree is the unique minimum of that order:
 * the same whatever the thread count or the order of the searches.
 *
 * <p><b>Searches.</b> A round starts from the edges the rows' nearest neighbours give (the bound of McInnes &amp; Healy's
 * first round); a component without any then searches from its row of smallest core distance, so every component has a
 * bound before its rows search. A row searches only if its core distance does not exceed its component's bound (its
 * edges are at least its core distance), and the search skips a node whose rows all lie in the row's component or whose
 * lower bound {@code max(core_row, min core in node, box distance/α)} exceeds the best edge found so far (ties are
 * explored, for the order). The component's bound is shared by its rows and lowered as they find edges (an atomic
 * minimum): which rows then search less depends on timing, but the bound is always the length of a real edge of the
 * component, so the row holding the component's shortest edge still finds it, and the round's result, the minimum over
 * the rows' edges in the total order, does not depend on the threads. Box distances come from {@link KdTree#minDistance(double[], int, int)}, safe against
 * rounding; edge lengths are {@link Distance#between}'s, bit for bit what Prim's algorithm computes.
 */
final class BoruvkaSpanningTree {
    private final KdTree tree;
    private final double[] x;
    private final int n;
    private final int d;
    private final Distance metric;
    private final double[] core;
    private final double alpha;
    /** Each row's nearest rows other than itself (min-samples − 1 of them, tree order irrelevant), row-major. */
    private final int[] knn;
    private final int k;
    private final double[] nodeMinCore;
    private final int[] parent;
    private final int[] comp;
    private final int[] nodeComp;

    private BoruvkaSpanningTree(KdTree tree, double[] x, int n, int d, Distance metric, double[] core, double alpha,
                                int[] knn, int k) {
        this.tree = tree;
        this.x = x;
        this.n = n;
        this.d = d;
        this.metric = metric;
        this.core = core;
        this.alpha = alpha;
        this.knn = knn;
        this.k = k;
        int nodes = tree.nodeCount();
        this.nodeMinCore = new double[nodes];
        for (int node = nodes - 1; node >= 0; node--) {
            if (tree.isLeaf(node)) {
                double m = Double.POSITIVE_INFINITY;
                for (int p = tree.nodeStart(node); p < tree.nodeEnd(node); p++) {
                    m = Math.min(m, core[tree.rowAt(p)]);
                }
                nodeMinCore[node] = m;
            } else {
                // preorder numbering: children come after their parent
                nodeMinCore[node] = Math.min(nodeMinCore[tree.leftChild(node)], nodeMinCore[tree.rightChild(node)]);
            }
        }
        this.parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        this.comp = new int[n];
        this.nodeComp = new int[nodes];
    }

    /**
     * The tree's {@code n − 1} edges into {@code from}, {@code to}, {@code dist} (in the order the rounds found them).
     *
     * @param knn each row's {@code k} nearest other rows (row-major), or {@code k = 0}
     */
    static void grow(KdTree tree, double[] x, int n, int d, Distance metric, double[] core, double alpha, int[] knn,
                     int k, ExecutionContext ctx, int[] from, int[] to, double[] dist) {
        new BoruvkaSpanningTree(tree, x, n, d, metric, core, alpha, knn, k).run(ctx, from, to, dist);
    }

    private int find(int a) {
        while (parent[a] != a) {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        return a;
    }

    private double mr(int a, int b) {
        double v = metric.between(x, a * d, x, b * d, d) / alpha;
        return Math.max(v, Math.max(core[a], core[b]));
    }

    /** Whether edge (w, a, b) comes before edge (v, c, e) in the total order. */
    private static boolean before(double w, int a, int b, double v, int c, int e) {
        if (w != v) {
            return w < v;
        }
        int lo1 = Math.min(a, b);
        int lo2 = Math.min(c, e);
        if (lo1 != lo2) {
            return lo1 < lo2;
        }
        return Math.max(a, b) < Math.max(c, e);
    }

    private void run(ExecutionContext ctx, int[] from, int[] to, double[] dist) {
        int edges = 0;
        int components = n;
        double[] bestW = new double[n];
        int[] bestA = new int[n];
        int[] bestB = new int[n];
        double[] compW = new double[n];
        int[] compA = new int[n];
        int[] compB = new int[n];
        // a lower bound on each row's shortest edge to another component: components only merge, so what a search
        // proved (no other component's row nearer than this) stays true in the later rounds
        double[] floor = core.clone();
        Chunks chunks = Chunks.of(n, 1024, Integer.MAX_VALUE);
        int round = 0;
        while (components > 1) {
            ctx.progress().update("hdbscan: Borůvka round " + (++round) + ", " + components + " components", 0, 1);
            for (int i = 0; i < n; i++) {
                comp[i] = find(i);
            }
            labelNodes();
            // 1. each row's best edge among its nearest neighbours in another component (a bound, often the answer)
            ctx.parallelFor(chunks.count(), c -> {
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    double w = Double.POSITIVE_INFINITY;
                    int b = -1;
                    for (int t = 0; t < k; t++) {
                        int r = knn[i * k + t];
                        if (comp[r] != comp[i]) {
                            double v = mr(i, r);
                            if (b < 0 || before(v, i, r, w, i, b)) {
                                w = v;
                                b = r;
                            }
                        }
                    }
                    bestW[i] = w;
                    bestA[i] = i;
                    bestB[i] = b;
                }
            });
            reduce(bestW, bestA, bestB, compW, compA, compB);
            // 2. components without a bound search from their row of smallest core distance
            int[] probe = new int[n];
            Arrays.fill(probe, -1);
            for (int i = 0; i < n; i++) {
                int c = comp[i];
                if (compB[c] < 0 && (probe[c] < 0 || core[i] < core[probe[c]])) {
                    probe[c] = i;
                }
            }
            int[] probes = Arrays.stream(probe).filter(p -> p >= 0).toArray();
            Chunks pc = Chunks.of(probes.length, 16, Integer.MAX_VALUE);
            ctx.parallelFor(pc.count(), c -> {
                Search s = new Search();
                for (int t = pc.start(c); t < pc.end(c); t++) {
                    int i = probes[t];
                    s.run(i, Double.POSITIVE_INFINITY, bestW[i], bestB[i]);
                    bestW[i] = s.w;
                    bestB[i] = s.b;
                }
            });
            reduce(bestW, bestA, bestB, compW, compA, compB);
            // 3. every row that could beat its component's bound searches the tree; the bound falls as rows find edges
            AtomicLongArray shared = new AtomicLongArray(n);
            for (int i = 0; i < n; i++) {
                if (comp[i] == i) {
                    shared.set(i, Double.doubleToRawLongBits(compW[i]));
                }
            }
            ctx.parallelFor(chunks.count(), c -> {
                Search s = new Search();
                s.shared = shared;
                for (int p = chunks.start(c); p < chunks.end(c); p++) {
                    int i = tree.rowAt(p);
                    double bound = Double.longBitsToDouble(shared.get(comp[i]));
                    if (floor[i] > bound) {
                        continue;
                    }
                    s.run(i, bound, bestW[i], bestB[i]);
                    floor[i] = Math.max(floor[i], s.proven);
                    bestW[i] = s.w;
                    bestB[i] = s.b;
                    if (s.b >= 0) {
                        lower(shared, comp[i], s.w);
                    }
                }
                ctx.checkCancelled();
            });
            reduce(bestW, bestA, bestB, compW, compA, compB);
            // 4. join each component to its best edge's other end (an edge two components chose is added once)
            for (int i = 0; i < n; i++) {
                if (comp[i] != i || compB[i] < 0) {
                    continue;
                }
                int a = compA[i];
                int b = compB[i];
                int ra = find(a);
                int rb = find(b);
                if (ra == rb) {
                    continue;
                }
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
                from[edges] = a;
                to[edges] = b;
                dist[edges] = compW[i];
                edges++;
                components--;
            }
            ctx.checkCancelled();
        }
    }

    /** {@code bound[c] = min(bound[c], w)}, atomically (non-negative doubles order as their bits). */
    private static void lower(AtomicLongArray bound, int c, double w) {
        long bits = Double.doubleToRawLongBits(w);
        long cur = bound.get(c);
        while (bits < cur && !bound.compareAndSet(c, cur, bits)) {
            cur = bound.get(c);
        }
    }

    /** Each component's best edge: the first in the total order among its rows' best edges. */
    private void reduce(double[] bestW, int[] bestA, int[] bestB, double[] compW, int[] compA, int[] compB) {
        Arrays.fill(compW, Double.POSITIVE_INFINITY);
        Arrays.fill(compB, -1);
        for (int i = 0; i < n; i++) {
            if (bestB[i] < 0) {
                continue;
            }
            int c = comp[i];
            if (compB[c] < 0 || before(bestW[i], bestA[i], bestB[i], compW[c], compA[c], compB[c])) {
                compW[c] = bestW[i];
                compA[c] = bestA[i];
                compB[c] = bestB[i];
            }
        }
    }

    /** The component of every row of each node, or -1 when they differ (leaves first: children follow parents). */
    private void labelNodes() {
        for (int node = tree.nodeCount() - 1; node >= 0; node--) {
            if (tree.isLeaf(node)) {
                int c = comp[tree.rowAt(tree.nodeStart(node))];
                for (int p = tree.nodeStart(node) + 1; p < tree.nodeEnd(node) && c >= 0; p++) {
                    if (comp[tree.rowAt(p)] != c) {
                        c = -1;
                    }
                }
                nodeComp[node] = c;
            } else {
                int a = nodeComp[tree.leftChild(node)];
                nodeComp[node] = a == nodeComp[tree.rightChild(node)] ? a : -1;
            }
        }
    }

    /** One row's search for its shortest edge to another component; reusable. */
    private final class Search {
        /** The components' shared bounds (step 3), or null. */
        AtomicLongArray shared;
        int q;
        int cq;
        double coreQ;
        double w;
        int b;
        /** After {@link #run}: the row has no edge to another component shorter than this. */
        double proven;

        /**
         * The row's shortest edge to another component if it is no longer than {@code bound} (ties included), else
         * its edge (w0, b0) as it was ({@code b0 = -1}: none): into {@link #w} and {@link #b}.
         */
        void run(int row, double bound, double w0, int b0) {
            q = row;
            cq = comp[row];
            coreQ = core[row];
            if (b0 >= 0 && w0 <= bound) {
                w = w0;
                b = b0;
            } else {
                w = bound; // a threshold, not an edge of this row
                b = -1;
            }
            visit(0);
            // no other component's row is nearer than the final threshold (or the edge found, the row's shortest)
            proven = w;
            if (b < 0) {
                w = w0;
                b = b0;
            }
        }

        private double lower(int node) {
            double box = tree.minDistance(x, q * d, node) / alpha;
            return Math.max(box, Math.max(coreQ, nodeMinCore[node]));
        }

        private void visit(int node) {
            if (nodeComp[node] == cq) {
                return;
            }
            if (b < 0 && shared != null) {
                // no edge of this row yet: only what beats (or ties) the component's current best matters
                w = Math.min(w, Double.longBitsToDouble(shared.get(cq)));
            }
            if (tree.isLeaf(node)) {
                for (int p = tree.nodeStart(node); p < tree.nodeEnd(node); p++) {
                    int r = tree.rowAt(p);
                    if (comp[r] == cq || core[r] > w) {
                        continue;
                    }
                    double v = mr(q, r);
                    if (v < w || v == w && (b < 0 || before(v, q, r, w, q, b))) {
                        w = v;
                        b = r;
                    }
                }
                return;
            }
            int a = tree.leftChild(node);
            int c = tree.rightChild(node);
            double la = lower(a);
            double lc = lower(c);
            if (lc < la) {
                int t = a;
                a = c;
                c = t;
                double u = la;
                la = lc;
                lc = u;
            }
            if (la <= w) {
                visit(a);
            }
            if (lc <= w) {
                visit(c);
            }
        }
    }
}

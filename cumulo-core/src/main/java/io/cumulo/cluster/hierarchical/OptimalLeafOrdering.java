package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;

import java.util.Arrays;

/**
 * Optimal leaf ordering (Bar-Joseph, Gifford, Jaakkola 2001, "Fast optimal leaf ordering for hierarchical
 * clustering", Bioinformatics 17 suppl. 1): of the 2<sup>n−1</sup> drawings of a tree (each merge may show either
 * child first), the one whose sum of dissimilarities between neighbouring leaves is smallest, as SciPy's
 * {@code optimal_leaf_ordering}. The tree itself (merges, heights, cuts) does not change; only which child of each
 * merge is {@code left}.
 *
 * <p>Dynamic programming from the leaves up: {@code M(u, w)}, the cheapest order of a node's leaves that starts at
 * leaf {@code u} of one child and ends at leaf {@code w} of the other, is {@code min M(u, m) + D(m, k) + M(k, w)}
 * over the leaves {@code m}, {@code k} on the inner sides; the paper's split of that minimum into two steps makes a
 * node cost {@code |L|·|R|·(|L| + |R|)}, {@code O(n³)} in all. Both {@code D} and {@code M} are symmetric and every
 * pair of leaves meets at exactly one node, so one {@code n × n} array holds both: {@code D} above the diagonal,
 * {@code M} below it ({@code 8·n²} bytes, checked against the heap). Rows are indexed by position in the default
 * drawing, so every node's leaves are a contiguous range.
 *
 * <p><b>Ties</b> (an order and its mirror image always cost the same): the root keeps its children's order, and
 * at every step the first minimum in position order wins, so the result is one fixed order, whatever the thread
 * count (each {@code M(u, ·)} is computed by one thread in a fixed order).
 */
final class OptimalLeafOrdering {
    /** The largest tree reordered: the {@code O(n³)} work takes minutes beyond it (measured in hierarchical.md). */
    static final int MAX_LEAVES = 20_000;

    /** Dissimilarity between two rows by their original index. */
    interface Dissimilarity {
        double between(int i, int j);
    }

    private OptimalLeafOrdering() {
    }

    /** The dissimilarity of rows {@code x} ({@code d} columns) under {@code metric}. */
    static Dissimilarity of(double[] x, int d, Distance metric) {
        return (i, j) -> metric.between(x, i * d, x, j * d, d);
    }

    /** The dissimilarity read from a square {@code n × n} matrix. */
    static Dissimilarity ofSquare(double[] square, int n) {
        return (i, j) -> square[i * n + j];
    }

    /** The dissimilarity read from a condensed matrix (row by row, {@code i < j}). */
    static Dissimilarity ofCondensed(double[] condensed, int n) {
        return (i, j) -> i == j ? 0 : condensed[(int) MatrixDistances.index(n, Math.min(i, j), Math.max(i, j))];
    }

    /** {@code tree} with each merge's children in the order that minimises the neighbouring leaves' dissimilarity. */
    static ClusterTree reorder(ClusterTree tree, Dissimilarity dissimilarity, String algorithm, ExecutionContext ctx) {
        int n = tree.leaves();
        int merges = tree.merges();
        if (n <= 2) {
            return tree;
        }
        if (n > MAX_LEAVES) {
            throw new CumuloException("parameter 'optimal-ordering': " + algorithm + " reorders trees of up to "
                    + MAX_LEAVES + " rows (the work grows as n³), got " + n + " rows; leave it off for this input");
        }
        long bytes = 8L * n * n;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new CumuloException("parameter 'optimal-ordering': " + n + " rows need " + Agglomerative.mb(bytes)
                    + " for the ordering, more than this JVM has free (" + Agglomerative.mb(free) + "); leave it off "
                    + "or raise the heap (-Xmx, or CUMULO_JAVA_OPTS)");
        }
        int[] order = tree.leafOrder();
        // position of each node's first leaf and its leaf count, in the default drawing (left child first)
        int[] start = new int[n + merges];
        int[] count = new int[n + merges];
        for (int p = 0; p < n; p++) {
            start[order[p]] = p;
            count[order[p]] = 1;
        }
        for (int i = 0; i < merges; i++) {
            start[n + i] = start[tree.left(i)];
            count[n + i] = count[tree.left(i)] + count[tree.right(i)];
        }
        double[] a = new double[n * n];
        Chunks rows = Chunks.of(n, 64, Integer.MAX_VALUE);
        ctx.parallelFor(rows.count(), c -> {
            for (int p = rows.start(c); p < rows.end(c); p++) {
                for (int q = p + 1; q < n; q++) {
                    a[p * n + q] = dissimilarity.between(order[p], order[q]);
                }
            }
        });
        for (int i = 0; i < merges; i++) {
            ctx.checkCancelled();
            ctx.progress().update("optimal leaf ordering", i, merges);
            solve(a, n, tree.left(i), tree.right(i), start, count, tree, ctx);
        }
        boolean[] swap = new boolean[merges];
        backtrack(a, n, tree, start, count, swap);
        int[] left = new int[merges];
        int[] right = new int[merges];
        double[] height = new double[merges];
        long[] size = new long[merges];
        for (int i = 0; i < merges; i++) {
            left[i] = swap[i] ? tree.right(i) : tree.left(i);
            right[i] = swap[i] ? tree.left(i) : tree.right(i);
            height[i] = tree.height(i);
            size[i] = tree.size(i);
        }
        return new ClusterTree(n, left, right, height, size, tree.leafSizes(), tree.heightMeaning());
    }

    /** {@code M(p, q)}: the best order's cost from leaf position p to q (0 for a leaf alone). */
    private static double m(double[] a, int n, int p, int q) {
        return p == q ? 0 : p > q ? a[p * n + q] : a[q * n + p];
    }

    /** The range [from, to) of the inner leaves for an end at position p of node {@code node}. */
    private static int innerFrom(int node, int p, int n, int[] start, int[] count, ClusterTree tree) {
        if (node < n) {
            return p;
        }
        int l = tree.left(node - n);
        return p < start[l] + count[l] ? start[l] + count[l] : start[l];
    }

    private static int innerTo(int node, int p, int n, int[] start, int[] count, ClusterTree tree) {
        if (node < n) {
            return p + 1;
        }
        int l = tree.left(node - n);
        return p < start[l] + count[l] ? start[node] + count[node] : start[l] + count[l];
    }

    /** Fills {@code M(u, w)} for u under {@code l}, w under {@code r} (all of l's positions precede r's). */
    private static void solve(double[] a, int n, int l, int r, int[] start, int[] count, ClusterTree tree,
                              ExecutionContext ctx) {
        int lFrom = start[l];
        int lTo = lFrom + count[l];
        int rFrom = start[r];
        int rTo = rFrom + count[r];
        int rSplit = r < n ? rTo : start[tree.left(r - n)] + count[tree.left(r - n)];
        long work = (long) count[l] * count[r] * (count[l] + count[r]);
        Chunks chunks = Chunks.of(count[l], 1, work < 1 << 20 ? 1 : Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            double[] t = new double[count[r]];
            double[] best = new double[count[r]];
            for (int u = lFrom + chunks.start(c); u < lFrom + chunks.end(c); u++) {
                // T(k) = min over inner m of M(u, m) + D(m, k)
                Arrays.fill(t, Double.POSITIVE_INFINITY);
                int mFrom = innerFrom(l, u, n, start, count, tree);
                int mTo = innerTo(l, u, n, start, count, tree);
                for (int m = mFrom; m < mTo; m++) {
                    double mu = m(a, n, u, m);
                    int row = m * n;
                    for (int k = rFrom; k < rTo; k++) {
                        double v = mu + a[row + k];
                        if (v < t[k - rFrom]) {
                            t[k - rFrom] = v;
                        }
                    }
                }
                // M(u, w) = min over inner k of T(k) + M(k, w)
                Arrays.fill(best, Double.POSITIVE_INFINITY);
                if (r < n) {
                    best[0] = t[0];
                } else {
                    // w in r's second child: inner k in its first child, k < w, M(k, w) = a[w·n + k]
                    for (int w = rSplit; w < rTo; w++) {
                        int row = w * n;
                        double bv = Double.POSITIVE_INFINITY;
                        for (int k = rFrom; k < rSplit; k++) {
                            double v = t[k - rFrom] + a[row + k];
                            if (v < bv) {
                                bv = v;
                            }
                        }
                        best[w - rFrom] = bv;
                    }
                    // w in r's first child: inner k in its second child, k > w, M(k, w) = a[k·n + w]
                    for (int k = rSplit; k < rTo; k++) {
                        int row = k * n;
                        double tk = t[k - rFrom];
                        for (int w = rFrom; w < rSplit; w++) {
                            double v = tk + a[row + w];
                            if (v < best[w - rFrom]) {
                                best[w - rFrom] = v;
                            }
                        }
                    }
                }
                for (int w = rFrom; w < rTo; w++) {
                    a[w * n + u] = best[w - rFrom];
                }
            }
        });
    }

    /** From the root down: the ends of each node's best order, and whether its children are shown swapped. */
    private static void backtrack(double[] a, int n, ClusterTree tree, int[] start, int[] count, boolean[] swap) {
        int merges = tree.merges();
        int root = n + merges - 1;
        int l = tree.left(merges - 1);
        int r = tree.right(merges - 1);
        int bu = -1;
        int bw = -1;
        double bv = Double.POSITIVE_INFINITY;
        for (int u = start[l]; u < start[l] + count[l]; u++) {
            for (int w = start[r]; w < start[r] + count[r]; w++) {
                double v = m(a, n, u, w);
                if (v < bv) {
                    bv = v;
                    bu = u;
                    bw = w;
                }
            }
        }
        // explicit stack of (node, first leaf position, last leaf position)
        int[] stack = new int[3 * (merges + n)];
        int top = 0;
        stack[top++] = root;
        stack[top++] = bu;
        stack[top++] = bw;
        while (top > 0) {
            int last = stack[--top];
            int first = stack[--top];
            int node = stack[--top];
            if (node < n) {
                continue;
            }
            int i = node - n;
            int cl = tree.left(i);
            int cr = tree.right(i);
            boolean swapped = first >= start[cl] + count[cl];
            swap[i] = swapped;
            int u = swapped ? last : first; // the end under the left child
            int w = swapped ? first : last; // the end under the right child
            double target = m(a, n, u, w);
            int mFrom = innerFrom(cl, u, n, start, count, tree);
            int mTo = innerTo(cl, u, n, start, count, tree);
            int kFrom = innerFrom(cr, w, n, start, count, tree);
            int kTo = innerTo(cr, w, n, start, count, tree);
            int bm = -1;
            int bk = -1;
            search:
            for (int m = mFrom; m < mTo; m++) {
                double mu = m(a, n, u, m);
                for (int k = kFrom; k < kTo; k++) {
                    // the same sums, associated as in solve, so the optimum is found bit for bit
                    if ((mu + a[m * n + k]) + m(a, n, k, w) == target) {
                        bm = m;
                        bk = k;
                        break search;
                    }
                }
            }
            if (bm < 0) {
                throw new IllegalStateException("optimal leaf ordering: no split reproduces the cost at merge " + i);
            }
            // left child's order runs u .. m, the right child's k .. w; mirrored when swapped
            stack[top++] = cl;
            stack[top++] = swapped ? bm : u;
            stack[top++] = swapped ? u : bm;
            stack[top++] = cr;
            stack[top++] = swapped ? w : bk;
            stack[top++] = swapped ? bk : w;
        }
    }
}

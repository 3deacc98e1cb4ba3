package io.cumulo.cluster.hierarchical;

import io.cumulo.estimator.ClusterTree;

import java.util.Arrays;

/**
 * The merges an agglomeration made, each as a pair of original rows (one from each merged cluster) and a height,
 * turned into SciPy's linkage form: ids {@code 0..n−1} are rows, merge {@code i} makes node {@code n + i}, the
 * smaller id first, and the size column counts the rows. Algorithms that find merges out of height order (the
 * nearest-neighbour chain, the spanning tree) are sorted first, stably by height, as SciPy does.
 */
final class Merges {
    private final int n;
    private final int[] a;
    private final int[] b;
    private final double[] h;
    private int count;

    Merges(int n) {
        this.n = n;
        int m = Math.max(0, n - 1);
        this.a = new int[m];
        this.b = new int[m];
        this.h = new double[m];
    }

    void add(int rowA, int rowB, double height) {
        a[count] = rowA;
        b[count] = rowB;
        h[count] = height;
        count++;
    }

    /**
     * The tree. {@code sort}: order the merges by height first (stable: equal heights keep the order they were
     * found in); the merges of a reducible linkage may be found in any order but form the same tree once sorted.
     */
    ClusterTree toTree(boolean sort, String heightMeaning) {
        int m = count;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        if (sort) {
            Arrays.sort(order, (x, y) -> Double.compare(h[x], h[y]));
        }
        // union-find over rows; the root of each set knows the node id of the cluster it is
        int[] parent = new int[n];
        int[] node = new int[n];
        long[] rows = new long[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            node[i] = i;
            rows[i] = 1;
        }
        int[] left = new int[m];
        int[] right = new int[m];
        double[] height = new double[m];
        long[] size = new long[m];
        for (int t = 0; t < m; t++) {
            int i = order[t];
            int ra = find(parent, a[i]);
            int rb = find(parent, b[i]);
            int na = node[ra];
            int nb = node[rb];
            left[t] = Math.min(na, nb);
            right[t] = Math.max(na, nb);
            height[t] = h[i];
            long s = rows[ra] + rows[rb];
            size[t] = s;
            // union by the smaller root index keeps the structure independent of the merge order's details
            int root = Math.min(ra, rb);
            int other = Math.max(ra, rb);
            parent[other] = root;
            rows[root] = s;
            node[root] = n + t;
        }
        long[] leaves = new long[n];
        Arrays.fill(leaves, 1);
        return new ClusterTree(n, left, right, height, size, leaves, heightMeaning);
    }

    /**
     * For merges added in reverse (a divisive tree's splits, parent before children): the tree with the splits
     * turned into merges from the leaves up, sorted by height, equal heights with the later split first (a split's
     * parts come after it, so they merge before it).
     */
    ClusterTree reversedToTree(String heightMeaning) {
        Merges r = new Merges(n);
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = count - 1 - i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(h[x], h[y])); // stable: later splits first on ties
        for (int i : order) {
            r.add(a[i], b[i], h[i]);
        }
        return r.toTree(false, heightMeaning);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}

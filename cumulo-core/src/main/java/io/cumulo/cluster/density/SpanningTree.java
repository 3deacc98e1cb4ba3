package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.estimator.ClusterTree;

import java.util.Arrays;

/**
 * A minimum spanning tree under mutual reachability, its {@code n − 1} edges in single-linkage order: by distance,
 * equal distances in the order the algorithm that grew the tree found them (Prim's: the order it added them, as R's
 * {@code dbscan} sorts them, stably) or by their smaller then larger row (Borůvka's, whose rounds find edges in no
 * meaningful order). Immutable; what the model file stores.
 */
final class SpanningTree {
    private final int rows;
    private final int[] from;
    private final int[] to;
    private final double[] distance;

    private SpanningTree(int rows, int[] from, int[] to, double[] distance) {
        this.rows = rows;
        this.from = from;
        this.to = to;
        this.distance = distance;
    }

    /**
     * The edges sorted into single-linkage order. {@code byRows}: equal distances by (smaller row, larger row);
     * otherwise stably, in the order given.
     */
    static SpanningTree sorted(int rows, int[] from, int[] to, double[] distance, boolean byRows) {
        int m = from.length;
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        long[] tie = new long[m];
        for (int i = 0; i < m; i++) {
            tie[i] = byRows ? (long) Math.min(from[i], to[i]) * rows + Math.max(from[i], to[i]) : i;
        }
        mergeSort(order, distance, tie);
        int[] f = new int[m];
        int[] t = new int[m];
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            f[i] = from[order[i]];
            t[i] = to[order[i]];
            d[i] = distance[order[i]];
        }
        return new SpanningTree(rows, f, t, d);
    }

    /** Edges already in single-linkage order (a model file's); checks they form a tree over {@code rows} rows. */
    static SpanningTree read(int rows, int[] from, int[] to, double[] distance) {
        int m = Math.max(0, rows - 1);
        if (from.length != m || to.length != m || distance.length != m) {
            throw new CumuloException("model: 'spanning_tree' has " + from.length + " edges for " + rows + " rows; "
                    + "expected " + m);
        }
        int[] parent = identity(rows);
        for (int i = 0; i < m; i++) {
            if (from[i] < 0 || from[i] >= rows || to[i] < 0 || to[i] >= rows || !(distance[i] >= 0)
                    || i > 0 && distance[i] < distance[i - 1]) {
                throw new CumuloException("model: 'spanning_tree' edge " + i + " is not an edge between two of the "
                        + rows + " rows in increasing distance");
            }
            int a = find(parent, from[i]);
            int b = find(parent, to[i]);
            if (a == b) {
                throw new CumuloException("model: 'spanning_tree' edge " + i + " closes a cycle");
            }
            parent[Math.max(a, b)] = Math.min(a, b);
        }
        return new SpanningTree(rows, from.clone(), to.clone(), distance.clone());
    }

    int rows() {
        return rows;
    }

    int edges() {
        return from.length;
    }

    int from(int i) {
        return from[i];
    }

    int to(int i) {
        return to[i];
    }

    double distance(int i) {
        return distance[i];
    }

    int[] fromArray() {
        return from.clone();
    }

    int[] toArray() {
        return to.clone();
    }

    double[] distances() {
        return distance.clone();
    }

    /**
     * The single-linkage tree in SciPy's linkage form: edge {@code i} merges the clusters of its two rows into node
     * {@code rows + i} (smaller node id first), at the edge's distance.
     */
    ClusterTree singleLinkage() {
        int n = rows;
        int m = from.length;
        int[] parent = identity(n);
        int[] node = identity(n);
        long[] count = new long[n];
        Arrays.fill(count, 1);
        int[] left = new int[m];
        int[] right = new int[m];
        long[] size = new long[m];
        for (int i = 0; i < m; i++) {
            int ra = find(parent, from[i]);
            int rb = find(parent, to[i]);
            int na = node[ra];
            int nb = node[rb];
            left[i] = Math.min(na, nb);
            right[i] = Math.max(na, nb);
            long s = count[ra] + count[rb];
            size[i] = s;
            int root = Math.min(ra, rb);
            parent[Math.max(ra, rb)] = root;
            count[root] = s;
            node[root] = n + i;
        }
        long[] leaves = new long[n];
        Arrays.fill(leaves, 1);
        return new ClusterTree(n, left, right, distance.clone(), size, leaves, "mutual reachability distance");
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Sorts {@code idx} by (key[idx], tie[idx]): a merge sort on primitives (stable, {@code O(m log m)}). */
    private static void mergeSort(int[] idx, double[] key, long[] tie) {
        int m = idx.length;
        int[] buf = new int[m];
        for (int width = 1; width < m; width *= 2) {
            for (int lo = 0; lo < m - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, m);
                int a = lo;
                int b = mid;
                int o = lo;
                while (a < mid && b < hi) {
                    int x = idx[a];
                    int y = idx[b];
                    boolean takeB = key[y] < key[x] || key[y] == key[x] && tie[y] < tie[x];
                    buf[o++] = takeB ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    buf[o++] = idx[a++];
                }
                while (b < hi) {
                    buf[o++] = idx[b++];
                }
                System.arraycopy(buf, lo, idx, lo, hi - lo);
            }
        }
    }
}

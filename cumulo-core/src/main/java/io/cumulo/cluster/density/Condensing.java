package io.cumulo.cluster.density;

import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.CondensedTree;

import java.util.Arrays;

/**
 * The condensed tree of a single-linkage tree under mutual reachability (Campello, Moulavi &amp; Sander 2013, Section
 * 3.2): walking down from the root, at each level where a cluster falls apart into connected components, a component
 * of fewer than {@code min-cluster-size} rows is noise at that level (its rows leave the cluster together), one large
 * enough component continues the cluster, and two or more large enough components are new clusters.
 *
 * <p><b>Ties.</b> Under {@link Convention#CAMPELLO} all merges of the same height are one level: a cluster falls
 * apart into every component below that height at once (the paper's hierarchy, whose levels are the distinct edge
 * weights). The result then depends on the distances alone, not on which of several equally short edges a spanning
 * tree took or in which order equal heights were merged, so Prim's and Borůvka's trees give the same condensed tree.
 * (McInnes's {@code hdbscan} package and R's {@code dbscan} take the binary merges one by one instead; where a row
 * joins two clusters at the very level they join each other, they give it to whichever merge came first, and here it
 * leaves their parent at that level.)
 *
 * <p>Under {@link Convention#R_DBSCAN} the tree is R's {@code dbscan::hdbscan} (1.1): binary merges one at a time, in
 * the order given, and a component smaller than {@code min-cluster-size} stays in its cluster: only single rows leave,
 * each at the level where single linkage separates it, or at the level where the cluster splits if that comes first
 * (R records rows that part after their cluster's death at the death).
 *
 * <p>{@code O(n)} time and memory. Clusters are numbered canonically ({@link CondensedTree}).
 */
final class Condensing {
    private Condensing() {
    }

    /** The level {@code λ = 1/h} of a merge height (infinite for 0). */
    static double lambda(double height) {
        return height > 0 ? 1 / height : Double.POSITIVE_INFINITY;
    }

    /**
     * @param sl             the single-linkage tree (leaves = rows), merges sorted by height
     * @param minClusterSize the smallest component that is a cluster (at least 2)
     */
    static CondensedTree condense(ClusterTree sl, int minClusterSize, Convention convention) {
        int n = sl.leaves();
        int m = sl.merges();
        boolean shed = convention == Convention.R_DBSCAN;
        boolean together = convention == Convention.CAMPELLO;
        int[] rowCluster = new int[n];
        double[] rowLambda = new double[n];
        if (m == 0) {
            // one row: it is the root's, at every level
            rowLambda[0] = Double.POSITIVE_INFINITY;
            return new CondensedTree(new int[] {-1}, new double[] {0}, new int[] {1}, rowCluster, rowLambda);
        }
        // clusters in creation order; renumbered canonically at the end
        int[] parent = new int[Math.max(1, n)];
        double[] birth = new double[parent.length];
        int[] size = new int[parent.length];
        int clusters = 1;
        parent[0] = -1;
        size[0] = n;
        // pending (node, cluster) pairs and scratch stacks
        int[] nodeStack = new int[n];
        int[] clusterStack = new int[n];
        int top = 0;
        int[] walk = new int[n + 1];
        int[] comps = new int[n + 1];
        nodeStack[top] = n + m - 1;
        clusterStack[top++] = 0;
        while (top > 0) {
            top--;
            int v = nodeStack[top];
            int c = clusterStack[top];
            int merge = v - n;
            double h = sl.height(merge);
            double lam = lambda(h);
            // the components the cluster falls into just below height h
            int nc = 0;
            if (together) {
                int w = 0;
                walk[w++] = sl.right(merge);
                walk[w++] = sl.left(merge);
                while (w > 0) {
                    int u = walk[--w];
                    if (u >= n && sl.height(u - n) == h) {
                        walk[w++] = sl.right(u - n);
                        walk[w++] = sl.left(u - n);
                    } else {
                        comps[nc++] = u;
                    }
                }
            } else {
                comps[nc++] = sl.left(merge);
                comps[nc++] = sl.right(merge);
            }
            int big = 0;
            for (int t = 0; t < nc; t++) {
                if (rows(sl, comps[t]) >= minClusterSize) {
                    big++;
                }
            }
            for (int t = 0; t < nc; t++) {
                int u = comps[t];
                int s = rows(sl, u);
                if (big >= 2 && s >= minClusterSize) {
                    parent[clusters] = c;
                    birth[clusters] = lam;
                    size[clusters] = s;
                    nodeStack[top] = u;
                    clusterStack[top++] = clusters++;
                } else if (big < 2 && (s >= minClusterSize || shed && u >= n)) {
                    nodeStack[top] = u;
                    clusterStack[top++] = c;
                } else {
                    leave(sl, u, c, lam, rowCluster, rowLambda, walk);
                }
            }
        }
        if (shed) {
            // a small component kept in a cluster that has since split leaves at the split (R: the cluster's death)
            double[] split = new double[clusters];
            Arrays.fill(split, Double.POSITIVE_INFINITY);
            for (int i = 1; i < clusters; i++) {
                split[parent[i]] = Math.min(split[parent[i]], birth[i]);
            }
            for (int r = 0; r < n; r++) {
                rowLambda[r] = Math.min(rowLambda[r], split[rowCluster[r]]);
            }
        }
        return canonical(Arrays.copyOf(parent, clusters), Arrays.copyOf(birth, clusters),
                Arrays.copyOf(size, clusters), rowCluster, rowLambda, n);
    }

    private static int rows(ClusterTree sl, int node) {
        int n = sl.leaves();
        return node < n ? 1 : (int) sl.size(node - n);
    }

    /** Every row under {@code node} leaves cluster {@code c} at {@code lam}. */
    private static void leave(ClusterTree sl, int node, int c, double lam, int[] rowCluster, double[] rowLambda,
                              int[] walk) {
        int n = sl.leaves();
        int w = 0;
        walk[w++] = node;
        while (w > 0) {
            int u = walk[--w];
            if (u < n) {
                rowCluster[u] = c;
                rowLambda[u] = lam;
            } else {
                walk[w++] = sl.right(u - n);
                walk[w++] = sl.left(u - n);
            }
        }
    }

    /**
     * Renumbers the clusters breadth first from the root, the children of a split by the smallest row they hold.
     */
    private static CondensedTree canonical(int[] parent, double[] birth, int[] size, int[] rowCluster,
                                           double[] rowLambda, int n) {
        int c = parent.length;
        // the smallest row of each cluster: the smallest over the rows leaving it and its children
        int[] minRow = new int[c];
        Arrays.fill(minRow, Integer.MAX_VALUE);
        for (int r = n - 1; r >= 0; r--) {
            minRow[rowCluster[r]] = r;
        }
        for (int i = c - 1; i >= 1; i--) {
            // creation order puts children after parents
            minRow[parent[i]] = Math.min(minRow[parent[i]], minRow[i]);
        }
        int[][] kids = new int[c][];
        int[] count = new int[c];
        for (int i = 1; i < c; i++) {
            count[parent[i]]++;
        }
        for (int i = 0; i < c; i++) {
            kids[i] = new int[count[i]];
        }
        int[] fill = new int[c];
        for (int i = 1; i < c; i++) {
            kids[parent[i]][fill[parent[i]]++] = i;
        }
        int[] order = new int[c];
        int[] newId = new int[c];
        int head = 0;
        int tail = 0;
        order[tail++] = 0;
        while (head < tail) {
            int u = order[head++];
            newId[u] = head - 1;
            Integer[] ks = new Integer[kids[u].length];
            for (int t = 0; t < ks.length; t++) {
                ks[t] = kids[u][t];
            }
            Arrays.sort(ks, (a, b) -> Integer.compare(minRow[a], minRow[b]));
            for (int k : ks) {
                order[tail++] = k;
            }
        }
        int[] p = new int[c];
        double[] b = new double[c];
        int[] s = new int[c];
        for (int i = 0; i < c; i++) {
            int u = order[i];
            p[i] = u == 0 ? -1 : newId[parent[u]];
            b[i] = birth[u];
            s[i] = size[u];
        }
        int[] rc = new int[n];
        for (int r = 0; r < n; r++) {
            rc[r] = newId[rowCluster[r]];
        }
        return new CondensedTree(p, b, s, rc, rowLambda);
    }
}

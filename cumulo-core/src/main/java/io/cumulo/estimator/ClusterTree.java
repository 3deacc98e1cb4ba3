package io.cumulo.estimator;

import io.cumulo.CumuloException;

import java.util.Arrays;

/**
 * A binary tree over {@code leaves} leaves in SciPy's linkage form: merge {@code i} (0-based, in merge order) joins
 * the nodes {@code left[i]} and {@code right[i]} into node {@code leaves + i}, where ids below {@code leaves} are
 * leaves; {@code height[i]} is the merge's height (non-decreasing for a monotone tree) and {@code size[i]} the number
 * of rows under it. For hierarchical clustering of rows the leaves are the rows (one row each); for bisecting
 * k-means the leaves are the clusters ({@link #leafSizes()} rows each) and the height is the node's sum of squared
 * distances to its centre. Immutable.
 */
public final class ClusterTree {
    private final int leaves;
    private final int[] left;
    private final int[] right;
    private final double[] height;
    private final long[] size;
    private final long[] leafSizes;
    private final String heightMeaning;

    /**
     * @param heightMeaning what a height is, in a few words ("merge distance", "sum of squared distances")
     */
    public ClusterTree(int leaves, int[] left, int[] right, double[] height, long[] size, long[] leafSizes,
                       String heightMeaning) {
        int merges = Math.max(0, leaves - 1);
        if (leaves < 1 || left.length != merges || right.length != merges || height.length != merges
                || size.length != merges || leafSizes.length != leaves) {
            throw new IllegalArgumentException("a tree of " + leaves + " leaves has " + merges + " merges");
        }
        boolean[] used = new boolean[leaves + merges];
        for (int i = 0; i < merges; i++) {
            for (int child : new int[] {left[i], right[i]}) {
                if (child < 0 || child >= leaves + i || used[child]) {
                    throw new CumuloException("tree: merge " + i + " joins node " + child + ", which is not an unmerged "
                            + "earlier node");
                }
                used[child] = true;
            }
        }
        this.leaves = leaves;
        this.left = left.clone();
        this.right = right.clone();
        this.height = height.clone();
        this.size = size.clone();
        this.leafSizes = leafSizes.clone();
        this.heightMeaning = heightMeaning;
    }

    public int leaves() {
        return leaves;
    }

    public int merges() {
        return left.length;
    }

    public int left(int merge) {
        return left[merge];
    }

    public int right(int merge) {
        return right[merge];
    }

    public double height(int merge) {
        return height[merge];
    }

    public long size(int merge) {
        return size[merge];
    }

    /** Rows in each leaf. */
    public long[] leafSizes() {
        return leafSizes.clone();
    }

    public String heightMeaning() {
        return heightMeaning;
    }

    /** SciPy's linkage matrix: {@code merges × 4} rows of (left id, right id, height, size). */
    public double[][] linkageMatrix() {
        double[][] z = new double[left.length][];
        for (int i = 0; i < left.length; i++) {
            z[i] = new double[] {left[i], right[i], height[i], size[i]};
        }
        return z;
    }

    /**
     * The leaves in the dendrogram's left-to-right order, as SciPy's {@code leaves_list}: each merge's {@code left}
     * child first (the smaller id, unless an optimal leaf ordering swapped them).
     */
    public int[] leafOrder() {
        int m = left.length;
        int[] out = new int[leaves];
        if (m == 0) {
            return out;
        }
        int[] stack = new int[m + leaves];
        int top = 0;
        int k = 0;
        stack[top++] = leaves + m - 1;
        while (top > 0) {
            int node = stack[--top];
            if (node < leaves) {
                out[k++] = node;
            } else {
                stack[top++] = right[node - leaves];
                stack[top++] = left[node - leaves];
            }
        }
        return out;
    }

    /**
     * The leaves' clusters when the tree is cut into {@code k} clusters (the first {@code leaves − k} merges made,
     * the last {@code k − 1} undone, as SciPy's {@code cut_tree}), numbered 0 .. k−1 in order of their smallest leaf.
     */
    public int[] cut(int k) {
        if (k < 1 || k > leaves) {
            throw new CumuloException("k=" + k + " cannot cut a tree of " + leaves + " leaves; expected 1 to " + leaves);
        }
        boolean[] apply = new boolean[left.length];
        for (int i = 0; i < leaves - k; i++) {
            apply[i] = true;
        }
        return components(apply);
    }

    /**
     * The leaves' clusters when the tree is cut at {@code threshold}: two leaves share a cluster when every merge
     * below the one joining them is at most that high (SciPy's {@code fcluster(criterion="distance")}); numbered in
     * order of their smallest leaf.
     */
    public int[] cutAtHeight(double threshold) {
        int m = left.length;
        double[] highest = new double[m]; // the highest merge in each subtree (heights can decrease upwards)
        boolean[] apply = new boolean[m];
        for (int i = 0; i < m; i++) {
            double h = height[i];
            if (left[i] >= leaves) {
                h = Math.max(h, highest[left[i] - leaves]);
            }
            if (right[i] >= leaves) {
                h = Math.max(h, highest[right[i] - leaves]);
            }
            highest[i] = h;
            apply[i] = h <= threshold;
        }
        return components(apply);
    }

    /** Number of clusters {@link #cutAtHeight} gives. */
    public int clustersAtHeight(double threshold) {
        int[] labels = cutAtHeight(threshold);
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        return k;
    }

    /** The clusters left by the merges marked {@code apply} (a subtree is applied only with all merges below it). */
    private int[] components(boolean[] apply) {
        int m = left.length;
        int[] parent = new int[leaves + m];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < m; i++) {
            if (apply[i]) {
                parent[find(parent, left[i])] = leaves + i;
                parent[find(parent, right[i])] = leaves + i;
            }
        }
        int[] labels = new int[leaves];
        int[] labelOfRoot = new int[leaves + m];
        Arrays.fill(labelOfRoot, -1);
        int next = 0;
        for (int i = 0; i < leaves; i++) {
            int r = find(parent, i);
            if (labelOfRoot[r] < 0) {
                labelOfRoot[r] = next++;
            }
            labels[i] = labelOfRoot[r];
        }
        return labels;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Whether no merge is lower than one below it (no inversions; centroid and median linkage can have some). */
    public boolean monotone() {
        for (int i = 0; i < left.length; i++) {
            if ((left[i] >= leaves && height[left[i] - leaves] > height[i])
                    || (right[i] >= leaves && height[right[i] - leaves] > height[i])) {
                return false;
            }
        }
        return true;
    }
}

package io.cumulo.estimator;

import io.cumulo.CumuloException;

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
}

package io.cumulo.estimator;

import io.cumulo.CumuloException;

import java.util.Arrays;

/**
 * HDBSCAN's condensed cluster tree (Campello, Moulavi &amp; Sander 2013; the table of McInnes, Healy &amp; Astels'
 * {@code hdbscan} package): the density levels at which clusters appear and rows leave them. Levels are
 * {@code λ = 1 / distance}, from 0 (everything one cluster) upwards; {@code λ} is infinite for a distance of 0.
 *
 * <p>Clusters are numbered {@code 0 .. clusters() − 1}, 0 being the root (all rows, born at λ = 0); every other
 * cluster has a parent with a smaller number and is born at {@link #birth} when its parent splits, holding
 * {@link #size} rows then. Every row leaves exactly one cluster, {@link #rowCluster}, at {@link #rowLambda}: the
 * level above which it is in no cluster of the tree (a row leaving a cluster that later splits leaves before the
 * split). Numbering is canonical: breadth first from the root, the children of a split in the order of the smallest
 * row each holds.
 *
 * <p>{@link #table()} gives the {@code hdbscan} package's four-column form. Immutable.
 */
public final class CondensedTree {
    private final int rows;
    private final int[] parent;
    private final double[] birth;
    private final int[] size;
    private final int[] rowCluster;
    private final double[] rowLambda;
    private final int[][] children;

    /**
     * @param parent     each cluster's parent, {@code -1} for the root (cluster 0) only, else a smaller number
     * @param birth      each cluster's λ at birth (0 for the root)
     * @param size       each cluster's rows at birth
     * @param rowCluster the cluster each row leaves
     * @param rowLambda  the λ at which it leaves it
     */
    public CondensedTree(int[] parent, double[] birth, int[] size, int[] rowCluster, double[] rowLambda) {
        int c = parent.length;
        if (c < 1 || birth.length != c || size.length != c || rowCluster.length != rowLambda.length) {
            throw new IllegalArgumentException("inconsistent condensed tree arrays");
        }
        if (parent[0] != -1) {
            throw new CumuloException("condensed tree: cluster 0 must be the root");
        }
        for (int i = 1; i < c; i++) {
            if (parent[i] < 0 || parent[i] >= i) {
                throw new CumuloException("condensed tree: cluster " + i + " has parent " + parent[i]
                        + "; expected a smaller cluster number");
            }
            if (!(birth[i] >= birth[parent[i]]) || size[i] < 1) {
                throw new CumuloException("condensed tree: cluster " + i + " is born at λ " + birth[i] + " with "
                        + size[i] + " rows; expected λ at least its parent's and at least one row");
            }
        }
        for (int r = 0; r < rowCluster.length; r++) {
            if (rowCluster[r] < 0 || rowCluster[r] >= c || Double.isNaN(rowLambda[r]) || rowLambda[r] < 0) {
                throw new CumuloException("condensed tree: row " + r + " leaves cluster " + rowCluster[r] + " at λ "
                        + rowLambda[r]);
            }
        }
        this.rows = rowCluster.length;
        this.parent = parent.clone();
        this.birth = birth.clone();
        this.size = size.clone();
        this.rowCluster = rowCluster.clone();
        this.rowLambda = rowLambda.clone();
        int[] count = new int[c];
        for (int i = 1; i < c; i++) {
            count[parent[i]]++;
        }
        this.children = new int[c][];
        for (int i = 0; i < c; i++) {
            children[i] = new int[count[i]];
        }
        int[] fill = new int[c];
        for (int i = 1; i < c; i++) {
            children[parent[i]][fill[parent[i]]++] = i;
        }
    }

    /** Rows of the data the tree was built on. */
    public int rows() {
        return rows;
    }

    /** Clusters, the root included. */
    public int clusters() {
        return parent.length;
    }

    /** The parent of {@code cluster}, {@code -1} for the root. */
    public int parent(int cluster) {
        return parent[cluster];
    }

    /** The λ at which {@code cluster} appears (its parent's split; 0 for the root). */
    public double birth(int cluster) {
        return birth[cluster];
    }

    /** Rows of {@code cluster} when it appears. */
    public int size(int cluster) {
        return size[cluster];
    }

    /** The clusters {@code cluster} splits into, in number order (empty for a leaf), a copy. */
    public int[] children(int cluster) {
        return children[cluster].clone();
    }

    /** How many clusters {@code cluster} splits into. */
    public int childCount(int cluster) {
        return children[cluster].length;
    }

    /** The {@code i}-th cluster {@code cluster} splits into. */
    public int child(int cluster, int i) {
        return children[cluster][i];
    }

    /** The cluster {@code row} leaves. */
    public int rowCluster(int row) {
        return rowCluster[row];
    }

    /** The λ at which {@code row} leaves {@link #rowCluster}. */
    public double rowLambda(int row) {
        return rowLambda[row];
    }

    /** Whether {@code a} is {@code b} or one of its ancestors. */
    public boolean contains(int a, int b) {
        while (b > a) {
            b = parent[b];
        }
        return a == b;
    }

    /**
     * The {@code hdbscan} package's {@code condensed_tree_} table, one line per row and per non-root cluster: the
     * columns {@code parent}, {@code child}, {@code lambda_val}, {@code child_size}, where ids below {@link #rows()}
     * are rows and cluster {@code c} is {@code rows() + c} (the root is {@code rows()}). Rows first, in row order,
     * then clusters in number order.
     */
    public double[][] table() {
        int c = clusters();
        double[][] t = new double[rows + c - 1][];
        for (int r = 0; r < rows; r++) {
            t[r] = new double[] {rows + rowCluster[r], r, rowLambda[r], 1};
        }
        for (int i = 1; i < c; i++) {
            t[rows + i - 1] = new double[] {rows + parent[i], rows + i, birth[i], size[i]};
        }
        return t;
    }

    /** The parents, a copy. */
    public int[] parents() {
        return parent.clone();
    }

    /** The births, a copy. */
    public double[] births() {
        return birth.clone();
    }

    /** The sizes at birth, a copy. */
    public int[] sizes() {
        return size.clone();
    }

    /** The cluster each row leaves, a copy. */
    public int[] rowClusters() {
        return rowCluster.clone();
    }

    /** The λ at which each row leaves, a copy. */
    public double[] rowLambdas() {
        return rowLambda.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CondensedTree t && Arrays.equals(parent, t.parent) && Arrays.equals(birth, t.birth)
                && Arrays.equals(size, t.size) && Arrays.equals(rowCluster, t.rowCluster)
                && Arrays.equals(rowLambda, t.rowLambda);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rowCluster) * 31 + Arrays.hashCode(parent);
    }
}

package io.cumulo.metrics;

import io.cumulo.CumuloException;

import java.util.Arrays;

/**
 * Counts of rows per (true class, predicted cluster) pair: {@code count(i, j)} = rows of class {@code i} put in
 * cluster {@code j}. Classes and clusters are indexed in increasing order of their label values (as
 * scikit-learn's {@code contingency_matrix}); every label value is a class or cluster of its own, the noise
 * label {@code -1} included.
 *
 * <p>Only the non-zero cells are stored, row by row (classes), each row's cells in increasing cluster order:
 * a labeling with one cluster per row (n clusters) against n classes makes an n × n table with n non-zero
 * cells, which the metrics then handle in O(n). {@link #counts()} gives the dense table when it is wanted.
 */
public final class ContingencyTable {
    /** Dense counting (one array cell per table cell) when the table has at most this many cells. */
    private static final long DENSE_COUNTING_MAX_CELLS = 1 << 22;

    private final int[] classValues;
    private final int[] clusterValues;
    /** Cells of class {@code i} are {@code rowStart[i] .. rowStart[i + 1] - 1}. */
    private final int[] rowStart;
    private final int[] cellCluster;
    private final long[] cellCount;
    private final long[] classSizes;
    private final long[] clusterSizes;
    private final long n;

    private ContingencyTable(int[] classValues, int[] clusterValues, int[] rowStart, int[] cellCluster,
                             long[] cellCount, long n) {
        this.classValues = classValues;
        this.clusterValues = clusterValues;
        this.rowStart = rowStart;
        this.cellCluster = cellCluster;
        this.cellCount = cellCount;
        this.n = n;
        this.classSizes = new long[classValues.length];
        this.clusterSizes = new long[clusterValues.length];
        for (int i = 0; i < classValues.length; i++) {
            for (int c = rowStart[i]; c < rowStart[i + 1]; c++) {
                classSizes[i] += cellCount[c];
                clusterSizes[cellCluster[c]] += cellCount[c];
            }
        }
    }

    /** The table of two labelings of the same rows ({@code truth[r]} and {@code predicted[r]} label row r). */
    public static ContingencyTable of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new CumuloException("labelings differ in length: " + truth.length + " true labels, "
                    + predicted.length + " predicted");
        }
        int[] cls = distinct(truth);
        int[] clu = distinct(predicted);
        int rows = truth.length;
        long cells = (long) cls.length * clu.length;
        if (cells <= Math.max(DENSE_COUNTING_MAX_CELLS, rows)) {
            return denseCount(truth, predicted, cls, clu);
        }
        // a large, necessarily sparse table (at most n non-zero cells): sort the (class, cluster) keys instead
        long[] keys = new long[rows];
        for (int r = 0; r < rows; r++) {
            keys[r] = (long) Arrays.binarySearch(cls, truth[r]) * clu.length + Arrays.binarySearch(clu, predicted[r]);
        }
        Arrays.sort(keys);
        int nnz = 0;
        for (int r = 0; r < rows; r++) {
            if (r == 0 || keys[r] != keys[r - 1]) {
                nnz++;
            }
        }
        int[] rowStart = new int[cls.length + 1];
        int[] cellCluster = new int[nnz];
        long[] cellCount = new long[nnz];
        int c = -1;
        for (int r = 0; r < rows; r++) {
            if (r == 0 || keys[r] != keys[r - 1]) {
                c++;
                cellCluster[c] = (int) (keys[r] % clu.length);
                rowStart[(int) (keys[r] / clu.length) + 1]++;
            }
            cellCount[c]++;
        }
        for (int i = 0; i < cls.length; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        return new ContingencyTable(cls, clu, rowStart, cellCluster, cellCount, rows);
    }

    private static ContingencyTable denseCount(int[] truth, int[] predicted, int[] cls, int[] clu) {
        int k = clu.length;
        long[] dense = new long[cls.length * k];
        // label values are often 0..k-1: index them directly, else by binary search
        int[] classCode = codes(truth, cls);
        int[] clusterCode = codes(predicted, clu);
        for (int r = 0; r < truth.length; r++) {
            dense[classCode[r] * k + clusterCode[r]]++;
        }
        int nnz = 0;
        for (long v : dense) {
            if (v != 0) {
                nnz++;
            }
        }
        int[] rowStart = new int[cls.length + 1];
        int[] cellCluster = new int[nnz];
        long[] cellCount = new long[nnz];
        int c = 0;
        for (int i = 0; i < cls.length; i++) {
            for (int j = 0; j < k; j++) {
                long v = dense[i * k + j];
                if (v != 0) {
                    cellCluster[c] = j;
                    cellCount[c++] = v;
                }
            }
            rowStart[i + 1] = c;
        }
        return new ContingencyTable(cls, clu, rowStart, cellCluster, cellCount, truth.length);
    }

    private static int[] codes(int[] labels, int[] values) {
        int[] code = new int[labels.length];
        boolean contiguous = values.length > 0 && values[0] == 0 && values[values.length - 1] == values.length - 1;
        for (int r = 0; r < labels.length; r++) {
            code[r] = contiguous ? labels[r] : Arrays.binarySearch(values, labels[r]);
        }
        return code;
    }

    private static int[] distinct(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    public long n() {
        return n;
    }

    public int numClasses() {
        return classValues.length;
    }

    public int numClusters() {
        return clusterValues.length;
    }

    /** Rows of class index {@code cls} in cluster index {@code cluster}. */
    public long count(int cls, int cluster) {
        int lo = rowStart[cls];
        int hi = rowStart[cls + 1];
        int at = Arrays.binarySearch(cellCluster, lo, hi, cluster);
        return at >= 0 ? cellCount[at] : 0;
    }

    /** A dense copy of the table, classes × clusters (memory: classes × clusters longs). */
    public long[][] counts() {
        long[][] t = new long[classValues.length][clusterValues.length];
        for (int i = 0; i < t.length; i++) {
            for (int c = rowStart[i]; c < rowStart[i + 1]; c++) {
                t[i][cellCluster[c]] = cellCount[c];
            }
        }
        return t;
    }

    /** The label value of each class index, increasing. */
    public int[] classValues() {
        return classValues.clone();
    }

    /** The label value of each cluster index, increasing. */
    public int[] clusterValues() {
        return clusterValues.clone();
    }

    /** Rows per class (the table's row sums). */
    public long[] classSizes() {
        return classSizes.clone();
    }

    /** Rows per cluster (the table's column sums). */
    public long[] clusterSizes() {
        return clusterSizes.clone();
    }

    /** Number of non-zero cells. */
    public int nonZeroCells() {
        return cellCount.length;
    }

    /**
     * Index of the first non-zero cell of class {@code cls}; its cells end where the next class's begin, and
     * {@code firstCell(numClasses())} is {@link #nonZeroCells()}. Within a class, cells are in cluster order.
     */
    public int firstCell(int cls) {
        return rowStart[cls];
    }

    /** Cluster index of non-zero cell {@code cell}. */
    public int cellCluster(int cell) {
        return cellCluster[cell];
    }

    /** Count of non-zero cell {@code cell}. */
    public long cellCount(int cell) {
        return cellCount[cell];
    }

    /** Row sums, shared (not copied): for the metrics of this package, which do not modify them. */
    long[] rowSums() {
        return classSizes;
    }

    /** Column sums, shared (not copied). */
    long[] columnSums() {
        return clusterSizes;
    }

    /** Sum over non-zero cells of count², exactly (as long as it fits a long: n up to about 3·10⁹). */
    long sumOfSquaredCounts() {
        long s = 0;
        for (long v : cellCount) {
            s = Math.addExact(s, Math.multiplyExact(v, v));
        }
        return s;
    }

    static long sumOfSquares(long[] values) {
        long s = 0;
        for (long v : values) {
            s = Math.addExact(s, Math.multiplyExact(v, v));
        }
        return s;
    }
}

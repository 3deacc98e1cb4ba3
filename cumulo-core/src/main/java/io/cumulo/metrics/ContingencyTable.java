package io.cumulo.metrics;

import io.cumulo.CumuloException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts of rows per (true class, predicted cluster) pair: {@code table[i][j]} = rows of class {@code i} put in
 * cluster {@code j}. Classes and clusters are indexed in increasing order of their label values.
 */
public final class ContingencyTable {
    private final long[][] counts;
    private final int[] classValues;
    private final int[] clusterValues;
    private final long n;

    private ContingencyTable(long[][] counts, int[] classValues, int[] clusterValues, long n) {
        this.counts = counts;
        this.classValues = classValues;
        this.clusterValues = clusterValues;
        this.n = n;
    }

    public static ContingencyTable of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new CumuloException("labelings differ in length: " + truth.length + " true labels, "
                    + predicted.length + " predicted");
        }
        int[] cls = distinct(truth);
        int[] clu = distinct(predicted);
        Map<Integer, Integer> ci = index(cls);
        Map<Integer, Integer> ki = index(clu);
        long[][] t = new long[cls.length][clu.length];
        for (int i = 0; i < truth.length; i++) {
            t[ci.get(truth[i])][ki.get(predicted[i])]++;
        }
        return new ContingencyTable(t, cls, clu, truth.length);
    }

    private static int[] distinct(int[] a) {
        return Arrays.stream(a).distinct().sorted().toArray();
    }

    private static Map<Integer, Integer> index(int[] values) {
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(values[i], i);
        }
        return m;
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

    public long count(int cls, int cluster) {
        return counts[cls][cluster];
    }

    /** A copy of the table, classes × clusters. */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    public int[] classValues() {
        return classValues.clone();
    }

    public int[] clusterValues() {
        return clusterValues.clone();
    }

    long[] rowSums() {
        long[] s = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            for (long v : counts[i]) {
                s[i] += v;
            }
        }
        return s;
    }

    long[] columnSums() {
        long[] s = new long[clusterValues.length];
        for (long[] row : counts) {
            for (int j = 0; j < row.length; j++) {
                s[j] += row[j];
            }
        }
        return s;
    }
}

package io.cumulo.metrics;

import io.cumulo.CumuloException;

import java.util.Locale;

/**
 * Best-matching accuracy (ACC, as in unsupervised and deep clustering papers, e.g. Xie, Girshick &amp; Farhadi,
 * "Unsupervised deep embedding for clustering analysis", ICML 2016): the share of rows that are right once
 * clusters are renamed to classes by the one-to-one matching that maximises the rows matched,
 * {@code max over matchings Σ n(class, its cluster) / n}, found with the {@link HungarianAlgorithm}.
 *
 * <p>Rectangular tables: with more clusters than classes, the clusters left without a class count as wrong;
 * with fewer clusters than classes, the classes left without a cluster count as wrong. So splitting a class in
 * two costs accuracy (unlike {@link Purity}), and ACC ≤ purity. Not in scikit-learn. 1.0 for no rows.
 *
 * <p>The matching works on the dense table: memory and time grow as s·l and s²·l, with s the smaller and l the
 * larger of the numbers of classes and clusters. {@link #isTractable(ContingencyTable)} says whether the table is
 * within {@link #MAX_WORK}; beyond it {@link #score(ContingencyTable)} refuses.
 */
public final class ClusteringAccuracy {
    /**
     * Largest s²·l accepted. Measured (docs/benchmarks.md, "External indices"): 2,000 × 2,000 (8·10⁹) takes 0.3 s on
     * random counts and 6 s on the slowest table tried (weights i·j); tables of real labelings match quickly, as
     * most cells are 0.
     */
    public static final double MAX_WORK = 1e10;
    /** Largest s·l accepted (the dense weights, 8 bytes each: 128 MB). */
    public static final long MAX_CELLS = 1L << 24;

    private ClusteringAccuracy() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    /** Whether the matching for this table is small enough to be computed. */
    public static boolean isTractable(ContingencyTable t) {
        long s = Math.min(t.numClasses(), t.numClusters());
        long l = Math.max(t.numClasses(), t.numClusters());
        return (double) s * s * l <= MAX_WORK && s * l <= MAX_CELLS;
    }

    public static double score(ContingencyTable t) {
        if (t.n() == 0) {
            return 1.0;
        }
        if (!isTractable(t)) {
            throw new CumuloException("accuracy: " + t.numClasses() + " classes against " + t.numClusters()
                    + " clusters is too large for the one-to-one matching (at most "
                    + String.format(Locale.ROOT, "%.0e", MAX_WORK) + " for classes x clusters x the smaller of the two)");
        }
        return (double) matchedRows(t) / t.n();
    }

    /** Rows on the diagonal of the best one-to-one matching of classes and clusters. */
    static long matchedRows(ContingencyTable t) {
        // the matching's rows are the smaller side, so that every one of them is matched and the work is s²·l
        boolean classesAreRows = t.numClasses() <= t.numClusters();
        int rows = classesAreRows ? t.numClasses() : t.numClusters();
        int cols = classesAreRows ? t.numClusters() : t.numClasses();
        long[][] weight = new long[rows][cols];
        for (int i = 0; i < t.numClasses(); i++) {
            for (int c = t.firstCell(i); c < t.firstCell(i + 1); c++) {
                int j = t.cellCluster(c);
                if (classesAreRows) {
                    weight[i][j] = t.cellCount(c);
                } else {
                    weight[j][i] = t.cellCount(c);
                }
            }
        }
        return HungarianAlgorithm.total(weight, HungarianAlgorithm.maximumWeight(weight));
    }
}

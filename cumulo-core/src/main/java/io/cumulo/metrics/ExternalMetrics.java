package io.cumulo.metrics;

import io.cumulo.CumuloException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every external index of a clustering against known classes, from one contingency table, under stable keys
 * ({@link #KEYS}, the {@code --json} keys of {@code cumulo evaluate}): {@code ari} ({@link AdjustedRandIndex}),
 * {@code rand} ({@link RandIndex}), {@code nmi} ({@link NormalizedMutualInformation}, arithmetic mean),
 * {@code ami} ({@link AdjustedMutualInformation}, arithmetic mean), {@code homogeneity}, {@code completeness},
 * {@code v_measure} (β = 1), {@code fowlkes_mallows}, {@code purity}, {@code accuracy}
 * ({@link ClusteringAccuracy}; {@code null} when the table is too large for the matching), {@code contingency}
 * and {@code noise_points}.
 *
 * <p>Noise: a predicted label {@code -1} (the noise of density-based clusterings) is treated as one more
 * cluster, as scikit-learn does, so every value compares with scikit-learn's on the same labels; purity and
 * accuracy do the same (the noise "cluster" is credited with, or matched to, a class like any other).
 * {@code noise_points} says how many rows that concerns, so a reader can tell when it matters.
 */
public final class ExternalMetrics {
    /** The keys of {@link #toMap()}, in order. */
    public static final List<String> KEYS = List.of("ari", "rand", "nmi", "ami", "homogeneity", "completeness",
            "v_measure", "fowlkes_mallows", "purity", "accuracy", "contingency", "noise_points");
    /** Up to this many cells the contingency table is written whole; beyond, only its non-zero cells. */
    public static final long DENSE_CONTINGENCY_MAX_CELLS = 1_000_000;
    /** The predicted label of noise rows. */
    public static final int NOISE = -1;

    private final ContingencyTable table;
    private final double ari;
    private final double rand;
    private final double nmi;
    private final double ami;
    private final double homogeneity;
    private final double completeness;
    private final double vMeasure;
    private final double fowlkesMallows;
    private final double purity;
    private final Double accuracy;
    private final long noisePoints;

    private ExternalMetrics(ContingencyTable t) {
        this.table = t;
        this.ari = AdjustedRandIndex.score(t);
        this.rand = RandIndex.score(t);
        this.nmi = NormalizedMutualInformation.score(t, NormalizedMutualInformation.Average.ARITHMETIC);
        this.ami = AdjustedMutualInformation.score(t, NormalizedMutualInformation.Average.ARITHMETIC);
        this.homogeneity = Homogeneity.score(t);
        this.completeness = Completeness.score(t);
        this.vMeasure = VMeasure.combine(homogeneity, completeness, 1.0);
        this.fowlkesMallows = FowlkesMallowsIndex.score(t);
        this.purity = Purity.score(t);
        this.accuracy = ClusteringAccuracy.isTractable(t) ? ClusteringAccuracy.score(t) : null;
        int noise = Arrays.binarySearch(t.clusterValues(), NOISE);
        this.noisePoints = noise >= 0 ? t.columnSums()[noise] : 0;
    }

    /** The indices of {@code predicted} against {@code truth} (the same rows, in the same order). */
    public static ExternalMetrics of(int[] truth, int[] predicted) {
        return of(ContingencyTable.of(truth, predicted));
    }

    public static ExternalMetrics of(ContingencyTable t) {
        if (t.n() == 0) {
            throw new CumuloException("no rows to compare: the labelings are empty");
        }
        return new ExternalMetrics(t);
    }

    public ContingencyTable table() {
        return table;
    }

    public double ari() {
        return ari;
    }

    public double rand() {
        return rand;
    }

    public double nmi() {
        return nmi;
    }

    public double ami() {
        return ami;
    }

    public double homogeneity() {
        return homogeneity;
    }

    public double completeness() {
        return completeness;
    }

    public double vMeasure() {
        return vMeasure;
    }

    public double fowlkesMallows() {
        return fowlkesMallows;
    }

    public double purity() {
        return purity;
    }

    /** The best-matching accuracy, or {@code null} when the table is too large for the matching. */
    public Double accuracy() {
        return accuracy;
    }

    /** Rows predicted as noise (label -1). */
    public long noisePoints() {
        return noisePoints;
    }

    /** The values under {@link #KEYS}, the classes named by their label values. */
    public Map<String, Object> toMap() {
        List<Object> classes = new ArrayList<>();
        for (int v : table.classValues()) {
            classes.add(v);
        }
        return toMap(classes);
    }

    /**
     * The values under {@link #KEYS}; {@code classNames.get(i)} names class index {@code i} in the contingency
     * table (e.g. the text of a label column).
     */
    public Map<String, Object> toMap(List<?> classNames) {
        if (classNames.size() != table.numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + table.numClasses() + " classes");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ari", ari);
        m.put("rand", rand);
        m.put("nmi", nmi);
        m.put("ami", ami);
        m.put("homogeneity", homogeneity);
        m.put("completeness", completeness);
        m.put("v_measure", vMeasure);
        m.put("fowlkes_mallows", fowlkesMallows);
        m.put("purity", purity);
        m.put("accuracy", accuracy);
        m.put("contingency", contingency(classNames));
        m.put("noise_points", noisePoints);
        return m;
    }

    /**
     * {@code classes} (row labels), {@code clusters} (column labels) and {@code counts} (classes × clusters); for a
     * table of more than {@link #DENSE_CONTINGENCY_MAX_CELLS} cells, {@code nonzero_cells} instead of
     * {@code counts}: one {@code [class index, cluster index, count]} per non-zero cell.
     */
    private Map<String, Object> contingency(List<?> classNames) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("classes", List.copyOf(classNames));
        c.put("clusters", table.clusterValues());
        if ((long) table.numClasses() * table.numClusters() <= DENSE_CONTINGENCY_MAX_CELLS) {
            c.put("counts", table.counts());
        } else {
            List<long[]> cells = new ArrayList<>(table.nonZeroCells());
            for (int i = 0; i < table.numClasses(); i++) {
                for (int k = table.firstCell(i); k < table.firstCell(i + 1); k++) {
                    cells.add(new long[] {i, table.cellCluster(k), table.cellCount(k)});
                }
            }
            c.put("nonzero_cells", cells);
        }
        return c;
    }
}

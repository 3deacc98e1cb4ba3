package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.Registry;
import io.cumulo.neighbors.NeighborIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small cases worked by hand (and checked once against scikit-learn 1.2.1), edge cases and bad input. */
class DensityHandTest {
    static Dataset line(double... v) {
        double[][] x = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            x[i] = new double[] {v[i]};
        }
        return Dataset.of(x).withSource("line");
    }

    /**
     * eps = 1, min-samples = 3 on 0, 1, 2, 10, 11, 12, 13, 30: only 1 (0, 1, 2), 11 (10, 11, 12) and 12 (11, 12, 13)
     * have 3 rows within 1; 0 and 2 are border rows of the first cluster, 10 and 13 of the second, 30 is noise.
     */
    @Test
    void dbscanOnALine() {
        DBSCANModel m = DBSCAN.builder().eps(1).minSamples(3).build().fit(line(0, 1, 2, 10, 11, 12, 13, 30));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, -1}, m.labels());
        assertArrayEquals(new int[] {1, 4, 5}, m.coreSampleIndices());
        assertArrayEquals(new int[] {3, 4}, m.clusterSizes());
        assertEquals(1, m.noiseCount());
        assertArrayEquals(new int[] {0, 1, 1, -1, -1}, m.predict(line(1.5, 11.5, 13, 14, 2.5)));
    }

    /**
     * A border row within eps of core rows of two clusters: 1.0 is 1.0 from core row 2.0 (cluster 0: its rows come
     * first) and 0.875 from core row 0.125 (cluster 1). The fit gives it the lowest cluster that reaches it, 0, as
     * scikit-learn's expansion does; predict gives it the cluster of its nearest core row, 1. Distances are binary
     * fractions, so 1.0 is exactly at eps and counts.
     */
    @Test
    void borderRowGoesToTheLowestClusterAndPredictToTheNearestCore() {
        Dataset x = line(2, 2.25, 2.5, 3, -0.875, -0.5, -0.25, 0.125, 1.0);
        DBSCANModel m = DBSCAN.builder().eps(1).minSamples(4).build().fit(x);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 0}, m.labels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, m.coreSampleIndices());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 1}, m.predict(x));
        // equally near core rows (2.0 and 0.125 from 1.0625 are 0.9375 each): the lowest training row, 2.0 (row 0)
        assertArrayEquals(new int[] {0}, m.predict(line(1.0625)));
    }

    /** A row of weight ≥ min-samples is core alone; weights 0.5 count half. */
    @Test
    void dbscanWeights() {
        Dataset x = line(0, 10, 10.5, 11).withWeights(new double[] {3, 1, 1, 0.5}, "w");
        DBSCANModel m = DBSCAN.builder().eps(1).minSamples(3).build().fit(x);
        // 0: weight 3 alone; 10, 10.5 and 11 each have all three within 1: 1 + 1 + 0.5 = 2.5
        assertArrayEquals(new int[] {0, -1, -1, -1}, m.labels());
        m = DBSCAN.builder().eps(1).minSamples(2).build().fit(x);
        assertArrayEquals(new int[] {0, 1, 1, 1}, m.labels());
        assertArrayEquals(new int[] {0, 1, 2, 3}, m.coreSampleIndices());
    }

    @Test
    void oneRowAndIdenticalRows() {
        assertArrayEquals(new int[] {0}, DBSCAN.builder().eps(0.5).minSamples(1).build().fit(line(4)).labels());
        List<String> notes = new ArrayList<>();
        ExecutionContext ctx = ExecutionContext.defaults().withNotes(notes::add);
        assertArrayEquals(new int[] {-1}, DBSCAN.builder().eps(0.5).minSamples(2).build().fit(line(4), ctx).labels());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("dbscan: every row is noise"), notes.get(0));

        Dataset same = line(2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5);
        assertArrayEquals(new int[10], DBSCAN.builder().eps(0.1).minSamples(10).build().fit(same).labels());
        assertEquals(10, DBSCAN.builder().eps(0.1).minSamples(11).build().fit(same).noiseCount());
        // OPTICS: core distances 0, reachability ∞ then 0; one cluster (scikit-learn gives the same)
        OPTICSModel o = OPTICS.builder().minSamples(5).build().fit(same);
        assertArrayEquals(new int[10], o.labels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, o.ordering());
        assertEquals(Double.POSITIVE_INFINITY, o.reachability()[0]);
        assertEquals(0, Arrays.stream(o.reachability()).skip(1).max().orElseThrow());
        CumuloException e = assertThrows(CumuloException.class, () -> OPTICS.builder().build().fit(line(4)));
        assertEquals("parameter 'min-samples': 5 is larger than the number of rows (1) in line", e.getMessage());
    }

    /**
     * min-samples = 2 on 0, 1, 3, 7: core distances 1, 1, 2, 4; from 0 (the lowest row) to 1 at max(1, 1), then 3 at
     * max(2, 1) from 1, then 7 at max(4, 2) from 3. The cut at 1.5 keeps 0 and 1 (3's core distance is 2).
     */
    @Test
    void opticsOnALine() {
        OPTICSModel m = OPTICS.builder().minSamples(2).clusterMethod("dbscan").eps(1.5).build().fit(line(0, 1, 3, 7));
        assertArrayEquals(new int[] {0, 1, 2, 3}, m.ordering());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 1, 2, 4}, m.reachability());
        assertArrayEquals(new double[] {1, 1, 2, 4}, m.coreDistances());
        assertArrayEquals(new int[] {-1, 0, 1, 2}, m.predecessor());
        assertArrayEquals(new int[] {0, 0, -1, -1}, m.labels());
        // 0.5 would be reached from 0 or 1 at 1 ≤ 1.5; 2 is 1 from row 1 but 1 is then max(1, 1) = 1: cluster 0; 5 is
        // 4 from 1: noise
        assertArrayEquals(new int[] {0, 0, -1}, m.predict(line(0.5, 2, 5)));
    }

    /** Equal reachabilities: the lower row first, as scikit-learn's argmin. */
    @Test
    void opticsTiesGoToTheLowerRow() {
        OPTICSModel m = OPTICS.builder().minSamples(2).build().fit(line(0, 2, -2));
        assertArrayEquals(new int[] {0, 1, 2}, m.ordering());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 2, 2}, m.reachability());
        assertArrayEquals(new int[] {-1, 0, 0}, m.predecessor());
    }

    /** Two far-apart parts: the second starts at its lowest row with infinite reachability (and max-eps cuts). */
    @Test
    void opticsPartsStartAtTheirLowestRow() {
        OPTICSModel m = OPTICS.builder().minSamples(2).maxEps(5).build().fit(line(100, 0, 101, 1, 2));
        assertArrayEquals(new int[] {0, 2, 1, 3, 4}, m.ordering());
        double inf = Double.POSITIVE_INFINITY;
        assertArrayEquals(new double[] {inf, inf, 1, 1, 1}, m.reachability());
    }

    /** With a DBSCAN cut, every row with a core distance within eps predicts its own cluster (DBSCAN's core rows). */
    @Test
    void opticsCutCoreRowsPredictTheirCluster() {
        Dataset x = DensityClustererChecksTest.DATA;
        OPTICSModel m = OPTICS.builder().minSamples(8).maxEps(3).clusterMethod("dbscan").eps(1.0).build().fit(x);
        int[] p = m.predict(x);
        double[] core = m.coreDistances();
        int[] labels = m.labels();
        int checked = 0;
        for (int i = 0; i < labels.length; i++) {
            if (core[i] <= 1.0) {
                assertEquals(labels[i], p[i], "core row " + i);
                checked++;
            }
        }
        assertTrue(checked > 500, "core rows: " + checked);
        // the cut's core rows and clusters are DBSCAN's at the same eps and min-samples
        DBSCANModel d = DBSCAN.builder().eps(1.0).minSamples(8).build().fit(x);
        for (int i : d.coreSampleIndices()) {
            assertTrue(core[i] <= 1.0, "row " + i);
        }
        AgreementCheck.samePartitionOn(d.coreSampleIndices(), d.labels(), labels);
    }

    /** Partitions compared on some rows only. */
    static final class AgreementCheck {
        static void samePartitionOn(int[] rows, int[] a, int[] b) {
            Map<Integer, Integer> ab = new java.util.HashMap<>();
            Map<Integer, Integer> ba = new java.util.HashMap<>();
            for (int r : rows) {
                Integer x = ab.putIfAbsent(a[r], b[r]);
                Integer y = ba.putIfAbsent(b[r], a[r]);
                assertTrue((x == null || x == b[r]) && (y == null || y == a[r]), "row " + r);
            }
        }
    }

    @Test
    void badParametersAreOneLineErrorsNamingThem() {
        Registry.Entry<?> dbscan = Registry.clustering("dbscan");
        Registry.Entry<?> optics = Registry.clustering("optics");
        assertMessage("parameter 'eps': expected a number > 0, got '0'", () -> dbscan.create(Map.of("eps", "0")));
        assertMessage("parameter 'eps': expected a number > 0, got '-1'", () -> dbscan.create(Map.of("eps", "-1")));
        assertMessage("parameter 'min-samples': expected an integer ≥ 1, got '0'",
                () -> dbscan.create(Map.of("min-samples", "0")));
        assertMessage("parameter 'min-samples': expected an integer ≥ 2, got '1'",
                () -> optics.create(Map.of("min-samples", "1")));
        assertMessage("parameter 'xi': expected a number in [0, 1), got '1'", () -> optics.create(Map.of("xi", "1")));
        assertMessage("parameter 'eps' applies to cluster-method=dbscan; with cluster-method=xi give xi (or set "
                + "cluster-method=dbscan)", () -> optics.create(Map.of("eps", "0.5")));
        assertMessage("parameter 'eps': 2 is larger than max-eps=1; reachabilities beyond max-eps are not computed",
                () -> optics.create(Map.of("cluster-method", "dbscan", "eps", "2", "max-eps", "1")));
        assertMessage("parameter 'eps' is required with cluster-method=dbscan (the reachability cut), or give a finite "
                + "max-eps to cut at", () -> optics.create(Map.of("cluster-method", "dbscan")));
        assertMessage("parameter 'xi' applies to cluster-method=xi, not dbscan",
                () -> optics.create(Map.of("cluster-method", "dbscan", "eps", "1", "xi", "0.2")));
        assertMessage("parameter 'metric': expected one of euclidean, sqeuclidean, manhattan, cosine, chebyshev, got "
                + "'minkowski'", () -> dbscan.create(Map.of("metric", "minkowski")));
        assertMessage("parameter 'index': expected one of auto, kd-tree, ball-tree, brute, got 'grid'",
                () -> dbscan.create(Map.of("index", "grid")));
        CumuloException e = assertThrows(CumuloException.class, () -> DBSCAN.builder().metric("cosine").build()
                .fit(Dataset.of(new double[][] {{1, 1}, {0, 0}}).withSource("z.csv")));
        assertTrue(e.getMessage().startsWith("z.csv: row 1 is all zeros"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> DBSCAN.builder().build().fit(Dataset.wrap(new double[0], 0, 2,
                Dataset.defaultNames(2), "empty.csv")));
        assertEquals("empty.csv: no rows to cluster", e.getMessage());
    }

    /**
     * Every index and metric: either the labels brute force gives, or (an index that cannot take the metric, or is
     * not built yet) a one-line error naming the index parameter. Whichever trees exist, this stays true.
     */
    @Test
    void everyIndexGivesTheSameLabelsOrSaysWhyNot() {
        Dataset x = DensityClustererChecksTest.DATA;
        for (String metric : new String[] {"euclidean", "sqeuclidean", "manhattan", "cosine", "chebyshev"}) {
            double eps = metric.equals("cosine") ? 0.02 : metric.equals("sqeuclidean") ? 1.0 : 1.0;
            int[] brute = DBSCAN.builder().eps(eps).minSamples(8).metric(metric).index("brute").build().fit(x).labels();
            OPTICSModel ob = OPTICS.builder().minSamples(8).maxEps(4 * eps).metric(metric).index("brute").build().fit(x);
            for (NeighborIndex.Kind kind : NeighborIndex.Kind.values()) {
                try {
                    assertArrayEquals(brute, DBSCAN.builder().eps(eps).minSamples(8).metric(metric).index(kind.id())
                            .build().fit(x).labels(), kind.id() + " " + metric);
                    OPTICSModel o = OPTICS.builder().minSamples(8).maxEps(4 * eps).metric(metric).index(kind.id())
                            .build().fit(x);
                    assertArrayEquals(ob.ordering(), o.ordering(), kind.id() + " " + metric);
                    assertArrayEquals(ob.labels(), o.labels(), kind.id() + " " + metric);
                } catch (CumuloException e) {
                    assertTrue(e.getMessage().contains("parameter 'index' (" + kind.id() + " with metric=" + metric
                            + ")") && !e.getMessage().contains("\n"), e.getMessage());
                }
            }
        }
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(CumuloException.class, call).getMessage());
    }
}

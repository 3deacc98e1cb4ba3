package io.cumulo.report;

import io.cumulo.cluster.density.HDBSCAN;
import io.cumulo.cluster.density.HDBSCANModel;
import io.cumulo.data.Dataset;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.cumulo.report.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CondensedTreeSectionTest {
    private static Dataset line(double... v) {
        double[][] x = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            x[i] = new double[] {v[i]};
        }
        return Dataset.of(x);
    }

    /**
     * 0, 1, 2, 10, 11, 12, 30 (min-cluster-size 3, min-samples 2; the tree of HDBSCANHandTest): the root spans rows
     * 0..7, 7 wide from λ 0, 6 wide once row 30 leaves at λ 1/18, until it splits at λ 1/8; A and B share those 6,
     * side by side under it (A on 0.5..3.5, B on 3.5..6.5), 3 wide until their rows leave at λ 1.
     */
    @Test
    void smallTreeByHand() {
        HDBSCANModel m = HDBSCAN.builder().minClusterSize(3).minSamples(2).build().fit(line(0, 1, 2, 10, 11, 12, 30), CTX);
        List<CondensedTreeSection.Bar> bars = CondensedTreeSection.layout(m.condensedTree(), m.selectedClusters());
        assertEquals(3, bars.size());
        CondensedTreeSection.Bar root = bars.get(0);
        assertEquals(3.5, root.centre(), 0);
        assertArrayEquals(new double[] {0, 1 / 18.0, 1 / 8.0}, root.levels(), 1e-15);
        assertArrayEquals(new double[] {7, 6, 6}, root.widths(), 0);
        assertEquals(-1, root.colour());
        CondensedTreeSection.Bar a = bars.get(1);
        CondensedTreeSection.Bar b = bars.get(2);
        assertEquals(2, a.centre(), 0);
        assertEquals(5, b.centre(), 0);
        assertArrayEquals(new double[] {1 / 8.0, 1}, a.levels(), 1e-15);
        assertArrayEquals(new double[] {3, 3}, a.widths(), 0);
        assertEquals(0, a.colour());
        assertEquals(1, b.colour());
        // A's outline: down the left edge, across the end, up the right edge, closed, then a gap
        double[][] poly = CondensedTreeSection.polygon(a);
        assertArrayEquals(new double[] {0.5, 0.5, 3.5, 3.5, 0.5, Double.NaN}, poly[0], 0);
        assertArrayEquals(new double[] {1 / 8.0, 1, 1, 1 / 8.0, 1 / 8.0, Double.NaN}, poly[1], 1e-15);

        Chart c = CondensedTreeSection.chart(m, m.labels());
        assertEquals("condensed-tree", c.id());
        assertTrue(c.y().isReversed(), "λ grows downwards");
        assertEquals(3, c.traces().size());
        Trace.Scatter grey = (Trace.Scatter) c.traces().get(0);
        assertEquals(CondensedTreeSection.UNSELECTED, grey.color());
        assertEquals(Trace.Fill.TO_SELF, grey.fill());
        assertEquals(Palette.cluster(0), ((Trace.Scatter) c.traces().get(1)).color());
        assertEquals("cluster 1", c.traces().get(2).name());
    }

    /** Many clusters and rows: the outline budget holds, every bar stays within its parent's span. */
    @Test
    void largeTreesStaySmall() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] x = new double[20_000][2];
        for (double[] row : x) {
            int c = rng.nextInt(40);
            row[0] = (c % 8) * 10 + rng.nextGaussian();
            row[1] = (c / 8) * 10 + rng.nextGaussian();
        }
        HDBSCANModel m = HDBSCAN.builder().minClusterSize(10).minSamples(5).build().fit(Dataset.of(x), CTX);
        Chart c = CondensedTreeSection.chart(m, m.labels());
        int points = c.traces().stream().mapToInt(t -> ((Trace.Scatter) t).x().length).sum();
        int clusters = m.condensedTree().clusters();
        assertTrue(points <= 4 * (CondensedTreeSection.MAX_VERTICES + 5 * clusters) + 2 * clusters,
                points + " points for " + clusters + " clusters");
        for (Trace t : c.traces()) {
            for (double v : ((Trace.Scatter) t).x()) {
                assertTrue(Double.isNaN(v) || v >= 0 && v <= x.length, "x in 0..n: " + v);
            }
        }
        StaticPlots.png(c); // the static exporter draws the reversed axis and the closed polygons
    }

    @Test
    void theClusterReportHasACondensedTreeAndAShadedScatter() {
        Dataset iris = Fixtures.iris();
        HDBSCANModel m = HDBSCAN.builder().minClusterSize(10).build().fit(iris.withoutLabels(), CTX);
        Report r = ClusterReport.build(new ClusterReport.Input("hdbscan", iris, iris.withoutLabels(), m.labels(), null,
                null, Map.of(), null, null, null, 0, null, null, false, null, m, m.strengths()), CTX);
        assertEquals("condensed-tree", r.sections().get(1).id());
        Chart scatter = r.charts().stream().filter(c -> c.id().equals("scatter")).findFirst().orElseThrow();
        boolean shaded = false;
        for (Trace t : scatter.traces()) {
            Trace.Scatter s = (Trace.Scatter) t;
            if (s.name() != null && s.name().startsWith("cluster")) {
                assertNotNull(s.opacity(), s.name());
                shaded = true;
                for (double o : s.opacity()) {
                    assertTrue(o >= PointMap.MIN_OPACITY && o <= 1, s.name() + ": " + o);
                }
                assertTrue(s.hover()[0].contains("membership strength"), s.hover()[0]);
            } else if ("noise".equals(s.name())) {
                assertNull(s.opacity(), "noise is not shaded");
            }
        }
        assertTrue(shaded);
        String html = HtmlReportWriter.html(r);
        assertTrue(html.contains("\"fill\":\"toself\""), "the bars are filled polygons");
        assertTrue(html.contains("\"opacity\":["), "per-point opacities");
        Report plain = ClusterReport.build(new ClusterReport.Input("hdbscan", iris, iris.withoutLabels(), m.labels(),
                null, null, Map.of(), null, null, null, 0), CTX);
        assertTrue(plain.sections().stream().noneMatch(s -> s.id().equals("condensed-tree")));
    }

    @Test
    void reversedAxisFactory() {
        Axis a = Axis.reversed("λ", 0, 5);
        assertTrue(a.isReversed());
        assertEquals(5.0, a.min());
        assertEquals(0.0, a.max());
        assertTrue(!Axis.linear("x").isReversed());
    }
}

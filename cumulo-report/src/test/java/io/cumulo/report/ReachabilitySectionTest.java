package io.cumulo.report;

import io.cumulo.cluster.density.DBSCAN;
import io.cumulo.cluster.density.DBSCANModel;
import io.cumulo.cluster.density.OPTICS;
import io.cumulo.cluster.density.OPTICSModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Reachability;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static io.cumulo.report.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReachabilitySectionTest {
    /**
     * min-samples = 2 on 0, 1, 3, 7, cut at 1.5: ordering 0, 1, 3, 7, reachabilities ∞, 1, 2, 4, labels 0, 0, -1, -1
     * (worked in the core's DensityHandTest). The ∞ bar is drawn at the top, 1.05 × 4; the cut is a dashed line.
     */
    @Test
    void smallPlotByHand() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {3}, {7}});
        OPTICSModel m = OPTICS.builder().minSamples(2).clusterMethod("dbscan").eps(1.5).build().fit(line, CTX);
        Chart c = ReachabilitySection.chart(m.ordering(), m.reachability(), m.labels(), m.cutDistance());
        Trace.Bars bars = (Trace.Bars) c.traces().get(0);
        assertArrayEquals(new double[] {4.2, 1, 2, 4}, bars.values(), 1e-12);
        assertEquals(List.of(Palette.cluster(0), Palette.cluster(0), Palette.NOISE, Palette.NOISE), bars.colors());
        assertTrue(bars.hover()[0].contains("reachability ∞"), bars.hover()[0]);
        Trace.Rule cut = (Trace.Rule) c.traces().get(1);
        assertEquals(1.5, cut.value(), 0);
        assertTrue(cut.dashed());
        assertTrue(c.note().contains("1 row has infinite reachability"), c.note());
    }

    /** The Plotly figure carries one colour and one hover text per bar. */
    @Test
    void plotlyGetsPerBarColoursAndHover() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {3}, {7}});
        OPTICSModel m = OPTICS.builder().minSamples(2).clusterMethod("dbscan").eps(1.5).build().fit(line, CTX);
        StringBuilder sb = new StringBuilder();
        PlotlyFigure.write(sb, ReachabilitySection.chart(m.ordering(), m.reachability(), m.labels(), m.cutDistance()));
        Map<?, ?> fig = (Map<?, ?>) io.cumulo.json.Json.parse(sb.toString());
        Map<?, ?> bar = (Map<?, ?>) ((List<?>) fig.get("data")).get(0);
        assertEquals("bar", bar.get("type"));
        assertEquals(List.of(Palette.cluster(0), Palette.cluster(0), Palette.NOISE, Palette.NOISE),
                ((Map<?, ?>) bar.get("marker")).get("color"));
        assertEquals(4, ((List<?>) bar.get("hovertext")).size());
    }

    /** A plot of 10,001 rows is drawn as runs of 3: each bar the run's highest reachability and most common cluster. */
    @Test
    void largePlotsAreRunsOfRows() {
        int n = 10_001;
        int[] order = new int[n];
        double[] reach = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
            reach[order[i]] = i == 0 ? Double.POSITIVE_INFINITY : 1 + (i % 3);
            labels[order[i]] = i % 3 == 0 ? -1 : i < 5000 ? 0 : 1;
        }
        Chart c = ReachabilitySection.chart(order, reach, labels, OptionalDouble.empty());
        Trace.Bars bars = (Trace.Bars) c.traces().get(0);
        assertEquals(3334, bars.values().length);
        assertEquals(3 * 1.05, bars.values()[0], 1e-12); // the first run holds the ∞
        assertEquals(3, bars.values()[1], 0);
        assertEquals(Palette.cluster(0), bars.colors().get(1));
        assertEquals(Palette.cluster(1), bars.colors().get(3000));
        // the last run: rows 9,999 (noise) and 10,000 (cluster 1); a tie goes to the lower label, noise
        assertEquals(Palette.NOISE, bars.colors().get(3333));
        assertTrue(c.note().startsWith("Each bar is 3 consecutive rows"), c.note());
        assertEquals(1, c.traces().size(), "no cut line for ξ");
    }

    @Test
    void theClusterReportHasAReachabilityPlotForOpticsOnly() {
        Dataset iris = Fixtures.iris();
        Dataset x = iris.withoutLabels();
        OPTICSModel o = OPTICS.builder().minSamples(10).build().fit(x, CTX);
        Report r = ClusterReport.build(input(iris, o.labels(), o), CTX);
        assertEquals("reachability", r.sections().get(1).id());
        DBSCANModel d = DBSCAN.builder().eps(0.5).minSamples(5).build().fit(x, CTX);
        Report plain = ClusterReport.build(input(iris, d.labels(), null), CTX);
        assertTrue(plain.sections().stream().noneMatch(s -> s.id().equals("reachability")));
        // noise is grey in the scatter, named "noise"
        Chart scatter = chart(plain, "scatter");
        Trace.Scatter noise = scatter.traces().stream().filter(t -> t instanceof Trace.Scatter s
                && "noise".equals(s.name())).map(t -> (Trace.Scatter) t).findFirst().orElseThrow();
        assertEquals(Palette.NOISE, noise.color());
        assertEquals(d.noiseCount(), noise.x().length);
    }

    @Test
    void aReportOfOnlyNoiseSaysSo() {
        Dataset iris = Fixtures.iris();
        DBSCANModel d = DBSCAN.builder().eps(0.01).minSamples(5).build().fit(iris.withoutLabels(), CTX);
        Report r = ClusterReport.build(input(iris, d.labels(), null), CTX);
        Report.Block first = r.sections().get(0).blocks().get(0);
        assertTrue(first instanceof Report.Block.Text t && t.text().startsWith("Every row is noise"), first.toString());
        OPTICSModel o = OPTICS.builder().minSamples(5).clusterMethod("dbscan").eps(0.01).build()
                .fit(iris.withoutLabels(), CTX);
        Report.Section reach = ReachabilitySection.section(o, o.labels());
        assertTrue(reach.blocks().stream().anyMatch(b -> b instanceof Report.Block.Text t
                && t.text().startsWith("Every row is noise")));
    }

    private static ClusterReport.Input input(Dataset iris, int[] labels, Reachability reach) {
        return new ClusterReport.Input("density", iris, iris.withoutLabels(), labels, null, null, Map.of(), null, null,
                null, 0, null, null, false, reach, null, null);
    }

    private static Chart chart(Report r, String id) {
        for (Report.Section s : r.sections()) {
            for (Report.Block b : s.blocks()) {
                if (b instanceof Report.Block.Charts cs) {
                    for (Chart c : cs.charts()) {
                        if (c.id().equals(id)) {
                            return c;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no chart " + id);
    }
}

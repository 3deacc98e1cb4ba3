package io.cumulo.report;

import io.cumulo.cluster.hierarchical.Agglomerative;
import io.cumulo.cluster.hierarchical.AgglomerativeModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.cumulo.report.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DendrogramSectionTest {
    /** Points 0, 1, 3, 7, 15, single linkage, cut in 2: {0, 1, 3, 7} and {15}; merges at 1, 2, 4 and 8. */
    @Test
    void smallTreeByHand() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {3}, {7}, {15}});
        AgglomerativeModel m = Agglomerative.builder().k(2).linkage("single").build().fit(line, CTX);
        ClusterTree tree = m.tree();
        DendrogramSection.Layout lay = DendrogramSection.layout(tree, m.labels(), line);
        // every row is a leaf; SciPy's merges (0, 1) (2, 5) (3, 6) (4, 7), each left child first: the root 8 = (4, 7)
        // draws row 4, then 7 = (3, 6), 6 = (2, 5), 5 = (0, 1)
        assertArrayEquals(new int[] {4, 3, 2, 0, 1}, lay.leafNodes());
        assertEquals(List.of("row 4", "row 3", "row 2", "row 0", "row 1"), List.of(lay.leafNames()));
        Chart d = DendrogramSection.dendrogram(tree, m.labels(), lay);
        // three merges inside cluster 0 in its colour, the last one across the cut in grey, the cut between 4 and 8
        // the grey links first (drawn beneath), then each cluster's
        Trace.Scatter inside = (Trace.Scatter) d.traces().get(1);
        assertEquals(Palette.cluster(0), inside.color());
        assertEquals(3 * 5, inside.x().length);
        Trace.Scatter across = (Trace.Scatter) d.traces().get(0);
        assertEquals(DendrogramSection.ABOVE_CUT, across.color());
        // the U from row 4 (height 0) up to 8 and down to node 7 (height 4)
        assertArrayEquals(new double[] {0, 8, 8, 4, Double.NaN}, across.y(), 0);
        Trace.Rule cut = (Trace.Rule) d.traces().get(2);
        assertEquals(6.0, cut.value(), 0);
    }

    /**
     * The same tree with optimal-ordering: the only cheaper drawing of (4, (3, (2, (0, 1)))) swaps merge (0, 1), so
     * the rows are drawn 4, 3, 2, 1, 0 (neighbours 8 + 4 + 2 + 1 = 15 apart instead of 16), the root's order kept.
     */
    @Test
    void optimalOrderingIsWhatIsDrawn() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {3}, {7}, {15}});
        AgglomerativeModel m = Agglomerative.builder().k(2).linkage("single").optimalOrdering(true).build()
                .fit(line, CTX);
        DendrogramSection.Layout lay = DendrogramSection.layout(m.tree(), m.labels(), line);
        assertArrayEquals(new int[] {4, 3, 2, 1, 0}, lay.leafNodes());
    }

    /** Truncated to p leaves, the drawn leaves hold exactly the clusters of the tree cut into p. */
    @Test
    void truncatedLeavesAreTheCutIntoP() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 2_000;
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = rng.nextDouble() * 10 + (rng.nextInt(4) * 20);
            }
        }
        Dataset data = Dataset.of(x);
        AgglomerativeModel m = Agglomerative.builder().k(4).build().fit(data, CTX);
        DendrogramSection.Layout lay = DendrogramSection.layout(m.tree(), m.labels(), data);
        int p = DendrogramSection.TRUNCATED_LEAVES;
        assertEquals(p, lay.leafNodes().length);
        int[] cut = m.tree().cut(p);
        Set<Set<Integer>> expected = new HashSet<>();
        for (int c = 0; c < p; c++) {
            Set<Integer> rows = new HashSet<>();
            for (int r = 0; r < n; r++) {
                if (cut[r] == c) {
                    rows.add(r);
                }
            }
            expected.add(rows);
        }
        Set<Set<Integer>> drawn = new HashSet<>();
        int total = 0;
        for (int i = 0; i < p; i++) {
            Set<Integer> rows = new HashSet<>();
            Arrays.stream(lay.leafRows()[i]).forEach(rows::add);
            drawn.add(rows);
            total += rows.size();
            if (rows.size() > 1) {
                assertEquals("(" + Numbers.count(rows.size()) + ")", lay.leafNames()[i]);
            }
        }
        assertEquals(n, total);
        assertEquals(expected, drawn);
        Report.Section s = DendrogramSection.section(m.tree(), m.labels(), data);
        assertEquals("dendrogram", s.id());
        Chart map = ((Report.Block.Charts) s.blocks().get(1)).charts().get(0);
        assertEquals("clustermap", map.id());
        double[][] z = ((Trace.Heatmap) map.traces().get(0)).z();
        assertEquals(3, z.length);
        assertEquals(p, z[0].length);
    }

    @Test
    void theClusterReportHasADendrogramOnlyForATreeOverTheRows() {
        Dataset iris = Fixtures.iris();
        AgglomerativeModel m = Agglomerative.builder().k(3).build().fit(iris.withoutLabels(), CTX);
        Report r = ClusterReport.build(new ClusterReport.Input("ward", iris, iris.withoutLabels(), m.labels(), null,
                null, Map.of(), null, null, null, 0, null, m.tree()), CTX);
        assertEquals("dendrogram", r.sections().get(1).id());
        Report plain = ClusterReport.build(new ClusterReport.Input("ward", iris, iris.withoutLabels(), m.labels(), null,
                null, Map.of(), null, null, null, 0), CTX);
        assertTrue(plain.sections().stream().noneMatch(s -> s.id().equals("dendrogram")));
    }
}

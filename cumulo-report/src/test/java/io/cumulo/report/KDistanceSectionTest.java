package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.selection.ChooseEps;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.cumulo.report.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KDistanceSectionTest {
    @Test
    void everyRowUpTo2000ThenEvenRanksWithTheKneeAndTheLast() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, KDistanceSection.drawnRanks(4, 2));
        int[] r = KDistanceSection.drawnRanks(100_000, 77_777);
        assertEquals(0, r[0]);
        assertEquals(99_999, r[r.length - 1]);
        assertTrue(Arrays.stream(r).anyMatch(i -> i == 77_777), "the knee is drawn");
        assertEquals(KDistanceSection.MAX_POINTS + 1, r.length);
        for (int i = 1; i < r.length; i++) {
            assertTrue(r[i] > r[i - 1], "ascending");
        }
    }

    @Test
    void theCurveTheKneeAndTheEpsLine() {
        Dataset iris = Fixtures.standard(Fixtures.iris().withoutLabels());
        ChooseEps.Result c = ChooseEps.of(5, Distance.EUCLIDEAN, NeighborIndex.Kind.AUTO).run(iris, CTX);
        Chart chart = KDistanceSection.chart(c);
        Trace.Scatter curve = (Trace.Scatter) chart.traces().get(0);
        assertArrayEquals(c.sorted(), curve.y(), 0);
        assertEquals(1, curve.x()[0], 0); // ranks from 1
        Trace.Rule eps = (Trace.Rule) chart.traces().get(1);
        assertEquals(c.eps(), eps.value(), 0);
        Trace.Scatter knee = (Trace.Scatter) chart.traces().get(2);
        assertEquals(c.kneeIndex() + 1, knee.x()[0], 0);
        assertTrue(chart.note().startsWith("Knee of the curve (Kneedle"), chart.note());
        Report report = ChooseEpsReport.build("t", "s", Map.of("input", "iris"), c, List.of("w"));
        assertEquals(List.of("overview", "k-distance"), report.sections().stream().map(Report.Section::id).toList());
        Report.Block first = report.sections().get(0).blocks().get(0);
        assertTrue(first instanceof Report.Block.Text t && t.text().startsWith("Suggested eps = "), first.toString());
    }
}

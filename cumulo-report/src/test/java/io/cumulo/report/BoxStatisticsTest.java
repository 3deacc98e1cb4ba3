package io.cumulo.report;

import io.cumulo.json.JsonObject;
import io.cumulo.report.chart.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BoxStatisticsTest {
    @Test
    void handWorkedCase() {
        // sorted 1..9, 100; n = 10. Quartile positions h = 9p: 2.25, 4.5, 6.75
        // q1 = x[2] + 0.25 (x[3] − x[2]) = 3.25; median = 5 + 0.5 = 5.5; q3 = 7 + 0.75 = 7.75
        // IQR 4.5, fences −3.5 and 14.5: whiskers at 1 and 9, 100 is beyond
        Trace.BoxStats b = BoxStatistics.of(new double[] {100, 9, 8, 7, 6, 5, 4, 3, 2, 1});
        assertEquals(1, b.lowerWhisker());
        assertEquals(3.25, b.q1());
        assertEquals(5.5, b.median());
        assertEquals(7.75, b.q3());
        assertEquals(9, b.upperWhisker());
        assertEquals(14.5, b.mean());
        assertEquals(10, b.n());
    }

    @Test
    void whiskerInsideTheBoxStopsAtTheQuartile() {
        // 2, 4, 4, 5: q1 = 2 + 0.75·2 = 3.5, median 4, q3 = 4 + 0.25·1 = 4.25; the fence 2.375 leaves 2 out and the
        // nearest value inside it (4) is above q1, so the lower whisker is q1 itself
        Trace.BoxStats b = BoxStatistics.of(new double[] {5, 4, 2, 4});
        assertEquals(3.5, b.lowerWhisker());
        assertEquals(3.5, b.q1());
        assertEquals(4, b.median());
        assertEquals(4.25, b.q3());
        assertEquals(5, b.upperWhisker());
    }

    @Test
    void numpyReference() throws Exception {
        // tools/reference/make_report_reference.py: numpy's percentile and matplotlib's whisker rule
        JsonObject boxes = JsonObject.parse(Files.readString(Path.of("..", "cumulo-core", "src", "test", "resources",
                "reference", "report.json")), "report.json").getObject("boxes");
        assertEquals(8, boxes.asMap().size());
        for (Map.Entry<String, Object> e : boxes.asMap().entrySet()) {
            JsonObject c = boxes.getObject(e.getKey());
            Trace.BoxStats b = BoxStatistics.of(c.getDoubleArray("values"));
            String at = e.getKey();
            assertEquals(c.getDouble("q1"), b.q1(), 1e-12, at);
            assertEquals(c.getDouble("median"), b.median(), 1e-12, at);
            assertEquals(c.getDouble("q3"), b.q3(), 1e-12, at);
            assertEquals(c.getDouble("lower_whisker"), b.lowerWhisker(), 0, at);
            assertEquals(c.getDouble("upper_whisker"), b.upperWhisker(), 0, at);
            assertEquals(c.getDouble("mean"), b.mean(), 1e-12 * Math.max(1, Math.abs(b.mean())), at);
            assertEquals(c.getLong("n"), b.n(), at);
        }
    }

    @Test
    void noValues() {
        Trace.BoxStats b = BoxStatistics.of(new double[0]);
        assertEquals(0, b.n());
        assertEquals(Double.NaN, b.median());
    }
}

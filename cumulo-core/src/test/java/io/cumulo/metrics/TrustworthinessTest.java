package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustworthinessTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();

    @Test
    void handComputedSwapOfTheEnds() {
        // points on a line with distinct gaps; the embedding swaps the first and last points. With k = 1:
        // row 0 (at 28 in the embedding) has embedding neighbour row 6, its 6th nearest in the data: penalty 5;
        // row 1's embedding neighbour is row 7, its 7th nearest: 6; row 7's is row 1, its 6th nearest: 5; every
        // other row keeps its nearest neighbour. T = 1 − 16 · 2 / (8 · 1 · (16 − 3 − 1)) = 1 − 16/48 = 2/3.
        double[] x = {0, 1, 3, 6, 10, 15, 21, 28};
        double[] y = {28, 1, 3, 6, 10, 15, 21, 0};
        assertEquals(2.0 / 3.0, Trustworthiness.score(x, 1, y, 1, 8, 1, ONE), 1e-15);
        // the identity embedding is perfectly trustworthy
        assertEquals(1.0, Trustworthiness.score(x, 1, x, 1, 8, 3, ONE), 0.0);
    }

    @Test
    void matchesScikitLearn() {
        JsonObject ref = Fixtures.json("reference/tsne.json");
        List<Object> cases = ref.getList("trustworthiness");
        assertEquals(3, cases.size());
        for (Object o : cases) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "tsne.json");
            Dataset x = Dataset.of(matrix(c.getList("x")));
            Dataset y = Dataset.of(matrix(c.getList("y")));
            int[] ks = c.getIntArray("k");
            double[] expected = c.getDoubleArray("value");
            for (int t = 0; t < ks.length; t++) {
                for (int threads : new int[] {1, 3}) {
                    double got = Trustworthiness.score(x, y, ks[t], ExecutionContext.defaults().withThreads(threads));
                    assertEquals(expected[t], got, 1e-12, c.getString("name") + " k=" + ks[t]);
                }
            }
        }
    }

    @Test
    void sameResultForAnyThreadCount() {
        Dataset x = Fixtures.uniform(700, 5, 3);
        Dataset y = Fixtures.uniform(700, 2, 4);
        double one = Trustworthiness.score(x, y, ONE);
        assertEquals(one, Trustworthiness.score(x, y, ExecutionContext.defaults().withThreads(4)), 0.0);
        assertTrue(one > 0.3 && one < 0.7, "a random embedding scores near chance: " + one);
    }

    @Test
    void badInputIsRejectedWithOneLine() {
        double[] x = {0, 1, 3, 6, 10, 15, 21, 28};
        CumuloException e = assertThrows(CumuloException.class, () -> Trustworthiness.score(x, 1, x, 1, 8, 4, ONE));
        assertTrue(e.getMessage().contains("less than half the rows (n = 8), got 4"), e.getMessage());
        assertThrows(CumuloException.class, () -> Trustworthiness.score(x, 1, x, 1, 8, 0, ONE));
        Dataset a = Dataset.of(new double[][] {{1}, {2}, {3}, {4}, {5}});
        Dataset b = Dataset.of(new double[][] {{1}, {2}, {3}, {4}});
        e = assertThrows(CumuloException.class, () -> Trustworthiness.score(a, b, 1, ONE));
        assertTrue(e.getMessage().contains("embedding has 4 rows"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    private static double[][] matrix(List<Object> rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            List<?> r = (List<?>) rows.get(i);
            m[i] = new double[r.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = ((Number) r.get(j)).doubleValue();
            }
        }
        return m;
    }
}

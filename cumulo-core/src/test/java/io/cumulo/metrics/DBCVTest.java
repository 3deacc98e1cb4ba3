package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DBCV against a dense, independent numpy/SciPy implementation of the paper (tools/reference/make_dbcv_reference.py)
 * and against a case worked by hand.
 */
class DBCVTest {
    private static final ExecutionContext CTX = ExecutionContext.defaults();

    /**
     * Two clusters {0, 1, 2} and {10, 11, 12} on a line (D = 1). Core distances: the middle rows (1/1 + 1/1)/2 → 1,
     * the ends (1/1 + 1/2)/2 = 0.75 → 4/3. Each tree is end–middle–end with both edges 4/3 (max of the cores and 1);
     * no edge joins two internal nodes, so DSC = 4/3; the internal nodes are the middles, 10 apart: DSPC = 10.
     * V = (10 − 4/3) / 10 = 13/15 for both: DBCV = 13/15; with a noise row at 50, 6/7 of that.
     */
    @Test
    void handWorkedLine() {
        Dataset x = Dataset.of(new double[][] {{0}, {1}, {2}, {10}, {11}, {12}});
        DBCV.Result r = DBCV.compute(x, new int[] {0, 0, 0, 1, 1, 1}, Distance.EUCLIDEAN, CTX);
        assertEquals(13.0 / 15, r.value(), 1e-15);
        assertEquals(4.0 / 3, r.sparseness()[0], 1e-15);
        assertEquals(10.0, r.separation()[1], 0);
        Dataset withNoise = Dataset.of(new double[][] {{0}, {1}, {2}, {10}, {11}, {12}, {50}});
        assertEquals(13.0 / 15 * 6 / 7, DBCV.score(withNoise, new int[] {0, 0, 0, 1, 1, 1, -1}, Distance.EUCLIDEAN,
                CTX), 1e-15);
        // a one-row cluster is noise too
        assertEquals(13.0 / 15 * 6 / 7, DBCV.score(withNoise, new int[] {0, 0, 0, 1, 1, 1, 2}, Distance.EUCLIDEAN,
                CTX), 1e-15);
    }

    @Test
    void equalsTheDenseReference() {
        JsonObject ref = Fixtures.json("reference/dbcv.json");
        int checked = 0;
        for (Object o : ref.getList("cases")) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "case");
            List<Object> rows = c.getList("data");
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = ((List<?>) rows.get(i)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            }
            int[] labels = c.getList("labels").stream().mapToInt(v -> ((Number) v).intValue()).toArray();
            Distance metric = Distance.parse(c.getString("metric"));
            String what = c.getString("name");
            DBCV.Result one = DBCV.compute(Dataset.of(x), labels, metric, CTX.withThreads(1));
            assertEquals(c.getDouble("dbcv"), one.value(), 1e-9, what);
            List<Object> validity = c.getList("validity");
            for (int s = 0; s < validity.size(); s++) {
                assertEquals(((Number) validity.get(s)).doubleValue(), one.validity()[s], 1e-9, what + " cluster " + s);
            }
            DBCV.Result three = DBCV.compute(Dataset.of(x), labels, metric, CTX.withThreads(3));
            assertEquals(one.value(), three.value(), 0, what + ": the thread count changed the value");
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void manyFeaturesStayFinite() {
        // (1/d)^784 under- or overflows a double; the sum is taken relative to the nearest distance
        SplittableRandom rng = new SplittableRandom(2);
        double[][] x = new double[60][784];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < 784; j++) {
                x[i][j] = labels[i] * 30 + rng.nextGaussian() * (j % 2 == 0 ? 10 : 0.01);
            }
        }
        double v = DBCV.score(Dataset.of(x), labels, Distance.EUCLIDEAN, CTX);
        assertTrue(Double.isFinite(v) && v > -1 && v <= 1, "dbcv " + v);
    }

    @Test
    void undefinedWithoutTwoClustersOfTwoRows() {
        Dataset x = Dataset.of(new double[][] {{0}, {1}, {2}, {10}});
        assertFalse(DBCV.isDefined(new int[] {0, 0, 0, 1}));
        assertTrue(DBCV.isDefined(new int[] {0, 0, 1, 1}));
        CumuloException e = assertThrows(CumuloException.class,
                () -> DBCV.score(x, new int[] {0, 0, 0, 1}, Distance.EUCLIDEAN, CTX));
        assertEquals("dbcv needs at least 2 clusters of 2 or more rows; found 1 (4 clustered rows, 0 noise rows, "
                + "1 one-row clusters counted as noise)", e.getMessage());
    }

    @Test
    void duplicatedRowsAndTheSampledEstimate() {
        // a cluster of identical rows: core distances 0, DSC 0, V = 1 when the other cluster is apart
        Dataset x = Dataset.of(new double[][] {{0}, {0}, {0}, {5}, {6}, {7}});
        DBCV.Result r = DBCV.compute(x, new int[] {0, 0, 0, 1, 1, 1}, Distance.EUCLIDEAN, CTX);
        assertEquals(0.0, r.sparseness()[0], 0);
        assertEquals(1.0, r.validity()[0], 0);
        assertEquals(r.value(), DBCV.estimate(x, new int[] {0, 0, 0, 1, 1, 1}, 10, 1, Distance.EUCLIDEAN, CTX)
                .value(), 0);
        DBCV.Result s = DBCV.estimate(x, new int[] {0, 0, 0, 1, 1, 1}, 5, 1, Distance.EUCLIDEAN, CTX);
        assertEquals(5, s.rows());
    }
}

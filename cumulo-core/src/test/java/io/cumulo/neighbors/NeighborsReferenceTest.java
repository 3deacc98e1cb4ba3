package io.cumulo.neighbors;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every index against neighbours computed independently (tools/reference/make_neighbors_reference.py: a full sort of
 * SciPy's distances on (distance, row), and scikit-learn's KDTree radius counts): the same rows in the same order, the
 * same distances (to 1e-12 of their size: SciPy rounds differently), the same counts, on integer grids full of equal
 * distances and duplicates, continuous data, 16-feature blobs (the blocked searches) and rows far from the origin.
 */
class NeighborsReferenceTest {
    private static final JsonObject REF = Fixtures.json("reference/neighbors.json");
    private static final ExecutionContext THREE = ExecutionContext.defaults().withThreads(3);

    @Test
    void everyIndexFindsTheReferenceNeighboursAndCounts() {
        int k = REF.getInt("k");
        int kOthers = REF.getInt("k_others");
        int checked = 0;
        for (Object o : REF.getList("sets")) {
            JsonObject set = JsonObject.of(cast(o), "neighbors.json");
            int n = set.getInt("n");
            int d = set.getInt("d");
            double[] x = set.getDoubleArray("x");
            JsonObject metrics = set.getObject("metrics");
            for (Distance metric : Distance.values()) {
                JsonObject ref = metrics.getObject(metric.id());
                for (NeighborIndex.Kind kind : NeighborIndex.Kind.values()) {
                    String what = set.getString("name") + " " + metric.id() + " " + kind.id();
                    NeighborIndex index = NeighborIndex.build(x, n, d, metric, kind, THREE);
                    KnnGraph g = index.nearest(x, n, k, THREE);
                    assertArrayEquals(ref.getIntArray("knn"), g.indices(), what);
                    assertClose(ref.getDoubleArray("knn_distances"), g.distances(), what);
                    KnnGraph others = index.nearestOthers(kOthers, THREE);
                    assertArrayEquals(ref.getIntArray("others"), others.indices(), what + " others");
                    assertClose(ref.getDoubleArray("others_distances"), others.distances(), what + " others");
                    // one at a time too (the batches of many features go another way)
                    int[] rows = new int[k];
                    double[] dist = new double[k];
                    for (int i = 0; i < n; i += 7) {
                        index.nearest(x, i * d, k, rows, dist);
                        for (int j = 0; j < k; j++) {
                            assertEquals(g.index(i, j), rows[j], what + " single " + i);
                            assertEquals(g.distance(i, j), dist[j], 0, what + " single " + i);
                        }
                    }
                    JsonObject counts = ref.getObject("counts");
                    for (String r : counts.asMap().keySet()) {
                        int[] c = index.countWithin(x, n, Double.parseDouble(r), THREE);
                        assertArrayEquals(counts.getIntArray(r), c, what + " r " + r);
                    }
                    checked++;
                }
            }
        }
        assertEquals(5 * 5 * 4, checked);
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1e-300, Math.abs(expected[i])), what + " at " + i);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}

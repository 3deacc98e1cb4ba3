package io.cumulo.cluster.density;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DBSCAN and OPTICS against scikit-learn 1.2.1 (tools/reference/make_density_reference.py) on seeded sets: blobs with
 * noise, moons, varied densities, integer points with duplicates and distances exactly at eps, 5-D blobs, identical
 * rows; several eps, min-samples and metrics, and sample weights. DBSCAN: the same labels, numbering included, and the
 * same core rows. OPTICS: the same ordering and predecessors exactly, reachability and core distances to 1e-9 (the
 * infinite ones infinite), the same ξ and DBSCAN-cut labels and ξ cluster hierarchy.
 */
class DensityReferenceTest {
    private static final JsonObject REF = Fixtures.json("reference/density.json");

    static Dataset data(String name) {
        List<Object> rows = REF.getObject("data").getList(name);
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((List<?>) rows.get(i)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return Dataset.of(x).withSource(name);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject obj(Object o, String what) {
        return JsonObject.of((Map<String, Object>) o, what);
    }

    /** Infinite values are written as null. */
    private static double[] withInfinity(JsonObject c, String key) {
        return c.getList(key).stream().mapToDouble(v -> v == null ? Double.POSITIVE_INFINITY
                : ((Number) v).doubleValue()).toArray();
    }

    @Test
    void dbscanLabelsAndCoreRowsAsScikitLearn() {
        int checked = 0;
        for (Object o : REF.getList("dbscan")) {
            JsonObject c = obj(o, "dbscan case");
            Dataset x = data(c.getString("data"));
            String what = c.getString("data") + " " + c.getString("metric") + " eps=" + c.getDouble("eps")
                    + " min-samples=" + c.getInt("min_samples") + (c.has("weights") ? " weighted" : "");
            if (c.has("weights")) {
                x = x.withWeights(c.getDoubleArray("weights"), "w");
            }
            for (int threads : new int[] {1, 3}) {
                DBSCANModel m = DBSCAN.builder().eps(c.getDouble("eps")).minSamples(c.getInt("min_samples"))
                        .metric(c.getString("metric")).build().fit(x, ExecutionContext.defaults().withThreads(threads));
                assertArrayEquals(c.getIntArray("labels"), m.labels(), what);
                assertArrayEquals(c.getIntArray("core_sample_indices"), m.coreSampleIndices(), what);
            }
            checked++;
        }
        assertEquals(39, checked);
    }

    @Test
    void opticsAsScikitLearn() {
        int checked = 0;
        for (Object o : REF.getList("optics")) {
            JsonObject c = obj(o, "optics case");
            Dataset x = data(c.getString("data"));
            boolean finite = c.get("max_eps") != null;
            String what = c.getString("data") + " " + c.getString("metric") + " min-samples=" + c.getInt("min_samples")
                    + (finite ? " max-eps=" + c.getDouble("max_eps") : "");
            for (Object e : c.getList("xi")) {
                JsonObject xi = obj(e, "xi");
                for (String variant : List.of("no_correction", "fixed")) {
                    OPTICS.Builder b = base(c, finite).xi(xi.getDouble("xi"))
                            .predecessorCorrection(variant.equals("fixed"));
                    if (xi.get("min_cluster_size") != null) {
                        b.minClusterSize(xi.getInt("min_cluster_size"));
                    }
                    OPTICSModel m = b.build().fit(x, ExecutionContext.defaults());
                    String at = what + " xi=" + xi.getDouble("xi") + " min-cluster-size=" + xi.get("min_cluster_size")
                            + " " + variant;
                    assertGraph(c, m, at);
                    JsonObject expected = xi.getObject(variant);
                    assertArrayEquals(expected.getIntArray("labels"), m.labels(), at);
                    List<Object> clusters = expected.getList("clusters");
                    int[][] h = m.clusterHierarchy();
                    assertEquals(clusters.size(), h.length, at);
                    for (int i = 0; i < h.length; i++) {
                        List<?> pair = (List<?>) clusters.get(i);
                        assertArrayEquals(new int[] {((Number) pair.get(0)).intValue(), ((Number) pair.get(1)).intValue()},
                                h[i], at + " cluster " + i);
                    }
                    checked++;
                }
            }
            for (Object e : c.getList("dbscan")) {
                JsonObject cut = obj(e, "dbscan cut");
                OPTICSModel m = base(c, finite).clusterMethod("dbscan").eps(cut.getDouble("eps")).build()
                        .fit(x, ExecutionContext.defaults().withThreads(1));
                String at = what + " dbscan eps=" + cut.getDouble("eps");
                assertGraph(c, m, at);
                assertArrayEquals(cut.getIntArray("labels"), m.labels(), at);
                assertEquals(cut.getDouble("eps"), m.cutDistance().orElseThrow(), 0);
                checked++;
            }
        }
        assertEquals(24 * 8 + 42, checked);
    }

    private static OPTICS.Builder base(JsonObject c, boolean finite) {
        OPTICS.Builder b = OPTICS.builder().minSamples(c.getInt("min_samples")).metric(c.getString("metric"));
        if (finite) {
            b.maxEps(c.getDouble("max_eps"));
        }
        return b;
    }

    private static void assertGraph(JsonObject c, OPTICSModel m, String what) {
        assertArrayEquals(c.getIntArray("ordering"), m.ordering(), what + ": ordering");
        assertArrayEquals(c.getIntArray("predecessor"), m.predecessor(), what + ": predecessor");
        assertClose(withInfinity(c, "reachability"), m.reachability(), what + ": reachability");
        assertClose(withInfinity(c, "core_distances"), m.coreDistances(), what + ": core distances");
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isInfinite(expected[i])) {
                assertEquals(expected[i], actual[i], what + " row " + i);
            } else {
                assertEquals(expected[i], actual[i], 1e-9, what + " row " + i);
            }
        }
    }

    /** OPTICS rounds every distance as numpy's {@code np.around(v, 15)} does, bit for bit. */
    @Test
    void roundingAsNumpy() {
        JsonObject a = REF.getObject("around");
        double[] v = a.getDoubleArray("values");
        double[] r = a.getDoubleArray("rounded");
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToLongBits(r[i]), Double.doubleToLongBits(OPTICS.around15(v[i])),
                    "np.around(" + v[i] + ", 15) = " + r[i]);
        }
        assertEquals(Double.POSITIVE_INFINITY, OPTICS.around15(Double.POSITIVE_INFINITY));
        assertEquals(0, Arrays.stream(v).filter(Double::isNaN).count());
    }
}

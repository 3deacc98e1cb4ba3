package io.cumulo.metrics;

import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every external index against scikit-learn 1.2.1 (and purity / accuracy against numpy / scipy), on the cases of
 * tools/reference/make_external_metrics_reference.py: edge cases (one row, one cluster, all singletons, label
 * values that are negative, far apart or the int extremes, the noise label), random partly agreeing labelings
 * up to 100,000 rows, and the classic sets' classes against scikit-learn's k-means.
 */
class ExternalMetricsReferenceTest {
    /**
     * The agreement asked of every index: relative, plus 1e-12 absolute for values that are rounding noise around
     * 0 (e.g. AMI of all singletons, ~1e-14 on both sides). Measured: at most 2.4e-11 relative on values above
     * 1e-6 (AMI of -3.6e-5 at n = 50,000).
     */
    private static final double TOLERANCE = 1e-9;

    record Case(String name, int[] truth, int[] pred, JsonObject expected) {
    }

    static List<Case> cases() {
        String text;
        try {
            text = Files.readString(Fixtures.resource("reference/external_metrics_full.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonObject root = JsonObject.parse(text, "external_metrics_full.json");
        assertEquals("1.2.1", root.getString("sklearn"));
        List<Case> out = new ArrayList<>();
        for (Object o : root.getList("cases")) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "external_metrics_full.json");
            int[] t;
            int[] p;
            if (c.has("generator")) {
                int[][] tp = generate(c.getObject("generator"));
                t = tp[0];
                p = tp[1];
            } else {
                t = c.getIntArray("truth");
                p = c.getIntArray("pred");
            }
            assertEquals(c.getInt("n"), t.length, c.getString("name"));
            out.add(new Case(c.getString("name"), t, p, c));
        }
        return out;
    }

    /** The script's generator: splitmix64 draws, as java.util.SplittableRandom mixes its state. */
    static int[][] generate(JsonObject g) {
        int n = g.getInt("n");
        long base = g.getLong("seed") << 32;
        long classes = g.getLong("classes");
        long clusters = g.getLong("clusters");
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            long c = Long.remainderUnsigned(splitmix64(base + 3L * i), classes);
            long k = Long.remainderUnsigned(splitmix64(base + 3L * i + 1), 100) < g.getLong("agree_percent")
                    ? c % clusters : Long.remainderUnsigned(splitmix64(base + 3L * i + 2), clusters);
            t[i] = (int) (g.getLong("truth_offset") + g.getLong("truth_stride") * c);
            p[i] = (int) (g.getLong("pred_offset") + g.getLong("pred_stride") * k);
        }
        return new int[][] {t, p};
    }

    static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * AMI of two identical labelings into singletons: MI = E[MI] = mean entropy, the formula is 0/0 and
     * scikit-learn returns what its rounding gives (0.0 here for n = 2, 1.0 for n = 25); Cumulo returns 1.0 (see
     * AdjustedMutualInformation).
     */
    private static boolean zeroOverZero(Case c, String key) {
        return c.name().equals("two rows, both split") && key.startsWith("ami");
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.abs(expected) + 1e-12, what);
    }

    @Test
    void everyIndexAgreesWithScikitLearn() {
        for (Case c : cases()) {
            ContingencyTable t = ContingencyTable.of(c.truth(), c.pred());
            JsonObject e = c.expected();
            Map<String, Double> mine = new LinkedHashMap<>();
            mine.put("ari", AdjustedRandIndex.score(t));
            mine.put("rand", RandIndex.score(t));
            for (NormalizedMutualInformation.Average a : NormalizedMutualInformation.Average.values()) {
                String name = a.name().toLowerCase(Locale.ROOT);
                mine.put("nmi_" + name, NormalizedMutualInformation.score(t, a));
                mine.put("ami_" + name, AdjustedMutualInformation.score(t, a));
            }
            mine.put("homogeneity", Homogeneity.score(t));
            mine.put("completeness", Completeness.score(t));
            mine.put("v_measure", VMeasure.score(t, 1.0));
            mine.put("v_measure_beta_0.5", VMeasure.score(t, 0.5));
            mine.put("v_measure_beta_2", VMeasure.score(t, 2.0));
            mine.put("fowlkes_mallows", FowlkesMallowsIndex.score(t));
            for (var m : mine.entrySet()) {
                double x = e.getDouble(m.getKey());
                if (zeroOverZero(c, m.getKey())) {
                    assertEquals(1.0, m.getValue(), c.name() + ": " + m.getKey());
                    continue;
                }
                close(x, m.getValue(), c.name() + ": " + m.getKey());
            }
        }
    }

    @Test
    void contingencyTablePurityAndAccuracy() {
        int checked = 0;
        for (Case c : cases()) {
            if (!c.expected().has("contingency")) {
                continue;
            }
            checked++;
            ContingencyTable t = ContingencyTable.of(c.truth(), c.pred());
            JsonObject m = c.expected().getObject("contingency");
            assertArrayEquals(m.getIntArray("classes"), t.classValues(), c.name());
            assertArrayEquals(m.getIntArray("clusters"), t.clusterValues(), c.name());
            List<Object> rows = m.getList("counts");
            long[][] dense = t.counts();
            for (int i = 0; i < rows.size(); i++) {
                @SuppressWarnings("unchecked")
                List<Object> row = (List<Object>) rows.get(i);
                for (int j = 0; j < row.size(); j++) {
                    assertEquals(((Number) row.get(j)).longValue(), dense[i][j], c.name());
                    assertEquals(dense[i][j], t.count(i, j), c.name());
                }
            }
            // counts / n: the same division on both sides, so the same double
            assertEquals(c.expected().getDouble("purity_numpy"), Purity.score(t), 0.0, c.name());
            assertEquals(c.expected().getDouble("accuracy_scipy"), ClusteringAccuracy.score(t), 0.0, c.name());
        }
        assertTrue(checked > 20, "cases with a contingency table: " + checked);
    }

    @Test
    void theEntryPointGivesTheSameValues() {
        for (Case c : cases()) {
            ExternalMetrics m = ExternalMetrics.of(c.truth(), c.pred());
            JsonObject e = c.expected();
            close(e.getDouble("ari"), m.ari(), c.name());
            close(e.getDouble("rand"), m.rand(), c.name());
            close(e.getDouble("nmi_arithmetic"), m.nmi(), c.name());
            close(zeroOverZero(c, "ami") ? 1.0 : e.getDouble("ami_arithmetic"), m.ami(), c.name());
            close(e.getDouble("homogeneity"), m.homogeneity(), c.name());
            close(e.getDouble("completeness"), m.completeness(), c.name());
            close(e.getDouble("v_measure"), m.vMeasure(), c.name());
            close(e.getDouble("fowlkes_mallows"), m.fowlkesMallows(), c.name());
            if (e.has("accuracy_scipy")) {
                assertEquals(e.getDouble("accuracy_scipy"), m.accuracy(), 0.0, c.name());
                assertEquals(e.getDouble("purity_numpy"), m.purity(), 0.0, c.name());
            }
            long noise = Arrays.stream(c.pred()).filter(v -> v == -1).count();
            assertEquals(noise, m.noisePoints(), c.name());
            Map<String, Object> map = m.toMap();
            assertEquals(ExternalMetrics.KEYS, List.copyOf(map.keySet()));
            // the map survives JSON: what `cumulo evaluate --json` prints
            assertTrue(Json.write(map).startsWith("{\"ari\":"));
        }
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every linkage and metric against SciPy 1.10's {@code linkage}, {@code cophenet} and {@code cut_tree} on seeded
 * sets without ties (tools/reference/make_hierarchical_reference.py): the same merges (ids and sizes), heights to
 * 1e-9 relative, the same cophenetic correlation, the same flat clusters at every k up to their numbering; by both
 * routes (no matrix where the linkage allows, and the matrix). A height that is itself a rounding-level difference (1 −
 * cos of nearly parallel rows) matches to 1e-14 of the tree's top height instead.
 */
class AgglomerativeReferenceTest {
    private static final JsonObject REF = Fixtures.json("reference/hierarchical.json");

    private static Dataset data(String name) {
        List<Object> rows = REF.getObject("data").getList(name);
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            List<?> r = (List<?>) rows.get(i);
            x[i] = r.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return Dataset.of(x);
    }

    @Test
    void everyLinkageAndMetricAsScipy() {
        int checked = 0;
        for (Object o : REF.getList("cases")) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "case");
            Dataset x = data(c.getString("data"));
            String what = c.getString("data") + " " + c.getString("linkage") + " " + c.getString("metric");
            int n = x.rows();
            double[] z = c.getMatrix("linkage_matrix", n - 1, 4);
            for (String route : List.of("auto", "matrix")) {
                AgglomerativeModel m = Agglomerative.builder().k(2).linkage(c.getString("linkage"))
                        .metric(c.getString("metric")).route(route).build().fit(x, ExecutionContext.defaults());
                ClusterTree t = m.tree();
                double top = 0;
                for (int i = 0; i < n - 1; i++) {
                    top = Math.max(top, z[4 * i + 2]);
                }
                for (int i = 0; i < n - 1; i++) {
                    String at = what + " route=" + route + " merge " + i;
                    assertEquals(z[4 * i], t.left(i), at);
                    assertEquals(z[4 * i + 1], t.right(i), at);
                    // relative, but a height that is itself a rounding-level difference (1 − cos of nearly parallel
                    // rows) can only match to the rounding of the largest values, 1e-14 of the top height
                    assertEquals(z[4 * i + 2], t.height(i), 1e-9 * Math.abs(z[4 * i + 2]) + 1e-14 * top, at);
                    assertEquals(z[4 * i + 3], t.size(i), at);
                }
                assertEquals(c.getDouble("cophenetic_correlation"), m.copheneticCorrelation(), 1e-9, what);
                JsonObject cuts = c.getObject("cuts");
                for (String k : cuts.asMap().keySet()) {
                    int[] expected = cuts.getIntArray(k);
                    assertSamePartition(expected, t.cut(Integer.parseInt(k)), what + " k=" + k);
                }
                checked++;
            }
        }
        assertEquals(2 * 92, checked);
    }

    /** The two labelings are the same partition: a one-to-one renaming maps one onto the other. */
    static void assertSamePartition(int[] a, int[] b, String what) {
        assertEquals(a.length, b.length, what);
        Map<Integer, Integer> ab = new HashMap<>();
        Map<Integer, Integer> ba = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            Integer x = ab.putIfAbsent(a[i], b[i]);
            Integer y = ba.putIfAbsent(b[i], a[i]);
            assertTrue((x == null || x == b[i]) && (y == null || y == a[i]), what + ": row " + i);
        }
    }
}

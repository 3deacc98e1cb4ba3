package io.cumulo.cluster.hierarchical;

import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DIANA and the agglomerative coefficient against R 4.2's {@code cluster} package 2.1.4 on seeded sets without ties
 * (tools/reference/make_diana_reference.R): the same split heights, the same divisive coefficient, the same clusters
 * at k = 2..6 up to their numbering; {@code agnes}'s agglomerative coefficient for four linkages.
 */
class DianaReferenceTest {
    private static final JsonObject REF = Fixtures.json("reference/diana.json");

    private static Dataset data(String name) {
        List<Object> rows = REF.getObject("data").getList(name);
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((List<?>) rows.get(i)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return Dataset.of(x);
    }

    private static Dataset square(Dataset x, Distance metric) {
        int n = x.rows();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? 0 : metric.between(x.rawValues(), i * x.cols(), x.rawValues(), j * x.cols(), x.cols());
            }
        }
        return Dataset.of(m);
    }

    @Test
    void dianaAsR() {
        int checked = 0;
        for (Object o : REF.getList("cases")) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "case");
            Dataset x = data(c.getString("data"));
            String what = c.getString("data") + " " + c.getString("metric");
            DianaModel m = Diana.builder().k(2).metric(c.getString("metric")).build().fit(x, ExecutionContext.defaults());
            ClusterTree t = m.tree();
            double[] expected = c.getDoubleArray("heights");
            double[] heights = new double[t.merges()];
            for (int i = 0; i < heights.length; i++) {
                heights[i] = t.height(i);
            }
            double[] sorted = heights.clone();
            Arrays.sort(sorted);
            assertEquals(Arrays.toString(sorted), Arrays.toString(heights), what + ": merges in height order");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], heights[i], 1e-12 * expected[i], what + " height " + i);
            }
            assertEquals(c.getDouble("dc"), m.divisiveCoefficient(), 1e-12, what + " divisive coefficient");
            JsonObject cuts = c.getObject("cuts");
            for (String k : cuts.asMap().keySet()) {
                // a split can leave a part as wide as the cluster split (the splinter group need not separate the
                // widest pair); where two heights tie at the cut, R's cutree orders the tied merges its own way
                int below = expected.length - Integer.parseInt(k);
                if (below >= 0 && below + 1 < expected.length && expected[below] == expected[below + 1]) {
                    continue;
                }
                AgglomerativeReferenceTest.assertSamePartition(cuts.getIntArray(k), t.cut(Integer.parseInt(k)),
                        what + " k=" + k);
            }
            JsonObject ac = c.getObject("ac");
            Dataset square = square(x, Distance.parse(c.getString("metric")));
            for (String linkage : ac.asMap().keySet()) {
                // R applies Ward's update to any dissimilarity: given as a precomputed matrix, so do we
                ClusterTree a = Agglomerative.builder().k(2).linkage(linkage).metric("precomputed").build()
                        .tree(square, ExecutionContext.defaults());
                assertEquals(ac.getDouble(linkage), TreeModels.agglomerativeCoefficient(a), 1e-12, what + " ac " + linkage);
            }
            checked++;
        }
        assertEquals(6, checked);
    }
}

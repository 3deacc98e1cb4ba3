package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optimal leaf ordering against the optimum computed independently in numpy (tools/reference/
 * make_leaf_ordering_reference.py) and against SciPy 1.10's {@code optimal_leaf_ordering} (never costlier; SciPy's is
 * often not optimal, scipy/scipy#11227), against every drawing of small trees (brute force over all 2^(n−1) child
 * orders), and for what must not change: the merges as sets, the heights, every cut.
 */
class OptimalLeafOrderingTest {
    private static final JsonObject REF = Fixtures.json("reference/leaf_ordering.json");

    private static Dataset data(String name) {
        List<Object> rows = REF.getObject("data").getList(name);
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((List<?>) rows.get(i)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return Dataset.of(x);
    }

    private static double cost(int[] order, Dataset x, Distance metric) {
        double[] v = x.rawValues();
        int d = x.cols();
        double s = 0;
        for (int i = 0; i + 1 < order.length; i++) {
            s += metric.between(v, order[i] * d, v, order[i + 1] * d, d);
        }
        return s;
    }

    @Test
    void optimalCostAndNoWorseThanScipy() {
        int checked = 0;
        int scipyWorse = 0;
        for (Object o : REF.getList("cases")) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "case");
            Dataset x = data(c.getString("data"));
            String what = c.getString("data") + " " + c.getString("linkage") + " " + c.getString("metric");
            ClusterTree t = Agglomerative.builder().k(2).linkage(c.getString("linkage")).metric(c.getString("metric"))
                    .optimalOrdering(true).build().fit(x, ExecutionContext.defaults()).tree();
            double ours = cost(t.leafOrder(), x, Distance.parse(c.getString("metric")));
            double optimum = c.getDouble("optimal_cost");
            assertEquals(optimum, ours, 1e-12 * optimum, what);
            assertTrue(ours <= c.getDouble("cost") * (1 + 1e-12), what + ": costlier than SciPy's order");
            if (c.getDouble("cost") > optimum * (1 + 1e-12)) {
                scipyWorse++;
            }
            checked++;
        }
        assertEquals(39, checked);
        // scipy/scipy#11227: SciPy 1.10 returns a costlier order than the optimum on most of these cases
        assertEquals(35, scipyWorse);
    }

    @Test
    void bestOfEveryDrawingOfSmallTrees() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            int n = 3 + trial % 7;
            double[][] rows = new double[n][2];
            for (double[] r : rows) {
                r[0] = rng.nextDouble();
                r[1] = rng.nextDouble();
            }
            Dataset x = Dataset.of(rows);
            String linkage = new String[] {"single", "complete", "average", "ward"}[trial % 4];
            ClusterTree plain = Agglomerative.builder().k(1).linkage(linkage).build().fit(x,
                    ExecutionContext.defaults()).tree();
            ClusterTree best = Agglomerative.builder().k(1).linkage(linkage).optimalOrdering(true).build().fit(x,
                    ExecutionContext.defaults()).tree();
            double brute = Double.POSITIVE_INFINITY;
            int m = plain.merges();
            for (int mask = 0; mask < 1 << m; mask++) {
                brute = Math.min(brute, cost(drawing(plain, mask), x, Distance.EUCLIDEAN));
            }
            assertEquals(brute, cost(best.leafOrder(), x, Distance.EUCLIDEAN), 1e-12, linkage + " n=" + n);
        }
    }

    /** The leaf order with merge i's children swapped where bit i of mask is set. */
    private static int[] drawing(ClusterTree t, int mask) {
        int n = t.leaves();
        int[] out = new int[n];
        int[] stack = new int[2 * n];
        int top = 0;
        int k = 0;
        stack[top++] = 2 * n - 2;
        while (top > 0) {
            int node = stack[--top];
            if (node < n) {
                out[k++] = node;
                continue;
            }
            int i = node - n;
            boolean swap = (mask >> i & 1) == 1;
            stack[top++] = swap ? t.left(i) : t.right(i);
            stack[top++] = swap ? t.right(i) : t.left(i);
        }
        return out;
    }

    @Test
    void theTreeAndItsCutsDoNotChange() {
        Dataset x = Fixtures.blobs(300, 3, 4, 6, 3);
        for (String linkage : new String[] {"single", "average", "ward", "centroid"}) {
            ClusterTree plain = Agglomerative.builder().k(4).linkage(linkage).build().fit(x, ExecutionContext.defaults())
                    .tree();
            ClusterTree ordered = Agglomerative.builder().k(4).linkage(linkage).optimalOrdering(true).build()
                    .fit(x, ExecutionContext.defaults()).tree();
            for (int i = 0; i < plain.merges(); i++) {
                assertEquals(Math.min(plain.left(i), plain.right(i)), Math.min(ordered.left(i), ordered.right(i)));
                assertEquals(Math.max(plain.left(i), plain.right(i)), Math.max(ordered.left(i), ordered.right(i)));
                assertEquals(plain.height(i), ordered.height(i));
                assertEquals(plain.size(i), ordered.size(i));
            }
            for (int k = 1; k <= 20; k++) {
                assertArrayEquals(plain.cut(k), ordered.cut(k), linkage + " k=" + k);
            }
            assertTrue(cost(ordered.leafOrder(), x, Distance.EUCLIDEAN)
                    <= cost(plain.leafOrder(), x, Distance.EUCLIDEAN), linkage);
        }
    }

    @Test
    void sameOrderOnOneAndTwoThreadsAndForDianaAndPrecomputed() {
        Dataset x = Fixtures.blobs(400, 5, 5, 8, 9);
        Agglomerative a = Agglomerative.builder().k(5).linkage("average").optimalOrdering(true).build();
        int[] one = a.fit(x, ExecutionContext.defaults().withThreads(1)).tree().leafOrder();
        assertArrayEquals(one, a.fit(x, ExecutionContext.defaults().withThreads(2)).tree().leafOrder());
        // the same dissimilarities given as a matrix give the same order
        double[][] square = new double[x.rows()][x.rows()];
        double[] v = x.rawValues();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.rows(); j++) {
                square[i][j] = Distance.EUCLIDEAN.between(v, i * 5, v, j * 5, 5);
            }
        }
        int[] pre = Agglomerative.builder().k(5).linkage("average").metric("precomputed").optimalOrdering(true)
                .build().fit(Dataset.of(square), ExecutionContext.defaults()).tree().leafOrder();
        assertArrayEquals(one, pre);
        Diana diana = Diana.builder().k(5).optimalOrdering(true).build();
        ClusterTree dt = diana.fit(x, ExecutionContext.defaults().withThreads(1)).tree();
        assertArrayEquals(dt.leafOrder(), diana.fit(x, ExecutionContext.defaults().withThreads(2)).tree().leafOrder());
        ClusterTree dPlain = Diana.builder().k(5).build().fit(x, ExecutionContext.defaults()).tree();
        assertTrue(cost(dt.leafOrder(), x, Distance.EUCLIDEAN) <= cost(dPlain.leafOrder(), x, Distance.EUCLIDEAN));
    }

    @Test
    void tinyTreesAndTooManyRows() {
        assertArrayEquals(new int[] {0}, Agglomerative.builder().k(1).optimalOrdering(true).build()
                .fit(Dataset.of(new double[][] {{1}}), ExecutionContext.defaults()).tree().leafOrder());
        assertEquals(2, Agglomerative.builder().k(1).optimalOrdering(true).build()
                .fit(Dataset.of(new double[][] {{1}, {2}}), ExecutionContext.defaults()).tree().leafOrder().length);
        double[][] many = new double[OptimalLeafOrdering.MAX_LEAVES + 1][1];
        for (int i = 0; i < many.length; i++) {
            many[i][0] = i;
        }
        CumuloException e = assertThrows(CumuloException.class, () -> Agglomerative.builder().k(2).linkage("single")
                .optimalOrdering(true).build().fit(Dataset.of(many), ExecutionContext.defaults()));
        assertEquals("parameter 'optimal-ordering': agglomerative reorders trees of up to 20000 rows (the work grows "
                + "as n³), got 20001 rows; leave it off for this input", e.getMessage());
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small cases worked by hand (the derivations are in the comments), ties, duplicates, the smallest inputs. */
class AgglomerativeHandTest {
    private static final ExecutionContext ONE = ExecutionContext.defaults().withThreads(1);
    private static final ExecutionContext TWO = ExecutionContext.defaults().withThreads(2);

    private static ClusterTree tree(Dataset data, String linkage, String metric, String route, ExecutionContext ctx) {
        return Agglomerative.builder().k(1).linkage(linkage).metric(metric).route(route).build().fit(data, ctx).tree();
    }

    private static double[] heights(ClusterTree t) {
        double[] h = new double[t.merges()];
        for (int i = 0; i < h.length; i++) {
            h[i] = t.height(i);
        }
        return h;
    }

    /**
     * Rows 0, 1, 4, 10, 12 on a line. Dissimilarities: d(0,1)=1, d(10,12)=2, d(1,4)=3, d(0,4)=4, d(4,10)=6, ...
     * Every linkage merges {0,1} at 1 and {10,12} at 2, then {0,1}+{4}, then the two halves:
     * <ul>
     * <li>single: min(4, 3) = 3; then min over the halves = d(4,10) = 6;</li>
     * <li>complete: max(4, 3) = 4; then d(0,12) = 12;</li>
     * <li>average: (4 + 3)/2 = 3.5; then (10+12+9+11+6+8)/6 = 56/6;</li>
     * <li>weighted (WPGMA): 3.5; then (d({0,1},{10,12}) + d(4,{10,12}))/2 = ((9.5+11.5)/2 + 7)/2 = 8.75;</li>
     * <li>centroid: |0.5 − 4| = 3.5; then |5/3 − 11| = 28/3;</li>
     * <li>median: 3.5; then |(0.5+4)/2 − 11| = 8.75;</li>
     * <li>ward, √(2·n_a·n_b/(n_a+n_b))·‖c_a − c_b‖: √(4/3)·3.5; then √(12/5)·28/3.</li>
     * </ul>
     */
    @Test
    void fivePointsOnALineEveryLinkage() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {4}, {10}, {12}});
        Map<String, double[]> expected = Map.of(
                "single", new double[] {1, 2, 3, 6},
                "complete", new double[] {1, 2, 4, 12},
                "average", new double[] {1, 2, 3.5, 56.0 / 6},
                "weighted", new double[] {1, 2, 3.5, 8.75},
                "centroid", new double[] {1, 2, 3.5, 28.0 / 3},
                "median", new double[] {1, 2, 3.5, 8.75},
                "ward", new double[] {1, 2, Math.sqrt(4.0 / 3) * 3.5, Math.sqrt(12.0 / 5) * 28 / 3});
        for (var e : expected.entrySet()) {
            for (String route : List.of("auto", "matrix")) {
                ClusterTree t = tree(line, e.getKey(), "euclidean", route, TWO);
                String what = e.getKey() + " " + route;
                assertArrayEquals(e.getValue(), heights(t), 1e-12, what);
                // SciPy's ids: 5 = {0,1}, 6 = {10,12}, 7 = {4,0,1}; the smaller id first
                assertArrayEquals(new int[] {0, 3, 2, 6}, new int[] {t.left(0), t.left(1), t.left(2), t.left(3)}, what);
                assertArrayEquals(new int[] {1, 4, 5, 7}, new int[] {t.right(0), t.right(1), t.right(2), t.right(3)},
                        what);
                assertEquals(5, t.size(3), what);
            }
        }
    }

    /**
     * (0,0), (1,1), (4,1). Manhattan: d01 = 2, d02 = 5, d12 = 3; Chebyshev: 1, 4, 3. Cosine of (1,0), (2,1), (0,3):
     * d01 = 1 − 2/√5, d02 = 1, d12 = 1 − 1/√5.
     */
    @Test
    void otherMetricsByHand() {
        Dataset p = Dataset.of(new double[][] {{0, 0}, {1, 1}, {4, 1}});
        assertArrayEquals(new double[] {2, 3}, heights(tree(p, "single", "manhattan", "auto", TWO)), 1e-12);
        assertArrayEquals(new double[] {2, 5}, heights(tree(p, "complete", "manhattan", "auto", TWO)), 1e-12);
        assertArrayEquals(new double[] {1, 3}, heights(tree(p, "single", "chebyshev", "auto", TWO)), 1e-12);
        assertArrayEquals(new double[] {1, 4}, heights(tree(p, "complete", "chebyshev", "auto", TWO)), 1e-12);
        // squared Euclidean: d01 = 2, d02 = 17, d12 = 9, so average linkage joins row 2 at (17 + 9)/2
        assertArrayEquals(new double[] {2, 13}, heights(tree(p, "average", "sqeuclidean", "auto", TWO)), 1e-12);
        Dataset c = Dataset.of(new double[][] {{1, 0}, {2, 1}, {0, 3}});
        double a = 1 - 2 / Math.sqrt(5);
        double b = 1 - 1 / Math.sqrt(5);
        assertArrayEquals(new double[] {a, b}, heights(tree(c, "single", "cosine", "auto", TWO)), 1e-12);
        assertArrayEquals(new double[] {a, 1}, heights(tree(c, "complete", "cosine", "auto", TWO)), 1e-12);
        assertArrayEquals(new double[] {a, (1 + b) / 2}, heights(tree(c, "average", "cosine", "auto", TWO)), 1e-12);
    }

    /**
     * The corners of a unit square: every pair of neighbours is at 1, so the first merges tie. The documented rule
     * (the smaller representative wins) must give one tree whatever the threads, on both routes.
     */
    @Test
    void tiesAreBrokenTheSameWayWhateverTheThreads() {
        Dataset square = Dataset.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}});
        for (String linkage : Linkage.ids()) {
            for (String route : List.of("auto", "matrix")) {
                ClusterTree one = tree(square, linkage, "euclidean", route, ONE);
                ClusterTree two = tree(square, linkage, "euclidean", route, TWO);
                assertArrayEquals(one.linkageMatrix(), two.linkageMatrix(), linkage + " " + route);
                // the first merge is the tie between rows 0 and 1 (the smallest ids)
                assertEquals(0, one.left(0), linkage + " " + route);
                assertEquals(1, one.right(0), linkage + " " + route);
                assertEquals(1.0, one.height(0), 1e-15, linkage + " " + route);
            }
        }
        assertArrayEquals(new double[] {1, 1, 1}, heights(tree(square, "single", "euclidean", "auto", TWO)), 0);
        assertArrayEquals(new double[] {1, 1, Math.sqrt(2)},
                heights(tree(square, "complete", "euclidean", "auto", TWO)), 1e-15);
    }

    /** Three copies of a row and one far row: the copies merge at height 0, then the far row at its distance. */
    @Test
    void duplicatedRowsMergeAtZero() {
        Dataset dup = Dataset.of(new double[][] {{1, 1}, {1, 1}, {4, 5}, {1, 1}});
        for (String linkage : Linkage.ids()) {
            ClusterTree t = tree(dup, linkage, "euclidean", "auto", TWO);
            assertEquals(0.0, t.height(0), 0, linkage);
            assertEquals(0.0, t.height(1), 0, linkage);
            double expected = linkage.equals("ward") ? Math.sqrt(2.0 * 3 / 4) * 5 : 5;
            assertEquals(expected, t.height(2), 1e-12, linkage);
        }
    }

    /** A row of weight 2 is two equal rows: Ward's tree is the duplicated data's without its height-0 merge. */
    @Test
    void weightsCountAsCopiesForWard() {
        Dataset weighted = Dataset.of(new double[][] {{0}, {1}, {4}, {10}, {12}})
                .withWeights(new double[] {1, 2, 1, 1, 3}, "w");
        Dataset copies = Dataset.of(new double[][] {{0}, {1}, {1}, {4}, {10}, {12}, {12}, {12}});
        double[] w = heights(tree(weighted, "ward", "euclidean", "auto", TWO));
        double[] c = heights(tree(copies, "ward", "euclidean", "auto", TWO));
        // the copies' three zero merges come first; the rest are the weighted tree's
        assertArrayEquals(new double[] {0, 0, 0}, Arrays.copyOf(c, 3), 0);
        assertArrayEquals(w, Arrays.copyOfRange(c, 3, c.length), 1e-12);
    }

    @Test
    void oneAndTwoRows() {
        AgglomerativeModel one = Agglomerative.builder().k(1).build().fit(Dataset.of(new double[][] {{3, 4}}), TWO);
        assertEquals(0, one.tree().merges());
        assertArrayEquals(new int[] {0}, one.labels());
        for (String linkage : Linkage.ids()) {
            AgglomerativeModel two = Agglomerative.builder().k(2).linkage(linkage).build()
                    .fit(Dataset.of(new double[][] {{0, 0}, {3, 4}}), TWO);
            assertEquals(5.0, two.tree().height(0), 1e-12, linkage);
            assertArrayEquals(new int[] {0, 1}, two.labels(), linkage);
        }
    }

    /** The cut at a height: merges at 1, 2, 3.5, 8.75 (median linkage above) cut at 3 leave {0,1}, {4}, {10,12}. */
    @Test
    void cutAtAHeight() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {4}, {10}, {12}});
        AgglomerativeModel m = Agglomerative.builder().distanceThreshold(3).linkage("median").build().fit(line, TWO);
        assertArrayEquals(new int[] {0, 0, 1, 2, 2}, m.labels());
        AgglomerativeModel all = Agglomerative.builder().distanceThreshold(0).linkage("single").build().fit(line, TWO);
        assertEquals(5, all.numClusters());
    }

    /** Single linkage: a new row joins the cluster of its nearest training row; Ward: the smallest SSE increase. */
    @Test
    void predictByHand() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {4}, {10}, {12}});
        AgglomerativeModel single = Agglomerative.builder().k(2).linkage("single").build().fit(line, TWO);
        assertArrayEquals(new int[] {0, 0, 1, 1}, single.predict(Dataset.of(new double[][] {{-5}, {6.9}, {7.1}, {20}})));
        // Ward, k = 2: {0,1,4} (mean 5/3, 3 rows) and {10,12} (mean 11, 2 rows). At x = 6.5: 3/4·(6.5 − 5/3)² = 17.52
        // against 2/3·(6.5 − 11)² = 13.5, so the second cluster, although the first mean is nearer
        AgglomerativeModel ward = Agglomerative.builder().k(2).build().fit(line, TWO);
        assertArrayEquals(new int[] {1}, ward.predict(Dataset.of(new double[][] {{6.5}})));
    }

    @Test
    void badParametersAndInputs() {
        Dataset line = Dataset.of(new double[][] {{0}, {1}, {4}}).withSource("line.csv");
        String tooMany = assertThrows(CumuloException.class, () -> Agglomerative.builder().k(4).build().fit(line, TWO))
                .getMessage();
        assertTrue(tooMany.startsWith("k=4 is larger than the number of rows (3) in line.csv"), tooMany);
        assertThrows(CumuloException.class, () -> Agglomerative.builder().distanceThreshold(-1).build());
        assertEquals("parameters 'k' and 'distance-threshold': give one or the other, not both",
                assertThrows(CumuloException.class, () -> Agglomerative.builder().k(2).distanceThreshold(1).build())
                        .getMessage());
        assertEquals("parameter 'metric': linkage=ward is defined on Euclidean distances only, got metric=manhattan "
                + "(average or complete linkage take any metric)", assertThrows(CumuloException.class,
                () -> Agglomerative.builder().k(2).metric("manhattan").build()).getMessage());
    }
}

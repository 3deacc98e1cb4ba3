package io.cumulo.cluster.density;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prim's algorithm (index=brute) and Borůvka's on the k-d tree (index=kd-tree) grow minimum spanning trees of the same
 * mutual reachability distances: the same edge lengths, and under the default convention (equal heights merged at once)
 * the same condensed tree, labels, strengths and outlier scores, bit for bit, on data full of ties and duplicates too,
 * for every metric. Borůvka's tree does not depend on the thread count.
 */
class HDBSCANSpanningTreeTest {
    private static HDBSCANModel fit(Dataset x, String index, int mcs, int ms, String metric, double alpha, int threads) {
        return HDBSCAN.builder().minClusterSize(mcs).minSamples(ms).index(index).metric(metric).alpha(alpha).build()
                .fit(x, ExecutionContext.defaults().withThreads(threads));
    }

    /** Blobs with uniform noise; {@code round} > 0 rounds to that many decimals (duplicates and ties). */
    static Dataset noisyBlobs(int n, int d, int k, long seed, int round) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] c = new double[k][d];
        for (double[] row : c) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextDouble() * 20 - 10;
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            boolean noise = rng.nextDouble() < 0.05;
            int b = rng.nextInt(k);
            double sd = 0.3 + 0.3 * b;
            for (int j = 0; j < d; j++) {
                double v = noise ? rng.nextDouble() * 24 - 12 : c[b][j] + sd * Fixtures.gaussian(rng);
                x[i][j] = round > 0 ? Math.round(v * Math.pow(10, round)) / Math.pow(10, round) : v;
            }
        }
        return Dataset.of(x);
    }

    private static void assertSame(HDBSCANModel prim, HDBSCANModel boruvka, String what) {
        assertEquals("prim", prim.spanningTreeAlgorithm(), what);
        assertEquals("boruvka", boruvka.spanningTreeAlgorithm(), what);
        double[] a = prim.spanningTreeDistances();
        double[] b = boruvka.spanningTreeDistances();
        assertArrayEquals(a, b, 0, what + ": the spanning trees' edge lengths");
        assertEquals(prim.condensedTree(), boruvka.condensedTree(), what + ": condensed tree");
        assertArrayEquals(prim.labels(), boruvka.labels(), what + ": labels");
        assertArrayEquals(prim.strengths(), boruvka.strengths(), 0, what + ": strengths");
        assertArrayEquals(prim.trainingScores(), boruvka.trainingScores(), 0, what + ": GLOSH");
    }

    @Test
    void primAndBoruvkaGiveTheSameClustering() {
        Object[][] cases = {
                {noisyBlobs(2000, 2, 5, 1, 0), 15, 5, "euclidean", 1.0},
                {noisyBlobs(2000, 2, 5, 2, 1), 10, 10, "euclidean", 1.0},
                {noisyBlobs(1500, 2, 4, 3, 0), 8, 1, "euclidean", 1.0},
                {noisyBlobs(1500, 3, 4, 4, 1), 12, 6, "manhattan", 1.0},
                {noisyBlobs(1500, 2, 4, 5, 2), 12, 6, "chebyshev", 1.0},
                {noisyBlobs(1500, 5, 4, 6, 0), 20, 10, "euclidean", 1.3},
                {noisyBlobs(1500, 4, 4, 7, 1), 20, 5, "sqeuclidean", 1.0},
                {noisyBlobs(1200, 3, 3, 8, 0), 10, 5, "cosine", 1.0},
        };
        for (Object[] c : cases) {
            Dataset x = (Dataset) c[0];
            String what = x.rows() + "×" + x.cols() + " " + c[3] + " mcs=" + c[1] + " ms=" + c[2] + " alpha=" + c[4];
            HDBSCANModel prim = fit(x, "brute", (int) c[1], (int) c[2], (String) c[3], (double) c[4], 2);
            HDBSCANModel boruvka = fit(x, "kd-tree", (int) c[1], (int) c[2], (String) c[3], (double) c[4], 2);
            assertSame(prim, boruvka, what);
            assertTrue(prim.numClusters() >= 2, what + ": found " + prim.numClusters() + " clusters");
        }
    }

    @Test
    void boruvkaDoesNotDependOnThreads() {
        Dataset x = noisyBlobs(5000, 2, 6, 9, 1);
        HDBSCANModel one = fit(x, "kd-tree", 20, 8, "euclidean", 1.0, 1);
        HDBSCANModel three = fit(x, "kd-tree", 20, 8, "euclidean", 1.0, 3);
        assertArrayEquals(one.spanningTreeEdges()[0], three.spanningTreeEdges()[0]);
        assertArrayEquals(one.spanningTreeEdges()[1], three.spanningTreeEdges()[1]);
        assertArrayEquals(one.spanningTreeDistances(), three.spanningTreeDistances(), 0);
        assertArrayEquals(one.labels(), three.labels());
    }

    @Test
    void spanningTreeIsATreeOfMinimalWeight() {
        // against a plain Kruskal over all n(n-1)/2 mutual reachability distances
        Dataset x = noisyBlobs(300, 2, 3, 10, 1);
        HDBSCANModel m = fit(x, "kd-tree", 5, 4, "euclidean", 1.0, 2);
        double[] core = m.coreDistances();
        int n = x.rows();
        double[] v = x.rawValues();
        int pairs = n * (n - 1) / 2;
        double[] w = new double[pairs];
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = v[2 * i] - v[2 * j];
                double dy = v[2 * i + 1] - v[2 * j + 1];
                w[t++] = Math.max(Math.sqrt(dx * dx + dy * dy), Math.max(core[i], core[j]));
            }
        }
        Integer[] order = new Integer[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(w[a], w[b]));
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int[] rowOf = new int[pairs];
        int[] colOf = new int[pairs];
        t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                rowOf[t] = i;
                colOf[t++] = j;
            }
        }
        double total = 0;
        int edges = 0;
        for (int e : order) {
            int a = root(parent, rowOf[e]);
            int b = root(parent, colOf[e]);
            if (a != b) {
                parent[a] = b;
                total += w[e];
                edges++;
            }
        }
        assertEquals(n - 1, edges);
        double mine = Arrays.stream(m.spanningTreeDistances()).sum();
        assertEquals(total, mine, 1e-9 * total);
    }

    private static int root(int[] parent, int a) {
        while (parent[a] != a) {
            a = parent[a];
        }
        return a;
    }
}

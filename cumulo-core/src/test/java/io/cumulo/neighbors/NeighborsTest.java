package io.cumulo.neighbors;

import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kNN searches against a brute-force reference (every distance, sorted by distance then row). */
class NeighborsTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    private static final ExecutionContext TWO = ExecutionContext.defaults().withThreads(2);

    private static double[] gaussian(int n, int d, long seed, double offset) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = offset + r.nextGaussian() * 3;
        }
        return x;
    }

    private static double sq(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int l = 0; l < d; l++) {
            double e = a[i * d + l] - b[j * d + l];
            s += e * e;
        }
        return s;
    }

    /** Row indices of x by their squared distance to query row qi, ties by index. */
    private static Integer[] bruteOrder(double[] x, int n, double[] q, int qi, int d) {
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> sq(x, j, q, qi, d)).thenComparingInt(j -> j));
        return order;
    }

    @Test
    void exactSearchOfNewQueriesMatchesBruteForce() {
        int n = 700;
        int m = 90;
        int d = 7;
        int k = 12;
        // queries far from the data's mean too: the centring must not cost precision
        double[] x = gaussian(n, d, 1, 100);
        double[] q = gaussian(m, d, 2, 104);
        KnnGraph g = ExactNeighbors.squaredEuclidean(x, n, d, q, m, k, false, ONE);
        assertEquals(k, g.k());
        assertEquals(m, g.rows());
        for (int i = 0; i < m; i++) {
            Integer[] order = bruteOrder(x, n, q, i, d);
            for (int j = 0; j < k; j++) {
                assertEquals(order[j], g.index(i, j), "query " + i + " slot " + j);
                assertEquals(sq(x, order[j], q, i, d), g.distance(i, j), 1e-12 * sq(x, order[j], q, i, d));
            }
        }
        KnnGraph e = ExactNeighbors.euclidean(x, n, d, q, m, k, false, ONE);
        assertArrayEquals(g.indices(), e.indices());
        for (int i = 0; i < g.distances().length; i++) {
            assertEquals(Math.sqrt(g.distances()[i]), e.distances()[i], 1e-12);
        }
    }

    @Test
    void selfSearchPutsEachRowFirstThenItsNearestOthers() {
        int n = 300;
        int d = 4;
        int k = 6;
        double[] x = gaussian(n, d, 3, 0);
        KnnGraph g = ExactNeighbors.euclidean(x, n, d, x, n, k, true, ONE);
        for (int i = 0; i < n; i++) {
            assertEquals(i, g.index(i, 0));
            assertEquals(0.0, g.distance(i, 0), 0);
            Integer[] order = bruteOrder(x, n, x, i, d);
            // brute order starts with i itself (distance 0, and no duplicate rows here)
            for (int j = 1; j < k; j++) {
                assertEquals(order[j], g.index(i, j));
                assertEquals(Math.sqrt(sq(x, order[j], x, i, d)), g.distance(i, j), 1e-9);
            }
        }
    }

    @Test
    void equalDistancesAreOrderedByRowIndex() {
        // the four corners of a square and its centre: from the centre all four corners tie
        double[] x = {1, 1, -1, 1, -1, -1, 1, -1, 0, 0};
        double[] q = {0, 0};
        KnnGraph g = ExactNeighbors.euclidean(x, 5, 2, q, 1, 5, false, ONE);
        assertArrayEquals(new int[] {4, 0, 1, 2, 3}, g.indices());
        assertEquals(Math.sqrt(2), g.distance(0, 1), 1e-15);
        // duplicated rows: equal distance 0, lower index first
        double[] dup = {5, 5, 5, 5, 0, 0};
        KnnGraph h = ExactNeighbors.euclidean(dup, 3, 2, new double[] {5, 5}, 1, 3, false, ONE);
        assertArrayEquals(new int[] {0, 1, 2}, h.indices());
    }

    @Test
    void sameAnswerForAnyThreadCount() {
        int n = 2000;
        int d = 5;
        double[] x = gaussian(n, d, 4, 0);
        KnnGraph a = ExactNeighbors.euclidean(x, n, d, x, n, 10, true, ONE);
        KnnGraph b = ExactNeighbors.euclidean(x, n, d, x, n, 10, true, TWO);
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(a.distances(), b.distances());
        KnnGraph c = NearestNeighborDescent.search(x, n, d, 10, 7, ONE);
        KnnGraph e = NearestNeighborDescent.search(x, n, d, 10, 7, TWO);
        assertArrayEquals(c.indices(), e.indices());
        assertArrayEquals(c.distances(), e.distances());
    }

    @Test
    void nearestNeighborDescentRecallsAlmostAllTrueNeighbours() {
        int n = 3000;
        int d = 6;
        int k = 10;
        double[] x = gaussian(n, d, 5, 0);
        KnnGraph exact = ExactNeighbors.euclidean(x, n, d, x, n, k, true, ONE);
        KnnGraph approx = NearestNeighborDescent.search(x, n, d, k, 11, ONE);
        int hits = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(i, approx.index(i, 0));
            for (int j = 1; j < k; j++) {
                for (int l = 1; l < k; l++) {
                    if (approx.index(i, j) == exact.index(i, l)) {
                        hits++;
                        break;
                    }
                }
                // nearest first
                assertTrue(approx.distance(i, j) >= approx.distance(i, j - 1));
            }
        }
        double recall = hits / (double) (n * (k - 1));
        // NN-descent on low-dimensional data typically recalls > 99 % (Dong et al. 2011, table 2)
        assertTrue(recall > 0.97, "recall " + recall);
    }

    @Test
    void cosineFromUnitEuclidean() {
        // unit vectors at 0°, 60° and 90° from the query (1, 0)
        double[] x = {1, 0, 0.5, Math.sqrt(3) / 2, 0, 1};
        KnnGraph g = ExactNeighbors.euclidean(x, 3, 2, new double[] {1, 0}, 1, 3, false, ONE).unitEuclideanToCosine();
        assertArrayEquals(new int[] {0, 1, 2}, g.indices());
        assertEquals(0.0, g.distance(0, 0), 1e-15);
        assertEquals(1 - Math.cos(Math.PI / 3), g.distance(0, 1), 1e-15);
        assertEquals(1.0, g.distance(0, 2), 1e-15);
    }

    @Test
    void badRequestsAreRefused() {
        double[] x = gaussian(5, 2, 6, 0);
        assertThrows(IllegalArgumentException.class, () -> ExactNeighbors.euclidean(x, 5, 2, x, 5, 6, false, ONE));
        assertThrows(IllegalArgumentException.class, () -> ExactNeighbors.euclidean(x, 5, 2, x, 5, 0, false, ONE));
        // with itself included, at most n neighbours
        assertThrows(IllegalArgumentException.class, () -> ExactNeighbors.euclidean(x, 5, 2, x, 5, 6, true, ONE));
        assertEquals(5, ExactNeighbors.euclidean(x, 5, 2, x, 5, 5, true, ONE).k());
        double[] other = x.clone();
        assertThrows(IllegalArgumentException.class, () -> ExactNeighbors.euclidean(x, 5, 2, other, 5, 2, true, ONE));
    }

    @Test
    void distanceMatrixHoldsEveryPairOnce() {
        int n = 150;
        int d = 3;
        double[] x = gaussian(n, d, 8, 0);
        for (Distance metric : Distance.values()) {
            DistanceMatrix a = DistanceMatrix.compute(x, n, d, metric, ONE, "test");
            DistanceMatrix b = DistanceMatrix.compute(x, n, d, metric, TWO, "test");
            assertArrayEquals(a.values(), b.values());
            assertEquals(n, a.n());
            for (int i = 0; i < n; i++) {
                assertEquals(0f, a.get(i, i), metric.name());
                double[] xi = Arrays.copyOfRange(x, i * d, i * d + d);
                for (int j = 0; j < n; j++) {
                    assertEquals(a.get(i, j), a.get(j, i));
                    double[] xj = Arrays.copyOfRange(x, j * d, j * d + d);
                    if (i != j) {
                        assertEquals((float) metric.between(xi, xj), a.get(i, j), metric.name());
                    }
                }
            }
        }
        assertEquals(4L * 1000 * 1000, DistanceMatrix.bytes(1000));
    }
}

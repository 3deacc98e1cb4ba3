package io.cumulo.neighbors;

import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference index against a full sort of every distance, with ties, duplicates and points on the radius. */
class BruteForceIndexTest {
    /** Integer grid points: many equal distances and exact duplicates. */
    private static double[] grid(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(4);
        }
        return x;
    }

    @Test
    void nearestIsTheSortedPrefixByDistanceThenRow() {
        int n = 60;
        int d = 2;
        double[] x = grid(n, d, 3);
        for (Distance metric : Distance.values()) {
            if (metric == Distance.COSINE) {
                continue; // grid rows can be all zeros
            }
            NeighborIndex index = NeighborIndex.build(x, n, d, metric, NeighborIndex.Kind.BRUTE,
                    ExecutionContext.defaults());
            for (int q = 0; q < n; q++) {
                List<double[]> all = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    all.add(new double[] {metric.between(x, q * d, x, j * d, d), j});
                }
                all.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
                for (int k : new int[] {1, 5, n}) {
                    int[] rows = new int[k];
                    double[] dist = new double[k];
                    index.nearest(x, q * d, k, rows, dist);
                    for (int t = 0; t < k; t++) {
                        assertEquals((int) all.get(t)[1], rows[t], metric + " q=" + q + " k=" + k);
                        assertEquals(all.get(t)[0], dist[t], 0);
                    }
                }
            }
        }
    }

    @Test
    void radiusCountsIncludeTheBoundaryAndTheRowItself() {
        // points 0, 1, 2, 3 on a line: within 1 of point 1 are 0, 1, 2
        double[] x = {0, 1, 2, 3};
        NeighborIndex index = NeighborIndex.build(x, 4, 1, Distance.EUCLIDEAN, NeighborIndex.Kind.AUTO,
                ExecutionContext.defaults());
        assertEquals(3, index.countWithin(x, 1, 1.0));
        assertEquals(1, index.countWithin(x, 1, 0.999));
        List<Integer> seen = new ArrayList<>();
        index.forEachWithin(x, 1, 1.0, (row, dist) -> {
            seen.add(row);
            assertEquals(Math.abs(x[row] - 1), dist, 0);
        });
        assertEquals(List.of(0, 1, 2), seen);
        assertArrayEquals(new int[] {2, 3, 3, 2}, index.countWithin(x, 4, 1.0, ExecutionContext.defaults()));
        KnnGraph g = index.nearest(x, 4, 2, ExecutionContext.defaults().withThreads(3));
        assertArrayEquals(new int[] {0, 1, 1, 0, 2, 1, 3, 2}, g.indices());
    }
}

package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.AdjustedRandIndex;
import io.cumulo.metrics.CentroidIndex;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Initialisation and refinement: k-means||, random swap, judged by the centroid index against known centres. */
class KMeansQualityTest {
    /** A Birch1-like set: a 10 × 10 grid of round Gaussian clusters, close enough that k-means++ misplaces some. */
    static final int GRID = 10;
    static final double SPACING = 10;
    static final double SPREAD = 1.6;

    static Dataset grid(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * 2];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(GRID * GRID);
            x[2 * i] = (c % GRID) * SPACING + SPREAD * Fixtures.gaussian(r);
            x[2 * i + 1] = (c / GRID) * SPACING + SPREAD * Fixtures.gaussian(r);
        }
        return Dataset.wrap(x, n, 2, Dataset.defaultNames(2), "grid");
    }

    static double[] gridCentres() {
        double[] c = new double[GRID * GRID * 2];
        for (int j = 0; j < GRID * GRID; j++) {
            c[2 * j] = (j % GRID) * SPACING;
            c[2 * j + 1] = (j / GRID) * SPACING;
        }
        return c;
    }

    @Test
    void randomSwapFindsTheStructureRestartsMiss() {
        Dataset data = grid(20_000, 1);
        int missed = 0;
        for (long seed = 0; seed < 3; seed++) {
            KMeansModel plain = KMeans.builder().k(100).nInit(1).seed(seed).build().fit(data);
            missed += CentroidIndex.of(plain.centresFlat(), 100, gridCentres(), 100, 2);
            KMeansModel swapped = KMeans.builder().k(100).nInit(1).seed(seed).refine("swap").swapTrials(600).build().fit(data);
            assertEquals(0, CentroidIndex.of(swapped.centresFlat(), 100, gridCentres(), 100, 2), "seed " + seed);
            assertTrue(swapped.inertia() <= plain.inertia(), "swap never makes it worse");
            assertTrue(swapped.converged());
        }
        assertTrue(missed > 0, "the test needs a set where one k-means++ run goes wrong");
    }

    @Test
    void randomSwapIsDeterministicAcrossThreads() {
        Dataset data = grid(5_000, 2);
        KMeans km = KMeans.builder().k(100).nInit(1).seed(4).refine("swap").swapTrials(100).build();
        KMeansModel one = km.fit(data, ExecutionContext.defaults().withThreads(1));
        KMeansModel three = km.fit(data, ExecutionContext.defaults().withThreads(3));
        assertArrayEquals(one.centresFlat(), three.centresFlat());
        assertArrayEquals(one.labels(), three.labels());
    }

    @Test
    void kMeansParallelSeedsAsWellAsKMeansPlusPlus() {
        Dataset data = Fixtures.blobs(20_000, 5, 30, 20, 8);
        double pp = 0;
        double par = 0;
        for (long seed = 0; seed < 3; seed++) {
            pp += KMeans.builder().k(30).nInit(1).seed(seed).build().fit(data).inertia();
            par += KMeans.builder().k(30).nInit(1).seed(seed).init("k-means||").build().fit(data).inertia();
        }
        assertTrue(par < 1.1 * pp, "k-means|| " + par + " against k-means++ " + pp);
        KMeans km = KMeans.builder().k(30).nInit(1).seed(9).init("k-means||").build();
        assertArrayEquals(km.fit(data, ExecutionContext.defaults().withThreads(1)).centresFlat(),
                km.fit(data, ExecutionContext.defaults().withThreads(2)).centresFlat());
    }

    @Test
    void sphericalKMeansGroupsByDirection() {
        // three directions at very different lengths: Euclidean k-means splits by length, spherical by direction
        SplittableRandom r = new SplittableRandom(3);
        double[][] dirs = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] rows = new double[300][];
        int[] truth = new int[300];
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            double len = 0.1 + 100 * r.nextDouble();
            rows[i] = new double[3];
            for (int l = 0; l < 3; l++) {
                rows[i][l] = len * (dirs[c][l] + 0.05 * Fixtures.gaussian(r));
            }
            truth[i] = c;
        }
        Dataset data = Dataset.of(rows);
        KMeansModel m = KMeans.builder().k(3).metric("cosine").build().fit(data);
        assertEquals(1.0, AdjustedRandIndex.score(truth, m.labels()), 1e-12);
        for (double[] c : m.centres()) {
            assertEquals(1.0, Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]), 1e-12, "centres on the unit sphere");
        }
        // the same direction at any length gets the same cluster; cosine distances are in [0, 2]
        Dataset q = Dataset.of(new double[][] {{1000, 1, 1}, {0.001, 0, 0}});
        int[] p = m.predict(q);
        assertEquals(p[0], p[1]);
        for (double v : m.transform(q)) {
            assertTrue(v >= 0 && v <= 2);
        }
        io.cumulo.CumuloException e = Assertions.assertThrows(io.cumulo.CumuloException.class,
                () -> m.predict(Dataset.of(new double[][] {{0, 0, 0}})));
        assertTrue(e.getMessage().contains("row 0 is all zeros"), e.getMessage());
    }
}

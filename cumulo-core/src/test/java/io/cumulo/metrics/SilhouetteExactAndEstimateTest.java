package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocked exact silhouette against the definition computed pair by pair here, on the cases its layout has to
 * get right (tiles cut inside clusters, empty cluster numbers, singletons, noise, equal rows far from the origin);
 * and the sampled estimate: each sampled row's value is its exact silhouette, and the standard error follows its
 * formula.
 */
class SilhouetteExactAndEstimateTest {
    private final ExecutionContext ctx = ExecutionContext.defaults();
    private final VectorKernels[] providers = {VectorKernels.get(), VectorKernels.scalar()};

    /** Rousseeuw's definition, pair by pair, distances from the differences; noise rows get 0. */
    static double[] definition(double[] x, int n, int d, int[] labels) {
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        int[] sizes = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || sizes[labels[i]] == 1) {
                continue;
            }
            double[] sums = new double[k];
            for (int j = 0; j < n; j++) {
                if (labels[j] >= 0) {
                    double sq = 0;
                    for (int l = 0; l < d; l++) {
                        double t = x[i * d + l] - x[j * d + l];
                        sq += t * t;
                    }
                    sums[labels[j]] += Math.sqrt(sq);
                }
            }
            double a = sums[labels[i]] / (sizes[labels[i]] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != labels[i] && sizes[c] > 0) {
                    b = Math.min(b, sums[c] / sizes[c]);
                }
            }
            s[i] = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
        }
        return s;
    }

    /**
     * 700 rows (tiles of 256 cut through clusters), cluster 1 unused, cluster 4 a single row, noise rows, and d not
     * a multiple of the vector length.
     */
    @Test
    void blockedExactMatchesTheDefinition() {
        for (int d : new int[] {1, 3, 17}) {
            SplittableRandom r = new SplittableRandom(d);
            int n = 700;
            double[] x = new double[n * d];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int c = new int[] {0, 2, 3}[r.nextInt(3)];
                labels[i] = i % 50 == 7 ? -1 : c;
                for (int l = 0; l < d; l++) {
                    x[i * d + l] = c * 1.5 + r.nextGaussian();
                }
            }
            labels[123] = 4;
            Dataset data = Dataset.wrap(x, n, d, Dataset.defaultNames(d), "test");
            double[] expected = definition(x, n, d, labels);
            for (VectorKernels k : providers) {
                SilhouetteScore.Result res = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx, k);
                double[] got = res.samples();
                for (int i = 0; i < n; i++) {
                    assertEquals(expected[i], got[i], 1e-12, k.name() + " d=" + d + " row " + i);
                }
                assertEquals(0.0, got[123], k.name()); // alone in its cluster
                assertEquals(14, res.noisePoints());
                assertEquals(4, res.clusters());
                assertTrue(Double.isNaN(res.clusterMeans()[1]));
                double mean = 0;
                for (double v : expected) {
                    mean += v;
                }
                assertEquals(mean / (n - 14), res.mean(), 1e-12);
            }
        }
    }

    /**
     * Coordinates near 10⁶ with many equal rows: the expansion ‖x‖² + ‖y‖² − 2x·y would turn the zero distances
     * into √(rounding) ≈ 10⁻² and lose the digits of the small ones; they must come out exact.
     */
    @Test
    void equalRowsFarFromTheOriginLoseNothing() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 400;
        int d = 3;
        double[] x = new double[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(3);
            for (int l = 0; l < d; l++) {
                x[i * d + l] = 1e6 + labels[i] * 2 + r.nextInt(2) * 0.5; // 8 distinct points per cluster
            }
        }
        Dataset data = Dataset.wrap(x, n, d, Dataset.defaultNames(d), "far");
        double[] expected = definition(x, n, d, labels);
        for (VectorKernels k : providers) {
            double[] got = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx, k).samples();
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], got[i], 1e-12, k.name() + " row " + i);
            }
        }
    }

    @Test
    void theThreadCountChangesNothing() {
        Dataset data = Fixtures.blobs(3000, 5, 6, 4, 2);
        int[] labels = KMeans.builder().k(6).build().fit(data).labels();
        double[] one = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx.withThreads(1)).samples();
        double[] three = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx.withThreads(3)).samples();
        assertArrayEquals(one, three);
        SilhouetteScore.Estimate e1 = SilhouetteScore.estimate(data, labels, 500, 4, Distance.EUCLIDEAN, ctx.withThreads(1));
        SilhouetteScore.Estimate e3 = SilhouetteScore.estimate(data, labels, 500, 4, Distance.EUCLIDEAN, ctx.withThreads(3));
        assertEquals(e1.mean(), e3.mean());
        assertEquals(e1.standardError(), e3.standardError());
    }

    /** Other distances take the pair-by-pair path: checked here against the definition under Manhattan distance. */
    @Test
    void otherDistancesFollowTheDefinition() {
        Dataset data = Fixtures.blobs(300, 3, 3, 3, 5);
        int[] labels = new int[300];
        for (int i = 0; i < 300; i++) {
            labels[i] = i % 3;
        }
        double[] x = data.rawValues();
        double[] got = SilhouetteScore.samples(data, labels, Distance.MANHATTAN, ctx);
        for (int i = 0; i < 300; i++) {
            double[] sums = new double[3];
            for (int j = 0; j < 300; j++) {
                double s = 0;
                for (int l = 0; l < 3; l++) {
                    s += Math.abs(x[i * 3 + l] - x[j * 3 + l]);
                }
                sums[labels[j]] += s;
            }
            double a = sums[labels[i]] / 99;
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                if (c != labels[i]) {
                    b = Math.min(b, sums[c] / 100);
                }
            }
            assertEquals((b - a) / Math.max(a, b), got[i], 1e-12, "row " + i);
        }
    }

    @Test
    void eachSampledValueIsTheRowsExactSilhouette() {
        Dataset data = Fixtures.blobs(2000, 4, 5, 4, 3);
        int[] labels = KMeans.builder().k(5).build().fit(data).labels();
        labels[10] = -1;
        labels[11] = -1;
        for (VectorKernels k : providers) {
            double[] exact = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx, k).samples();
            SilhouetteScore.Estimate e = SilhouetteScore.estimate(data, labels, 300, 11, Distance.EUCLIDEAN, ctx, k);
            int[] rows = e.sampledRows();
            double[] values = e.sampledValues();
            assertEquals(300, rows.length);
            for (int i = 0; i < rows.length; i++) {
                assertTrue(labels[rows[i]] >= 0, "noise rows are not sampled");
                assertTrue(i == 0 || rows[i] > rows[i - 1]);
                // the same arithmetic, bit for bit
                assertEquals(exact[rows[i]], values[i], k.name() + " row " + rows[i]);
            }
            // the standard error, from its formula
            double mean = Arrays.stream(values).sum() / 300;
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / 299);
            assertEquals(mean, e.mean(), 1e-15);
            assertEquals(sd / Math.sqrt(300) * Math.sqrt(1 - 300.0 / 1998), e.standardError(), 1e-15);
            assertEquals(1998, e.population());
            assertEquals(2, e.noisePoints());
            assertFalse(e.isExact());
        }
    }

    @Test
    void theEstimateIsSeededAndNearTheExactScore() {
        Dataset data = Fixtures.blobs(6000, 2, 5, 8, 4);
        int[] labels = KMeans.builder().k(5).build().fit(data).labels();
        double exact = SilhouetteScore.score(data, labels, ctx);
        SilhouetteScore.Estimate a = SilhouetteScore.estimate(data, labels, 800, 7, ctx);
        SilhouetteScore.Estimate b = SilhouetteScore.estimate(data, labels, 800, 7, ctx);
        assertEquals(a.mean(), b.mean());
        assertArrayEquals(a.sampledRows(), b.sampledRows());
        assertNotEquals(a.mean(), SilhouetteScore.estimate(data, labels, 800, 8, ctx).mean());
        assertTrue(a.standardError() > 0 && a.standardError() < 0.02, "SE " + a.standardError());
        assertTrue(Math.abs(a.mean() - exact) < 4 * a.standardError(), exact + " vs " + a.mean() + " ± " + a.standardError());
        // with a sample as large as the rows, the estimate is the exact score
        SilhouetteScore.Estimate all = SilhouetteScore.estimate(data, labels, 10_000, 7, ctx);
        assertTrue(all.isExact());
        assertEquals(0.0, all.standardError());
        assertEquals(exact, all.mean(), 1e-15);
    }

    @Test
    void badInputIsNamed() {
        Dataset d = Dataset.of(new double[][] {{0}, {1}, {4}, {5}});
        CumuloException e = assertThrows(CumuloException.class, () -> SilhouetteScore.score(d, new int[] {0, 1, 0}, ctx));
        assertEquals("silhouette: 3 labels for 4 rows of data; expected one label per row", e.getMessage());
        e = assertThrows(CumuloException.class, () -> SilhouetteScore.score(d, new int[] {0, -2, 1, 1}, ctx));
        assertEquals("silhouette: row 1 of data has label -2; expected a cluster number ≥ 0, or -1 for noise",
                e.getMessage());
        e = assertThrows(CumuloException.class,
                () -> SilhouetteScore.score(d, new int[] {0, Integer.MAX_VALUE, 1, 1}, ctx));
        assertEquals("silhouette: row 1 of data has label 2147483647; cluster numbers must be below 1048576 "
                + "(renumber the clusters)", e.getMessage());
        e = assertThrows(CumuloException.class, () -> SilhouetteScore.estimate(d, new int[] {0, 0, 1, 1}, 1, 0, ctx));
        assertEquals("silhouette: the sample size must be at least 2 rows, got 1", e.getMessage());
        e = assertThrows(CumuloException.class, () -> SilhouetteScore.score(d, new int[] {0, -1, -1, 1}, ctx));
        assertEquals("silhouette needs between 2 and n-1 clusters; found 2 clusters for 2 rows (2 noise rows left out)",
                e.getMessage());
    }
}

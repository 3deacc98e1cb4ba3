package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.metrics.Inertia;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GapStatisticTest {
    private final ExecutionContext ctx = ExecutionContext.defaults();

    /** {@code k} round blobs of {@code per} rows (spread 1) on a line of centres {@code gap} apart, in d dimensions. */
    static Dataset separatedBlobs(int k, int per, int d, double gap, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[k * per * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < per; i++) {
                int row = c * per + i;
                for (int l = 0; l < d; l++) {
                    double centre = l == 0 ? c * gap : (l == 1 && c % 2 == 1 ? gap : 0);
                    x[row * d + l] = centre + Fixtures.gaussian(r);
                }
            }
        }
        return Dataset.wrap(x, k * per, d, Dataset.defaultNames(d), "blobs");
    }

    @Test
    void theRuleFindsTheNumberOfWellSeparatedBlobs() {
        for (String reference : new String[] {"box", "pca"}) {
            for (int k : new int[] {3, 4}) {
                Dataset data = separatedBlobs(k, 80, 2, 12, k);
                GapStatistic.Result r = GapStatistic.builder().kMax(7).references(10).reference(reference).seed(1)
                        .build().fit(data, ctx);
                assertEquals(k, r.chosenK(), reference + ", " + k + " blobs: " + Json.write(r.toJson()));
                assertTrue(r.ruleMet());
            }
        }
    }

    /**
     * Uniform data have no clusters: the references look like the data and the rule stops at k = 1. It is a
     * statistical rule (about 1 uniform data set in 20 gets k = 2 in 2-D here), so it is checked over 10 data sets.
     */
    @Test
    void uniformDataHaveOneCluster() {
        for (int d : new int[] {2, 5}) {
            for (String reference : new String[] {"box", "pca"}) {
                int ones = 0;
                StringBuilder chosen = new StringBuilder();
                for (int s = 0; s < 10; s++) {
                    Dataset data = Fixtures.uniform(200, d, 100 + s);
                    int k = GapStatistic.builder().kMax(5).references(10).reference(reference).seed(s).build()
                            .fit(data, ctx).chosenK();
                    chosen.append(k).append(' ');
                    ones += k == 1 ? 1 : 0;
                }
                assertTrue(ones >= 9, "d=" + d + ", " + reference + ": chose " + chosen);
            }
        }
    }

    /** {@code sd_k} with divisor B, {@code s_k = sd_k·√(1 + 1/B)}, by hand. */
    @Test
    void simulationErrorByHand() {
        // log W* = 1, 2, 3, 6: mean 3; squared deviations 4, 1, 0, 9 -> sd = √(14/4)
        double[] s = GapStatistic.spread(new double[] {1, 2, 3, 6});
        assertEquals(3.0, s[0], 1e-15);
        assertEquals(Math.sqrt(3.5), s[1], 1e-15);
        assertEquals(Math.sqrt(3.5) * Math.sqrt(1.25), s[2], 1e-15);
        // one reference: sd 0
        assertArrayEquals(new double[] {2.5, 0, 0}, GapStatistic.spread(new double[] {2.5}));
    }

    @Test
    void tibshiranisRuleByHand() {
        // k = 1..4: gap(1) = 0.1 < gap(2) − s_2 = 0.4; gap(2) = 0.5 ≥ gap(3) − s_3 = 0.35 -> k = 2
        assertEquals(1, GapStatistic.chooseIndex(new double[] {0.1, 0.5, 0.45, 0.6}, new double[] {0, 0.1, 0.1, 0.1}));
        // gap(1) = 0.25 ≥ gap(2) − s_2 = 0.5 − 0.25: k = 1 (equality counts)
        assertEquals(0, GapStatistic.chooseIndex(new double[] {0.25, 0.5}, new double[] {0, 0.25}));
        // rising all the way: no k satisfies it
        assertEquals(-1, GapStatistic.chooseIndex(new double[] {0.1, 0.5, 0.9}, new double[] {0.1, 0.1, 0.1}));
    }

    /** Every reported number follows from the others as the paper defines them. */
    @Test
    void theResultIsConsistent() {
        Dataset data = separatedBlobs(3, 50, 3, 10, 4);
        GapStatistic.Result r = GapStatistic.builder().kMin(1).kMax(4).references(7).seed(3).build().fit(data, ctx);
        assertArrayEquals(new int[] {1, 2, 3, 4}, r.ks());
        for (int k = 1; k <= 4; k++) {
            assertEquals(r.expectedLogW(k) - r.logW(k), r.gap(k), 1e-15);
            assertEquals(r.sd(k) * Math.sqrt(1 + 1.0 / 7), r.sk(k), 1e-15);
        }
        // W_1 is the total sum of squares around the mean
        assertEquals(Math.log(Inertia.score(data, new int[150], ctx)), r.logW(1), 1e-15);
        assertEquals(150, r.rows());
        assertEquals(0, r.noisePoints());
        assertEquals("pca", r.reference());
        CumuloException e = assertThrows(CumuloException.class, () -> r.gap(9));
        assertEquals("gap: k=9 was not tried (k from 1 to 4)", e.getMessage());
    }

    @Test
    void anyClustererCanBePluggedIn() {
        Dataset data = separatedBlobs(2, 40, 2, 10, 5);
        List<String> calls = new ArrayList<>();
        GapStatistic.Partitioner byFirstFeature = (d, k, seed, c) -> {
            calls.add(d.source() + " k=" + k);
            // k equal-width slices of the first feature's range
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < d.rows(); i++) {
                lo = Math.min(lo, d.get(i, 0));
                hi = Math.max(hi, d.get(i, 0));
            }
            int[] labels = new int[d.rows()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Math.min(k - 1, (int) ((d.get(i, 0) - lo) / (hi - lo) * k));
            }
            return labels;
        };
        GapStatistic.Result r = GapStatistic.builder().kMin(1).kMax(3).references(4).partitioner(byFirstFeature)
                .build().fit(data, ctx);
        // k = 1 needs no clustering; k = 2, 3 on the data and on each of the 4 references
        assertEquals(2 * 5, calls.size(), calls.toString());
        assertEquals("blobs k=2", calls.get(0));
        assertEquals("reference data set 1 k=2", calls.get(2));
        assertEquals(2, r.chosenK());
    }

    @Test
    void sameSeedSameResultWhateverTheThreads() {
        Dataset data = separatedBlobs(3, 60, 2, 8, 6);
        GapStatistic g = GapStatistic.builder().kMax(5).references(5).seed(42).build();
        String one = Json.write(g.fit(data, ctx.withThreads(1)).toJson());
        String two = Json.write(g.fit(data, ctx.withThreads(2)).toJson());
        assertEquals(one, two);
        String other = Json.write(GapStatistic.builder().kMax(5).references(5).seed(43).build().fit(data, ctx).toJson());
        assertFalse(one.equals(other));
    }

    @Test
    void atTheLabelsOfAPartitionNoiseLeftOut() {
        Dataset data = separatedBlobs(3, 50, 2, 10, 7);
        int[] labels = new int[150];
        for (int i = 0; i < 150; i++) {
            labels[i] = i % 10 == 0 ? -1 : i / 50;
        }
        GapStatistic.Result r = GapStatistic.builder().references(5).seed(1).build().atLabels(data, labels, ctx);
        assertArrayEquals(new int[] {3}, r.ks());
        assertEquals(3, r.chosenK());
        assertEquals(135, r.rows());
        assertEquals(15, r.noisePoints());
        assertEquals(Math.log(Inertia.score(data, labels, ctx)), r.logW(3), 1e-15);
        assertTrue(r.gap(3) > 0.5, "well separated clusters: " + r.gap(3));
    }

    @Test
    void badParametersAreNamed() {
        Dataset data = Fixtures.uniform(20, 2, 1);
        CumuloException e = assertThrows(CumuloException.class,
                () -> GapStatistic.builder().kMax(20).build().fit(data, ctx));
        assertEquals("parameter 'k-max': 20 is not below the 20 rows of uniform; the gap statistic needs k < rows",
                e.getMessage());
        e = assertThrows(CumuloException.class, () -> GapStatistic.builder().kMin(5).kMax(3).build());
        assertEquals("parameter 'k-min': 5 is larger than k-max=3", e.getMessage());
        e = assertThrows(CumuloException.class, () -> GapStatistic.builder().references(0));
        assertTrue(e.getMessage().startsWith("parameter 'references'"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> GapStatistic.builder().reference("gaussian"));
        assertTrue(e.getMessage().startsWith("parameter 'reference'"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> GapStatistic.builder().build().fit(data, ctx));
        assertTrue(e.getMessage().startsWith("parameter 'k-max' is required"), e.getMessage());
        // duplicate rows: with as many clusters as distinct rows there is no spread left
        Dataset dup = Dataset.of(new double[][] {{0}, {0}, {1}, {1}, {1}});
        e = assertThrows(CumuloException.class, () -> GapStatistic.builder().kMax(2).references(2).build().fit(dup, ctx));
        assertTrue(e.getMessage().startsWith("gap: at k=2 the clusters of the data have no spread"), e.getMessage());
    }
}

package io.cumulo.manifold;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.metrics.Trustworthiness;
import io.cumulo.param.ParamValues;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TSNETest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    private final JsonObject ref = Fixtures.json("reference/tsne.json").getObject("affinities");

    private double[] flat(List<Object> rows) {
        double[] out = new double[rows.size() * ((List<?>) rows.get(0)).size()];
        int t = 0;
        for (Object r : rows) {
            for (Object v : (List<?>) r) {
                out[t++] = ((Number) v).doubleValue();
            }
        }
        return out;
    }

    @Test
    void exactAffinitiesMatchScikitLearn() {
        double[] x = flat(ref.getList("x"));
        int n = 40;
        double[] p = TSNEAffinities.dense(x, n, 5, ref.getDouble("perplexity"), ExecutionContext.defaults());
        double[] expected = ref.getDoubleArray("p_condensed");
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, t++) {
                assertEquals(expected[t], p[i * n + j], 1e-12 * expected[t], "P[" + i + "," + j + "]");
                assertEquals(p[i * n + j], p[j * n + i], 0.0);
            }
        }
    }

    @Test
    void sparseAffinitiesMatchScikitLearn() {
        double[] x = flat(ref.getList("x"));
        int n = 40;
        // perplexity 13: ⌊3·13 + 1⌋ = 40 ≥ n − 1, so every other row is a neighbour
        TSNEAffinities.Sparse p = TSNEAffinities.sparse(x, n, 5, ref.getDouble("perplexity"), ONE);
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int t = p.start[i]; t < p.start[i + 1]; t++) {
                if (t > p.start[i]) {
                    assertTrue(p.cols[t] > p.cols[t - 1], "columns increase");
                }
                dense[i * n + p.cols[t]] = p.vals[t];
            }
        }
        List<Object> entries = ref.getList("p_sparse");
        assertEquals(entries.size(), p.cols.length);
        for (Object o : entries) {
            List<?> e = (List<?>) o;
            int i = ((Number) e.get(0)).intValue();
            int j = ((Number) e.get(1)).intValue();
            double v = ((Number) e.get(2)).doubleValue();
            assertEquals(v, dense[i * n + j], 1e-12 * v, "P[" + i + "," + j + "]");
        }
    }

    @Test
    void exactObjectiveMatchesScikitLearn() {
        double[] x = flat(ref.getList("x"));
        int n = 40;
        double[] p = TSNEAffinities.dense(x, n, 5, ref.getDouble("perplexity"), ONE);
        double[] y = flat(ref.getList("y"));
        double[] grad = new double[2 * n];
        for (ExecutionContext ctx : List.of(ONE, ExecutionContext.defaults().withThreads(3))) {
            double kl = new TSNE.ExactObjective(p, n, 2, ctx).gradient(y, grad, true);
            assertEquals(ref.getDouble("kl_exact"), kl, 1e-12);
            double[] g = ref.getDoubleArray("grad_exact");
            for (int t = 0; t < g.length; t++) {
                assertEquals(g[t], grad[t], 1e-12, "gradient " + t);
            }
        }
    }

    @Test
    void barnesHutWithAngleZeroMatchesScikitLearn() {
        double[] x = flat(ref.getList("x"));
        int n = 40;
        TSNEAffinities.Sparse p = TSNEAffinities.sparse(x, n, 5, ref.getDouble("perplexity"), ONE);
        double[] y = flat(ref.getList("y"));
        double[] grad = new double[2 * n];
        double kl = new TSNE.BarnesHutObjective(p, n, 0.0, ONE).gradient(y, grad, true);
        // scikit-learn's tree code works in float32: agreement to its precision
        assertEquals(ref.getDouble("kl_bh_angle0"), kl, 1e-6);
        double[] g = ref.getDoubleArray("grad_bh_angle0");
        for (int t = 0; t < g.length; t++) {
            assertEquals(g[t], grad[t], 1e-6, "gradient " + t);
        }
        // and with θ = 0 Barnes-Hut is the exact objective on the same P
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int t = p.start[i]; t < p.start[i + 1]; t++) {
                dense[i * n + p.cols[t]] = p.vals[t];
            }
        }
        double[] exactGrad = new double[2 * n];
        double exactKl = new TSNE.ExactObjective(dense, n, 2, ONE).gradient(y, exactGrad, true);
        assertEquals(exactKl, kl, 1e-12);
        for (int t = 0; t < grad.length; t++) {
            assertEquals(exactGrad[t], grad[t], 1e-12);
        }
    }

    @Test
    void fftObjectiveOnAFineGridIsTheExactObjective() {
        // the same sparse P and the attraction code of Barnes-Hut; the repulsion and Z interpolated on a fine grid
        // (400 intervals of 5 nodes) must give the exact objective's KL and gradient on that P to interpolation accuracy
        double[] x = flat(ref.getList("x"));
        int n = 40;
        TSNEAffinities.Sparse p = TSNEAffinities.sparse(x, n, 5, ref.getDouble("perplexity"), ONE);
        double[] y = flat(ref.getList("y"));
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int t = p.start[i]; t < p.start[i + 1]; t++) {
                dense[i * n + p.cols[t]] = p.vals[t];
            }
        }
        double[] exactGrad = new double[2 * n];
        double exactKl = new TSNE.ExactObjective(dense, n, 2, ONE).gradient(y, exactGrad, true);
        double[] grad = new double[2 * n];
        double kl = new TSNE.FftObjective(p, n, 5, 400, ONE).gradient(y, grad, true);
        double scale = 0;
        for (double g : exactGrad) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertEquals(exactKl, kl, 1e-8 * exactKl);
        for (int t = 0; t < grad.length; t++) {
            assertEquals(exactGrad[t], grad[t], 1e-7 * scale, "gradient " + t);
        }
        // the default grid (50 intervals of 3 nodes) on these points: close, not exact
        double klDefault = new TSNE.FftObjective(p, n, 3, 50, ONE).gradient(y, grad, true);
        assertEquals(exactKl, klDefault, 1e-4 * exactKl);
        for (int t = 0; t < grad.length; t++) {
            assertEquals(exactGrad[t], grad[t], 1e-2 * scale, "gradient " + t);
        }
    }

    @Test
    void exactGradientOfThreeComponentsIsTheDerivativeOfKl() {
        // two degrees of freedom: check the analytic gradient against central differences of KL
        Dataset data = Fixtures.blobs(30, 4, 3, 10, 5);
        int n = 30;
        double[] p = TSNEAffinities.dense(data.rawValues(), n, 4, 5.0, ONE);
        double[] y = new double[3 * n];
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < y.length; t++) {
            y[t] = r.nextGaussian();
        }
        TSNE.ExactObjective obj = new TSNE.ExactObjective(p, n, 3, ONE);
        double[] grad = new double[3 * n];
        obj.gradient(y, grad, true);
        double h = 1e-6;
        double[] scratch = new double[3 * n];
        for (int t = 0; t < y.length; t += 7) {
            double keep = y[t];
            y[t] = keep + h;
            double up = obj.gradient(y, scratch, true);
            y[t] = keep - h;
            double down = obj.gradient(y, scratch, true);
            y[t] = keep;
            assertEquals((up - down) / (2 * h), grad[t], 1e-6, "coordinate " + t);
        }
    }

    @Test
    void sameEmbeddingForAnyThreadCount() {
        Dataset data = Fixtures.blobs(600, 6, 4, 10, 11);
        for (String method : new String[] {"barnes-hut", "exact", "fft"}) {
            TSNE tsne = TSNE.builder().method(method).maxIter(300).perplexity(20).build();
            TSNEModel a = tsne.fit(data, ONE);
            TSNEModel b = tsne.fit(data, ExecutionContext.defaults().withThreads(method.equals("fft") ? 3 : 4));
            assertArrayEquals(a.embeddingValues(), b.embeddingValues(), method);
            assertEquals(a.klDivergence(), b.klDivergence(), 0.0);
        }
    }

    @Test
    void separatedBlobsAreEmbeddedTrustworthily() {
        Dataset data = Fixtures.blobs(300, 8, 3, 20, 2);
        for (TSNE tsne : List.of(TSNE.builder().build(), TSNE.builder().method("fft").build(),
                TSNE.builder().method("exact").init("random").seed(3).build(),
                TSNE.builder().method("exact").components(3).build())) {
            TSNEModel m = tsne.fit(data, ExecutionContext.defaults());
            double trust = Trustworthiness.score(data, m.embedding(), ONE);
            assertTrue(trust > 0.9, tsne.params() + ": trustworthiness " + trust);
            assertTrue(m.klDivergence() > 0 && m.klDivergence() < 2, "KL " + m.klDivergence());
            assertEquals(List.of("c1", "c2", "c3").subList(0, m.numComponents()), m.embedding().columnNames());
            assertEquals(Math.max(300 / 12.0 / 4, 50), m.learningRate());
        }
    }

    @Test
    void inputIsNotModifiedAndSeedsMatter() {
        Dataset data = Fixtures.blobs(100, 3, 2, 10, 4);
        double[] before = data.rawValues().clone();
        TSNEModel a = TSNE.builder().init("random").seed(1).maxIter(250).build().fit(data, ONE);
        TSNEModel b = TSNE.builder().init("random").seed(2).maxIter(250).build().fit(data, ONE);
        assertArrayEquals(before, data.rawValues());
        assertTrue(!Arrays.equals(a.embeddingValues(), b.embeddingValues()));
        assertEquals(250, a.iterations());
    }

    @Test
    void badInputGivesOneLineErrors() {
        Dataset three = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 7}});
        CumuloException e = assertThrows(CumuloException.class, () -> TSNE.builder().perplexity(2).build().fit(three, ONE));
        assertTrue(e.getMessage().contains("at least 4 rows, got 3"), e.getMessage());
        Dataset five = Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 7}, {0, 1}, {2, 2}});
        e = assertThrows(CumuloException.class, () -> TSNE.builder().build().fit(five, ONE));
        assertEquals("parameter 'perplexity': must be less than the number of rows (5 in " + five.source()
                + "), got 30", e.getMessage());
        assertThrows(CumuloException.class, () -> TSNE.builder().perplexity(5).build().fit(five, ONE));
        e = assertThrows(CumuloException.class, () -> TSNE.builder().components(3).build());
        assertTrue(e.getMessage().startsWith("parameter 'n-components': method=barnes-hut embeds in 2 dimensions"),
                e.getMessage());
        assertThrows(CumuloException.class, () -> TSNE.builder().perplexity(0));
        assertThrows(CumuloException.class, () -> TSNE.builder().maxIter(100));
        assertThrows(CumuloException.class, () -> TSNE.builder().angle(1.5));
        assertThrows(CumuloException.class, () -> TSNE.builder().method("fast"));
        e = assertThrows(CumuloException.class, () -> TSNE.builder().method("fft").components(3).build());
        assertEquals("parameter 'n-components': method=fft embeds in 2 dimensions only, got 3; use method=exact",
                e.getMessage());
        assertThrows(CumuloException.class, () -> TSNE.builder().interpolationNodes(1));
        assertThrows(CumuloException.class, () -> TSNE.builder().minIntervals(0));
        assertThrows(CumuloException.class, () -> TSNE.builder().minIntervals(401));
        e = assertThrows(CumuloException.class,
                () -> TSNE.builder().method("exact").components(3).perplexity(2).build().fit(five, ONE));
        assertTrue(e.getMessage().contains("init=pca cannot give 3 components from 2 features"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        // parameters from their text form
        ParamValues v = TSNE.PARAMS.parse(Map.of("perplexity", "5", "method", "exact"));
        assertEquals("exact", TSNE.of(v).params().get(TSNE.METHOD));
    }
}

package io.cumulo.manifold;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.metrics.Trustworthiness;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * t-SNE on digits against scikit-learn 1.2.1 with the same schedule (1,000 iterations, perplexity 30, PCA
 * initialisation, Barnes-Hut θ = 0.5; reference/tsne.json, from tools/reference/make_tsne_reference.py). t-SNE
 * is a non-convex optimisation and the two implementations round differently (scikit-learn's tree works in
 * float32, Cumulo's in float64), so the embeddings differ; what must hold is quality: trustworthiness (k = 10)
 * at least scikit-learn's best over three seeds minus 0.005 (its spread over seeds is about 10⁻⁴, and one
 * reading of a 10⁻³ difference is a few badly placed points among 1,797) and the final KL divergence at most
 * scikit-learn's worst plus 0.05 (its spread over seeds is about 10⁻³; the KL depends on the approximate Z of
 * the last iteration, which is why a margin is allowed).
 */
class TSNEQualityTest {
    @Test
    void digitsAsGoodAsScikitLearn() {
        Dataset digits = DatasetReader.read("builtin:digits", ReadOptions.defaults());
        JsonObject ref = Fixtures.json("reference/tsne.json").getObject("digits_tsne");
        assertEquals(digits.rows(), ref.getInt("rows"));
        double bestTrust = 0;
        double worstKl = 0;
        for (Object o : ref.getList("runs")) {
            @SuppressWarnings("unchecked")
            JsonObject r = JsonObject.of((Map<String, Object>) o, "tsne.json");
            bestTrust = Math.max(bestTrust, r.getDouble("trustworthiness_10"));
            worstKl = Math.max(worstKl, r.getDouble("kl_divergence"));
        }
        long t0 = System.nanoTime();
        TSNEModel m = TSNE.builder().seed(0).build().fit(digits, ExecutionContext.defaults());
        double trust = Trustworthiness.score(digits, m.embedding(), ExecutionContext.defaults());
        System.out.printf("digits t-SNE: KL %.6f (sklearn worst %.6f), trust %.6f (sklearn best %.6f), %d iter, %.1f s%n",
                m.klDivergence(), worstKl, trust, bestTrust, m.iterations(), (System.nanoTime() - t0) / 1e9);
        assertEquals(1000, m.iterations());
        assertEquals(50.0, m.learningRate());
        assertTrue(trust >= bestTrust - 0.005, "trustworthiness " + trust + " vs scikit-learn " + bestTrust);
        assertTrue(m.klDivergence() <= worstKl + 0.05, "KL " + m.klDivergence() + " vs scikit-learn " + worstKl);
    }

    /**
     * FIt-SNE (method fft, the paper's default grid) on digits against Barnes-Hut with the same schedule and seed:
     * the same quality, within the margins above (the two gradients differ by their approximation errors, so the
     * runs end in different local minima).
     */
    @Test
    void fftOnDigitsAsGoodAsBarnesHut() {
        Dataset digits = DatasetReader.read("builtin:digits", ReadOptions.defaults());
        ExecutionContext ctx = ExecutionContext.defaults();
        TSNEModel bh = TSNE.builder().seed(0).build().fit(digits, ctx);
        long t0 = System.nanoTime();
        TSNEModel fft = TSNE.builder().method("fft").seed(0).build().fit(digits, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double trustBh = Trustworthiness.score(digits, bh.embedding(), ctx);
        double trustFft = Trustworthiness.score(digits, fft.embedding(), ctx);
        System.out.printf("digits t-SNE: fft KL %.6f trust %.6f (%.1f s); barnes-hut KL %.6f trust %.6f%n",
                fft.klDivergence(), trustFft, seconds, bh.klDivergence(), trustBh);
        assertEquals("fft", fft.method());
        assertEquals(1000, fft.iterations());
        assertTrue(trustFft >= trustBh - 0.005, "trustworthiness " + trustFft + " vs Barnes-Hut " + trustBh);
        assertTrue(Math.abs(fft.klDivergence() - bh.klDivergence()) <= 0.05,
                "KL " + fft.klDivergence() + " vs Barnes-Hut " + bh.klDivergence());
    }
}

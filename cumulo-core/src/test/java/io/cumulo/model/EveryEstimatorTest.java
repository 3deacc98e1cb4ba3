package io.cumulo.model;

import io.cumulo.data.Dataset;
import io.cumulo.estimator.Estimator;
import io.cumulo.testing.EstimatorChecks;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every method of the {@link Registry} passes {@link EstimatorChecks}. A method joins by one line in
 * {@link #CONFIGS} (its parameters for a small, quick fit); the test fails for a registered method without one.
 */
class EveryEstimatorTest {
    private static final Dataset DATA = Fixtures.blobs(400, 4, 3, 10, 5);

    /** Kind:name → text parameters of a quick fit (the seed is added by the checks). */
    private static final Map<String, Map<String, String>> CONFIGS = new LinkedHashMap<>();

    static {
        CONFIGS.put("clustering:kmeans", Map.of("k", "3", "n-init", "2"));
        CONFIGS.put("clustering:kmedoids", Map.of("k", "3"));
        CONFIGS.put("clustering:minibatch-kmeans", Map.of("k", "3", "batch-size", "64"));
        CONFIGS.put("clustering:bisecting-kmeans", Map.of("k", "3"));
        CONFIGS.put("clustering:fuzzy-cmeans", Map.of("k", "3"));
        CONFIGS.put("clustering:agglomerative", Map.of("k", "3"));
        CONFIGS.put("clustering:diana", Map.of("k", "3"));
        CONFIGS.put("clustering:dbscan", Map.of("eps", "1.2", "min-samples", "5"));
        CONFIGS.put("clustering:optics", Map.of("min-samples", "10"));
        CONFIGS.put("clustering:hdbscan", Map.of("min-cluster-size", "10"));
        CONFIGS.put("reduction:pca", Map.of("n-components", "2"));
        CONFIGS.put("reduction:umap", Map.of("n-epochs", "30"));
        CONFIGS.put("reduction:tsne", Map.of("max-iter", "250", "perplexity", "10"));
        CONFIGS.put("scaling:standard", Map.of());
        CONFIGS.put("scaling:minmax", Map.of());
        CONFIGS.put("scaling:robust", Map.of());
        CONFIGS.put("scaling:none", Map.of());
    }

    @Test
    void everyRegisteredMethodPassesTheChecks() {
        int checked = 0;
        for (Registry.Entry<?> e : Registry.all()) {
            String key = e.kind().id() + ":" + e.name();
            Map<String, String> config = CONFIGS.get(key);
            if (config == null) {
                throw new AssertionError(key + " has no configuration in EveryEstimatorTest.CONFIGS");
            }
            LongFunction<Estimator<?>> make = seed -> {
                Map<String, String> text = new LinkedHashMap<>(config);
                if (e.params().contains("seed")) {
                    text.put("seed", Long.toString(seed));
                }
                return e.create(text);
            };
            EstimatorChecks.runAll(make, DATA);
            checked++;
        }
        assertEquals(CONFIGS.size(), checked, "every configuration is of a registered method");
    }
}

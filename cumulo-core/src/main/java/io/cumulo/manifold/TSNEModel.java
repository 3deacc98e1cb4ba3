package io.cumulo.manifold;

import io.cumulo.data.Dataset;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted t-SNE: the embedding of the training rows (t-SNE has no {@code transform} for new rows), the final
 * Kullback-Leibler divergence of P from Q, the iterations run and the learning rate used.
 */
public final class TSNEModel {
    private final ParamValues params;
    private final double[] embedding;
    private final int rows;
    private final int components;
    private final double klDivergence;
    private final int iterations;
    private final double learningRate;
    private final String method;

    TSNEModel(ParamValues params, double[] embedding, int rows, int components, double klDivergence, int iterations,
              double learningRate, String method) {
        this.params = params;
        this.embedding = embedding;
        this.rows = rows;
        this.components = components;
        this.klDivergence = klDivergence;
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.method = method;
    }

    public ParamValues params() {
        return params;
    }

    /** The embedding as a dataset with columns c1..cK, one row per training row. */
    public Dataset embedding() {
        List<String> names = new ArrayList<>(components);
        for (int c = 1; c <= components; c++) {
            names.add("c" + c);
        }
        return Dataset.wrap(embedding.clone(), rows, components, names, "t-SNE embedding");
    }

    /** The embedding, row-major (rows × components), a copy. */
    public double[] embeddingValues() {
        return embedding.clone();
    }

    public int components() {
        return components;
    }

    /**
     * KL(P‖Q) at the last iteration. With Barnes-Hut, Q's normaliser Z is the tree's approximation and P is the
     * sparse neighbour P, as in scikit-learn's {@code kl_divergence_}; with the exact method both are exact.
     */
    public double klDivergence() {
        return klDivergence;
    }

    /** Gradient steps taken, both stages together (scikit-learn's {@code n_iter_} is this minus one). */
    public int iterations() {
        return iterations;
    }

    /** The learning rate used (the "auto" rule resolved). */
    public double learningRate() {
        return learningRate;
    }

    /** "exact", "barnes-hut" or "fft". */
    public String method() {
        return method;
    }

    /** The figures under their stable JSON keys. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("n_components", components);
        m.put("kl_divergence", klDivergence);
        m.put("n_iter", iterations);
        m.put("learning_rate", learningRate);
        return m;
    }
}

package io.cumulo.manifold;

import io.cumulo.data.Dataset;
import io.cumulo.estimator.Embedding;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted t-SNE: the embedding of the training rows (t-SNE has no {@code transform} for new rows), the final
 * Kullback-Leibler divergence of P from Q, the iterations run and the learning rate used.
 */
public final class TSNEModel implements Model, Embedding {
    private final ParamValues params;
    private final int features;
    private final double[] embedding;
    private final int rows;
    private final int components;
    private final double klDivergence;
    private final int iterations;
    private final double learningRate;
    private final String method;

    TSNEModel(ParamValues params, int features, double[] embedding, int rows, int components, double klDivergence,
              int iterations, double learningRate, String method) {
        this.params = params;
        this.features = features;
        this.embedding = embedding;
        this.rows = rows;
        this.components = components;
        this.klDivergence = klDivergence;
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.method = method;
    }

    @Override
    public String name() {
        return TSNE.NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    @Override
    public int numFeatures() {
        return features;
    }

    /** The embedding as a dataset with columns c1..cK, one row per training row. */
    @Override
    public Dataset embedding() {
        return Dataset.wrap(embedding.clone(), rows, components, Transform.componentNames(components), "t-SNE embedding");
    }

    /** The embedding, row-major (rows × components), a copy. */
    @Override
    public double[] embeddingValues() {
        return embedding.clone();
    }

    @Override
    public int numComponents() {
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

    /** The figures under their stable JSON keys ({@code gradient}: exact, barnes-hut or fft). */
    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gradient", method);
        m.put("n_components", components);
        m.put("kl_divergence", klDivergence);
        m.put("n_iter", iterations);
        m.put("learning_rate", learningRate);
        return m;
    }

    /**
     * The embedding itself: t-SNE cannot place new rows, so there is nothing else to keep, and no model file reads
     * it back as a model ({@link io.cumulo.model.Registry} has no reader for t-SNE).
     */
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        double[][] rowsOut = new double[rows][];
        for (int i = 0; i < rows; i++) {
            rowsOut[i] = Arrays.copyOfRange(embedding, i * components, (i + 1) * components);
        }
        m.put("embedding", rowsOut);
        return m;
    }
}

package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ExplainedVariance;
import io.cumulo.estimator.Loadings;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted PCA: mean, components (rows, unit length, signs as {@link PCA} documents), explained variance, its
 * ratio and cumulative ratio, the noise variance (mean of the discarded eigenvalues, as scikit-learn's
 * {@code noise_variance_}). Immutable; {@link #toJson()} / {@link #fromJson} give the {@code model} block of a
 * model file (docs/model-format.md).
 */
public final class PCAModel implements Model, Transform, ExplainedVariance, Loadings {
    private final ParamValues params;
    private final double[] mean;
    private final double[] components;
    private final double[] variance;
    private final double[] ratio;
    private final double noiseVariance;
    private final double totalVariance;
    private final int samples;
    private final int c;
    private final int d;
    private final boolean whiten;
    private final List<String> features;

    PCAModel(ParamValues params, double[] mean, double[] components, double[] variance, double[] ratio,
             double noiseVariance, double totalVariance, int samples, int c, int d, List<String> features) {
        this.params = params;
        this.mean = mean;
        this.components = components;
        this.variance = variance;
        this.ratio = ratio;
        this.noiseVariance = noiseVariance;
        this.totalVariance = totalVariance;
        this.samples = samples;
        this.c = c;
        this.d = d;
        this.whiten = params.get(PCA.WHITEN);
        this.features = List.copyOf(features);
    }

    @Override
    public String name() {
        return PCA.NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    @Override
    public int numComponents() {
        return c;
    }

    @Override
    public int numFeatures() {
        return d;
    }

    public boolean whitened() {
        return whiten;
    }

    /** Components (loadings) as rows ({@code c × d}, row-major copy); column {@code l} is feature {@code l}. */
    public double[] components() {
        return components.clone();
    }

    /** Variance of the scores along each component ({@code eigenvalue}, divided by n − 1). */
    @Override
    public double[] explainedVariance() {
        return variance.clone();
    }

    @Override
    public double[] explainedVarianceRatio() {
        return ratio.clone();
    }

    /** Mean of the eigenvalues not kept (0 when all {@code min(n, d)} are kept), as scikit-learn's noise_variance_. */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** Total variance of the training data (sum of the column variances). */
    public double totalVariance() {
        return totalVariance;
    }

    public double[] mean() {
        return mean.clone();
    }

    @Override
    public List<String> featureNames() {
        return features;
    }

    /** Names of the reduced columns: {@code c1 .. cK}. */
    public List<String> componentNames() {
        return Transform.componentNames(c);
    }

    public Dataset transform(Dataset data) {
        return transform(data, ExecutionContext.singleThreaded());
    }

    /**
     * Scores {@code (x − mean) · componentsᵀ} (divided by {@code √explained_variance} when whitened), as a dataset
     * with columns {@code c1 .. cK}, labels and weights kept. Rows are independent, so the thread count does not
     * change the result.
     */
    @Override
    public Dataset transform(Dataset data, ExecutionContext ctx) {
        if (data.cols() != d) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " features but the PCA was fitted on " + d);
        }
        int n = data.rows();
        double[] out = scores(data.rawValues(), n, d, mean, components, c, ctx);
        if (whiten) {
            double[] inv = new double[c];
            for (int j = 0; j < c; j++) {
                // a component of zero variance has zero scores: leave them 0 rather than 0/0
                inv[j] = variance[j] > 0 ? 1 / Math.sqrt(variance[j]) : 0;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    out[i * c + j] *= inv[j];
                }
            }
        }
        return data.withValues(out, c, componentNames());
    }

    /**
     * Back from scores to the feature space: {@code mean + z · components} ({@code z} multiplied by
     * {@code √explained_variance} first when whitened). Exact for data in the span of the components; otherwise
     * the projection onto it.
     */
    public Dataset inverseTransform(Dataset scores) {
        if (scores.cols() != c) {
            throw new CumuloException(scores.source() + ": has " + scores.cols() + " columns but the PCA has " + c
                    + " components");
        }
        int n = scores.rows();
        double[] z = scores.rawValues();
        double[] out = new double[n * d];
        double[] w = new double[c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                w[j] = whiten ? z[i * c + j] * Math.sqrt(variance[j]) : z[i * c + j];
            }
            for (int l = 0; l < d; l++) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += w[j] * components[j * d + l];
                }
                out[i * d + l] = s + mean[l];
            }
        }
        return scores.withValues(out, d, features);
    }

    /**
     * {@code (x − mean) · compᵀ} for all rows ({@code n × c}), by blocks of centred rows through the kernels'
     * GEMM-shaped {@link VectorKernels#scoresTransposed}; centring first keeps the rounding relative to the spread.
     */
    static double[] scores(double[] x, int n, int d, double[] mean, double[] comp, int c, ExecutionContext ctx) {
        VectorKernels k = VectorKernels.get();
        int lanes = k.lanes();
        int stride = (c + lanes - 1) / lanes * lanes;
        double[] mT = new double[d * stride];
        for (int j = 0; j < c; j++) {
            for (int l = 0; l < d; l++) {
                mT[l * stride + j] = comp[j * d + l];
            }
        }
        double[] zero = new double[stride];
        double[] out = new double[n * c];
        int block = 256;
        Chunks chunks = Chunks.of(n, block, Math.max(1, (n + block - 1) / block));
        ctx.parallelFor(chunks.count(), ch -> {
            int from = chunks.start(ch);
            int rows = chunks.end(ch) - from;
            double[] xc = new double[rows * d];
            double[] s = new double[rows * stride];
            for (int r = 0; r < rows; r++) {
                int o = (from + r) * d;
                for (int l = 0; l < d; l++) {
                    xc[r * d + l] = x[o + l] - mean[l];
                }
            }
            k.scoresTransposed(xc, d, 0, rows, mT, zero, stride, s);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(s, r * stride, out, (from + r) * c, c);
            }
        });
        return out;
    }

    /** The {@code model} block of a model file. */
    /** The fit's figures under stable JSON keys (what {@code cumulo reduce --json} prints). */
    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_components", c);
        m.put("explained_variance", explainedVariance());
        m.put("explained_variance_ratio", explainedVarianceRatio());
        m.put("cumulative_variance_ratio", cumulativeVarianceRatio());
        m.put("noise_variance", noiseVariance);
        m.put("total_variance", totalVariance);
        m.put("whiten", whiten);
        m.put("features", features);
        m.put("components", loadings());
        m.put("mean", mean());
        return m;
    }

    @Override
    public double[][] loadings() {
        double[][] rows = new double[c][];
        for (int j = 0; j < c; j++) {
            rows[j] = Arrays.copyOfRange(components, j * d, (j + 1) * d);
        }
        return rows;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_components", c);
        m.put("mean", mean);
        double[][] rows = new double[c][];
        for (int j = 0; j < c; j++) {
            rows[j] = Arrays.copyOfRange(components, j * d, (j + 1) * d);
        }
        m.put("components", rows);
        m.put("explained_variance", variance);
        m.put("explained_variance_ratio", ratio);
        m.put("noise_variance", noiseVariance);
        m.put("total_variance", totalVariance);
        m.put("n_samples", samples);
        return m;
    }

    /** Rebuilds a model from its {@code model} block; every inconsistency is a one-line error naming the field. */
    public static PCAModel fromJson(ParamValues params, JsonObject json, List<String> features) {
        int d = features.size();
        int c = json.getInt("n_components");
        if (c < 1 || c > d) {
            throw new CumuloException("model 'n_components': expected 1 to " + d + ", got " + c);
        }
        double[] mean = json.getDoubleArray("mean");
        if (mean.length != d) {
            throw new CumuloException("model 'mean': has " + mean.length + " values for " + d + " features");
        }
        double[] comp = json.getMatrix("components", c, d);
        double[] variance = json.getDoubleArray("explained_variance");
        double[] ratio = json.getDoubleArray("explained_variance_ratio");
        if (variance.length != c || ratio.length != c) {
            throw new CumuloException("model 'explained_variance' / 'explained_variance_ratio': expected " + c
                    + " values each, got " + variance.length + " and " + ratio.length);
        }
        for (double[] a : List.of(mean, comp, variance, ratio)) {
            for (double v : a) {
                if (!Double.isFinite(v)) {
                    throw new CumuloException("model: non-finite value " + v + " in the PCA model");
                }
            }
        }
        for (double v : variance) {
            if (v < 0) {
                throw new CumuloException("model 'explained_variance': negative value " + v);
            }
        }
        return new PCAModel(params, mean, comp, variance, ratio, json.getDouble("noise_variance"),
                json.getDouble("total_variance"), json.getInt("n_samples"), c, d, features);
    }

    @Override
    public String toString() {
        return "PCAModel[" + c + " of " + d + " features" + (whiten ? ", whitened" : "") + "]";
    }
}

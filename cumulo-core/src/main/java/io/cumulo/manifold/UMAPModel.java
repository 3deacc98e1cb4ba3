package io.cumulo.manifold;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Embedding;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.ExactNeighbors;
import io.cumulo.neighbors.KnnGraph;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A fitted {@link UMAP}: the embedding of the training rows, and what {@link #transform} needs to place new
 * rows (the training rows themselves, for their neighbour search, and the curve's a and b). Immutable.
 *
 * <p>JSON form ({@link #toJson}): {@code "format": "cumulo-umap"}, {@code "format_version": 1}, {@code params},
 * {@code n_samples}, {@code n_features}, {@code features}, {@code n_components}, {@code a}, {@code b},
 * {@code n_epochs}, {@code neighbor_search}, {@code training_data} (rows as searched: unit length for the cosine
 * metric) and {@code embedding}, matrices as arrays of rows. A reader refuses newer versions.
 */
public final class UMAPModel implements Model, Transform, Embedding {
    public static final String FORMAT = "cumulo-umap";
    public static final int FORMAT_VERSION = 1;

    private final ParamValues params;
    private final double[] x;
    private final int n;
    private final int d;
    private final double[] embedding;
    private final int dim;
    private final double a;
    private final double b;
    private final List<String> features;
    private final String search;

    UMAPModel(ParamValues params, double[] x, int n, int d, double[] embedding, int dim, double a, double b,
              List<String> features, String search) {
        this.params = params;
        this.x = x;
        this.n = n;
        this.d = d;
        this.embedding = embedding;
        this.dim = dim;
        this.a = a;
        this.b = b;
        this.features = List.copyOf(features);
        this.search = search;
    }

    @Override
    public String name() {
        return UMAP.NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    /** The training rows' coordinates, {@code n × numComponents()} row-major (a copy). */
    @Override
    public double[] embeddingValues() {
        return embedding.clone();
    }

    @Override
    public int numComponents() {
        return dim;
    }

    public int numSamples() {
        return n;
    }

    @Override
    public int numFeatures() {
        return d;
    }

    public List<String> featureNames() {
        return features;
    }

    /** The fitted a of the membership curve {@code 1/(1 + a d^{2b})}. */
    public double a() {
        return a;
    }

    public double b() {
        return b;
    }

    /** "exact" or "nn-descent": how the training neighbours were found. */
    public String neighborSearch() {
        return search;
    }

    /** The epochs of the training layout. */
    public int epochs() {
        return UMAP.of(params).epochs(n);
    }

    /** New rows placed in the embedding ({@link #transformValues}), as a dataset with columns c1..cK. */
    @Override
    public Dataset transform(Dataset data, ExecutionContext ctx) {
        return data.withValues(transformValues(data, ctx), dim, Transform.componentNames(dim));
    }

    /**
     * Places new rows in the embedding (umap-learn's {@code transform}): each new row's {@code n-neighbors}
     * nearest training rows (exact search), their memberships calibrated as in training, the membership-weighted
     * mean of their coordinates as the start, then {@code n-epochs / 3} epochs of the same descent at a quarter of
     * the learning rate, with the training embedding held fixed (attraction to the new row's neighbours,
     * repulsion from random training rows). Returns {@code m × numComponents()} row-major. Deterministic for
     * the model's seed; new rows do not interact, but share one random stream, so a row's place can depend on
     * the rows given with it.
     */
    public double[] transformValues(Dataset data, ExecutionContext ctx) {
        if (data.cols() != d) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " features but the UMAP was fitted on " + d);
        }
        int m = data.rows();
        if (m == 0) {
            return new double[0];
        }
        boolean cosine = params.get(UMAP.METRIC).equals("cosine");
        double[] q = UMAP.searchRows(data, cosine);
        int k = Math.min(params.get(UMAP.N_NEIGHBORS), n);
        KnnGraph g = ExactNeighbors.euclidean(x, n, d, q, m, k, false, ctx);
        if (cosine) {
            g = g.unitEuclideanToCosine();
        }
        int[] knnIndex = g.indices();
        double[] knnDistance = g.distances();
        double[] rs = new double[2 * m];
        FuzzySimplicialSet.calibrate(knnDistance, k, 0, m, rs, FuzzySimplicialSet.meanDistance(knnDistance));
        int[] heads = new int[m * k];
        int[] tails = new int[m * k];
        double[] w = new double[m * k];
        double[] y = new double[m * dim];
        for (int i = 0; i < m; i++) {
            double total = 0;
            for (int j = 0; j < k; j++) {
                int e = i * k + j;
                double ex = knnDistance[e] - rs[2 * i];
                w[e] = ex > 0 ? Math.exp(-ex / rs[2 * i + 1]) : 1;
                heads[e] = i;
                tails[e] = knnIndex[e];
                total += w[e];
                for (int c = 0; c < dim; c++) {
                    y[i * dim + c] += w[e] * embedding[knnIndex[e] * dim + c];
                }
            }
            for (int c = 0; c < dim; c++) {
                y[i * dim + c] /= total;
            }
        }
        int epochs = Math.max(1, epochs() / 3);
        SplittableRandom random = new SplittableRandom(params.get(UMAP.SEED)).split().split();
        UmapLayout.optimize(y, dim, embedding.clone(), n, heads, tails, w, a, b, epochs,
                params.get(UMAP.LEARNING_RATE) / 4, params.get(UMAP.NEGATIVE_SAMPLE_RATE),
                params.get(UMAP.REPULSION_STRENGTH), false, random, ctx.progress(), "UMAP: transform");
        return y;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_components", dim);
        m.put("a", a);
        m.put("b", b);
        m.put("n_epochs", epochs());
        m.put("neighbor_search", search);
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", FORMAT_VERSION);
        m.put("params", params.toJson());
        m.put("n_samples", n);
        m.put("n_features", d);
        m.put("features", features);
        m.put("n_components", dim);
        m.put("a", a);
        m.put("b", b);
        m.put("n_epochs", epochs());
        m.put("neighbor_search", search);
        m.put("training_data", rows(x, n, d));
        m.put("embedding", rows(embedding, n, dim));
        return m;
    }

    public String toJsonString() {
        return Json.writePretty(toJson());
    }

    private static double[][] rows(double[] v, int rows, int cols) {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(v, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** Reads the JSON form back; every problem is a one-line {@link CumuloException} naming the field. */
    public static UMAPModel fromJson(JsonObject j) {
        if (!FORMAT.equals(j.get("format"))) {
            throw new CumuloException("not a Cumulo UMAP model (no \"format\": \"" + FORMAT + "\")");
        }
        int version = j.getInt("format_version");
        if (version > FORMAT_VERSION || version < 1) {
            throw new CumuloException("UMAP model format version " + version + " is not one this Cumulo reads (1 to "
                    + FORMAT_VERSION + ")");
        }
        ParamValues params = UMAP.PARAMS.fromJson(j.getObject("params"));
        UMAP.of(params); // the cross-parameter rules
        int n = j.getInt("n_samples");
        int d = j.getInt("n_features");
        int dim = j.getInt("n_components");
        if (n < 4 || d < 1 || dim < 1) {
            throw new CumuloException("UMAP model: n_samples " + n + ", n_features " + d + ", n_components " + dim
                    + "; expected at least 4, 1 and 1");
        }
        if (dim != params.get(UMAP.N_COMPONENTS)) {
            throw new CumuloException("UMAP model: n_components " + dim + " differs from parameter 'n-components' "
                    + params.get(UMAP.N_COMPONENTS));
        }
        List<String> features = j.getStringList("features");
        if (features.size() != d) {
            throw new CumuloException("UMAP model: " + features.size() + " feature names for n_features " + d);
        }
        double a = j.getDouble("a");
        double b = j.getDouble("b");
        if (!(a > 0) || !(b > 0) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new CumuloException("UMAP model: a and b should be positive finite numbers, found " + a + ", " + b);
        }
        double[] x = finite(j.getMatrix("training_data", n, d), "training_data");
        double[] y = finite(j.getMatrix("embedding", n, dim), "embedding");
        String search = j.getString("neighbor_search", "exact");
        return new UMAPModel(params, x, n, d, y, dim, a, b, features, search);
    }

    private static double[] finite(double[] v, String field) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new CumuloException("UMAP model: field '" + field + "' holds " + v[i] + "; expected finite numbers");
            }
        }
        return v;
    }
}

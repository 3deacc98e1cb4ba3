package io.cumulo.manifold;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.estimator.Estimator;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.ExactNeighbors;
import io.cumulo.neighbors.KnnGraph;
import io.cumulo.neighbors.NearestNeighborDescent;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.SplittableRandom;

/**
 * Uniform Manifold Approximation and Projection (McInnes, Healy and Melville, "UMAP: Uniform Manifold
 * Approximation and Projection for Dimension Reduction", arXiv:1802.03426, 2018), with the defaults of the
 * reference implementation umap-learn: the k nearest neighbours of every row (exact blocked search, or
 * nearest-neighbour descent, Dong, Moses and Li 2011, for large n), a fuzzy simplicial set (each row's
 * memberships {@code exp(−(d − ρ)/σ)} calibrated so that they sum to {@code log2 k}, symmetrised with the
 * fuzzy union {@code A + Aᵀ − A∘Aᵀ}), a spectral initialisation (the normalised Laplacian's smallest
 * non-trivial eigenvectors), and the paper's stochastic gradient descent with negative sampling on the
 * cross-entropy between the graph and the low-dimensional memberships {@code 1/(1 + a d^{2b})}.
 *
 * <pre>{@code
 * UMAPModel m = UMAP.builder().nNeighbors(15).minDist(0.1).seed(42).build().fit(data, ExecutionContext.defaults());
 * double[] xy = m.embeddingValues();    // n × 2, row-major
 * double[] yNew = m.transform(newData);  // new rows placed among the training ones
 * }</pre>
 *
 * <p><b>Reproducibility.</b> The same seed gives a bit-identical embedding whatever the number of threads: the
 * neighbour search and the graph are computed in chunks fixed by n alone (each row's neighbours depend on that
 * row only), and the gradient descent runs on one thread, in edge order, with one seeded random stream. (The
 * reference implementation's parallel "Hogwild" descent, where threads update shared coordinates without
 * locks, is fast but reproducible for no thread count above one; it is not offered here.) The kernels in use
 * (Vector API or plain Java, see {@code VectorKernels}) round the neighbour distances differently in the last
 * bits, which the descent amplifies: embeddings are bit-identical only under the same kernels (and equally good
 * under either).
 */
public final class UMAP implements Estimator<UMAPModel> {
    public static final String NAME = "umap";

    public static final Param<Integer> N_COMPONENTS = Param.integer("n-components", "dimension of the embedding")
            .atLeast(1).defaultValue(2);
    public static final Param<Integer> N_NEIGHBORS = Param.integer("n-neighbors",
            "size of the local neighbourhood (the row itself included): larger keeps more global structure")
            .atLeast(2).defaultValue(15);
    public static final Param<Double> MIN_DIST = Param.real("min-dist",
            "smallest distance between embedded points: smaller packs clusters tighter").atLeast(0).defaultValue(0.1);
    public static final Param<Double> SPREAD = Param.real("spread",
            "scale of the embedded points, with min-dist it fixes the curve 1/(1 + a d^2b)").greaterThan(0)
            .defaultValue(1.0);
    public static final Param<Integer> N_EPOCHS = Param.integer("n-epochs",
            "epochs of the layout's gradient descent").atLeast(1)
            .defaultDescribedAs("500 for at most 10,000 rows, else 200");
    public static final Param<Double> LEARNING_RATE = Param.real("learning-rate",
            "initial step of the gradient descent (decays linearly to 0)").greaterThan(0).defaultValue(1.0);
    public static final Param<Integer> NEGATIVE_SAMPLE_RATE = Param.integer("negative-sample-rate",
            "negative samples drawn per positive one").atLeast(0).defaultValue(5);
    public static final Param<Double> REPULSION_STRENGTH = Param.real("repulsion-strength",
            "weight of the negative samples (gamma)").atLeast(0).defaultValue(1.0);
    public static final Param<String> METRIC = Param.choice("metric", "distance between input rows",
            "euclidean", "cosine").defaultValue("euclidean");
    public static final Param<String> INIT = Param.choice("init",
            "initial layout: spectral (normalised Laplacian), pca, or uniform random in [-10, 10]",
            "spectral", "pca", "random").defaultValue("spectral");
    public static final Param<String> NEIGHBORS = Param.choice("neighbors",
            "nearest-neighbour search: exact, nn-descent (approximate), or auto (exact up to 20,000 rows)",
            "auto", "exact", "nn-descent").defaultValue("auto");
    public static final Param<Long> SEED = Param.longInteger("seed", "random seed; the same seed gives the same result")
            .defaultValue(0L);
    public static final ParamSet PARAMS = ParamSet.of(NAME, N_COMPONENTS, N_NEIGHBORS, MIN_DIST, SPREAD, N_EPOCHS,
            LEARNING_RATE, NEGATIVE_SAMPLE_RATE, REPULSION_STRENGTH, METRIC, INIT, NEIGHBORS, SEED);

    /** Largest n for which {@code neighbors=auto} searches exactly. */
    static final int EXACT_LIMIT = 20_000;

    private final ParamValues params;

    private UMAP(ParamValues params) {
        double minDist = params.get(MIN_DIST);
        double spread = params.get(SPREAD);
        if (minDist > spread) {
            throw new CumuloException("parameter 'min-dist': " + minDist + " is larger than 'spread' (" + spread
                    + "); expected min-dist ≤ spread");
        }
        this.params = params;
    }

    public static UMAP of(ParamValues values) {
        return new UMAP(values);
    }

    public static UMAP defaults() {
        return new UMAP(PARAMS.builder().build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    /** The epochs used for {@code n} training rows: the parameter if set, else umap-learn's default. */
    int epochs(int n) {
        return params.isSet(N_EPOCHS) ? params.get(N_EPOCHS) : (n <= 10_000 ? 500 : 200);
    }

    @Override
    public UMAPModel fit(Dataset data) {
        return fit(data, ExecutionContext.defaults());
    }

    @Override
    public UMAPModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        int k = params.get(N_NEIGHBORS);
        int dim = params.get(N_COMPONENTS);
        if (n < 4) {
            throw new CumuloException(data.source() + ": UMAP needs at least 4 rows, found " + n);
        }
        if (k >= n) {
            throw new CumuloException("parameter 'n-neighbors': " + k + " is not below the number of rows (" + n
                    + ") of " + data.source() + "; expected 2 ≤ n-neighbors < " + n);
        }
        if (dim >= n) {
            throw new CumuloException("parameter 'n-components': " + dim + " is not below the number of rows (" + n
                    + ") of " + data.source());
        }
        if (d < 1) {
            throw new CumuloException(data.source() + ": has no feature columns");
        }
        boolean cosine = params.get(METRIC).equals("cosine");
        double[] x = searchRows(data, cosine);
        String search = params.get(NEIGHBORS);
        boolean exact = search.equals("exact") || (search.equals("auto") && n <= EXACT_LIMIT);
        SplittableRandom root = new SplittableRandom(params.get(SEED));
        SplittableRandom knnRandom = root.split();
        SplittableRandom initRandom = root.split();
        SplittableRandom sgdRandom = root.split();
        ctx.progress().update("UMAP: " + (exact ? "exact" : "approximate") + " nearest neighbours", 0, 1);
        KnnGraph knn = exact
                ? ExactNeighbors.euclidean(x, n, d, x, n, k, true, ctx)
                : NearestNeighborDescent.search(x, n, d, k, knnRandom.nextLong(), ctx);
        if (cosine) {
            knn = knn.unitEuclideanToCosine();
        }
        FuzzySimplicialSet graph = FuzzySimplicialSet.of(knn, n, ctx);
        double[] ab = UmapLayout.fitAB(params.get(SPREAD), params.get(MIN_DIST));
        int epochs = epochs(n);
        double[] y = initialLayout(data, graph, n, dim, initRandom, ctx);
        UmapLayout.optimize(y, dim, y, n, graph, ab[0], ab[1], epochs, params.get(LEARNING_RATE),
                params.get(NEGATIVE_SAMPLE_RATE), params.get(REPULSION_STRENGTH), true, sgdRandom, ctx.progress());
        return new UMAPModel(params, x, n, d, y, dim, ab[0], ab[1], data.columnNames(), exact ? "exact" : "nn-descent");
    }

    private double[] initialLayout(Dataset data, FuzzySimplicialSet graph, int n, int dim, SplittableRandom random,
                                   ExecutionContext ctx) {
        String init = params.get(INIT);
        double[] y;
        if (init.equals("random")) {
            y = new double[n * dim];
            for (int i = 0; i < y.length; i++) {
                y[i] = random.nextDouble(-10, 10);
            }
            return y;
        }
        if (init.equals("pca")) {
            if (dim > data.cols()) {
                throw new CumuloException("parameter 'init': pca gives at most " + data.cols() + " components, "
                        + dim + " asked; use init=spectral or random");
            }
            y = PCA.withComponents(dim).fit(data, ctx).transform(data).rawValues();
        } else {
            ctx.progress().update("UMAP: spectral start", 0, 1);
            y = SpectralLayout.of(graph, n, dim, random, ctx);
        }
        UmapLayout.rescaleInitial(y, n, dim, random);
        return y;
    }

    /** Typed setters over {@link #PARAMS}; every value is checked when set, the pair rules when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder nComponents(int v) {
            values.set(N_COMPONENTS, v);
            return this;
        }

        public Builder nNeighbors(int v) {
            values.set(N_NEIGHBORS, v);
            return this;
        }

        public Builder minDist(double v) {
            values.set(MIN_DIST, v);
            return this;
        }

        public Builder spread(double v) {
            values.set(SPREAD, v);
            return this;
        }

        public Builder nEpochs(int v) {
            values.set(N_EPOCHS, v);
            return this;
        }

        public Builder learningRate(double v) {
            values.set(LEARNING_RATE, v);
            return this;
        }

        public Builder negativeSampleRate(int v) {
            values.set(NEGATIVE_SAMPLE_RATE, v);
            return this;
        }

        public Builder metric(String v) {
            values.set(METRIC, v);
            return this;
        }

        public Builder init(String v) {
            values.set(INIT, v);
            return this;
        }

        public Builder neighbors(String v) {
            values.set(NEIGHBORS, v);
            return this;
        }

        public Builder seed(long v) {
            values.set(SEED, v);
            return this;
        }

        public UMAP build() {
            return new UMAP(values.build());
        }
    }

    /**
     * The rows of {@code data} as the search sees them: a copy, unit-normalised for the cosine metric (the
     * Euclidean distance between unit vectors orders neighbours as the cosine distance does). Refuses
     * non-finite values and, for cosine, rows of zeros, naming the row.
     */
    static double[] searchRows(Dataset data, boolean cosine) {
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues().clone();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++) {
                double v = x[i * d + l];
                if (!Double.isFinite(v)) {
                    throw new CumuloException(data.source() + ": row " + i + ", column '" + data.columnName(l)
                            + "' is " + v + "; UMAP needs finite numbers");
                }
                s += v * v;
            }
            if (cosine) {
                if (s == 0) {
                    throw new CumuloException(data.source() + ": row " + i + " is all zeros; the cosine distance "
                            + "needs rows of non-zero length (use metric=euclidean)");
                }
                double inv = 1 / Math.sqrt(s);
                for (int l = 0; l < d; l++) {
                    x[i * d + l] *= inv;
                }
            }
        }
        return x;
    }
}

package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.ScalerModel;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * k-means clustering: minimise the (weighted) within-cluster sum of squared Euclidean distances.
 *
 * <p>Lloyd's iterations (S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982)
 * from greedy k-means++ seeds (Arthur &amp; Vassilvitskii, SODA 2007), random rows, or given centres; the
 * best of {@code n-init} restarts (lowest inertia) is kept. Parameters and stopping rule match scikit-learn's
 * {@code KMeans}, so from the same initial centres both give the same labels.
 *
 * <pre>{@code
 * KMeansModel m = KMeans.builder().k(3).seed(42).build().fit(data);
 * int[] labels = m.labels();
 * }</pre>
 */
public final class KMeans implements Clusterer<KMeansModel> {
    public static final String NAME = "kmeans";

    public static final Param<Integer> K = Param.integer("k", "number of clusters").atLeast(1);
    public static final Param<String> INIT = Param.text("init", "how the first centres are chosen: greedy k-means++, "
                    + "k-means|| (Bahmani et al. 2012), k distinct random rows, or given centres",
            "k-means++, k-means||, random, or a CSV/.npy file of k initial centres (one row each, in the input's units)")
            .defaultValue("k-means++");
    public static final Param<Integer> N_INIT = Param.integer("n-init",
            "restarts from different seeds; the lowest inertia wins").atLeast(1)
            .defaultDescribedAs("10 (1 with a file of centres)");
    public static final Param<Integer> MAX_ITER = Param.integer("max-iter", "Lloyd iterations per restart at most")
            .atLeast(1).defaultValue(300);
    public static final Param<Double> TOL = Param.real("tol",
            "stop when the total squared centre shift is at most tol × the mean feature variance (as scikit-learn)")
            .atLeast(0).defaultValue(1e-4);
    public static final Param<String> ALGORITHM = Param.choice("algorithm",
            "how each iteration is computed; all give the same result (exact accelerations of Lloyd's algorithm)",
            "auto", "lloyd", "elkan", "hamerly", "yinyang").defaultValue("auto");
    public static final Param<String> REFINE = Param.choice("refine",
            "after the restarts, try to move centroids between clusters by random swap (Fränti 2018); finds the right "
                    + "cluster structure where restarts alone do not", "none", "swap").defaultValue("none");
    public static final Param<Integer> SWAP_TRIALS = Param.integer("swap-trials",
            "swap trials with refine=swap; each costs about one pass of nearest-centre search").atLeast(1).defaultValue(1000);
    public static final Param<String> METRIC = Param.choice("metric",
            "euclidean: k-means; cosine: spherical k-means (rows and centres scaled to unit length; Dhillon & Modha "
                    + "2001), for directions such as text or embeddings", "euclidean", "cosine").defaultValue("euclidean");
    public static final Param<Long> SEED = Param.longInteger("seed", "random seed; the same seed gives the same result")
            .defaultValue(0L);
    public static final Param<String> STORAGE = Param.choice("storage",
            "how the iterations hold the rows: float32 reads half the bytes per pass (the iterations then see the "
                    + "values rounded to float32, all arithmetic stays float64; seeding reads the float64 values)",
            "float64", "float32").defaultValue("float64");

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, INIT, N_INIT, MAX_ITER, TOL, ALGORITHM, REFINE, SWAP_TRIALS,
            METRIC, STORAGE, SEED);

    private final ParamValues params;
    private final int k;
    private final int nInit;
    private final Centres initCentres;

    /** Initial centres given explicitly: {@code rows × cols}, row-major. */
    private static final class Centres {
        final double[] values;
        final int rows;
        final int cols;

        Centres(double[] values, int rows, int cols) {
            this.values = values;
            this.rows = rows;
            this.cols = cols;
        }
    }

    private KMeans(ParamValues params, Centres given) {
        String init = params.get(INIT);
        boolean explicit = given != null || !(init.equals("k-means++") || init.equals("random") || init.equals("k-means||"));
        if (explicit && given == null) {
            given = readCentres(init);
        }
        Integer kv = params.get(K);
        if (given != null) {
            if (kv == null) {
                kv = given.rows;
                params = params.with(K, given.rows);
            } else if (kv != given.rows) {
                throw new CumuloException("init: " + (init.equals("array") ? "the given centres" : init)
                        + " has " + given.rows + " centres but k=" + kv);
            }
            if (params.isSet(N_INIT) && params.get(N_INIT) > 1) {
                throw new CumuloException("parameter 'n-init': restarts make no sense with given initial centres "
                        + "(every restart would be the same); leave n-init out or set it to 1");
            }
        }
        this.k = kv != null ? kv : params.require(K);
        this.nInit = params.isSet(N_INIT) ? params.get(N_INIT) : explicit ? 1 : 10;
        this.params = params.isSet(N_INIT) ? params : params.with(N_INIT, nInit); // record the effective value
        this.initCentres = given;
    }

    /** Builds from parameter values (as parsed from {@code --param} or a model file); reads a centres file. */
    public static KMeans of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not k-means parameters");
        }
        return new KMeans(values, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a file of centres: CSV with a header row (names not checked) or .npy, one centre per row. */
    private static Centres readCentres(String file) {
        if (!Path.of(file).toFile().exists()) {
            throw new CumuloException("parameter 'init': expected k-means++, random or a file of centres; no file '"
                    + file + "' exists");
        }
        Dataset c = DatasetReader.read(file, ReadOptions.defaults());
        return new Centres(c.rawValues(), c.rows(), c.cols());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    public int k() {
        return k;
    }

    public int nInit() {
        return nInit;
    }

    /** The given initial centres (k × d, row-major copy), or {@code null}. */
    public double[] initialCentres() {
        return initCentres == null ? null : initCentres.values.clone();
    }

    /** A copy with the given initial centres replaced (to scale centres given in the input's units). */
    public KMeans withInitialCentres(double[] centres) {
        if (initCentres == null || centres.length != initCentres.values.length) {
            throw new IllegalArgumentException("replacement centres must match the given ones in shape");
        }
        return new KMeans(params, new Centres(centres.clone(), initCentres.rows, initCentres.cols));
    }

    @Override
    public boolean holdsInputUnits() {
        return initCentres != null;
    }

    @Override
    public Distance distance() {
        return params.get(METRIC).equals("cosine") ? Distance.COSINE : Distance.EUCLIDEAN;
    }

    @Override
    public KMeans inScaledSpace(ScalerModel scaler) {
        if (initCentres == null || scaler.isIdentity()) {
            return this;
        }
        if (initCentres.cols != scaler.numFeatures()) {
            throw new CumuloException("init: the initial centres have " + initCentres.cols
                    + " columns but the data have " + scaler.numFeatures() + " features");
        }
        return withInitialCentres(scaler.transform(initCentres.values, initCentres.rows));
    }

    @Override
    public KMeansModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        if (k > n) {
            throw new CumuloException("k=" + k + " is larger than the number of rows (" + n + ") in " + source);
        }
        if (initCentres != null && initCentres.cols != d) {
            throw new CumuloException("init: the initial centres have " + initCentres.cols
                    + " columns but " + source + " has " + d + " features");
        }
        boolean sphere = params.get(METRIC).equals("cosine");
        if (sphere) {
            data = unitRows(data);
        }
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        double tol = params.get(TOL);
        double tolAbs = tol == 0 ? 0 : tol * ClusterStats.meanVariance(x, n, d); // a pass over the data saved when tol = 0
        int maxIter = params.get(MAX_ITER);
        String init = params.get(INIT);
        VectorKernels kernels = VectorKernels.get();
        KMeansProblem problem = params.get(STORAGE).equals("float32")
                ? new KMeansProblem(null, toFloat(data), n, d, k, w, ctx, kernels, source)
                : new KMeansProblem(x, n, d, k, w, ctx, kernels, source);
        problem.sphere = sphere;
        String variant = params.get(ALGORITHM).equals("auto") ? autoVariant(n, k, d) : params.get(ALGORITHM);
        Chunks seedChunks = Chunks.of(n, 2048, 256);
        SplittableRandom master = new SplittableRandom(params.get(SEED));
        KMeansIterations.Result best = null;
        int bestRun = -1;
        double[] restartInertia = new double[nInit];
        long totalSteps = (long) nInit * maxIter;
        for (int run = 0; run < nInit; run++) {
            SplittableRandom rng = master.split();
            double[] start;
            if (initCentres != null) {
                start = initCentres.values;
            } else if (init.equals("random")) {
                start = KMeansPlusPlus.randomRows(x, n, d, w, k, rng, source);
            } else if (init.equals("k-means||")) {
                start = KMeansParallelInit.seed(x, n, d, w, k, rng, seedChunks, ctx, source);
            } else {
                start = KMeansPlusPlus.seed(x, n, d, w, k, rng, seedChunks, ctx, source);
            }
            if (sphere) {
                start = start.clone();
                KMeansProblem.normalizeRows(start, k, d);
            }
            final int r = run;
            KMeansIterations.Result res = iterations(variant, problem).run(start, maxIter, tolAbs,
                    it -> ctx.progress().update("k-means run " + (r + 1) + "/" + nInit, (long) r * maxIter + it, totalSteps));
            restartInertia[run] = res.inertia;
            if (best == null || res.inertia < best.inertia) {
                best = res;
                bestRun = run;
            }
            ctx.progress().update("k-means run " + (r + 1) + "/" + nInit, (long) (r + 1) * maxIter, totalSteps);
        }
        if (params.get(REFINE).equals("swap")) {
            int trials = params.get(SWAP_TRIALS);
            best = RandomSwap.refine(problem, best, trials, master.split(), iterations(variant, problem), maxIter, tolAbs,
                    t -> ctx.progress().update("random swap", t, trials));
        }
        if (!best.converged) {
            ctx.warn("k-means did not converge within max-iter=" + maxIter + " iterations (best run); raise max-iter "
                    + "or tol for a stable result");
        }
        return new KMeansModel(params, best.centres, k, d, best.labels, best.inertia, best.iterations, best.converged,
                ClusterStats.sizes(best.labels, k), restartInertia, bestRun);
    }

    /** The rows rounded to float32 (to nearest); a value beyond float32's range is an error naming it. */
    static float[] toFloat(Dataset data) {
        double[] x = data.rawValues();
        int d = data.cols();
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
            if (Float.isInfinite(f[i])) {
                throw new CumuloException(data.source() + ": row " + data.rowId(i / d) + ", column '"
                        + data.columnNames().get(i % d) + "': value " + x[i]
                        + " is beyond float32's range (±3.4e38); parameter 'storage' must be float64 for these data");
            }
        }
        return f;
    }

    /**
     * The rows scaled to unit length, for spherical k-means (where the nearest centre by Euclidean distance is
     * the one of highest cosine similarity). A row of zeros has no direction: an error naming it.
     */
    static Dataset unitRows(Dataset data) {
        Distance.COSINE.requireDefined(data);
        int n = data.rows();
        int d = data.cols();
        double[] u = data.rawValues().clone();
        KMeansProblem.normalizeRows(u, n, d);
        return data.withValues(u, d, data.columnNames());
    }

    /** For tests: the share of changed labels above which accelerated variants run Lloyd passes. */
    static double denseShareForTests = KMeansIterations.DENSE_SHARE;

    static KMeansIterations iterations(String variant, KMeansProblem problem) {
        KMeansIterations it = variant(variant, problem);
        it.denseShare = denseShareForTests;
        return it;
    }

    private static KMeansIterations variant(String variant, KMeansProblem problem) {
        switch (variant) {
            case "elkan":
                return new ElkanIterations(problem);
            case "hamerly":
                return new HamerlyIterations(problem);
            case "yinyang":
                return new YinyangIterations(problem);
            default:
                return new LloydIterations(problem);
        }
    }

    /**
     * The variant {@code algorithm=auto} picks, from measurements (docs/benchmarks.md, "Choosing the variant"):
     * Hamerly was fastest or within 2% of the fastest on every shape measured (d from 2 to 784, k from 10 to
     * 100), up to 1.6× faster than Lloyd, and at worst ~10% slower than Lloyd on heavily overlapping clusters,
     * where no bound prunes; Elkan (n × k bounds) and Yinyang never won. With one centre there is nothing to bound.
     */
    static String autoVariant(int n, int k, int d) {
        return k == 1 ? "lloyd" : "hamerly";
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();
        private Centres centres;

        public Builder k(int k) {
            values.set(K, k);
            return this;
        }

        public Builder init(String init) {
            values.set(INIT, init);
            return this;
        }

        /** Starts from these centres (one row each); sets {@code k} to their number. */
        public Builder initialCentres(double[][] c) {
            if (c.length == 0) {
                throw new CumuloException("init: no initial centres given");
            }
            int d = c[0].length;
            double[] flat = new double[c.length * d];
            for (int i = 0; i < c.length; i++) {
                if (c[i].length != d) {
                    throw new CumuloException("init: centre " + i + " has " + c[i].length + " values, expected " + d);
                }
                System.arraycopy(c[i], 0, flat, i * d, d);
            }
            for (double v : flat) {
                if (!Double.isFinite(v)) {
                    throw new CumuloException("init: initial centres must be finite numbers, found " + v);
                }
            }
            centres = new Centres(flat, c.length, d);
            values.set(INIT, "array");
            return this;
        }

        public Builder nInit(int n) {
            values.set(N_INIT, n);
            return this;
        }

        public Builder maxIter(int n) {
            values.set(MAX_ITER, n);
            return this;
        }

        public Builder tol(double t) {
            values.set(TOL, t);
            return this;
        }

        public Builder seed(long s) {
            values.set(SEED, s);
            return this;
        }

        /** {@code euclidean} (k-means) or {@code cosine} (spherical k-means). */
        public Builder metric(String m) {
            values.set(METRIC, m);
            return this;
        }

        /** {@code none} or {@code swap} (random swap refinement). */
        public Builder refine(String r) {
            values.set(REFINE, r);
            return this;
        }

        public Builder swapTrials(int t) {
            values.set(SWAP_TRIALS, t);
            return this;
        }

        /** {@code float64} or {@code float32}: how the iterations hold the rows (see {@link #STORAGE}). */
        public Builder storage(String s) {
            values.set(STORAGE, s);
            return this;
        }

        /** How iterations are computed: auto, lloyd, elkan, hamerly (the same result, different speed). */
        public Builder algorithm(String a) {
            values.set(ALGORITHM, a);
            return this;
        }

        public KMeans build() {
            return new KMeans(values.build(), centres);
        }
    }
}

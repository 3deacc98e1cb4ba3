package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.DistanceMatrix;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * k-medoids clustering: choose {@code k} rows of the data (the medoids) minimising the (weighted) sum of the
 * distances of every row to its nearest medoid, under any {@link Distance}. Unlike k-means' centres, medoids
 * are actual rows, the distance need not be Euclidean, and outliers pull less (distances are not squared).
 *
 * <p>Methods ({@code method}):
 * <ul>
 * <li>{@code fasterpam} (default): FasterPAM, E. Schubert &amp; P. J. Rousseeuw, "Fast and eager k-medoids
 *     clustering: O(k) runtime improvement of the PAM, CLARA, and CLARANS algorithms", Information Systems
 *     101, 2021. Eager swaps evaluated for all medoids at once: O(n²) per pass over the rows.</li>
 * <li>{@code pam}: PAM's BUILD and SWAP, L. Kaufman &amp; P. J. Rousseeuw, "Finding Groups in Data" (Wiley,
 *     1990), chapter 2: each round makes the best of all k(n − k) swaps. The swaps are those of the original
 *     algorithm; each round is evaluated with Schubert &amp; Rousseeuw's shared computation (FastPAM1) in
 *     O(n²) rather than O(k n²).</li>
 * <li>{@code clara}: CLARA (Kaufman &amp; Rousseeuw 1990, chapter 3): PAM on {@code samples} random samples of
 *     {@code sample-size} rows (default 5 samples of 40 + 2k rows, as there); each sample after the first
 *     includes the best medoids so far; the medoids with the lowest loss on all rows win.</li>
 * <li>{@code fasterclara}: the same with FasterPAM on each sample (Schubert &amp; Rousseeuw 2021). Being
 *     faster, it affords larger samples: the default is 80 + 4k rows, the FastCLARA default of Schubert
 *     &amp; Rousseeuw, "Faster k-Medoids Clustering: Improving the PAM, CLARA, and CLARANS Algorithms",
 *     SISAP 2019.</li>
 * <li>{@code auto}: {@code fasterpam} up to {@value #AUTO_MAX_ROWS} rows, {@code fasterclara} above.</li>
 * </ul>
 *
 * <p><b>Memory.</b> PAM and FasterPAM (also on each CLARA sample) keep all pairwise distances in memory,
 * rounded to float32: {@code 4·n²} bytes, 400 MB at 10,000 rows and 1.6 GB at the limit of
 * {@value #MATRIX_MAX_ROWS} rows. Larger inputs are refused with a message pointing to {@code fasterclara}.
 * The searches compare sums of these float32 distances (relative rounding ≤ 6·10⁻⁸ per distance); the
 * labels and the reported loss are recomputed from the rows in double precision.
 *
 * <p>{@code k = 1} is solved exactly (the row with the smallest total distance). Weights, when the data have
 * them, multiply each row's distance in the objective (integer weights act as repeated rows); samples and
 * random starts ignore them.
 *
 * <pre>{@code
 * KMedoidsModel m = KMedoids.builder().k(3).metric(Distance.MANHATTAN).seed(42).build().fit(data);
 * int[] medoidRows = m.medoidIndices();
 * }</pre>
 */
public final class KMedoids implements Clusterer<KMedoidsModel> {
    public static final String NAME = "kmedoids";

    /** Most rows PAM and FasterPAM accept (their float32 distance matrix then takes 1.6 GB). */
    public static final int MATRIX_MAX_ROWS = 20_000;
    /** Most rows for which {@code method=auto} picks FasterPAM rather than FasterCLARA (400 MB of distances). */
    public static final int AUTO_MAX_ROWS = 10_000;

    public static final Param<Integer> K = Param.integer("k", "number of clusters (medoids)").atLeast(1);
    public static final Param<String> METRIC = Param.choice("metric", "distance between rows",
            Distance.ids().toArray(new String[0])).defaultValue("euclidean");
    public static final Param<String> METHOD = Param.choice("method",
            "search: fasterpam (eager swaps), pam (best swap per round), clara or fasterclara (the same on "
                    + "samples, for large data), auto (fasterpam up to 10000 rows, fasterclara above)",
            "fasterpam", "pam", "clara", "fasterclara", "auto").defaultValue("fasterpam");
    public static final Param<String> INIT = Param.choice("init",
            "starting medoids: build (PAM's greedy BUILD), random rows, or k-medoids++ (drawn with probability "
                    + "∝ distance to the nearest chosen)", "build", "random", "k-medoids++").defaultValue("build");
    public static final Param<Integer> MAX_ITER = Param.integer("max-iter",
            "swap rounds at most: pam makes the best swap per round, fasterpam passes once over all rows per round")
            .atLeast(1).defaultValue(300);
    public static final Param<Integer> SAMPLES = Param.integer("samples",
            "clara, fasterclara: samples drawn; the medoids with the lowest loss on all rows win").atLeast(1)
            .defaultValue(5);
    public static final Param<Integer> SAMPLE_SIZE = Param.integer("sample-size",
            "clara, fasterclara: rows per sample, including the best medoids so far").atLeast(2)
            .atMost(MATRIX_MAX_ROWS).defaultDescribedAs("40 + 2k (clara), 80 + 4k (fasterclara); at most n");
    public static final Param<Long> SEED = Param.longInteger("seed", "random seed; the same seed gives the same result")
            .defaultValue(0L);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, METRIC, METHOD, INIT, MAX_ITER, SAMPLES, SAMPLE_SIZE,
            SEED);

    private final ParamValues params;
    private final int k;
    private final Distance metric;

    private KMedoids(ParamValues params) {
        int kv = params.require(K);
        if (params.isSet(SAMPLE_SIZE) && params.get(SAMPLE_SIZE) <= kv) {
            throw new CumuloException("parameter 'sample-size': a sample must hold more rows than k=" + kv + ", got "
                    + params.get(SAMPLE_SIZE));
        }
        this.params = params;
        this.k = kv;
        this.metric = Distance.parse(params.get(METRIC));
    }

    /** Builds from parameter values (as parsed from {@code --param} or a model file). */
    public static KMedoids of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not k-medoids parameters");
        }
        return new KMedoids(values);
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

    public int k() {
        return k;
    }

    @Override
    public Distance distance() {
        return metric;
    }

    public Distance metric() {
        return metric;
    }

    /** The method that runs on {@code n} rows: {@code method}, with {@code auto} resolved. */
    public String methodFor(int n) {
        String m = params.get(METHOD);
        return m.equals("auto") ? (n <= AUTO_MAX_ROWS ? "fasterpam" : "fasterclara") : m;
    }

    /** The CLARA sample size on {@code n} rows: {@code sample-size}, or the method's default, at most n. */
    int sampleSize(int n, String method) {
        long s = params.isSet(SAMPLE_SIZE) ? params.get(SAMPLE_SIZE)
                : method.equals("clara") ? 40 + 2L * k : 80 + 4L * k;
        return (int) Math.min(n, Math.min(s, MATRIX_MAX_ROWS));
    }

    @Override
    public KMedoidsModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        if (k > n) {
            throw new CumuloException("k=" + k + " is larger than the number of rows (" + n + ") in " + source);
        }
        metric.requireDefined(data);
        String method = methodFor(n);
        boolean sampled = method.equals("clara") || method.equals("fasterclara");
        if (!sampled && n > MATRIX_MAX_ROWS) {
            throw new CumuloException("method=" + method + " keeps all n² distances in memory and takes at most "
                    + MATRIX_MAX_ROWS + " rows, but " + source + " has " + n + "; use method=fasterclara (or clara, "
                    + "or auto)");
        }
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        SplittableRandom master = new SplittableRandom(params.get(SEED));
        int[] medoidRows;
        MedoidSwap.Result result;
        KMedoidsModel.Assignment assignment;
        KMedoidsModel.Clara claraInfo = null;
        if (!sampled) {
            result = search(x, n, d, w, method.equals("pam"), master.split(), ctx, "method=" + method);
            medoidRows = sorted(result.medoids());
            ctx.progress().update("k-medoids: assigning rows", 0, 1);
            assignment = KMedoidsModel.assign(x, n, d, w, coordinates(x, medoidRows, d), k, metric, ctx);
        } else {
            int s = sampleSize(n, method);
            if (s <= k && s < n) {
                throw new CumuloException("k=" + k + " is too large for method=" + method + ": its samples hold at most "
                        + MATRIX_MAX_ROWS + " rows and must hold more than k");
            }
            int runs = s >= n ? 1 : params.get(SAMPLES);
            double[] losses = new double[runs];
            int bestRun = -1;
            int[] best = null;
            MedoidSwap.Result bestResult = null;
            KMedoidsModel.Assignment bestAssignment = null;
            for (int r = 0; r < runs; r++) {
                ctx.progress().update("k-medoids: " + method + " sample " + (r + 1) + "/" + runs, r, runs);
                SplittableRandom rng = master.split();
                int[] rows = s >= n ? identity(n) : drawSample(n, s, best, rng);
                double[] sub = new double[s * d];
                double[] sw = w == null ? null : new double[s];
                for (int i = 0; i < s; i++) {
                    System.arraycopy(x, rows[i] * d, sub, i * d, d);
                    if (w != null) {
                        sw[i] = w[rows[i]];
                    }
                }
                MedoidSwap.Result res = search(sub, s, d, sw, method.equals("clara"), rng, ctx, "method=" + method);
                int[] local = res.medoids();
                int[] global = new int[k];
                for (int j = 0; j < k; j++) {
                    global[j] = rows[local[j]];
                }
                global = sorted(global);
                ctx.progress().update("k-medoids: assigning all rows to the sample's medoids", r, runs);
                KMedoidsModel.Assignment a = KMedoidsModel.assign(x, n, d, w, coordinates(x, global, d), k, metric,
                        ctx);
                losses[r] = a.loss;
                if (best == null || a.loss < bestAssignment.loss) {
                    best = global;
                    bestRun = r;
                    bestResult = res;
                    bestAssignment = a;
                }
            }
            medoidRows = best;
            result = bestResult;
            assignment = bestAssignment;
            claraInfo = new KMedoidsModel.Clara(runs, s, losses, bestRun);
        }
        double[] medoids = coordinates(x, medoidRows, d);
        requireDistinctMedoids(medoids, medoidRows, x, n, d, source, sampled);
        if (!result.converged()) {
            ctx.warn("k-medoids (" + method + ") stopped at max-iter=" + params.get(MAX_ITER)
                    + " swap rounds before converging; raise max-iter for a stable result");
        }
        return new KMedoidsModel(params, metric, medoids, medoidRows, k, d, assignment.labels, assignment.loss,
                result.rounds(), result.swaps(), result.converged(), assignment.sizes, method, claraInfo);
    }

    /** Starting medoids and swaps on the {@code n} rows of {@code x}; medoid indices are into x. */
    private MedoidSwap.Result search(double[] x, int n, int d, double[] w, boolean pam, SplittableRandom rng,
                                     ExecutionContext ctx, String what) {
        ctx.progress().update("k-medoids: distances", 0, 1);
        DistanceMatrix m = DistanceMatrix.compute(x, n, d, metric, ctx, what);
        if (k == 1) {
            return new MedoidSwap.Result(MedoidSwap.build(m, w, 1, ctx), 0, 0, true);
        }
        int[] start;
        switch (params.get(INIT)) {
            case "random":
                start = MedoidSwap.random(n, k, rng);
                break;
            case "k-medoids++":
                start = MedoidSwap.plusPlus(m, w, k, rng);
                break;
            default:
                start = MedoidSwap.build(m, w, k, ctx);
        }
        MedoidSwap s = new MedoidSwap(m, w, start);
        int maxIter = params.get(MAX_ITER);
        return pam ? s.pam(maxIter, ctx) : s.fasterPam(maxIter, ctx);
    }

    /**
     * {@code s} distinct rows, sorted: the {@code keep} rows (the best medoids so far, or none) and the first
     * rows of a uniform draw that are not among them.
     */
    private static int[] drawSample(int n, int s, int[] keep, SplittableRandom rng) {
        int[] drawn = Sampling.withoutReplacement(n, s, rng);
        int[] rows = new int[s];
        int p = 0;
        Set<Integer> kept = new HashSet<>();
        if (keep != null) {
            for (int r : keep) {
                rows[p++] = r;
                kept.add(r);
            }
        }
        for (int i = 0; p < s; i++) {
            if (!kept.contains(drawn[i])) {
                rows[p++] = drawn[i];
            }
        }
        Arrays.sort(rows);
        return rows;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }

    private static double[] coordinates(double[] x, int[] rows, int d) {
        double[] c = new double[rows.length * d];
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(x, rows[j] * d, c, j * d, d);
        }
        return c;
    }

    /**
     * Two medoids at distance 0 mean a cluster that is empty or a copy of another: an error, worded by its
     * likely cause.
     */
    private void requireDistinctMedoids(double[] med, int[] rows, double[] x, int n, int d, String source,
                                        boolean sampled) {
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (metric.between(med, i * d, med, j * d, d) != 0) {
                    continue;
                }
                if (metric == Distance.COSINE || !hasDistinctRows(x, n, d, k)) {
                    throw new CumuloException("k=" + k + " but " + source + " has fewer than " + k + " distinct rows"
                            + (metric == Distance.COSINE ? " (under cosine distance, rows on one ray from the origin "
                            + "are the same)" : "") + ", so some clusters would be empty or identical; choose a "
                            + "smaller k");
                }
                throw new CumuloException("k=" + k + ": the medoids at rows " + rows[i] + " and " + rows[j] + " of "
                        + source + " coincide because " + (sampled ? "a sample held fewer than " + k
                        + " distinct rows; raise sample-size" : "the swaps stopped at max-iter=" + params.get(MAX_ITER)
                        + "; raise max-iter") + " or choose a smaller k");
            }
        }
    }

    /** Whether the rows of x hold at least {@code k} distinct vectors (−0 and 0 equal). */
    private static boolean hasDistinctRows(double[] x, int n, int d, int k) {
        Set<RowKey> seen = new HashSet<>();
        for (int i = 0; i < n && seen.size() < k; i++) {
            double[] r = new double[d];
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                r[j] = v == 0 ? 0.0 : v;
            }
            seen.add(new RowKey(r));
        }
        return seen.size() >= k;
    }

    private record RowKey(double[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey && Arrays.equals(v, ((RowKey) o).v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder k(int k) {
            values.set(K, k);
            return this;
        }

        public Builder metric(Distance metric) {
            values.set(METRIC, metric.id());
            return this;
        }

        /** A distance by name; see {@link Distance}. */
        public Builder metric(String metric) {
            values.set(METRIC, Distance.parse(metric).id());
            return this;
        }

        public Builder method(String method) {
            values.setText(METHOD.name(), method);
            return this;
        }

        public Builder init(String init) {
            values.setText(INIT.name(), init);
            return this;
        }

        public Builder maxIter(int n) {
            values.set(MAX_ITER, n);
            return this;
        }

        public Builder samples(int n) {
            values.set(SAMPLES, n);
            return this;
        }

        public Builder sampleSize(int n) {
            values.set(SAMPLE_SIZE, n);
            return this;
        }

        public Builder seed(long s) {
            values.set(SEED, s);
            return this;
        }

        public KMedoids build() {
            return new KMedoids(values.build());
        }
    }
}

package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.SplittableRandom;

/**
 * Mini-batch k-means (D. Sculley, "Web-scale k-means clustering", Proc. WWW 2010, pp. 1177–1178): k-means
 * whose centres move after each small random batch of rows, with a per-centre learning rate of
 * 1 / (weight the centre has absorbed so far), so a fit touches each row only a few times. The behaviour follows
 * scikit-learn 1.2's {@code MiniBatchKMeans}, written independently from its documentation and behaviour:
 *
 * <ul>
 *   <li><b>Initialisation</b>: {@code n-init} candidate sets of centres, each by greedy k-means++ (or random rows)
 *       on its own random subsample of {@code init-size} rows; the candidate with the lowest inertia on a further
 *       random validation subsample of {@code init-size} rows is kept. (Subsamples are drawn without
 *       replacement; scikit-learn draws with replacement.)</li>
 *   <li><b>Steps</b>: each draws {@code batch-size} rows uniformly with replacement and applies
 *       {@link MiniBatchSteps one update}; centres with little weight are moved to random batch rows
 *       ({@code reassignment-ratio}) whenever a centre has no weight or 10·k rows were seen since the last
 *       check.</li>
 *   <li><b>Stopping</b>: after {@code max-iter} passes' worth of rows ({@code max-iter · n / batch-size} steps);
 *       earlier when the squared change of the centres in one step is at most {@code tol} × the mean feature
 *       variance ({@code tol > 0}), or when the exponentially weighted average of the batch inertia per row
 *       (smoothing factor {@code min(1, 2·batch-size / (n + 1))}, first step left out) has not reached a new
 *       minimum for {@code max-no-improvement} consecutive steps.</li>
 *   <li><b>Result</b>: every row is assigned to the final centres; the reported inertia is that assignment's exact
 *       (weighted) sum of squared distances.</li>
 * </ul>
 *
 * <p>Streaming: {@link #partialFit} starts a model from one batch and {@link MiniBatchKMeansModel#partialFit}
 * returns a new model updated with the next batch (one step on the whole batch). The model carries the centres'
 * counts, so updates continue where they left off, also after the model was saved and read back.
 *
 * <p>Determinism: batch rows and reassignments are drawn from {@link SplittableRandom} streams split from
 * {@code seed}; batches are processed in fixed chunks reduced in chunk order, so the same seed gives the same
 * result on any number of threads.
 */
public final class MiniBatchKMeans implements Clusterer<MiniBatchKMeansModel> {
    public static final String NAME = "minibatch-kmeans";

    public static final Param<Integer> K = Param.integer("k", "number of clusters").atLeast(1);
    public static final Param<String> INIT = Param.choice("init",
            "how each candidate set of initial centres is chosen on its subsample", "k-means++", "random")
            .defaultValue("k-means++");
    public static final Param<Integer> N_INIT = Param.integer("n-init",
            "candidate initialisations; the one with the lowest inertia on a validation subsample is kept (as "
                    + "scikit-learn 1.2)").atLeast(1).defaultValue(3);
    public static final Param<Integer> INIT_SIZE = Param.integer("init-size",
            "rows in each initialisation subsample and in the validation subsample").atLeast(1)
            .defaultDescribedAs("3 × batch-size (at least 3k, at most the number of rows)");
    public static final Param<Integer> BATCH_SIZE = Param.integer("batch-size", "rows per mini-batch")
            .atLeast(1).defaultValue(1024);
    public static final Param<Integer> MAX_ITER = Param.integer("max-iter",
            "passes over the data at most (max-iter × rows / batch-size steps)").atLeast(1).defaultValue(100);
    public static final Param<Double> TOL = Param.real("tol",
            "stop when the squared centre change in one step is at most tol × the mean feature variance; 0 turns "
                    + "this off").atLeast(0).defaultValue(0.0);
    public static final Param<Integer> MAX_NO_IMPROVEMENT = Param.integer("max-no-improvement",
            "stop after this many consecutive steps without a new minimum of the smoothed batch inertia; 0 turns "
                    + "this off").atLeast(0).defaultValue(10);
    public static final Param<Double> REASSIGNMENT_RATIO = Param.real("reassignment-ratio",
            "centres whose count is below this fraction of the largest count move to random batch rows; 0 turns "
                    + "this off").atLeast(0).lessThan(1).defaultValue(0.01);
    public static final Param<Long> SEED = Param.longInteger("seed", "random seed; the same seed gives the same result")
            .defaultValue(0L);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, INIT, N_INIT, INIT_SIZE, BATCH_SIZE, MAX_ITER, TOL,
            MAX_NO_IMPROVEMENT, REASSIGNMENT_RATIO, SEED);

    /** Rows per chunk of the final assignment of every row. */
    private static final int ASSIGN_CHUNK_ROWS = 4096;

    private final ParamValues params;
    private final int k;

    private MiniBatchKMeans(ParamValues params) {
        int kv = params.require(K);
        if (params.isSet(INIT_SIZE) && params.get(INIT_SIZE) < kv) {
            throw new CumuloException("parameter 'init-size': " + params.get(INIT_SIZE) + " rows cannot seed k=" + kv
                    + " centres; give at least k rows (or leave init-size out)");
        }
        this.k = kv;
        this.params = params;
    }

    /** Builds from parameter values (as parsed from {@code --param} or a model file). */
    public static MiniBatchKMeans of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not mini-batch k-means parameters");
        }
        return new MiniBatchKMeans(values);
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

    /** The rows per initialisation subsample for {@code n} rows and batches of {@code batch} rows. */
    int initSize(int n, int batch) {
        int s = params.isSet(INIT_SIZE) ? params.get(INIT_SIZE) : 3 * batch;
        if (s < k) {
            s = 3 * k;
        }
        return Math.min(s, n);
    }

    @Override
    public MiniBatchKMeansModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        requireRows(n, source);
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        int b = Math.min(params.get(BATCH_SIZE), n);
        int initSize = initSize(n, b);
        int nInit = params.get(N_INIT);
        SplittableRandom master = new SplittableRandom(params.get(SEED));

        // --- initialisation: the best of n-init candidates on a validation subsample ---
        Rows validation = Rows.gather(x, w, d, Sampling.withoutReplacement(n, initSize, master.split()));
        int[] validationLabels = new int[initSize];
        VectorKernels kernels = VectorKernels.get();
        double[] initInertia = new double[nInit];
        double[] best = null;
        int bestInit = -1;
        for (int r = 0; r < nInit; r++) {
            SplittableRandom rng = master.split();
            Rows sub = Rows.gather(x, w, d, Sampling.withoutReplacement(n, initSize, rng));
            double[] c = initialCentres(sub, d, rng, ctx, source);
            CentreTable table = new CentreTable(c, k, d, kernels);
            initInertia[r] = MiniBatchSteps.nearestExact(table, kernels, validation.x, validation.w, 0, initSize,
                    validationLabels, 0, new MiniBatchSteps.Scratch(table, kernels));
            if (best == null || initInertia[r] < initInertia[bestInit]) {
                best = c;
                bestInit = r;
            }
        }

        // --- mini-batch steps ---
        MiniBatchSteps state = new MiniBatchSteps(best, new double[k], k, d, 0, 0, params.get(REASSIGNMENT_RATIO));
        SplittableRandom rng = master.split();
        double tol = params.get(TOL);
        double tolAbs = tol == 0 ? 0 : tol * ClusterStats.meanVariance(x, n, d);
        int maxNoImprovement = params.get(MAX_NO_IMPROVEMENT);
        long maxSteps = Math.max(1, (long) params.get(MAX_ITER) * n / b);
        double alpha = Math.min(1.0, b * 2.0 / (n + 1.0));
        int[] rows = new int[b];
        double ewa = Double.NaN;
        double ewaMin = Double.NaN;
        int noImprovement = 0;
        String stop = "max-iter";
        long step = 0;
        while (step < maxSteps) {
            for (int i = 0; i < b; i++) {
                rows[i] = rng.nextInt(n);
            }
            boolean reassign = state.reassignmentDue(b);
            double batchInertia = state.step(x, w, rows, b, rng, reassign, tolAbs > 0, ctx) / b;
            step++;
            if ((step & 63) == 0) {
                ctx.progress().update("mini-batch k-means", step, maxSteps);
            }
            if (step == 1) {
                continue; // its inertia measures the initial centres, not the steps
            }
            ewa = Double.isNaN(ewa) ? batchInertia : ewa * (1 - alpha) + batchInertia * alpha;
            if (tolAbs > 0 && state.lastShift <= tolAbs) {
                stop = "tol";
                break;
            }
            if (Double.isNaN(ewaMin) || ewa < ewaMin) {
                noImprovement = 0;
                ewaMin = ewa;
            } else {
                noImprovement++;
            }
            if (maxNoImprovement > 0 && noImprovement >= maxNoImprovement) {
                stop = "no-improvement";
                break;
            }
        }
        ctx.progress().update("mini-batch k-means", maxSteps, maxSteps);
        if (stop.equals("max-iter") && (tolAbs > 0 || maxNoImprovement > 0)) {
            ctx.warn("mini-batch k-means stopped at max-iter=" + params.get(MAX_ITER) + " passes (" + step
                    + " steps) before its stopping rules were met; raise max-iter for a stable result");
        }

        // --- every row to the final centres ---
        int[] labels = new int[n];
        double inertia = assignAll(state.centres, k, x, w, n, d, labels, ctx);
        int epochs = (int) Math.min(Integer.MAX_VALUE, (step * b + n - 1) / n);
        return new MiniBatchKMeansModel(params, state.centres, state.counts, k, d, state.steps,
                state.rowsSinceReassignment, labels, inertia, ClusterStats.sizes(labels, k), false, epochs,
                !stop.equals("max-iter"), stop, initInertia, bestInit);
    }

    /**
     * Starts a streaming model from its first batch: initial centres from (a subsample of {@code init-size} rows
     * of) the batch, then one step on the whole batch. Continue with {@link MiniBatchKMeansModel#partialFit}.
     */
    public MiniBatchKMeansModel partialFit(Dataset batch) {
        return partialFit(batch, ExecutionContext.defaults());
    }

    public MiniBatchKMeansModel partialFit(Dataset batch, ExecutionContext ctx) {
        int n = batch.rows();
        int d = batch.cols();
        requireRows(n, batch.source());
        double[] x = batch.rawValues();
        double[] w = batch.rawWeights();
        int initSize = initSize(n, Math.min(params.get(BATCH_SIZE), n));
        SplittableRandom rng = new SplittableRandom(params.get(SEED));
        Rows sub = Rows.gather(x, w, d, Sampling.withoutReplacement(n, initSize, rng));
        double[] c = initialCentres(sub, d, rng, ctx, batch.source());
        MiniBatchSteps state = new MiniBatchSteps(c, new double[k], k, d, 0, 0, params.get(REASSIGNMENT_RATIO));
        return MiniBatchKMeansModel.stepOn(params, state, batch, ctx);
    }

    private void requireRows(int n, String source) {
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        if (k > n) {
            throw new CumuloException("k=" + k + " is larger than the number of rows (" + n + ") in " + source);
        }
    }

    private double[] initialCentres(Rows sub, int d, SplittableRandom rng, ExecutionContext ctx, String source) {
        if (params.get(INIT).equals("random")) {
            return KMeansPlusPlus.randomRows(sub.x, sub.n, d, sub.w, k, rng, source);
        }
        return KMeansPlusPlus.seed(sub.x, sub.n, d, sub.w, k, rng, Chunks.of(sub.n, 2048, 256), ctx, source);
    }

    /** Nearest centre of every row into {@code labels}; returns the exact (weighted) inertia, added in chunk order. */
    static double assignAll(double[] centres, int k, double[] x, double[] w, int n, int d, int[] labels,
                            ExecutionContext ctx) {
        VectorKernels kernels = VectorKernels.get();
        CentreTable table = new CentreTable(centres, k, d, kernels);
        Chunks chunks = Chunks.of(n, ASSIGN_CHUNK_ROWS, 256);
        double[] part = new double[chunks.count()];
        ctx.parallelFor(chunks.count(), c -> part[c] = MiniBatchSteps.nearestExact(table, kernels, x, w,
                chunks.start(c), chunks.end(c), labels, chunks.start(c), new MiniBatchSteps.Scratch(table, kernels)));
        double s = 0;
        for (double v : part) {
            s += v;
        }
        return s;
    }

    /** Some rows gathered into a contiguous block (with their weights). */
    static final class Rows {
        final double[] x;
        final double[] w;
        final int n;

        private Rows(double[] x, double[] w, int n) {
            this.x = x;
            this.w = w;
            this.n = n;
        }

        static Rows gather(double[] x, double[] w, int d, int[] idx) {
            double[] out = new double[idx.length * d];
            double[] ow = w == null ? null : new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(x, idx[i] * d, out, i * d, d);
                if (ow != null) {
                    ow[i] = w[idx[i]];
                }
            }
            return new Rows(out, ow, idx.length);
        }
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder k(int k) {
            values.set(K, k);
            return this;
        }

        public Builder init(String init) {
            values.set(INIT, init);
            return this;
        }

        public Builder nInit(int n) {
            values.set(N_INIT, n);
            return this;
        }

        public Builder initSize(int n) {
            values.set(INIT_SIZE, n);
            return this;
        }

        public Builder batchSize(int n) {
            values.set(BATCH_SIZE, n);
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

        /** 0 turns the smoothed-inertia stopping rule off. */
        public Builder maxNoImprovement(int n) {
            values.set(MAX_NO_IMPROVEMENT, n);
            return this;
        }

        public Builder reassignmentRatio(double r) {
            values.set(REASSIGNMENT_RATIO, r);
            return this;
        }

        public Builder seed(long s) {
            values.set(SEED, s);
            return this;
        }

        public MiniBatchKMeans build() {
            return new MiniBatchKMeans(values.build());
        }
    }
}

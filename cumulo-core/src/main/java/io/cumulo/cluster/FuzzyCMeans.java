package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Fuzzy c-means: every row belongs to every cluster to a degree {@code u_ij ∈ [0, 1]}, {@code Σ_j u_ij = 1},
 * and the centres and memberships minimise
 * <pre>  J_m = Σ_i w_i Σ_j u_ij^m ‖x_i − c_j‖²</pre>
 * for a fuzzifier {@code m > 1} (J. C. Bezdek, <i>Pattern Recognition with Fuzzy Objective Function
 * Algorithms</i>, Plenum, 1981; J. C. Bezdek, R. Ehrlich, W. Full, "FCM: the fuzzy c-means clustering
 * algorithm", Computers &amp; Geosciences 10(2–3):191–203, 1984; the case m = 2 is J. C. Dunn's, 1973).
 *
 * <p>Alternating optimisation (Picard iterations on Bezdek's necessary conditions): centres
 * {@code c_j = Σ_i w_i u_ij^m x_i / Σ_i w_i u_ij^m}, then memberships
 * {@code u_ij = 1 / Σ_l (‖x_i − c_j‖ / ‖x_i − c_l‖)^(2/(m−1))}; a row lying exactly on one or more centres
 * shares its membership equally among them. It stops when no membership moved by more than {@code tol}
 * (the max-norm of Bezdek's ε test) or after {@code max-iter} iterations; J_m never increases from one
 * iteration to the next. As m → 1 the memberships tend to 0/1 (hard k-means); as m grows they tend to 1/k.
 *
 * <p>Start: greedy k-means++ centres (as {@link KMeans}) or random memberships (each row's drawn uniformly and
 * normalised). Each iteration is one pass over the data split into fixed chunks whose partial sums are added in
 * chunk order, so results do not depend on the thread count.
 *
 * <pre>{@code
 * FuzzyCMeansModel m = FuzzyCMeans.builder().k(3).m(2).seed(1).build().fit(data);
 * double[] u = m.memberships();          // n × k, row-major
 * double pc = m.partitionCoefficient();  // in [1/k, 1]
 * }</pre>
 */
public final class FuzzyCMeans implements Clusterer<FuzzyCMeansModel> {
    public static final String NAME = "fuzzy-cmeans";

    public static final Param<Integer> K = Param.integer("k", "number of clusters").atLeast(1);
    public static final Param<Double> M = Param.real("m",
            "fuzzifier: near 1 the memberships are almost 0 or 1 (hard k-means), larger values make them fuzzier")
            .greaterThan(1).defaultValue(2.0);
    public static final Param<Integer> MAX_ITER = Param.integer("max-iter", "iterations at most")
            .atLeast(1).defaultValue(300);
    public static final Param<Double> TOL = Param.real("tol",
            "stop when no membership changed by more than tol in an iteration").atLeast(0).defaultValue(1e-4);
    public static final Param<String> INIT = Param.choice("init",
            "how to start: k-means++ centres (greedy k-means++ seeding) or random memberships", "k-means++", "random")
            .defaultValue("k-means++");
    public static final Param<Long> SEED = Param.longInteger("seed", "random seed; the same seed gives the same result")
            .defaultValue(0L);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, M, MAX_ITER, TOL, INIT, SEED);

    /** Rows per chunk at least; per-chunk buffers hold k·d sums, so the number of chunks is bounded too. */
    private static final int MIN_CHUNK_ROWS = 1024;
    private static final long CHUNK_BUFFER_BUDGET = 1L << 22;

    private final ParamValues params;
    private final int k;

    private FuzzyCMeans(ParamValues params) {
        int kv = params.require(K);
        this.k = kv;
        this.params = params;
    }

    /** Builds from parameter values (as parsed from {@code --param} or a model file). */
    public static FuzzyCMeans of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not fuzzy c-means parameters");
        }
        return new FuzzyCMeans(values);
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

    public double m() {
        return params.get(M);
    }

    @Override
    public FuzzyCMeansModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        if (k > n) {
            throw new CumuloException("k=" + k + " is larger than the number of rows (" + n + ") in " + source);
        }
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        double m = params.get(M);
        Chunks chunks = chunksFor(n, k, d);
        SplittableRandom rng = new SplittableRandom(params.get(SEED));
        double[] centres;
        double[] u0 = null;
        if (params.get(INIT).equals("random")) {
            u0 = new double[n * k];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < k; j++) {
                    double v = rng.nextDouble();
                    u0[i * k + j] = v;
                    s += v;
                }
                for (int j = 0; j < k; j++) {
                    u0[i * k + j] /= s;
                }
            }
            centres = centresFrom(x, n, d, w, k, m, u0, chunks, ctx);
        } else {
            centres = KMeansPlusPlus.seed(x, n, d, w, k, rng, chunks, ctx, source);
        }
        int maxIter = params.get(MAX_ITER);
        Iterations it = new Iterations(x, n, d, w, k, m, chunks, ctx);
        Result r = it.run(centres, u0, maxIter, params.get(TOL),
                i -> ctx.progress().update("fuzzy c-means", i, maxIter));
        if (!r.converged) {
            ctx.warn("fuzzy c-means did not converge within max-iter=" + maxIter + " iterations (largest membership "
                    + "change in the last one: " + r.lastChange + "); raise max-iter or tol");
        }
        double[] indices = partitionIndices(r.memberships, n, k, w, chunks, ctx);
        return new FuzzyCMeansModel(params, r.centres, k, d, r.labels, r.memberships, r.objective, r.iterations,
                r.converged, ClusterStats.sizes(r.labels, k), indices[0], indices[1], r.history);
    }

    static Chunks chunksFor(int n, int k, int d) {
        int maxChunks = (int) Math.max(1, Math.min(256, CHUNK_BUFFER_BUDGET / Math.max(1L, (long) k * (d + 1))));
        return Chunks.of(n, MIN_CHUNK_ROWS, maxChunks);
    }

    /** What one run produced: final centres and the memberships computed from them. */
    static final class Result {
        final double[] centres;
        final double[] memberships;
        final int[] labels;
        final double objective;
        final int iterations;
        final boolean converged;
        final double lastChange;
        final double[] history;

        Result(double[] centres, double[] memberships, int[] labels, double objective, int iterations,
               boolean converged, double lastChange, double[] history) {
            this.centres = centres;
            this.memberships = memberships;
            this.labels = labels;
            this.objective = objective;
            this.iterations = iterations;
            this.converged = converged;
            this.lastChange = lastChange;
            this.history = history;
        }
    }

    /** The iterations over one data set; package-private so that tests can start from given centres. */
    static final class Iterations {
        private final double[] x;
        private final int n;
        private final int d;
        private final double[] w;
        private final int k;
        private final double m;
        private final double q;
        private final Chunks chunks;
        private final ExecutionContext ctx;
        private final VectorKernels kernels = VectorKernels.get();
        private final double[][] chunkSums;
        private final double[][] chunkDen;
        private final double[] chunkObjective;
        private final double[] chunkChange;

        Iterations(double[] x, int n, int d, double[] w, int k, double m, Chunks chunks, ExecutionContext ctx) {
            this.x = x;
            this.n = n;
            this.d = d;
            this.w = w;
            this.k = k;
            this.m = m;
            this.q = 1.0 / (m - 1);
            this.chunks = chunks;
            this.ctx = ctx;
            int nc = chunks.count();
            chunkSums = new double[nc][k * d];
            chunkDen = new double[nc][k];
            chunkObjective = new double[nc];
            chunkChange = new double[nc];
        }

        /**
         * Iterates from {@code centres} (not modified). {@code previous}, if given, holds the memberships the
         * centres were computed from (random start): the first iteration may then already converge.
         */
        Result run(double[] centres, double[] previous, int maxIter, double tol, IntConsumer onStep) {
            double[] c = centres.clone();
            double[] next = new double[k * d];
            double[] uOld = previous == null ? new double[n * k] : previous.clone();
            double[] u = new double[n * k];
            int[] labels = new int[n];
            double[] history = new double[maxIter];
            boolean havePrevious = previous != null;
            boolean converged = false;
            double objective = Double.NaN;
            double change = Double.NaN;
            int iter = 0;
            while (iter < maxIter) {
                boolean compare = havePrevious;
                double[] uo = uOld;
                double[] uc = u;
                double[] cc = c;
                ctx.parallelFor(chunks.count(), ch -> pass(ch, cc, uc, compare ? uo : null, labels));
                objective = 0;
                change = 0;
                for (int ch = 0; ch < chunks.count(); ch++) {
                    objective += chunkObjective[ch];
                    change = Math.max(change, chunkChange[ch]);
                }
                history[iter] = objective;
                iter++;
                onStep.accept(iter);
                if (havePrevious && change <= tol) {
                    converged = true;
                    break;
                }
                if (iter == maxIter) {
                    break; // keep the centres u was computed from
                }
                combine(c, next);
                double[] t = c;
                c = next;
                next = t;
                t = uOld;
                uOld = u;
                u = t;
                havePrevious = true;
            }
            return new Result(c, u, labels, objective, iter, converged, havePrevious ? change : Double.NaN,
                    Arrays.copyOf(history, iter));
        }

        /**
         * One chunk: memberships from {@code centres} into {@code u}, their largest change from {@code uOld}, the
         * objective J_m(u, centres), the sums for the next centres and the nearest centre of each row.
         */
        private void pass(int ch, double[] centres, double[] u, double[] uOld, int[] labels) {
            double[] sums = chunkSums[ch];
            double[] den = chunkDen[ch];
            Arrays.fill(sums, 0);
            Arrays.fill(den, 0);
            double[] dist = new double[k];
            double obj = 0;
            double change = 0;
            for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                int xo = i * d;
                for (int j = 0; j < k; j++) {
                    dist[j] = kernels.squaredDistance(x, xo, centres, j * d, d);
                }
                labels[i] = memberships(dist, k, q, u, i * k);
                double wi = w == null ? 1.0 : w[i];
                double rowObj = 0;
                for (int j = 0; j < k; j++) {
                    double uij = u[i * k + j];
                    if (uOld != null) {
                        change = Math.max(change, Math.abs(uij - uOld[i * k + j]));
                    }
                    if (uij == 0) {
                        continue;
                    }
                    double um = pow(uij, m) * wi;
                    rowObj += um * dist[j];
                    den[j] += um;
                    int so = j * d;
                    for (int l = 0; l < d; l++) {
                        sums[so + l] += um * x[xo + l];
                    }
                }
                obj += rowObj;
            }
            chunkObjective[ch] = obj;
            chunkChange[ch] = change;
        }

        /** Next centres from the chunk sums (in chunk order); a cluster with no weight keeps its centre. */
        private void combine(double[] centres, double[] next) {
            Arrays.fill(next, 0);
            double[] den = new double[k];
            for (int ch = 0; ch < chunks.count(); ch++) {
                double[] s = chunkSums[ch];
                for (int i = 0; i < k * d; i++) {
                    next[i] += s[i];
                }
                double[] cd = chunkDen[ch];
                for (int j = 0; j < k; j++) {
                    den[j] += cd[j];
                }
            }
            for (int j = 0; j < k; j++) {
                if (den[j] > 0) {
                    double inv = 1.0 / den[j];
                    for (int l = 0; l < d; l++) {
                        next[j * d + l] *= inv;
                    }
                } else {
                    System.arraycopy(centres, j * d, next, j * d, d);
                }
            }
        }
    }

    /**
     * Memberships of one row from its squared distances {@code dist} to the k centres, written to
     * {@code u[off..off+k)}: {@code u_j = (D_min/D_j)^q / Σ_l (D_min/D_l)^q} with {@code q = 1/(m−1)} (the ratio
     * form avoids overflow as m → 1). Rows on a centre share their membership equally among the centres at
     * distance 0. Returns the nearest centre (the highest membership; ties to the lowest index).
     */
    static int memberships(double[] dist, int k, double q, double[] u, int off) {
        int best = nearest(dist, k);
        double min = dist[best];
        if (min == 0) {
            int zeros = 0;
            for (int j = 0; j < k; j++) {
                if (dist[j] == 0) {
                    zeros++;
                }
            }
            double share = 1.0 / zeros;
            for (int j = 0; j < k; j++) {
                u[off + j] = dist[j] == 0 ? share : 0;
            }
            return best;
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            double t = pow(min / dist[j], q);
            u[off + j] = t;
            s += t;
        }
        double inv = 1.0 / s;
        for (int j = 0; j < k; j++) {
            u[off + j] *= inv;
        }
        return best;
    }

    /** Index of the smallest of {@code dist[0..k)}, ties to the lowest index. */
    static int nearest(double[] dist, int k) {
        int best = 0;
        double min = dist[0];
        for (int j = 1; j < k; j++) {
            if (dist[j] < min) {
                min = dist[j];
                best = j;
            }
        }
        return best;
    }

    /** {@code a^b} with the common exponents done by multiplication (faster, and exact for b = 1). */
    static double pow(double a, double b) {
        if (b == 1) {
            return a;
        }
        if (b == 2) {
            return a * a;
        }
        if (b == 3) {
            return a * a * a;
        }
        if (b == 0.5) {
            return Math.sqrt(a);
        }
        return Math.pow(a, b);
    }

    /** Centres from memberships (the centre step alone), chunked and added in chunk order. */
    static double[] centresFrom(double[] x, int n, int d, double[] w, int k, double m, double[] u, Chunks chunks,
                                ExecutionContext ctx) {
        int nc = chunks.count();
        double[][] sums = new double[nc][k * d];
        double[][] den = new double[nc][k];
        ctx.parallelFor(nc, ch -> {
            for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                double wi = w == null ? 1.0 : w[i];
                for (int j = 0; j < k; j++) {
                    double um = pow(u[i * k + j], m) * wi;
                    den[ch][j] += um;
                    for (int l = 0; l < d; l++) {
                        sums[ch][j * d + l] += um * x[i * d + l];
                    }
                }
            }
        });
        double[] c = new double[k * d];
        double[] total = new double[k];
        for (int ch = 0; ch < nc; ch++) {
            for (int i = 0; i < k * d; i++) {
                c[i] += sums[ch][i];
            }
            for (int j = 0; j < k; j++) {
                total[j] += den[ch][j];
            }
        }
        for (int j = 0; j < k; j++) {
            if (!(total[j] > 0)) {
                throw new CumuloException("fuzzy c-means: cluster " + j + " received no weight from the random "
                        + "memberships (all weights zero?)");
            }
            for (int l = 0; l < d; l++) {
                c[j * d + l] /= total[j];
            }
        }
        return c;
    }

    /**
     * Bezdek's partition coefficient {@code PC = Σ_i w_i Σ_j u_ij² / Σ_i w_i} (in [1/k, 1]; 1 for a hard
     * partition) and partition entropy {@code PE = −Σ_i w_i Σ_j u_ij ln u_ij / Σ_i w_i} (in [0, ln k]; 0 for a hard
     * partition, with 0·ln 0 = 0), natural logarithm, not normalised by k.
     */
    static double[] partitionIndices(double[] u, int n, int k, double[] w, Chunks chunks, ExecutionContext ctx) {
        int nc = chunks.count();
        double[] pc = new double[nc];
        double[] pe = new double[nc];
        double[] tw = new double[nc];
        ctx.parallelFor(nc, ch -> {
            double a = 0;
            double b = 0;
            double t = 0;
            for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                double wi = w == null ? 1.0 : w[i];
                double ra = 0;
                double rb = 0;
                for (int j = 0; j < k; j++) {
                    double v = u[i * k + j];
                    ra += v * v;
                    if (v > 0) {
                        rb -= v * Math.log(v);
                    }
                }
                a += wi * ra;
                b += wi * rb;
                t += wi;
            }
            pc[ch] = a;
            pe[ch] = b;
            tw[ch] = t;
        });
        double a = 0;
        double b = 0;
        double t = 0;
        for (int ch = 0; ch < nc; ch++) {
            a += pc[ch];
            b += pe[ch];
            t += tw[ch];
        }
        return new double[] {a / t, b / t};
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder k(int k) {
            values.set(K, k);
            return this;
        }

        /** The fuzzifier, {@code > 1}. */
        public Builder m(double m) {
            values.set(M, m);
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

        /** {@code k-means++} (centres) or {@code random} (memberships). */
        public Builder init(String init) {
            values.set(INIT, init);
            return this;
        }

        public Builder seed(long s) {
            values.set(SEED, s);
            return this;
        }

        public FuzzyCMeans build() {
            return new FuzzyCMeans(values.build());
        }
    }
}

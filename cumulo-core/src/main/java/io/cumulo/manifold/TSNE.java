package io.cumulo.manifold;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.estimator.Estimator;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * t-distributed stochastic neighbour embedding (L. van der Maaten and G. Hinton, "Visualizing data using t-SNE",
 * JMLR 9, 2008), exact or with the Barnes-Hut approximation (L. van der Maaten, "Accelerating t-SNE using
 * tree-based algorithms", JMLR 15, 2014). It places the rows in a low-dimensional space so that the Student-t
 * similarities Q of the embedding match the perplexity-calibrated Gaussian affinities P of the data
 * ({@link TSNEAffinities}), by gradient descent on KL(P‖Q).
 *
 * <p>The schedule is scikit-learn 1.2.1's, so that results compare: 250 iterations with P multiplied by
 * {@code early-exaggeration} (12) and momentum 0.5, then the rest up to {@code max-iter} (1,000) with momentum
 * 0.8; per-coordinate gains (delta-bar-delta, R. A. Jacobs 1988: +0.2 when the gradient changes sign against the
 * last update, ×0.8 otherwise, at least 0.01), reset at the stage change; every 50 iterations the KL divergence
 * is checked, and a stage stops after {@code n-iter-without-progress} iterations (250 in the first stage) without
 * a new best or when the gradient norm falls to {@code min-grad-norm}. The learning rate "auto" is
 * {@code max(n / early-exaggeration / 4, 50)}: scikit-learn 1.2.1's code (its issue #18018; Belkina et al. 2019
 * proposed n / early-exaggeration, the factor 4 compensates for scikit-learn's gradient being 4 times that of
 * other implementations; Cumulo's gradient is scikit-learn's). Initialisation by PCA scaled so that the first
 * coordinate has standard deviation 10⁻⁴ (as scikit-learn 1.2 and openTSNE), or random (normal, sd 10⁻⁴, seeded).
 * The Student-t has {@code max(n-components − 1, 1)} degrees of freedom (scikit-learn's choice, after
 * L. van der Maaten, "Learning a parametric embedding by preserving local structure", 2009).
 *
 * <p>Methods: {@code exact} holds the dense n × n P and computes all n² forces per iteration (small n only);
 * {@code barnes-hut} (default, 2-D only) uses the sparse P of the ⌊3·perplexity + 1⌋ nearest neighbours (exact
 * search) for the attraction and a quadtree ({@link BarnesHutTree}, {@code angle} θ = 0.5) for the repulsion;
 * {@code fft} (2-D only) the same sparse P and attraction, and the repulsion by FFT-accelerated interpolation on a
 * grid ({@link FftRepulsion}; G. C. Linderman et al., "Fast interpolation-based t-SNE for improved visualization of
 * single-cell RNA-seq data", Nature Methods 16, 2019), whose cost per iteration does not grow with n: for large n.
 * Determinism: the per-point forces are computed in chunks that depend only on n, and the normaliser Z and the
 * KL divergence are summed chunk by chunk in chunk order, so a seed gives the same embedding, bit for bit, on
 * any number of threads.
 */
public final class TSNE implements Estimator<TSNEModel> {
    public static final String NAME = "tsne";
    /** Iterations with early exaggeration (scikit-learn's {@code _EXPLORATION_N_ITER}). */
    static final int EXPLORATION_ITER = 250;
    /** Iterations between convergence checks (scikit-learn's {@code _N_ITER_CHECK}). */
    static final int CHECK_EVERY = 50;
    private static final double MIN_GAIN = 0.01;

    public static final Param<Integer> N_COMPONENTS = Param.integer("n-components",
            "dimensions of the embedding (barnes-hut and fft: 2 only)").atLeast(1).defaultValue(2);
    public static final Param<Double> PERPLEXITY = Param.real("perplexity",
            "effective number of neighbours of each row; must be less than the number of rows").greaterThan(0)
            .defaultValue(30.0);
    public static final Param<Double> EARLY_EXAGGERATION = Param.real("early-exaggeration",
            "factor on P during the first 250 iterations").atLeast(1).defaultValue(12.0);
    public static final Param<Double> LEARNING_RATE = Param.real("learning-rate",
            "gradient step size").greaterThan(0).defaultDescribedAs("auto: max(n / early-exaggeration / 4, 50)");
    public static final Param<Integer> MAX_ITER = Param.integer("max-iter",
            "gradient steps in all, the 250 exaggerated ones included").atLeast(EXPLORATION_ITER).defaultValue(1000);
    public static final Param<Integer> N_ITER_WITHOUT_PROGRESS = Param.integer("n-iter-without-progress",
            "stop after this many iterations without a lower KL divergence (checked every 50)").atLeast(1)
            .defaultValue(300);
    public static final Param<Double> MIN_GRAD_NORM = Param.real("min-grad-norm",
            "stop when the gradient norm falls to this").atLeast(0).defaultValue(1e-7);
    public static final Param<String> METHOD = Param.choice("method",
            "exact: all n² forces (small n); barnes-hut: sparse P and a quadtree (van der Maaten 2014); fft: sparse P "
                    + "and FFT-accelerated interpolation (FIt-SNE, Linderman et al. 2019; for large n)",
            "barnes-hut", "exact", "fft").defaultValue("barnes-hut");
    public static final Param<Double> ANGLE = Param.real("angle",
            "Barnes-Hut θ: a cell seen under less than this (width / distance) counts as one point").atLeast(0)
            .atMost(1).defaultValue(0.5);
    public static final Param<Integer> INTERPOLATION_NODES = Param.integer("interpolation-nodes",
            "fft: interpolation nodes per interval and dimension (more: more accurate, slower)").atLeast(2).atMost(10)
            .defaultValue(FftRepulsion.DEFAULT_NODES);
    public static final Param<Integer> MIN_INTERVALS = Param.integer("min-intervals",
            "fft: least number of grid intervals per dimension (more are used when the embedding is wider, up to "
                    + FftRepulsion.MAX_INTERVALS + ")").atLeast(1).atMost(FftRepulsion.MAX_INTERVALS)
            .defaultValue(FftRepulsion.DEFAULT_MIN_INTERVALS);
    public static final Param<String> INIT = Param.choice("init",
            "pca: the leading principal components scaled to sd 1e-4 in the first; random: normal, sd 1e-4",
            "pca", "random").defaultValue("pca");
    public static final Param<Long> SEED = Param.longInteger("seed",
            "random seed (used by init=random); the same seed gives the same result").defaultValue(0L);

    public static final ParamSet PARAMS = ParamSet.of(NAME, N_COMPONENTS, PERPLEXITY, EARLY_EXAGGERATION,
            LEARNING_RATE, MAX_ITER, N_ITER_WITHOUT_PROGRESS, MIN_GRAD_NORM, METHOD, ANGLE, INTERPOLATION_NODES,
            MIN_INTERVALS, INIT, SEED);

    private final ParamValues params;

    private TSNE(ParamValues params) {
        String method = params.get(METHOD);
        if (!method.equals("exact") && params.get(N_COMPONENTS) != 2) {
            throw new CumuloException("parameter 'n-components': method=" + method + " embeds in 2 dimensions only, got "
                    + params.get(N_COMPONENTS) + "; use method=exact");
        }
        this.params = params;
    }

    /** Builds from parameter values (as parsed from {@code --param}). */
    public static TSNE of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not t-SNE parameters");
        }
        return new TSNE(values);
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

    /** Embeds the rows of {@code data}. */
    @Override
    public TSNEModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        int nc = params.get(N_COMPONENTS);
        double perplexity = params.get(PERPLEXITY);
        if (n < 4) {
            throw new CumuloException(data.source() + ": t-SNE needs at least 4 rows, got " + n);
        }
        if (perplexity >= n) {
            throw new CumuloException("parameter 'perplexity': must be less than the number of rows (" + n
                    + " in " + data.source() + "), got " + PERPLEXITY.format(perplexity));
        }
        if (params.get(INIT).equals("pca") && nc > d) {
            throw new CumuloException("parameter 'n-components': init=pca cannot give " + nc + " components from "
                    + d + " features; use init=random");
        }
        double[] x = data.rawValues();
        double exaggeration = params.get(EARLY_EXAGGERATION);
        double rate = params.isSet(LEARNING_RATE) ? params.get(LEARNING_RATE) : Math.max(n / exaggeration / 4, 50);
        Objective objective = switch (params.get(METHOD)) {
            case "exact" -> new ExactObjective(TSNEAffinities.dense(x, n, d, perplexity, ctx), n, nc, ctx);
            case "fft" -> new FftObjective(TSNEAffinities.sparse(x, n, d, perplexity, ctx), n,
                    params.get(INTERPOLATION_NODES), params.get(MIN_INTERVALS), ctx);
            default -> new BarnesHutObjective(TSNEAffinities.sparse(x, n, d, perplexity, ctx), n, params.get(ANGLE),
                    ctx);
        };
        double[] y = initialEmbedding(data, nc, ctx);
        objective.scaleP(exaggeration);
        Stage first = descend(objective, y, 0, EXPLORATION_ITER, 0.5, rate, EXPLORATION_ITER);
        objective.scaleP(1 / exaggeration);
        Stage last = first;
        int maxIter = params.get(MAX_ITER);
        if (first.lastIter < EXPLORATION_ITER - 1 || maxIter > EXPLORATION_ITER) {
            last = descend(objective, y, first.lastIter + 1, maxIter, 0.8, rate,
                    params.get(N_ITER_WITHOUT_PROGRESS));
        }
        return new TSNEModel(params, d, y, n, nc, last.error, last.lastIter + 1, rate, params.get(METHOD));
    }

    private double[] initialEmbedding(Dataset data, int nc, ExecutionContext ctx) {
        int n = data.rows();
        double[] y = new double[n * nc];
        if (params.get(INIT).equals("pca")) {
            Dataset scores = PCA.withComponents(nc).fit(data, ctx).transform(data);
            double[] s = scores.rawValues();
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += s[i * nc];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (s[i * nc] - mean) * (s[i * nc] - mean);
            }
            double sd = Math.sqrt(var / n);
            // all rows equal along the first component: nothing to scale by, start from the (zero) scores
            double scale = sd > 0 ? 1e-4 / sd : 1;
            for (int t = 0; t < y.length; t++) {
                y[t] = s[t] * scale;
            }
        } else {
            SplittableRandom rng = new SplittableRandom(params.get(SEED));
            for (int t = 0; t < y.length; t++) {
                y[t] = 1e-4 * rng.nextGaussian();
            }
        }
        return y;
    }

    private record Stage(int lastIter, double error) {
    }

    /** One stage of scikit-learn's {@code _gradient_descent}: momentum, gains, checks every 50 iterations. */
    private Stage descend(Objective objective, double[] y, int from, int to, double momentum, double rate,
                          int withoutProgress) {
        double[] update = new double[y.length];
        double[] gains = new double[y.length];
        Arrays.fill(gains, 1.0);
        double[] grad = new double[y.length];
        double minGradNorm = params.get(MIN_GRAD_NORM);
        double error = Double.MAX_VALUE;
        double bestError = Double.MAX_VALUE;
        int bestIter = from;
        int i = from;
        for (; i < to; i++) {
            boolean check = (i + 1) % CHECK_EVERY == 0;
            double e = objective.gradient(y, grad, check || i == to - 1);
            if (check || i == to - 1) {
                error = e;
            }
            double norm2 = 0;
            for (int t = 0; t < y.length; t++) {
                double g = grad[t];
                double gain = update[t] * g < 0 ? gains[t] + 0.2 : gains[t] * 0.8;
                gain = Math.max(gain, MIN_GAIN);
                gains[t] = gain;
                g *= gain;
                norm2 += g * g;
                update[t] = momentum * update[t] - rate * g;
                y[t] += update[t];
            }
            if (check) {
                if (error < bestError) {
                    bestError = error;
                    bestIter = i;
                } else if (i - bestIter > withoutProgress) {
                    break;
                }
                if (Math.sqrt(norm2) <= minGradNorm) {
                    break;
                }
            }
        }
        return new Stage(Math.min(i, to - 1), error);
    }

    /** KL(P‖Q) and its gradient. */
    interface Objective {
        /** Writes ∂KL/∂y into {@code grad}; returns KL when {@code withError}, else NaN. */
        double gradient(double[] y, double[] grad, boolean withError);

        void scaleP(double factor);
    }

    /** All n² pairs; the Student-t with {@code dof = max(nc − 1, 1)}. */
    static final class ExactObjective implements Objective {
        private final double[] p;
        private final int n;
        private final int nc;
        private final double dof;
        private final ExecutionContext ctx;
        private final Chunks chunks;

        ExactObjective(double[] p, int n, int nc, ExecutionContext ctx) {
            this.p = p;
            this.n = n;
            this.nc = nc;
            this.dof = Math.max(nc - 1, 1);
            this.ctx = ctx;
            this.chunks = Chunks.of(n, 16, 1024);
        }

        @Override
        public void scaleP(double factor) {
            for (int t = 0; t < p.length; t++) {
                p[t] *= factor;
            }
        }

        @Override
        public double gradient(double[] y, double[] grad, boolean withError) {
            double[] zPart = new double[chunks.count()];
            double exponent = -(dof + 1) / 2;
            // pass 1: Z = Σ_{i≠j} w_ij, by chunks in order
            ctx.parallelFor(chunks.count(), c -> {
                double z = 0;
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    for (int j = 0; j < n; j++) {
                        if (j != i) {
                            z += kernel(y, i, j, exponent);
                        }
                    }
                }
                zPart[c] = z;
            });
            double zSum = 0;
            for (double v : zPart) {
                zSum += v;
            }
            double z = zSum;
            double factor = 2 * (dof + 1) / dof;
            double[] klPart = new double[chunks.count()];
            ctx.parallelFor(chunks.count(), c -> {
                double kl = 0;
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    for (int a = 0; a < nc; a++) {
                        grad[i * nc + a] = 0;
                    }
                    for (int j = 0; j < n; j++) {
                        if (j == i) {
                            continue;
                        }
                        double d2 = 0;
                        for (int a = 0; a < nc; a++) {
                            double diff = y[i * nc + a] - y[j * nc + a];
                            d2 += diff * diff;
                        }
                        double w = dof == 1 ? 1 / (1 + d2) : Math.pow(1 + d2 / dof, exponent);
                        double q = Math.max(w / z, TSNEAffinities.MACHINE_EPSILON);
                        double pij = p[i * n + j];
                        // ∂/∂y_i of KL: factor · Σ_j (p − q) (1 + d²/dof)⁻¹ (y_i − y_j)
                        double s = factor * (pij - q) / (1 + d2 / dof);
                        for (int a = 0; a < nc; a++) {
                            grad[i * nc + a] += s * (y[i * nc + a] - y[j * nc + a]);
                        }
                        if (withError) {
                            kl += pij * Math.log(pij / q);
                        }
                    }
                }
                klPart[c] = kl;
            });
            if (!withError) {
                return Double.NaN;
            }
            double kl = 0;
            for (double v : klPart) {
                kl += v;
            }
            return kl;
        }

        private double kernel(double[] y, int i, int j, double exponent) {
            double d2 = 0;
            for (int a = 0; a < nc; a++) {
                double diff = y[i * nc + a] - y[j * nc + a];
                d2 += diff * diff;
            }
            return dof == 1 ? 1 / (1 + d2) : Math.pow(1 + d2 / dof, exponent);
        }
    }

    /**
     * The 2-D objective with the sparse P: the attraction exactly over P's entries, the repulsion and Z from
     * {@link #repulsion}, which the subclasses approximate (quadtree or interpolation).
     */
    abstract static class SparseObjective implements Objective {
        private final TSNEAffinities.Sparse p;
        private final ExecutionContext ctx;
        private final Chunks chunks;
        private final double[] repulsion;

        SparseObjective(TSNEAffinities.Sparse p, int n, ExecutionContext ctx) {
            this.p = p;
            this.ctx = ctx;
            this.chunks = Chunks.of(n, 128, 256);
            this.repulsion = new double[2 * n];
        }

        /** Writes {@code Σ_j w_ij² (y_i − y_j)} for every i into {@code force}; returns Z = {@code Σ_{i≠j} w_ij}. */
        abstract double repulsion(double[] y, double[] force);

        @Override
        public void scaleP(double factor) {
            for (int t = 0; t < p.vals.length; t++) {
                p.vals[t] *= factor;
            }
        }

        @Override
        public double gradient(double[] y, double[] grad, boolean withError) {
            double z = repulsion(y, repulsion);
            double[] klPart = new double[chunks.count()];
            ctx.parallelFor(chunks.count(), c -> {
                double kl = 0;
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    double yx = y[2 * i];
                    double yy = y[2 * i + 1];
                    double ax = 0;
                    double ay = 0;
                    for (int t = p.start[i]; t < p.start[i + 1]; t++) {
                        int j = p.cols[t];
                        double dx = yx - y[2 * j];
                        double dy = yy - y[2 * j + 1];
                        double w = 1 / (1 + dx * dx + dy * dy);
                        double pw = p.vals[t] * w;
                        ax += pw * dx;
                        ay += pw * dy;
                        if (withError) {
                            kl += p.vals[t] * Math.log(p.vals[t] / (w / z));
                        }
                    }
                    grad[2 * i] = 4 * (ax - repulsion[2 * i] / z);
                    grad[2 * i + 1] = 4 * (ay - repulsion[2 * i + 1] / z);
                }
                klPart[c] = kl;
            });
            if (!withError) {
                return Double.NaN;
            }
            double kl = 0;
            for (double v : klPart) {
                kl += v;
            }
            return kl;
        }
    }

    /** Sparse P for the attraction, the quadtree for the repulsion; 2-D, one degree of freedom. */
    static final class BarnesHutObjective extends SparseObjective {
        private final double theta2;
        private final ExecutionContext ctx;
        private final Chunks chunks;
        private final BarnesHutTree tree;

        BarnesHutObjective(TSNEAffinities.Sparse p, int n, double theta, ExecutionContext ctx) {
            super(p, n, ctx);
            this.theta2 = theta * theta;
            this.ctx = ctx;
            this.chunks = Chunks.of(n, 128, 256);
            this.tree = new BarnesHutTree(n);
        }

        @Override
        double repulsion(double[] y, double[] force) {
            tree.build(y);
            double[] zPart = new double[chunks.count()];
            ctx.parallelFor(chunks.count(), c -> {
                int[] stack = new int[3 * BarnesHutTree.MAX_DEPTH + 8];
                double[] f = new double[2];
                double z = 0;
                // points in the tree's order: consecutive points visit mostly the same cells (cache hits)
                for (int pos = chunks.start(c); pos < chunks.end(c); pos++) {
                    int i = tree.point(pos);
                    z += tree.repulsion(i, theta2, f, stack);
                    force[2 * i] = f[0];
                    force[2 * i + 1] = f[1];
                }
                zPart[c] = z;
            });
            double z = 0;
            for (double v : zPart) {
                z += v;
            }
            return z;
        }
    }

    /** Sparse P for the attraction, FFT-accelerated interpolation ({@link FftRepulsion}) for the repulsion; 2-D. */
    static final class FftObjective extends SparseObjective {
        private final FftRepulsion fft;

        FftObjective(TSNEAffinities.Sparse p, int n, int nodes, int minIntervals, ExecutionContext ctx) {
            super(p, n, ctx);
            this.fft = new FftRepulsion(n, nodes, minIntervals, ctx);
        }

        @Override
        double repulsion(double[] y, double[] force) {
            return fft.repulsion(y, force);
        }
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder components(int n) {
            values.set(N_COMPONENTS, n);
            return this;
        }

        public Builder perplexity(double v) {
            values.set(PERPLEXITY, v);
            return this;
        }

        public Builder earlyExaggeration(double v) {
            values.set(EARLY_EXAGGERATION, v);
            return this;
        }

        public Builder learningRate(double v) {
            values.set(LEARNING_RATE, v);
            return this;
        }

        public Builder maxIter(int v) {
            values.set(MAX_ITER, v);
            return this;
        }

        public Builder method(String m) {
            values.set(METHOD, m);
            return this;
        }

        public Builder angle(double v) {
            values.set(ANGLE, v);
            return this;
        }

        public Builder interpolationNodes(int v) {
            values.set(INTERPOLATION_NODES, v);
            return this;
        }

        public Builder minIntervals(int v) {
            values.set(MIN_INTERVALS, v);
            return this;
        }

        public Builder init(String v) {
            values.set(INIT, v);
            return this;
        }

        public Builder seed(long v) {
            values.set(SEED, v);
            return this;
        }

        public TSNE build() {
            return new TSNE(values.build());
        }
    }
}

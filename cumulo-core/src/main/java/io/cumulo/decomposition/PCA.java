package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Estimator;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.ColumnStats;
import io.cumulo.linalg.HouseholderEigen;
import io.cumulo.linalg.SymmetricEigen;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Arrays;

/**
 * Exact principal component analysis (Pearson 1901; Jolliffe, Principal Component Analysis, 2nd ed., 2002).
 *
 * <p><b>Method, chosen by shape.</b> With {@code n ≥ d} rows the {@code d × d} covariance matrix
 * {@code X_cᵀX_c / (n − 1)} of the centred data is formed and eigen-decomposed; with {@code n < d} the
 * {@code n × n} Gram matrix {@code X_cX_cᵀ / (n − 1)} is, and the components are recovered as
 * {@code X_cᵀu_j / √((n − 1)λ_j)}. Either way the eigenvalues are the squared singular values of {@code X_c}
 * divided by {@code n − 1}, what the thin SVD scikit-learn's "full" solver computes would give, and the matrix
 * decomposed is the smaller of the two. Forming the product costs {@code n·min(n,d)²} multiply-adds, done as a
 * blocked GEMM-shaped product on {@link VectorKernels} (so it runs at the speed of the machine's vector units),
 * instead of the {@code ~4n·d²} of a Householder SVD. The price is accuracy: the product squares the condition
 * number, so an eigenvalue {@code λ_j} carries an absolute error of about {@code ε·λ_1}, not {@code ε·σ_1σ_j}.
 * For the explained-variance <em>ratios</em> that is an error of order {@code 1e-16} of the total, well inside
 * the {@code 1e-10} this class is tested to against scikit-learn; components of eigenvalues that are tiny or
 * nearly equal are as ill-determined as they are for any method. The eigen-decomposition is
 * {@link SymmetricEigen} (cyclic Jacobi; high relative accuracy) up to 32 rows and {@link HouseholderEigen}
 * (Householder tridiagonalisation + implicit QR) beyond; there, when at most a quarter of the components are kept,
 * only their eigenvectors are computed (inverse iteration on the tridiagonal form), which on 2,000 features is
 * ten times faster than the whole decomposition.
 *
 * <p><b>Number of components.</b> {@code n-components} is a count (a whole number ≥ 1, at most
 * {@code min(n, d)}) or a fraction of the variance in (0, 1): then, as scikit-learn does, the count is one more
 * than the number of leading components whose cumulative explained-variance ratio is ≤ the fraction, i.e. the
 * smallest count whose cumulative ratio <em>exceeds</em> it (capped at {@code min(n, d)}).
 *
 * <p><b>Signs</b> follow scikit-learn's {@code svd_flip} (u-based): each component is oriented so that, of the
 * training scores along it, the one of largest absolute value (the first such row on ties) is positive. The sign
 * of a component is otherwise arbitrary; this rule makes it deterministic and comparable with scikit-learn.
 *
 * <p><b>Whitening</b> ({@code whiten=true}) divides each score by {@code √explained_variance_j}, so the scores
 * have unit sample variance; {@link PCAModel#inverseTransform} undoes it.
 *
 * <p><b>Randomized solver</b> ({@code solver=randomized}): the leading {@code n-components} only, by randomized
 * subspace iteration ({@link RandomizedPCA}; Halko, Martinsson &amp; Tropp 2011), seeded by {@code seed}, with
 * {@code oversamples} extra directions and {@code power-iterations} passes (scikit-learn's defaults: 10, and 7 or
 * 4). Ratios are relative to the exact total variance (the sum of the column variances), as scikit-learn's. It
 * needs a count, not a variance fraction. Cheaper than the exact solver when {@code d} is large against
 * {@code 4(q + 1)(k + oversamples)}.
 *
 * <p>Deterministic: the product is summed over a fixed split of the rows that depends on {@code n} and {@code d}
 * only, partial sums added in chunk order, so the result is the same bits whatever the thread count.
 */
public final class PCA implements Estimator<PCAModel> {
    public static final String NAME = "pca";
    public static final Param<Double> N_COMPONENTS = Param.real("n-components",
                    "components kept: a count (1, 2, ...) or a fraction in (0, 1) of the variance to explain")
            .greaterThan(0).defaultValue(2.0);
    public static final Param<Boolean> WHITEN = Param.bool("whiten",
            "divide the scores by the square root of their variance (unit-variance components)").defaultValue(false);
    public static final Param<String> SOLVER = Param.choice("solver",
            "exact (covariance or Gram eigen-decomposition) or randomized (Halko et al. 2011; leading components only)",
            "exact", "randomized").defaultValue("exact");
    public static final Param<Integer> POWER_ITERATIONS = Param.integer("power-iterations",
                    "randomized: power (subspace) iterations; more is more accurate")
            .atLeast(0).defaultDescribedAs("7 if n-components < 0.1·min(n, d), else 4 (scikit-learn's rule)");
    public static final Param<Integer> OVERSAMPLES = Param.integer("oversamples",
            "randomized: extra random directions beyond n-components").atLeast(0).defaultValue(10);
    public static final Param<Long> SEED = Param.longInteger("seed",
            "randomized: random seed; the same seed gives the same result").defaultValue(0L);
    public static final ParamSet PARAMS = ParamSet.of(NAME, N_COMPONENTS, WHITEN, SOLVER, POWER_ITERATIONS, OVERSAMPLES,
            SEED);

    /** Rows of one block of the product: the block and its transpose stay in the caches. */
    private static final int BLOCK = 128;

    private final ParamValues params;

    private PCA(ParamValues params) {
        this.params = params;
        double c = params.get(N_COMPONENTS);
        if (c >= 1 && c != Math.rint(c)) {
            throw new CumuloException("parameter 'n-components': expected a whole count ≥ 1 or a fraction in (0, 1), got "
                    + N_COMPONENTS.format(c));
        }
        if (c < 1 && params.get(SOLVER).equals("randomized")) {
            throw new CumuloException("parameter 'n-components': the randomized solver needs a count, not a variance "
                    + "fraction (" + N_COMPONENTS.format(c) + ")");
        }
    }

    public static PCA of(ParamValues values) {
        return new PCA(values);
    }

    /** Keeps {@code n} components. */
    public static PCA withComponents(int n) {
        if (n < 1) {
            throw new CumuloException("parameter 'n-components': expected a count ≥ 1, got " + n);
        }
        return new PCA(PARAMS.builder().set(N_COMPONENTS, (double) n).build());
    }

    /**
     * Keeps the fewest components that explain more than {@code fraction} of the variance; {@code fraction} must be
     * in (0, 1]. 1 keeps the components needed to explain all the variance (stored as the largest double below 1,
     * since {@code n-components} = 1 is a count).
     */
    public static PCA withVariance(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new CumuloException("variance fraction: expected a number in (0, 1], got " + fraction);
        }
        return new PCA(PARAMS.builder().set(N_COMPONENTS, fraction == 1 ? Math.nextDown(1.0) : fraction).build());
    }

    /** The same configuration with whitening on or off. */
    public PCA whiten(boolean on) {
        return new PCA(params.with(WHITEN, on));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    @Override
    public PCAModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        double asked = params.get(N_COMPONENTS);
        boolean fraction = asked < 1;
        int most = Math.min(n, d);
        if (n < 2) {
            throw new CumuloException(data.source() + ": PCA needs at least 2 rows, got " + n);
        }
        if (!fraction && asked > d) {
            throw new CumuloException("parameter 'n-components': " + (long) asked + " components asked but "
                    + data.source() + " has " + d + " features");
        }
        if (!fraction && asked > n) {
            throw new CumuloException("parameter 'n-components': " + (long) asked + " components asked but "
                    + data.source() + " has " + n + " rows");
        }
        double[] x = data.rawValues();
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new CumuloException(data.source() + ": PCA needs finite values, found " + v);
            }
        }
        double[] mean = ColumnStats.means(x, n, d);
        if (params.get(SOLVER).equals("randomized")) {
            return fitRandomized(data, x, n, d, mean, (int) asked, ctx);
        }
        boolean gram = n < d;
        int m = gram ? n : d;
        double[] product = gram ? gram(x, n, d, mean, ctx) : crossProduct(x, n, d, mean, ctx);
        double total = 0;
        for (int a = 0; a < m; a++) {
            product[a * m + a] /= n - 1;
            total += product[a * m + a];
            for (int b = a + 1; b < m; b++) {
                // the two triangles hold the same sums added in different orders: their mean is exactly symmetric
                double s = (product[a * m + b] + product[b * m + a]) / (2.0 * (n - 1));
                product[a * m + b] = s;
                product[b * m + a] = s;
            }
        }
        if (!(total > 0)) {
            throw new CumuloException(data.source() + ": every column is constant; PCA needs data that varies");
        }
        // Jacobi for small matrices; beyond, the tridiagonal reduction and its eigenvalues first, and eigenvectors
        // only for the components kept when they are few (inverse iteration), else the whole QR decomposition
        double[] values;
        double[] fullVectors = null;
        HouseholderEigen.Reduction reduction = null;
        if (m <= JACOBI_MAX || (!fraction && asked > m / 4.0)) {
            double[][] eig = eigen(product, m, ctx);
            values = eig[0];
            fullVectors = eig[1];
        } else {
            reduction = HouseholderEigen.reduce(product, m, ctx);
            values = reduction.values();
        }
        // eigenvalues beyond min(n, d) (covariance of n < d rows never gets here) are zero; keep min(n, d) of them
        double[] all = new double[most];
        double[] ratioAll = new double[most];
        for (int j = 0; j < most; j++) {
            all[j] = Math.max(values[j], 0);
            ratioAll[j] = all[j] / total;
        }
        int c;
        if (fraction) {
            // scikit-learn: searchsorted(cumsum, fraction, side="right") + 1
            double cum = 0;
            c = 0;
            while (c < most && cum + ratioAll[c] <= asked) {
                cum += ratioAll[c];
                c++;
            }
            c = Math.min(most, c + 1);
        } else {
            c = (int) asked;
        }
        double[] vectors;
        int stride;
        if (fullVectors != null) {
            vectors = fullVectors;
            stride = m;
        } else if (c <= m / 4) {
            vectors = reduction.leadingVectors(c);
            stride = c;
        } else {
            vectors = eigen(product, m, ctx)[1];
            stride = m;
        }
        double[] components = new double[c * d];
        if (gram) {
            componentsFromGram(x, n, d, mean, vectors, stride, all, c, components);
        } else {
            for (int j = 0; j < c; j++) {
                for (int l = 0; l < d; l++) {
                    components[j * d + l] = vectors[l * stride + j];
                }
            }
        }
        double[] variance = Arrays.copyOf(all, c);
        double[] ratio = Arrays.copyOf(ratioAll, c);
        double noise = 0;
        if (c < most) {
            for (int j = c; j < most; j++) {
                noise += all[j];
            }
            noise /= most - c;
        }
        orientLikeSvdFlip(x, n, d, mean, components, c, ctx);
        return new PCAModel(params, mean, components, variance, ratio, noise, total, n, c, d, data.columnNames());
    }

    /** Above this size the eigen-decomposition is Householder + QR, below it Jacobi (more accurate, fast enough). */
    static final int JACOBI_MAX = 32;

    /**
     * Eigenvalues (decreasing) and eigenvectors (columns) of a symmetric matrix: {@link SymmetricEigen} (cyclic
     * Jacobi) up to {@link #JACOBI_MAX} rows, {@link HouseholderEigen} beyond, where Jacobi's sweeps of {@code ~3m³}
     * flops each would dominate the fit (0.1 s at m = 200 against ~0.02 s).
     */
    static double[][] eigen(double[] a, int m, ExecutionContext ctx) {
        if (m <= JACOBI_MAX) {
            SymmetricEigen e = SymmetricEigen.of(a, m);
            return new double[][] {e.values(), e.vectors()};
        }
        HouseholderEigen e = HouseholderEigen.of(a, m, ctx);
        return new double[][] {e.values(), e.vectors()};
    }

    private PCAModel fitRandomized(Dataset data, double[] x, int n, int d, double[] mean, int c, ExecutionContext ctx) {
        double total = 0;
        for (double v : ColumnStats.variances(x, n, d, mean)) {
            total += v;
        }
        total *= (double) n / (n - 1); // population → sample variance
        if (!(total > 0)) {
            throw new CumuloException(data.source() + ": every column is constant; PCA needs data that varies");
        }
        int most = Math.min(n, d);
        int power = params.isSet(POWER_ITERATIONS) ? params.get(POWER_ITERATIONS) : (c < 0.1 * most ? 7 : 4);
        RandomizedPCA.Leading lead = RandomizedPCA.fit(x, n, d, mean, c, params.get(OVERSAMPLES), power,
                params.get(SEED), ctx);
        double[] components = lead.components();
        double[] variance = lead.variance();
        double[] ratio = new double[c];
        double kept = 0;
        for (int j = 0; j < c; j++) {
            ratio[j] = variance[j] / total;
            kept += variance[j];
        }
        double noise = c < most ? Math.max(total - kept, 0) / (most - c) : 0;
        orientLikeSvdFlip(x, n, d, mean, components, c, ctx);
        return new PCAModel(params, mean, components, variance, ratio, noise, total, n, c, d, data.columnNames());
    }

    /**
     * {@code X_cᵀX_c} ({@code d × d}, both triangles) of the rows centred by {@code mean}: per chunk of rows, blocks of
     * {@link #BLOCK} centred rows {@code B} and their transpose go through the kernels' GEMM-shaped
     * {@link VectorKernels#scoresTransposed} as {@code BᵀB}; chunk sums are added in chunk order.
     */
    static double[] crossProduct(double[] x, int n, int d, double[] mean, ExecutionContext ctx) {
        VectorKernels k = VectorKernels.get();
        int lanes = k.lanes();
        int stride = (d + lanes - 1) / lanes * lanes;
        // at most ~64 MB of chunk accumulators; the split depends on n and d only
        int maxChunks = (int) Math.max(1, Math.min(32, (8L << 20) / ((long) d * stride)));
        Chunks chunks = Chunks.of(n, 4 * BLOCK, maxChunks);
        double[][] partial = new double[chunks.count()][];
        double[] zero = new double[stride];
        // the product is symmetric: only the lower triangle is computed, by tiles of rows [i0, i1) against the
        // columns [0, i1) (rounded up to the lanes), about half the multiply-adds of the full square
        int tiles = Math.max(1, Math.min(8, d / (4 * lanes)));
        int tileRows = (d + tiles - 1) / tiles;
        int[] tileStart = new int[tiles + 1];
        int[] width = new int[tiles];
        for (int t = 0; t < tiles; t++) {
            tileStart[t + 1] = Math.min(d, (t + 1) * tileRows);
            width[t] = Math.min(stride, (tileStart[t + 1] + lanes - 1) / lanes * lanes);
        }
        ctx.parallelFor(chunks.count(), ch -> {
            double[] acc = new double[d * stride];
            double[] blockT = new double[d * BLOCK];
            double[][] cols = new double[tiles][];
            double[][] out = new double[tiles][];
            for (int t = 0; t < tiles; t++) {
                cols[t] = new double[BLOCK * width[t]];
                out[t] = new double[(tileStart[t + 1] - tileStart[t]) * width[t]];
            }
            for (int r0 = chunks.start(ch); r0 < chunks.end(ch); r0 += BLOCK) {
                int b = Math.min(BLOCK, chunks.end(ch) - r0);
                for (int r = 0; r < b; r++) {
                    int o = (r0 + r) * d;
                    for (int l = 0; l < d; l++) {
                        blockT[l * b + r] = x[o + l] - mean[l];
                    }
                    for (int t = 0; t < tiles; t++) {
                        int w = width[t];
                        int len = Math.min(w, d);
                        double[] c = cols[t];
                        for (int l = 0; l < len; l++) {
                            c[r * w + l] = x[o + l] - mean[l];
                        }
                    }
                }
                for (int t = 0; t < tiles; t++) {
                    int i0 = tileStart[t];
                    int w = width[t];
                    k.scoresTransposed(blockT, b, i0, tileStart[t + 1], cols[t], zero, w, out[t]);
                    double[] o = out[t];
                    for (int i = i0; i < tileStart[t + 1]; i++) {
                        int src = (i - i0) * w;
                        int dst = i * stride;
                        for (int j = 0; j < w; j++) {
                            acc[dst + j] += o[src + j];
                        }
                    }
                }
            }
            partial[ch] = acc;
        });
        double[] sum = new double[d * d];
        for (double[] acc : partial) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    sum[a * d + b] += acc[a * stride + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                sum[a * d + b] = sum[b * d + a];
            }
        }
        return sum;
    }

    /**
     * {@code X_cX_cᵀ} ({@code n × n}) for few rows: the cross product of the centred data transposed (its {@code d}
     * columns become rows summed over), on the same blocked, symmetric GEMM-shaped path as {@link #crossProduct}.
     */
    private static double[] gram(double[] x, int n, int d, double[] mean, ExecutionContext ctx) {
        double[] xcT = new double[d * n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                xcT[l * n + i] = x[i * d + l] - mean[l];
            }
        }
        return crossProduct(xcT, d, n, new double[n], ctx);
    }

    /**
     * Components {@code v_j = X_cᵀu_j / √((n − 1)λ_j)} from the Gram eigenvectors {@code u_j}. A component of
     * (numerically) zero variance has no direction in the data: it is completed to an orthonormal set by
     * Gram–Schmidt on the unit vectors, as any orthonormal completion is as valid as another.
     */
    private static void componentsFromGram(double[] x, int n, int d, double[] mean, double[] u, int stride,
                                           double[] variance, int c, double[] comp) {
        double tiny = 1e-12 * variance[0];
        for (int j = 0; j < c; j++) {
            if (variance[j] > tiny) {
                double scale = 1 / Math.sqrt((n - 1) * variance[j]);
                for (int i = 0; i < n; i++) {
                    double w = u[i * stride + j] * scale;
                    for (int l = 0; l < d; l++) {
                        comp[j * d + l] += w * (x[i * d + l] - mean[l]);
                    }
                }
            } else {
                completeOrthonormal(comp, j, d);
            }
        }
    }

    static void completeOrthonormal(double[] comp, int j, int d) {
        for (int e = 0; e < d; e++) {
            double[] v = new double[d];
            v[e] = 1;
            for (int twice = 0; twice < 2; twice++) {
                for (int p = 0; p < j; p++) {
                    double s = 0;
                    for (int l = 0; l < d; l++) {
                        s += v[l] * comp[p * d + l];
                    }
                    for (int l = 0; l < d; l++) {
                        v[l] -= s * comp[p * d + l];
                    }
                }
            }
            double norm = 0;
            for (double t : v) {
                norm += t * t;
            }
            if (norm > 0.25) {
                norm = Math.sqrt(norm);
                for (int l = 0; l < d; l++) {
                    comp[j * d + l] = v[l] / norm;
                }
                return;
            }
        }
    }

    /** Flips each component so that the score of largest magnitude is positive (scikit-learn's svd_flip). */
    private static void orientLikeSvdFlip(double[] x, int n, int d, double[] mean, double[] comp, int c,
                                          ExecutionContext ctx) {
        Chunks chunks = Chunks.of(n, 4096, 64);
        double[][] best = new double[chunks.count()][];
        double[] scores = PCAModel.scores(x, n, d, mean, comp, c, ctx);
        ctx.parallelFor(chunks.count(), ch -> {
            double[] b = new double[c];
            for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                for (int j = 0; j < c; j++) {
                    double s = scores[i * c + j];
                    if (Math.abs(s) > Math.abs(b[j])) {
                        b[j] = s;
                    }
                }
            }
            best[ch] = b;
        });
        for (int j = 0; j < c; j++) {
            double b = 0;
            for (double[] chunkBest : best) {
                // strict >: the earliest row wins ties, as numpy's argmax
                if (Math.abs(chunkBest[j]) > Math.abs(b)) {
                    b = chunkBest[j];
                }
            }
            if (b < 0) {
                for (int l = 0; l < d; l++) {
                    comp[j * d + l] = -comp[j * d + l];
                }
            }
        }
    }
}

package io.cumulo.decomposition;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.SymmetricEigen;
import io.cumulo.linalg.VectorKernels;

import java.util.SplittableRandom;

/**
 * The leading principal components by randomized subspace iteration (Halko, Martinsson &amp; Tropp, "Finding
 * structure with randomness", SIAM Review 53(2), 2011, Algorithm 4.4, as scikit-learn's {@code randomized_svd}):
 * a Gaussian test matrix {@code Ω} ({@code d × l}, {@code l = k + oversamples}) is multiplied into the centred data,
 * {@code Y = X_cΩ}, refined by {@code q} power iterations {@code Y ← X_c(X_cᵀQ)} with re-orthonormalisation after
 * every product, and the data projected on the resulting orthonormal basis {@code Q} ({@code n × l}):
 * {@code B = QᵀX_c} ({@code l × d}) is small, and its singular values and right singular vectors (from the
 * eigen-decomposition of {@code BBᵀ}) approximate the leading ones of {@code X_c}.
 *
 * <p>Each pass over the data costs {@code n·d·l} multiply-adds on the kernels' GEMM-shaped product, so the whole
 * is {@code (2q + 2)·n·d·l}: less than the {@code n·d²} of the covariance when {@code d > (2q + 2)·l}, i.e. for wide
 * data and few components. The tall {@code n × l} matrices are orthonormalised by Cholesky QR applied twice
 * (CholeskyQR2: the Gram matrix {@code YᵀY} summed over a fixed split of the rows, so every step is deterministic
 * whatever the thread count); directions the data lacks (a Gram pivot below {@code 1e-13} of the largest) are
 * dropped rather than divided by zero.
 */
final class RandomizedPCA {
    private RandomizedPCA() {
    }

    /** The result: {@code k} unit components (rows, {@code k × d}) and their score variances, largest first. */
    record Leading(double[] components, double[] variance) {
    }

    static Leading fit(double[] x, int n, int d, double[] mean, int k, int oversamples, int powerIterations, long seed,
                       ExecutionContext ctx) {
        int l = Math.min(k + oversamples, Math.min(n, d));
        SplittableRandom rng = new SplittableRandom(seed);
        // Ω stored as l rows of d (the layout PCAModel.scores multiplies by)
        double[] omega = new double[l * d];
        for (int t = 0; t < omega.length; t++) {
            omega[t] = rng.nextGaussian();
        }
        // inside the power iterations one Cholesky QR pass is enough (the basis only has to stay well conditioned,
        // as scikit-learn's LU normalisation); the last basis gets two, so that B = QᵀX_c is a true projection
        double[] q = orthonormalizeTall(PCAModel.scores(x, n, d, mean, omega, l, ctx), n, l, powerIterations == 0 ? 2 : 1,
                ctx);
        for (int it = 0; it < powerIterations; it++) {
            double[] z = transposeTimes(x, n, d, mean, q, l, ctx); // d × l
            double[] zRows = transposeSmall(orthonormalizeSmall(z, d, l), d, l); // l × d
            q = orthonormalizeTall(PCAModel.scores(x, n, d, mean, zRows, l, ctx), n, l,
                    it == powerIterations - 1 ? 2 : 1, ctx);
        }
        double[] bt = transposeTimes(x, n, d, mean, q, l, ctx); // Bᵀ = X_cᵀQ, d × l
        double[] bbt = new double[l * l];
        for (int a = 0; a < l; a++) {
            for (int b = a; b < l; b++) {
                double s = 0;
                for (int r = 0; r < d; r++) {
                    s += bt[r * l + a] * bt[r * l + b];
                }
                bbt[a * l + b] = s;
                bbt[b * l + a] = s;
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(bbt, l);
        double[] s2 = eig.values();
        double[] u = eig.vectors();
        double[] comp = new double[k * d];
        double[] variance = new double[k];
        for (int j = 0; j < k; j++) {
            variance[j] = Math.max(s2[j], 0) / (n - 1);
            // v_j = Bᵀu_j / σ_j, normalised again to remove the rounding of σ_j
            double norm = 0;
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int a = 0; a < l; a++) {
                    s += bt[r * l + a] * u[a * l + j];
                }
                comp[j * d + r] = s;
                norm += s * s;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                comp[j * d + r] = norm > 0 ? comp[j * d + r] / norm : 0;
            }
        }
        return new Leading(comp, variance);
    }

    /**
     * {@code X_cᵀY} ({@code d × l}) for {@code Y} {@code n × l}: computed as its transpose {@code YᵀX_c}, blocks of
     * rows of {@code Y} transposed ({@code l × b}) against the block of centred rows ({@code b × d}) on the kernels'
     * GEMM-shaped product, so the wide dimension {@code d} fills the vector lanes; partial sums added in chunk order.
     */
    static double[] transposeTimes(double[] x, int n, int d, double[] mean, double[] y, int l, ExecutionContext ctx) {
        VectorKernels k = VectorKernels.get();
        int lanes = k.lanes();
        int stride = (d + lanes - 1) / lanes * lanes;
        int block = 256;
        Chunks chunks = Chunks.of(n, 4 * block, 32);
        double[][] partial = new double[chunks.count()][];
        double[] zero = new double[stride];
        ctx.parallelFor(chunks.count(), ch -> {
            double[] acc = new double[l * stride];
            double[] out = new double[l * stride];
            double[] xb = new double[block * stride];
            double[] yt = new double[l * block];
            for (int r0 = chunks.start(ch); r0 < chunks.end(ch); r0 += block) {
                int b = Math.min(block, chunks.end(ch) - r0);
                for (int r = 0; r < b; r++) {
                    int o = (r0 + r) * d;
                    for (int c = 0; c < d; c++) {
                        xb[r * stride + c] = x[o + c] - mean[c];
                    }
                    for (int j = 0; j < l; j++) {
                        yt[j * b + r] = y[(r0 + r) * l + j];
                    }
                }
                k.scoresTransposed(yt, b, 0, l, xb, zero, stride, out);
                for (int t = 0; t < acc.length; t++) {
                    acc[t] += out[t];
                }
            }
            partial[ch] = acc;
        });
        double[] sum = new double[d * l];
        for (double[] acc : partial) {
            for (int j = 0; j < l; j++) {
                for (int c = 0; c < d; c++) {
                    sum[c * l + j] += acc[j * stride + c];
                }
            }
        }
        return sum;
    }

    /**
     * Cholesky QR of the tall {@code n × l} row-major {@code y}, {@code passes} times (2: CholeskyQR2, orthonormal to
     * rounding): an orthonormal basis of its columns, in place.
     */
    static double[] orthonormalizeTall(double[] y, int n, int l, int passes, ExecutionContext ctx) {
        for (int pass = 0; pass < passes; pass++) {
            Chunks chunks = Chunks.of(n, 4096, 64);
            double[][] partial = new double[chunks.count()][];
            ctx.parallelFor(chunks.count(), ch -> {
                double[] g = new double[l * l];
                for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                    int o = i * l;
                    for (int a = 0; a < l; a++) {
                        double ya = y[o + a];
                        for (int b = a; b < l; b++) {
                            g[a * l + b] += ya * y[o + b];
                        }
                    }
                }
                partial[ch] = g;
            });
            double[] g = new double[l * l];
            for (double[] p : partial) {
                for (int t = 0; t < g.length; t++) {
                    g[t] += p[t];
                }
            }
            double[] rInv = upperCholeskyInverse(g, l);
            ctx.parallelFor(chunks.count(), ch -> {
                double[] row = new double[l];
                for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                    int o = i * l;
                    for (int b = 0; b < l; b++) {
                        double s = 0;
                        for (int a = 0; a <= b; a++) {
                            s += y[o + a] * rInv[a * l + b];
                        }
                        row[b] = s;
                    }
                    System.arraycopy(row, 0, y, o, l);
                }
            });
        }
        return y;
    }

    /**
     * {@code R⁻¹} (upper triangular, {@code l × l}) for the Cholesky factor {@code RᵀR = G} of the upper triangle of
     * {@code g}; a pivot below {@code 1e-13} of the largest diagonal marks a direction the data lacks: its column of
     * {@code R⁻¹} is zero, so the corresponding basis vector is dropped.
     */
    private static double[] upperCholeskyInverse(double[] g, int l) {
        double[] r = new double[l * l];
        boolean[] dropped = new boolean[l];
        double maxDiag = 0;
        for (int a = 0; a < l; a++) {
            maxDiag = Math.max(maxDiag, g[a * l + a]);
        }
        for (int a = 0; a < l; a++) {
            double s = g[a * l + a];
            for (int p = 0; p < a; p++) {
                s -= r[p * l + a] * r[p * l + a];
            }
            if (!(s > 1e-13 * maxDiag)) {
                dropped[a] = true;
                continue;
            }
            double piv = Math.sqrt(s);
            r[a * l + a] = piv;
            for (int b = a + 1; b < l; b++) {
                double t = g[a * l + b];
                for (int p = 0; p < a; p++) {
                    t -= r[p * l + a] * r[p * l + b];
                }
                r[a * l + b] = t / piv;
            }
        }
        // back substitution column by column: R · R⁻¹ = I on the kept directions
        double[] inv = new double[l * l];
        for (int b = 0; b < l; b++) {
            if (dropped[b]) {
                continue;
            }
            for (int a = b; a >= 0; a--) {
                if (dropped[a]) {
                    continue;
                }
                double s = a == b ? 1 : 0;
                for (int p = a + 1; p <= b; p++) {
                    s -= r[a * l + p] * inv[p * l + b];
                }
                inv[a * l + b] = s / r[a * l + a];
            }
        }
        return inv;
    }

    /** Modified Gram–Schmidt, twice, on the columns of the small {@code d × l} row-major {@code z}; in place. */
    private static double[] orthonormalizeSmall(double[] z, int d, int l) {
        for (int j = 0; j < l; j++) {
            for (int twice = 0; twice < 2; twice++) {
                for (int p = 0; p < j; p++) {
                    double s = 0;
                    for (int r = 0; r < d; r++) {
                        s += z[r * l + p] * z[r * l + j];
                    }
                    for (int r = 0; r < d; r++) {
                        z[r * l + j] -= s * z[r * l + p];
                    }
                }
            }
            double norm = 0;
            for (int r = 0; r < d; r++) {
                norm += z[r * l + j] * z[r * l + j];
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                z[r * l + j] = norm > 0 ? z[r * l + j] / norm : 0;
            }
        }
        return z;
    }

    private static double[] transposeSmall(double[] z, int d, int l) {
        double[] t = new double[l * d];
        for (int r = 0; r < d; r++) {
            for (int j = 0; j < l; j++) {
                t[j * d + r] = z[r * l + j];
            }
        }
        return t;
    }
}

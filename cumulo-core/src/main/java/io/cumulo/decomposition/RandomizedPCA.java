package io.cumulo.decomposition;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.SymmetricEigen;
import io.cumulo.linalg.VectorKernels;

import java.util.SplittableRandom;

/**
 * The leading principal components by randomized subspace iteration (Halko, Martinsson &amp; Tropp, "Finding
 * structure with randomness", SIAM Review 53(2), 2011, §4.5 and Algorithm 5.3's Rayleigh-Ritz step), run on the
 * covariance operator in feature space: a Gaussian {@code Ω} ({@code d × l}, {@code l = k + oversamples}) made
 * orthonormal, then {@code q + 1} passes {@code Z = X_cᵀ(X_cQ)}, {@code Q ← orth(Z)}: the same {@code 2q + 2}
 * products and the same subspaces as Halko's {@code q} power iterations (scikit-learn's defaults: 7 or 4). The last
 * pass's {@code Z} gives Halko's small problem without the {@code n × l} basis: with {@code Y = X_cQ},
 * {@code M1 = YᵀY = QᵀZ = RᵀR} and {@code M2 = ZᵀZ}, the projection {@code B = Q_YᵀX_c} has
 * {@code BBᵀ = R⁻ᵀM2R⁻¹} ({@code l × l}), whose eigenpairs give the variances and, through {@code ZR⁻¹}, the
 * components.
 *
 * <p>Why in feature space: both products of a pass read each block of rows once while it is in cache, and every
 * orthonormalisation is of a {@code d × l} matrix instead of an {@code n × l} one. Each pass costs {@code 2·n·d·l}
 * multiply-adds on the kernels' GEMM-shaped product, so the whole is {@code 2(q + 1)·n·d·l}: less than the
 * {@code n·d²/2} of the exact solver's covariance when {@code d > 4(q + 1)·l}, i.e. for wide data and few components.
 * The bases are orthonormalised by Cholesky QR applied twice (CholeskyQR2); directions the data lacks (a Gram pivot
 * below {@code 1e-13} of the largest) are dropped rather than divided by zero. Sums run over a fixed split of the
 * rows, added in a fixed order: the same bits whatever the thread count.
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
        // Ω (d × l, row-major), made orthonormal: the starting subspace in feature space
        double[] q = new double[d * l];
        for (int t = 0; t < q.length; t++) {
            q[t] = rng.nextGaussian();
        }
        q = orthonormalizeTall(q, d, l, 2, ctx);
        // subspace iteration on the covariance operator: each pass is Z = X_cᵀ(X_cQ), one read of the data for both
        // products; q + 1 passes make the 2q + 2 products of Halko et al.'s q power iterations
        int passes = powerIterations + 1;
        double[] z = null;
        for (int pass = 0; pass < passes; pass++) {
            z = covarianceTimes(x, n, d, mean, q, l, ctx);
            if (pass + 1 < passes) {
                q = orthonormalizeTall(z, d, l, 2, ctx);
            }
        }
        // Halko's last step, B = Q_YᵀX_c with Q_Y the orthonormal basis of Y = X_cQ, without forming Y: with
        // M1 = YᵀY = QᵀZ = RᵀR and M2 = ZᵀZ, BBᵀ = R⁻ᵀM2R⁻¹; its eigenpairs (θ, u) give the variances θ/(n − 1)
        // and the components Bᵀu/√θ = ZR⁻¹u/√θ, orthonormal because (ZR⁻¹U)ᵀ(ZR⁻¹U) = Θ
        double[] m1 = new double[l * l];
        double[] m2 = new double[l * l];
        for (int a = 0; a < l; a++) {
            for (int b = a; b < l; b++) {
                double s1 = 0;
                double s1t = 0;
                double s2 = 0;
                for (int r = 0; r < d; r++) {
                    s1 += q[r * l + a] * z[r * l + b];
                    s1t += q[r * l + b] * z[r * l + a];
                    s2 += z[r * l + a] * z[r * l + b];
                }
                m1[a * l + b] = (s1 + s1t) / 2;
                m1[b * l + a] = m1[a * l + b];
                m2[a * l + b] = s2;
                m2[b * l + a] = s2;
            }
        }
        double[] rInv = upperCholeskyInverse(m1, l);
        double[] bbt = new double[l * l];
        double[] tmp = new double[l * l]; // M2 R⁻¹
        for (int a = 0; a < l; a++) {
            for (int b = 0; b < l; b++) {
                double s = 0;
                for (int p = 0; p <= b; p++) {
                    s += m2[a * l + p] * rInv[p * l + b];
                }
                tmp[a * l + b] = s;
            }
        }
        for (int a = 0; a < l; a++) {
            for (int b = a; b < l; b++) {
                double s = 0;
                for (int p = 0; p <= a; p++) {
                    s += rInv[p * l + a] * tmp[p * l + b];
                }
                double t = 0;
                for (int p = 0; p <= b; p++) {
                    t += rInv[p * l + b] * tmp[p * l + a];
                }
                bbt[a * l + b] = (s + t) / 2;
                bbt[b * l + a] = bbt[a * l + b];
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(bbt, l);
        double[] theta = eig.values();
        double[] u = eig.vectors();
        double[] comp = new double[k * d];
        double[] variance = new double[k];
        double[] coef = new double[l];
        for (int j = 0; j < k; j++) {
            variance[j] = Math.max(theta[j], 0) / (n - 1);
            for (int p = 0; p < l; p++) { // R⁻¹u_j
                double s = 0;
                for (int b = p; b < l; b++) {
                    s += rInv[p * l + b] * u[b * l + j];
                }
                coef[p] = s;
            }
            double norm = 0;
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int p = 0; p < l; p++) {
                    s += z[r * l + p] * coef[p];
                }
                comp[j * d + r] = s;
                norm += s * s;
            }
            // normalised again to remove the rounding of √θ
            norm = Math.sqrt(norm);
            for (int r = 0; r < d; r++) {
                comp[j * d + r] = norm > 0 ? comp[j * d + r] / norm : 0;
            }
        }
        return new Leading(comp, variance);
    }

    /**
     * {@code X_cᵀ(X_cQ)} ({@code d × l}) for {@code Q} ({@code d × l}) in one pass over the rows: per block of
     * centred rows {@code B}, {@code Y = BQ} and then {@code BᵀY}, both on the kernels' GEMM-shaped product; block
     * sums added in a fixed order within a chunk and chunk sums in chunk order (the same bits for any thread count).
     */
    static double[] covarianceTimes(double[] x, int n, int d, double[] mean, double[] q, int l, ExecutionContext ctx) {
        VectorKernels k = VectorKernels.get();
        int lanes = k.lanes();
        int ls = (l + lanes - 1) / lanes * lanes;
        double[] qT = new double[d * ls]; // Q padded to the lanes: d × ls
        for (int r = 0; r < d; r++) {
            System.arraycopy(q, r * l, qT, r * ls, l);
        }
        int block = 128;
        Chunks chunks = Chunks.of(n, 4 * block, 32);
        double[][] partial = new double[chunks.count()][];
        double[] zero = new double[ls];
        ctx.parallelFor(chunks.count(), ch -> {
            double[] acc = new double[d * ls];
            double[] out = new double[d * ls];
            double[] xb = new double[block * d];
            double[] xbT = new double[d * block];
            double[] y = new double[block * ls];
            for (int r0 = chunks.start(ch); r0 < chunks.end(ch); r0 += block) {
                int b = Math.min(block, chunks.end(ch) - r0);
                for (int r = 0; r < b; r++) {
                    int o = (r0 + r) * d;
                    for (int c = 0; c < d; c++) {
                        double v = x[o + c] - mean[c];
                        xb[r * d + c] = v;
                        xbT[c * b + r] = v;
                    }
                }
                k.scoresTransposed(xb, d, 0, b, qT, zero, ls, y);
                k.scoresTransposed(xbT, b, 0, d, y, zero, ls, out);
                for (int t = 0; t < acc.length; t++) {
                    acc[t] += out[t];
                }
            }
            partial[ch] = acc;
        });
        double[] sum = new double[d * l];
        for (double[] acc : partial) {
            for (int r = 0; r < d; r++) {
                for (int j = 0; j < l; j++) {
                    sum[r * l + j] += acc[r * ls + j];
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
}

package io.cumulo.manifold;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.SymmetricEigen;

import java.util.SplittableRandom;

/**
 * Spectral initialisation of UMAP's layout (McInnes et al. 2018, section 4; Belkin and Niyogi, "Laplacian
 * eigenmaps", 2003): the eigenvectors of the normalised Laplacian {@code L = I − D^{−1/2} W D^{−1/2}} with the
 * smallest non-trivial eigenvalues. They are the largest eigenvectors of {@code S = (I + D^{−1/2} W D^{−1/2})/2}
 * (eigenvalues in [0, 1]) after the trivial one, {@code D^{1/2}·1}, which is known and projected out. Found by
 * subspace iteration on the sparse graph (Golub and Van Loan, Matrix Computations, §8.2.4) with a block of
 * {@code dim + 16} vectors, {@link #ITERATIONS} products, and a final Rayleigh–Ritz step; the dense
 * decomposition ({@link SymmetricEigen}) is only used on the small block.
 *
 * <p>The sparse products run in row chunks fixed by n, dot products sequentially: the result does not depend
 * on the thread count. A graph of several components has several eigenvalues 1; the vectors found then mix
 * component indicators, which still separates the components in the start layout.
 */
final class SpectralLayout {
    static final int ITERATIONS = 300;
    private static final int EXTRA = 16;

    private SpectralLayout() {
    }

    static double[] of(FuzzySimplicialSet g, int n, int dim, SplittableRandom random, ExecutionContext ctx) {
        int p = Math.min(dim + EXTRA, n - 1);
        double[] deg = g.degrees();
        double[] invSqrt = new double[n];
        double[] v0 = new double[n];
        for (int i = 0; i < n; i++) {
            invSqrt[i] = deg[i] > 0 ? 1 / Math.sqrt(deg[i]) : 0;
            v0[i] = Math.sqrt(deg[i]);
        }
        normalise(v0, 0, n);
        // block stored column by column: q[c·n + i]
        double[] q = new double[p * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = UmapLayout.gaussian(random);
        }
        orthonormalise(q, n, p, v0);
        double[] z = new double[p * n];
        Chunks chunks = Chunks.of(n, 512, 256);
        for (int it = 0; it < ITERATIONS; it++) {
            multiply(g, invSqrt, q, z, n, p, chunks, ctx);
            double[] t = q;
            q = z;
            z = t;
            orthonormalise(q, n, p, v0);
        }
        // Rayleigh–Ritz: H = Qᵀ S Q, its leading eigenvectors rotate Q onto the wanted ones
        multiply(g, invSqrt, q, z, n, p, chunks, ctx);
        double[] h = new double[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += q[a * n + i] * z[b * n + i];
                }
                h[a * p + b] = s;
                h[b * p + a] = s;
            }
        }
        double[] vec = SymmetricEigen.of(h, p).vectors();
        double[] y = new double[n * dim];
        for (int c = 0; c < dim; c++) {
            for (int a = 0; a < p; a++) {
                double coef = vec[a * p + c];
                for (int i = 0; i < n; i++) {
                    y[i * dim + c] += coef * q[a * n + i];
                }
            }
        }
        return y;
    }

    /** {@code z = S q} for each column, {@code S = (I + D^{−1/2} W D^{−1/2})/2}; rows in fixed chunks. */
    private static void multiply(FuzzySimplicialSet g, double[] invSqrt, double[] q, double[] z, int n, int p,
                                 Chunks chunks, ExecutionContext ctx) {
        ctx.parallelFor(chunks.count(), ch -> {
            for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                for (int c = 0; c < p; c++) {
                    int o = c * n;
                    double s = 0;
                    for (int e = g.rowStart[i]; e < g.rowStart[i + 1]; e++) {
                        int j = g.col[e];
                        s += g.weight[e] * invSqrt[j] * q[o + j];
                    }
                    z[o + i] = 0.5 * (q[o + i] + invSqrt[i] * s);
                }
            }
        });
    }

    /** Modified Gram–Schmidt of the columns against {@code v0} and each other; a column that vanishes is left 0. */
    private static void orthonormalise(double[] q, int n, int p, double[] v0) {
        for (int c = 0; c < p; c++) {
            int o = c * n;
            project(q, o, v0, 0, n);
            for (int b = 0; b < c; b++) {
                project(q, o, q, b * n, n);
            }
            normalise(q, o, n);
        }
    }

    private static void project(double[] q, int o, double[] v, int vo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += q[o + i] * v[vo + i];
        }
        for (int i = 0; i < n; i++) {
            q[o + i] -= s * v[vo + i];
        }
    }

    private static void normalise(double[] v, int o, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[o + i] * v[o + i];
        }
        if (s > 0) {
            double inv = 1 / Math.sqrt(s);
            for (int i = 0; i < n; i++) {
                v[o + i] *= inv;
            }
        }
    }
}

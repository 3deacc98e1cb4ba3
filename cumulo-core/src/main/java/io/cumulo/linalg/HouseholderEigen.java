package io.cumulo.linalg;

import io.cumulo.exec.ExecutionContext;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Eigen-decomposition of a dense symmetric matrix by Householder reduction to tridiagonal form followed by the
 * implicit symmetric QR algorithm with Wilkinson shifts (Golub &amp; Van Loan, Matrix Computations, 4th ed.,
 * Algorithms 8.3.1 and 8.3.2). About {@code 4d³/3 + d³} flops for the reduction with the accumulated transformation
 * and a few {@code d³} for the QR sweeps, where {@link SymmetricEigen}'s cyclic Jacobi takes several sweeps of
 * {@code ~3d³} each: the one to use beyond a few dozen rows (PCA's covariance of 200 features: about 20 ms instead of
 * 100 ms). Backward stable: eigenvalues carry an absolute error of order {@code ε·‖A‖}, eigenvectors are orthonormal to
 * rounding (Jacobi has the better <em>relative</em> accuracy for tiny eigenvalues).
 */
public final class HouseholderEigen {
    /** Rows per task in the reduction's parallel loops, and the smallest trailing block worth splitting. */
    private static final int ROWS_PER_TASK = 64;
    private static final int PARALLEL_MIN = 256;

    private final double[] values;
    private final double[] vectors;

    private HouseholderEigen(double[] values, double[] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes the symmetric {@code d × d} row-major matrix {@code a} (not modified; only its lower triangle and
     * diagonal are trusted to be symmetric). Eigenvalues in decreasing order; eigenvector {@code j} is column {@code j}
     * of {@link #vectors()}.
     */
    public static HouseholderEigen of(double[] a, int d) {
        return of(a, d, ExecutionContext.singleThreaded());
    }

    /** As {@link #of(double[], int)}, the reduction's row loops on the context's threads (same bits for any count). */
    public static HouseholderEigen of(double[] a, int d, ExecutionContext ctx) {
        double[] m = a.clone();
        double[] q = new double[d * d];
        for (int i = 0; i < d; i++) {
            q[i * d + i] = 1;
        }
        double[] diag = new double[d];
        double[] off = new double[Math.max(d - 1, 0)];
        tridiagonalize(m, d, q, diag, off, null, null, ctx);
        // the QR rotations combine two columns of Q: held transposed, those are two contiguous rows (vector loops)
        double[] qt = m;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                qt[c * d + r] = q[r * d + c];
            }
        }
        implicitQR(diag, off, qt, d);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(diag[y], diag[x]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int j = 0; j < d; j++) {
            int src = order[j];
            values[j] = diag[src];
            for (int r = 0; r < d; r++) {
                vectors[r * d + j] = qt[src * d + r];
            }
        }
        return new HouseholderEigen(values, vectors);
    }

    /**
     * {@code m ← PₖmPₖ} for {@code k = 0 .. d − 3}, each {@code Pₖ = I − βvvᵀ} zeroing column {@code k} below the
     * subdiagonal; {@code q ← qPₖ} accumulates {@code Q} with {@code A = QTQᵀ}.
     */
    private static void tridiagonalize(double[] m, int d, double[] q, double[] diag, double[] off,
                                       double[][] reflectors, double[] betas, ExecutionContext ctx) {
        double[] v = new double[d];
        double[] p = new double[d];
        VectorKernels kern = VectorKernels.get();
        for (int k = 0; k + 2 < d; k++) {
            int len = d - k - 1;
            double norm = 0;
            for (int i = 0; i < len; i++) {
                v[i] = m[(k + 1 + i) * d + k];
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                continue;
            }
            // the new subdiagonal entry takes the sign opposite to x₀, so v₀ = x₀ − alpha does not cancel
            double alpha = v[0] > 0 ? -norm : norm;
            v[0] -= alpha;
            double vv = 0;
            for (int i = 0; i < len; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            double beta = 2 / vv;
            if (reflectors != null) {
                reflectors[k] = Arrays.copyOf(v, len);
                betas[k] = beta;
            }
            // p = β·A'v, w = p − (β/2)(pᵀv)v, A' ← A' − vwᵀ − wvᵀ on the trailing block
            // rows are independent in both passes: split into fixed blocks of rows (the same bits for any thread
            // count); small trailing blocks stay on this thread
            int kk1 = k + 1;
            int blocks = (len + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
            ExecutionContext run = len >= PARALLEL_MIN ? ctx : ExecutionContext.singleThreaded();
            run.parallelFor(blocks, blk -> {
                int end = Math.min(len, (blk + 1) * ROWS_PER_TASK);
                for (int i = blk * ROWS_PER_TASK; i < end; i++) {
                    p[i] = beta * kern.dot(m, (kk1 + i) * d + kk1, v, 0, len);
                }
            });
            double pv = 0;
            for (int i = 0; i < len; i++) {
                pv += p[i] * v[i];
            }
            double kk = beta * pv / 2;
            for (int i = 0; i < len; i++) {
                p[i] -= kk * v[i];
            }
            run.parallelFor(blocks, blk -> {
                int end = Math.min(len, (blk + 1) * ROWS_PER_TASK);
                for (int i = blk * ROWS_PER_TASK; i < end; i++) {
                    int row = (kk1 + i) * d + kk1;
                    double vi = v[i];
                    double wi = p[i];
                    for (int j = 0; j < len; j++) {
                        m[row + j] -= vi * p[j] + wi * v[j];
                    }
                }
            });
            m[(k + 1) * d + k] = alpha;
            m[k * d + k + 1] = alpha;
            for (int i = 1; i < len; i++) {
                m[(k + 1 + i) * d + k] = 0;
                m[k * d + k + 1 + i] = 0;
            }
            if (q != null) {
                int qBlocks = (d + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
                run.parallelFor(qBlocks, blk -> {
                    int end = Math.min(d, (blk + 1) * ROWS_PER_TASK);
                    for (int r = blk * ROWS_PER_TASK; r < end; r++) {
                        int row = r * d + kk1;
                        double s = beta * kern.dot(q, row, v, 0, len);
                        for (int j = 0; j < len; j++) {
                            q[row + j] -= s * v[j];
                        }
                    }
                });
            }
        }
        for (int i = 0; i < d; i++) {
            diag[i] = m[i * d + i];
            if (i + 1 < d) {
                off[i] = m[(i + 1) * d + i];
            }
        }
    }

    /**
     * Implicit symmetric QR steps with the Wilkinson shift on the unreduced blocks of the tridiagonal
     * {@code (diag, off)}, deflating from the bottom; every rotation is applied to the rows of {@code zt} (the
     * eigenvector matrix transposed: row j is eigenvector j).
     */
    private static void implicitQR(double[] a, double[] b, double[] zt, int d) {
        final double eps = 0x1.0p-52;
        int hi = d - 1;
        int steps = 0;
        while (hi > 0) {
            if (Math.abs(b[hi - 1]) <= eps * (Math.abs(a[hi - 1]) + Math.abs(a[hi]))) {
                b[hi - 1] = 0;
                hi--;
                continue;
            }
            int lo = hi - 1;
            while (lo > 0 && Math.abs(b[lo - 1]) > eps * (Math.abs(a[lo - 1]) + Math.abs(a[lo]))) {
                lo--;
            }
            if (lo > 0) {
                b[lo - 1] = 0; // negligible: the block splits there
            }
            if (++steps > 50 * d) {
                throw new ArithmeticException("symmetric QR did not converge in " + (50 * d) + " steps");
            }
            // Wilkinson shift: the eigenvalue of the trailing 2 × 2 block closer to its last diagonal entry
            double delta = (a[hi - 1] - a[hi]) / 2;
            double bb = b[hi - 1];
            double mu = a[hi] - bb * bb / (delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, bb));
            double x = a[lo] - mu;
            double zz = b[lo];
            for (int k = lo; k < hi; k++) {
                int p = k;
                int qi = k + 1;
                double r = Math.hypot(x, zz);
                double c = r == 0 ? 1 : x / r;
                double s = r == 0 ? 0 : -zz / r;
                if (k > lo) {
                    b[k - 1] = r; // the bulge is chased down: T[p−1, p] becomes r, T[p−1, q] zero
                }
                double ap = a[p];
                double aq = a[qi];
                double bp = b[p];
                a[p] = c * c * ap - 2 * c * s * bp + s * s * aq;
                a[qi] = s * s * ap + 2 * c * s * bp + c * c * aq;
                b[p] = c * s * (ap - aq) + (c * c - s * s) * bp;
                if (qi < hi) {
                    zz = -s * b[qi]; // the new bulge at (p, q + 1)
                    b[qi] = c * b[qi];
                    x = b[p];
                }
                int op = p * d;
                int oq = qi * d;
                for (int row = 0; zt != null && row < d; row++) {
                    double zp = zt[op + row];
                    double zq = zt[oq + row];
                    zt[op + row] = c * zp - s * zq;
                    zt[oq + row] = s * zp + c * zq;
                }
            }
        }
    }

    /**
     * The reduction to tridiagonal form and every eigenvalue, without any eigenvector yet: eigenvectors are then
     * computed only for the eigenvalues asked ({@link Reduction#leadingVectors}). For PCA, which keeps a few
     * components of many features, this skips the accumulated transformation and the rotations of the QR sweeps
     * (together ~{@code 7d³} flops, most of the time of {@link #of} at d = 2,000): what is left is the reduction
     * ({@code 4d³/3}), the QR sweeps on two vectors ({@code O(d²)}), and {@code O(d²)} per wanted eigenvector.
     */
    public static Reduction reduce(double[] a, int d) {
        return reduce(a, d, ExecutionContext.singleThreaded());
    }

    /** As {@link #reduce(double[], int)}, the reduction's row loops on the context's threads (same bits for any count). */
    public static Reduction reduce(double[] a, int d, ExecutionContext ctx) {
        double[] m = a.clone();
        double[] diag = new double[d];
        double[] off = new double[Math.max(d - 1, 0)];
        double[][] reflectors = new double[Math.max(d - 2, 0)][];
        double[] betas = new double[Math.max(d - 2, 0)];
        tridiagonalize(m, d, null, diag, off, reflectors, betas, ctx);
        double[] values = diag.clone();
        implicitQR(values, off.clone(), null, d);
        double[] sorted = Arrays.stream(values).boxed().sorted(Comparator.reverseOrder())
                .mapToDouble(Double::doubleValue).toArray();
        return new Reduction(d, diag, off, reflectors, betas, sorted);
    }

    /** A symmetric matrix reduced to tridiagonal form {@code A = QTQᵀ}, with its eigenvalues. */
    public static final class Reduction {
        private final int d;
        private final double[] diag;
        private final double[] off;
        private final double[][] reflectors;
        private final double[] betas;
        private final double[] values;

        private Reduction(int d, double[] diag, double[] off, double[][] reflectors, double[] betas, double[] values) {
            this.d = d;
            this.diag = diag;
            this.off = off;
            this.reflectors = reflectors;
            this.betas = betas;
            this.values = values;
        }

        /** Every eigenvalue, largest first (a copy). */
        public double[] values() {
            return values.clone();
        }

        /**
         * The eigenvectors of the {@code c} largest eigenvalues, as the columns of a {@code d × c} row-major matrix:
         * inverse iteration on the tridiagonal {@code T} (Golub &amp; Van Loan §8.2.2, the scheme of LAPACK's
         * {@code dstein}: a shift equal to a computed eigenvalue, Gaussian elimination with partial pivoting, vectors
         * of eigenvalues closer than {@code 1e-3‖T‖} kept orthogonal by Gram-Schmidt after every solve, equal
         * eigenvalues separated by a few ulps), then {@code Q} applied as its Householder reflectors. Residuals are of
         * order {@code ε‖A‖} like the QR algorithm's.
         */
        public double[] leadingVectors(int c) {
            if (c < 0 || c > d) {
                throw new IllegalArgumentException("asked for " + c + " eigenvectors of a " + d + " × " + d + " matrix");
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                double row = Math.abs(diag[i]) + (i > 0 ? Math.abs(off[i - 1]) : 0) + (i + 1 < d ? Math.abs(off[i]) : 0);
                norm = Math.max(norm, row);
            }
            if (norm == 0) {
                norm = 1;
            }
            double eps = 0x1.0p-52;
            double cluster = 1e-3 * norm;
            double[][] z = new double[c][];
            double[] shifts = new double[c];
            SplittableRandom rng = new SplittableRandom(0x5EEDL);
            int clusterStart = 0;
            for (int j = 0; j < c; j++) {
                double shift = values[j];
                if (j > 0) {
                    if (shifts[j - 1] - shift > cluster) {
                        clusterStart = j;
                    }
                    // equal eigenvalues would give equal solves: separate the shifts (dstein's rule)
                    double gap = 10 * eps * Math.max(Math.abs(shift), norm * eps);
                    if (shifts[j - 1] - shift < gap) {
                        shift = shifts[j - 1] - gap;
                    }
                }
                shifts[j] = shift;
                double[] x = new double[d];
                for (int i = 0; i < d; i++) {
                    x[i] = rng.nextDouble() - 0.5;
                }
                Solver solver = new Solver(diag, off, shift, eps * norm);
                for (int it = 0; it < 5; it++) {
                    solver.solve(x);
                    for (int g = clusterStart; g < j; g++) {
                        double dot = 0;
                        for (int i = 0; i < d; i++) {
                            dot += z[g][i] * x[i];
                        }
                        for (int i = 0; i < d; i++) {
                            x[i] -= dot * z[g][i];
                        }
                    }
                    double len = 0;
                    for (double v : x) {
                        len += v * v;
                    }
                    len = Math.sqrt(len);
                    for (int i = 0; i < d; i++) {
                        x[i] /= len;
                    }
                    // the solve grows the wanted component by 1/|λ − shift| ~ 1/(ε‖T‖): two more solves after the
                    // growth is that large are enough (dstein stops after 2 such)
                    if (it >= 2 && len * eps * norm > 1e-3) {
                        break;
                    }
                }
                z[j] = x;
            }
            double[] out = new double[d * c];
            for (int j = 0; j < c; j++) {
                double[] x = z[j];
                // Q = P₀P₁⋯P_{d−3}: apply the last reflector first
                for (int k = reflectors.length - 1; k >= 0; k--) {
                    double[] v = reflectors[k];
                    if (v == null) {
                        continue;
                    }
                    double s = 0;
                    for (int i = 0; i < v.length; i++) {
                        s += v[i] * x[k + 1 + i];
                    }
                    s *= betas[k];
                    for (int i = 0; i < v.length; i++) {
                        x[k + 1 + i] -= s * v[i];
                    }
                }
                for (int i = 0; i < d; i++) {
                    out[i * c + j] = x[i];
                }
            }
            return out;
        }
    }

    /** {@code (T − σI)x = y} for a tridiagonal {@code T}: LU with partial pivoting (two superdiagonals in U). */
    private static final class Solver {
        private final int n;
        private final double[] u0;
        private final double[] u1;
        private final double[] u2;
        private final double[] mult;
        private final boolean[] swapped;

        Solver(double[] diag, double[] off, double shift, double tiny) {
            n = diag.length;
            u0 = new double[n];
            u1 = new double[n];
            u2 = new double[n];
            mult = new double[n];
            swapped = new boolean[n];
            for (int i = 0; i < n; i++) {
                u0[i] = diag[i] - shift;
                u1[i] = i + 1 < n ? off[i] : 0;
            }
            for (int i = 0; i + 1 < n; i++) {
                double sub = off[i];
                if (Math.abs(u0[i]) >= Math.abs(sub)) {
                    if (u0[i] == 0) {
                        u0[i] = tiny;
                    }
                    double m = sub / u0[i];
                    mult[i] = m;
                    u0[i + 1] -= m * u1[i];
                } else {
                    // rows i and i + 1 swap: the old row i is eliminated by the new one
                    double m = u0[i] / sub;
                    mult[i] = m;
                    swapped[i] = true;
                    double oldU1 = u1[i];
                    double nextU1 = u1[i + 1];
                    u0[i] = sub;
                    u1[i] = u0[i + 1];
                    u2[i] = nextU1;
                    u0[i + 1] = oldU1 - m * u1[i];
                    u1[i + 1] = -m * nextU1;
                }
            }
            if (n > 0 && u0[n - 1] == 0) {
                u0[n - 1] = tiny;
            }
            for (int i = 0; i < n; i++) {
                if (u0[i] == 0) {
                    u0[i] = tiny;
                }
            }
        }

        void solve(double[] y) {
            for (int i = 0; i + 1 < n; i++) {
                if (swapped[i]) {
                    double t = y[i];
                    y[i] = y[i + 1];
                    y[i + 1] = t;
                }
                y[i + 1] -= mult[i] * y[i];
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = y[i];
                if (i + 1 < n) {
                    s -= u1[i] * y[i + 1];
                }
                if (i + 2 < n) {
                    s -= u2[i] * y[i + 2];
                }
                y[i] = s / u0[i];
            }
        }
    }

    /** Eigenvalues, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvectors as columns of a {@code d × d} row-major matrix (a copy). */
    public double[] vectors() {
        return vectors.clone();
    }
}

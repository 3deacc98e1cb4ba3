package io.cumulo.linalg;

import java.util.Arrays;

/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method (Golub &amp; Van Loan,
 * Matrix Computations, 4th ed., §8.5). Slow for large matrices (O(d³) per sweep) but simple and accurate:
 * eigenvalues come out with high relative accuracy, eigenvectors orthonormal to rounding.
 */
public final class SymmetricEigen {
    private final double[] values;
    private final double[] vectors;
    private final int d;

    private SymmetricEigen(double[] values, double[] vectors, int d) {
        this.values = values;
        this.vectors = vectors;
        this.d = d;
    }

    /**
     * Decomposes the symmetric {@code d × d} row-major matrix {@code a} (not modified). Eigenvalues are sorted
     * in decreasing order; eigenvector {@code j} is column {@code j} of {@link #vectors()}.
     */
    public static SymmetricEigen of(double[] a, int d) {
        double[] m = a.clone();
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += m[p * d + p] * m[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += m[p * d + q] * m[p * d + q];
                }
            }
            if (off <= 1e-30 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = m[p * d + q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = m[p * d + p];
                    double aqq = m[q * d + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < d; r++) {
                        double mrp = m[r * d + p];
                        double mrq = m[r * d + q];
                        m[r * d + p] = c * mrp - s * mrq;
                        m[r * d + q] = s * mrp + c * mrq;
                    }
                    for (int r = 0; r < d; r++) {
                        double mpr = m[p * d + r];
                        double mqr = m[q * d + r];
                        m[p * d + r] = c * mpr - s * mqr;
                        m[q * d + r] = s * mpr + c * mqr;
                    }
                    for (int r = 0; r < d; r++) {
                        double vrp = v[r * d + p];
                        double vrq = v[r * d + q];
                        v[r * d + p] = c * vrp - s * vrq;
                        v[r * d + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        final double[] mm = m;
        Arrays.sort(order, (x, y) -> Double.compare(mm[y * d + y], mm[x * d + x]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int j = 0; j < d; j++) {
            int src = order[j];
            values[j] = m[src * d + src];
            for (int r = 0; r < d; r++) {
                vectors[r * d + j] = v[r * d + src];
            }
        }
        return new SymmetricEigen(values, vectors, d);
    }

    /** Eigenvalues, largest first (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Eigenvectors as columns of a {@code d × d} row-major matrix (a copy). */
    public double[] vectors() {
        return vectors.clone();
    }

    public int size() {
        return d;
    }
}

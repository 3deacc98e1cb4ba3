package io.cumulo.linalg;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HouseholderEigenTest {
    @Test
    void knownTwoByTwoAndDiagonal() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, −1)/√2
        HouseholderEigen e = HouseholderEigen.of(new double[] {2, 1, 1, 2}, 2);
        assertEquals(3, e.values()[0], 1e-15);
        assertEquals(1, e.values()[1], 1e-15);
        assertEquals(Math.abs(e.vectors()[0]), Math.abs(e.vectors()[2]), 1e-15);
        HouseholderEigen diag = HouseholderEigen.of(new double[] {1, 0, 0, 0, 5, 0, 0, 0, 3}, 3);
        assertEquals(5, diag.values()[0], 0);
        assertEquals(3, diag.values()[1], 0);
        assertEquals(1, diag.values()[2], 0);
    }

    @Test
    void reconstructsRandomMatricesAndAgreesWithJacobi() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int d : new int[] {1, 3, 10, 57, 120}) {
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    double v = rng.nextGaussian();
                    a[i * d + j] = v;
                    a[j * d + i] = v;
                }
            }
            // one repeated eigenvalue pair and a wide spread, where QR steps deflate unevenly
            if (d > 3) {
                a[0] = 1e3;
            }
            HouseholderEigen e = HouseholderEigen.of(a, d);
            double[] w = e.values();
            double[] v = e.vectors();
            double norm = 0;
            for (double x : a) {
                norm = Math.max(norm, Math.abs(x));
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    double o = 0;
                    for (int k = 0; k < d; k++) {
                        s += v[i * d + k] * w[k] * v[j * d + k];
                        o += v[k * d + i] * v[k * d + j];
                    }
                    assertEquals(a[i * d + j], s, 1e-11 * norm * d, "A = VΛVᵀ at " + i + "," + j + " (d=" + d + ")");
                    assertEquals(i == j ? 1 : 0, o, 1e-12 * d, "VᵀV = I at " + i + "," + j);
                }
            }
            double[] jacobi = SymmetricEigen.of(a, d).values();
            for (int k = 0; k < d; k++) {
                assertEquals(jacobi[k], w[k], 1e-12 * norm * d, "eigenvalue " + k);
                assertTrue(k == 0 || w[k - 1] >= w[k]);
            }
        }
    }

    /** A = QΛQᵀ with a random orthogonal Q (Gram-Schmidt of Gaussian columns) and the given eigenvalues. */
    private static double[] withEigenvalues(double[] lambda, SplittableRandom rng) {
        int d = lambda.length;
        double[] q = new double[d * d];
        for (int j = 0; j < d; j++) {
            double[] v = new double[d];
            for (int i = 0; i < d; i++) {
                v[i] = rng.nextGaussian();
            }
            for (int twice = 0; twice < 2; twice++) {
                for (int p = 0; p < j; p++) {
                    double s = 0;
                    for (int i = 0; i < d; i++) {
                        s += v[i] * q[i * d + p];
                    }
                    for (int i = 0; i < d; i++) {
                        v[i] -= s * q[i * d + p];
                    }
                }
            }
            double len = 0;
            for (double x : v) {
                len += x * x;
            }
            len = Math.sqrt(len);
            for (int i = 0; i < d; i++) {
                q[i * d + j] = v[i] / len;
            }
        }
        double[] a = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c <= r; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += q[r * d + j] * lambda[j] * q[c * d + j];
                }
                a[r * d + c] = s;
                a[c * d + r] = s;
            }
        }
        return a;
    }

    /**
     * The partial decomposition: every eigenvalue as given (to rounding), and the leading eigenvectors with residual
     * ‖Av − λv‖ of order ε‖A‖, orthonormal — also where eigenvalues repeat exactly or cluster, and for the zero matrix.
     */
    @Test
    void leadingVectorsByInverseIterationHaveSmallResidualsAndStayOrthonormal() {
        SplittableRandom rng = new SplittableRandom(5);
        List<double[]> spectra = new ArrayList<>();
        spectra.add(rng.doubles(80, -3, 10).toArray());                       // distinct
        double[] repeated = new double[90];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = i < 6 ? 5.0 : (i < 12 ? 2.0 : 1e-3 * i);             // two exactly repeated groups on top
        }
        spectra.add(repeated);
        double[] clustered = new double[70];
        for (int i = 0; i < clustered.length; i++) {
            clustered[i] = 1 + 1e-9 * i;                                      // one tight cluster
        }
        spectra.add(clustered);
        spectra.add(new double[40]);                                          // zero matrix
        for (double[] lambda : spectra) {
            int d = lambda.length;
            double[] a = withEigenvalues(lambda, rng);
            double[] expected = Arrays.stream(lambda).boxed().sorted(Comparator.reverseOrder())
                    .mapToDouble(Double::doubleValue).toArray();
            double scale = Math.max(1, Arrays.stream(lambda).map(Math::abs).max().orElse(1));
            HouseholderEigen.Reduction red = HouseholderEigen.reduce(a, d);
            double[] values = red.values();
            for (int j = 0; j < d; j++) {
                assertEquals(expected[j], values[j], 1e-12 * scale * d, "eigenvalue " + j + " of d=" + d);
            }
            int c = Math.min(15, d);
            double[] v = red.leadingVectors(c);
            for (int j = 0; j < c; j++) {
                double res = 0;
                for (int r = 0; r < d; r++) {
                    double s = -values[j] * v[r * c + j];
                    for (int t = 0; t < d; t++) {
                        s += a[r * d + t] * v[t * c + j];
                    }
                    res += s * s;
                }
                assertTrue(Math.sqrt(res) < 1e-12 * scale * d, "residual of vector " + j + ": " + Math.sqrt(res));
                for (int p = 0; p <= j; p++) {
                    double dot = 0;
                    for (int r = 0; r < d; r++) {
                        dot += v[r * c + j] * v[r * c + p];
                    }
                    assertEquals(p == j ? 1.0 : 0.0, dot, 1e-12, "orthonormality of vectors " + p + ", " + j);
                }
            }
        }
    }
}

package io.cumulo.linalg;

import org.junit.jupiter.api.Test;

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
}

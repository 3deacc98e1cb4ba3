package io.cumulo.linalg;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link VectorKernels#distanceSum}: both providers against distances summed from the differences. */
class DistanceSumKernelTest {
    private final VectorKernels[] providers = {VectorKernels.get(), VectorKernels.scalar()};

    @Test
    void sumsOfDistancesFromTheExpansionMatchTheDifferences() {
        SplittableRandom r = new SplittableRandom(3);
        for (int d : new int[] {1, 2, 3, 8, 16, 33}) {
            for (int len : new int[] {0, 1, 5, 7, 8, 9, 15, 16, 17, 40, 100}) {
                check(r, d, len, 1.0, 0);
            }
        }
    }

    /**
     * Rows far from the origin, many of them equal: the expansion alone would lose every digit of these distances
     * (and give √(rounding) instead of 0 for equal rows); the kernel must sum them from the differences.
     */
    @Test
    void cancellationIsCaughtAndRecomputed() {
        SplittableRandom r = new SplittableRandom(4);
        for (int d : new int[] {1, 3, 16}) {
            for (int len : new int[] {3, 8, 17, 64}) {
                check(r, d, len, 1e-3, 1e6);
            }
        }
    }

    private void check(SplittableRandom r, int d, int len, double spread, double offset) {
        int rows = len + 1;
        double[] x = new double[rows * d];
        for (int i = 0; i < x.length; i++) {
            // with a small spread, values repeat: many pairs of equal rows
            x[i] = offset + Math.floor(r.nextDouble() * 3) * spread + (spread == 1.0 ? r.nextDouble() : 0);
        }
        double[] a = new double[d];
        System.arraycopy(x, 0, a, 0, d); // row 0 is also among the columns: its distance to itself must be 0
        double[] norms = new double[rows];
        for (int j = 0; j < rows; j++) {
            for (int l = 0; l < d; l++) {
                norms[j] += x[j * d + l] * x[j * d + l];
            }
        }
        double q = norms[0];
        double[] s = new double[len + 3];
        double exact = 0;
        for (int t = 0; t < len; t++) {
            int j = t; // columns 0 .. len−1
            double dot = 0;
            double sq = 0;
            for (int l = 0; l < d; l++) {
                dot += a[l] * x[j * d + l];
                sq += (a[l] - x[j * d + l]) * (a[l] - x[j * d + l]);
            }
            s[2 + t] = norms[j] - 2 * dot;
            exact += Math.sqrt(sq);
        }
        for (VectorKernels k : providers) {
            double got = k.distanceSum(s, 2, len, q, a, 0, x, d, 0, norms, 1e-4);
            assertEquals(exact, got, 1e-11 * (1 + exact), k.name() + " d=" + d + " len=" + len + " offset=" + offset);
        }
    }
}

package io.cumulo.cluster;

import io.cumulo.linalg.VectorKernels;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fused kernel's distance bounds hold against exact arithmetic, whatever the rounding of the scores. */
class CentreTableTest {
    @Test
    void fusedBoundsHoldExactly() {
        SplittableRandom r = new SplittableRandom(11);
        for (VectorKernels kernels : new VectorKernels[] {VectorKernels.get(), VectorKernels.scalar()}) {
            for (int[] shape : new int[][] {{1, 1}, {1, 3}, {2, 100}, {3, 7}, {16, 16}, {9, 33}}) {
                for (double offset : new double[] {0, 1e3, 1e6}) {
                    check(kernels, shape[0], shape[1], offset, r);
                }
            }
        }
    }

    private static void check(VectorKernels kernels, int d, int k, double offset, SplittableRandom r) {
        int rows = 37;
        double[] centres = new double[k * d];
        double[] x = new double[rows * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = offset + r.nextDouble() * 10;
        }
        for (int i = 0; i < rows; i++) {
            // some rows sit on a centre, where the relative error of a score-based distance is worst
            int near = r.nextInt(k);
            for (int l = 0; l < d; l++) {
                x[i * d + l] = i % 5 == 0 ? centres[near * d + l] : offset + r.nextDouble() * 10;
            }
        }
        CentreTable table = new CentreTable(centres, k, d, kernels);
        assertTrue(table.fused(), "fused kernel for d = " + d);
        int[] best = new int[rows];
        int[] plainBest = new int[rows];
        double[] upper = new double[rows + 3];
        double[] lower = new double[rows + 3];
        table.nearestBounds(kernels, x, 0, rows, best, upper, lower, 3, table.newNearestScratch(kernels));
        table.nearest(kernels, x, 0, rows, plainBest, null, table.newNearestScratch(kernels));
        String where = kernels.name() + " d=" + d + " k=" + k + " offset=" + offset;
        for (int i = 0; i < rows; i++) {
            assertEquals(plainBest[i], best[i], where + ": same choice as nearest, row " + i);
            BigDecimal up = new BigDecimal(upper[3 + i]).pow(2);
            BigDecimal toBest = exactSquaredDistance(x, i, centres, best[i], d);
            assertTrue(up.compareTo(toBest) >= 0, where + ": upper bound below the distance, row " + i);
            // and not uselessly loose: off by rounding of terms the size of ‖x‖²
            double normSq = 0;
            for (int l = 0; l < d; l++) {
                normSq += x[i * d + l] * x[i * d + l];
            }
            assertTrue(upper[3 + i] * upper[3 + i] <= toBest.doubleValue() + 1e-9 * (1 + normSq),
                    where + ": upper bound loose, row " + i);
            if (k == 1) {
                assertEquals(Double.POSITIVE_INFINITY, lower[3 + i]);
                continue;
            }
            BigDecimal lo = new BigDecimal(lower[3 + i]).pow(2);
            for (int j = 0; j < k; j++) {
                if (j != best[i]) {
                    assertTrue(lo.compareTo(exactSquaredDistance(x, i, centres, j, d)) <= 0,
                            where + ": lower bound above the distance to centre " + j + ", row " + i);
                }
            }
        }
    }

    private static BigDecimal exactSquaredDistance(double[] x, int i, double[] c, int j, int d) {
        BigDecimal s = BigDecimal.ZERO;
        for (int l = 0; l < d; l++) {
            BigDecimal diff = new BigDecimal(x[i * d + l]).subtract(new BigDecimal(c[j * d + l]));
            s = s.add(diff.multiply(diff));
        }
        return s.round(MathContext.UNLIMITED);
    }
}

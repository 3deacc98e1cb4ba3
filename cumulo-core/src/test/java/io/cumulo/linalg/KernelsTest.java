package io.cumulo.linalg;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vector API kernels agree with plain Java, which agrees with the definitions. */
class KernelsTest {
    private final VectorKernels fast = VectorKernels.get();
    private final VectorKernels plain = VectorKernels.scalar();

    @Test
    void theVectorApiIsInUseInTests() {
        // surefire adds the incubator module, as the launcher does: the Panama kernels must load
        assertTrue(fast.name().startsWith("panama-"), fast.name());
        assertTrue(fast.lanes() >= 4);
    }

    @Test
    void dotDistanceAxpyArgmin() {
        SplittableRandom r = new SplittableRandom(1);
        for (int len : new int[] {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 784}) {
            double[] a = random(r, len + 5);
            double[] b = random(r, len + 3);
            double dot = 0;
            double sq = 0;
            for (int i = 0; i < len; i++) {
                dot += a[i + 2] * b[i + 1];
                sq += (a[i + 2] - b[i + 1]) * (a[i + 2] - b[i + 1]);
            }
            for (VectorKernels k : new VectorKernels[] {fast, plain}) {
                assertEquals(dot, k.dot(a, 2, b, 1, len), 1e-12 * (1 + Math.abs(dot)), k.name() + " dot " + len);
                assertEquals(sq, k.squaredDistance(a, 2, b, 1, len), 1e-12 * (1 + sq), k.name() + " sqdist " + len);
                double[] y = b.clone();
                k.axpy(0.5, a, 2, y, 1, len);
                for (int i = 0; i < len; i++) {
                    assertEquals(b[i + 1] + 0.5 * a[i + 2], y[i + 1], 1e-15);
                }
                if (len > 0) {
                    int expected = 0;
                    for (int i = 1; i < len; i++) {
                        if (a[2 + i] < a[2 + expected]) {
                            expected = i;
                        }
                    }
                    assertEquals(expected, k.argmin(a, 2, len), k.name() + " argmin " + len);
                }
            }
        }
        double[] ties = {3, 1, 2, 1, 1, 5, 1, 0.5, 0.5, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        assertEquals(7, fast.argmin(ties, 0, ties.length), "first of equal minima");
    }

    @Test
    void scoresMatchTheDefinition() {
        SplittableRandom r = new SplittableRandom(2);
        for (int[] shape : new int[][] {{1, 1}, {2, 100}, {16, 16}, {3, 7}, {784, 10}, {64, 3}, {33, 9}, {5, 40}}) {
            int d = shape[0];
            int k = shape[1];
            int rows = 13;
            double[] x = random(r, rows * d);
            double[] m = random(r, k * d);
            for (VectorKernels kern : new VectorKernels[] {fast, plain}) {
                int stride = (k + kern.lanes() - 1) / kern.lanes() * kern.lanes();
                double[] mT = new double[d * stride];
                double[] bias = new double[stride];
                Arrays.fill(bias, Double.POSITIVE_INFINITY);
                for (int j = 0; j < k; j++) {
                    bias[j] = r.nextDouble();
                    for (int l = 0; l < d; l++) {
                        mT[l * stride + j] = m[j * d + l];
                    }
                }
                double[] outT = new double[rows * stride];
                kern.scoresTransposed(x, d, 0, rows, mT, bias, stride, outT);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < k; j++) {
                        double e = bias[j];
                        for (int l = 0; l < d; l++) {
                            e += x[i * d + l] * m[j * d + l];
                        }
                        assertEquals(e, outT[i * stride + j], 1e-12 * (1 + Math.abs(e)), kern.name() + " T " + d + "x" + k);
                    }
                    for (int j = k; j < stride; j++) {
                        assertEquals(Double.POSITIVE_INFINITY, outT[i * stride + j], "padding never wins");
                    }
                }
                // a row's score does not depend on its position in the block
                double[] one = new double[stride];
                for (int i = 0; i < rows; i++) {
                    kern.scoresTransposed(x, d, i, i + 1, mT, bias, stride, one);
                    for (int j = 0; j < k; j++) {
                        assertEquals(outT[i * stride + j], one[j], kern.name() + " transposed position " + i);
                    }
                }
            }
        }
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble() * 2 - 1;
        }
        return a;
    }

    @Test
    void fusedNearestAgreesWithScoresAndArgmin() {
        SplittableRandom r = new SplittableRandom(3);
        for (int[] shape : new int[][] {{1, 1}, {2, 100}, {16, 16}, {3, 7}, {32, 10}, {5, 2}, {9, 33}}) {
            int d = shape[0];
            int k = shape[1];
            int rows = 29;
            double[] x = random(r, rows * d);
            for (VectorKernels kern : new VectorKernels[] {fast, plain}) {
                int stride = (k + kern.lanes() - 1) / kern.lanes() * kern.lanes();
                int kp = (k + 3) / 4 * 4;
                double[] mT = new double[d * stride];
                double[] mRows = new double[kp * d];
                double[] bias = new double[stride];
                double[] biasRows = new double[kp];
                Arrays.fill(bias, Double.POSITIVE_INFINITY);
                Arrays.fill(biasRows, Double.POSITIVE_INFINITY);
                for (int j = 0; j < k; j++) {
                    bias[j] = biasRows[j] = r.nextDouble();
                    for (int l = 0; l < d; l++) {
                        mT[l * stride + j] = mRows[j * d + l] = r.nextDouble() * 2 - 1;
                    }
                }
                double[] scores = new double[rows * stride];
                kern.scoresTransposed(x, d, 0, rows, mT, bias, stride, scores);
                int[] best = new int[rows];
                int[] second = new int[rows];
                kern.nearest(x, d, 0, rows, kern.nearestTable(mRows, biasRows, kp, d), kp, best, second,
                        new double[kern.nearestScratch(d)]);
                for (int i = 0; i < rows; i++) {
                    int o = i * stride;
                    assertEquals(kern.argmin(scores, o, k), best[i], kern.name() + " best " + d + "x" + k);
                    if (k > 1) {
                        int s2 = -1;
                        for (int j = 0; j < k; j++) {
                            if (j != best[i] && (s2 < 0 || scores[o + j] < scores[o + s2])) {
                                s2 = j;
                            }
                        }
                        assertEquals(s2, second[i], kern.name() + " second " + d + "x" + k);
                    }
                }
            }
        }
    }
}

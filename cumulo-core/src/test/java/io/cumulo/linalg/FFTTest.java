package io.cumulo.linalg;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FFTTest {
    /** The DFT by its definition, the angle of each term reduced exactly (jk mod n) before cos and sin. */
    private static double[][] naiveDft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                double a = sign * 2 * Math.PI * (int) ((long) j * k % n) / n;
                double c = Math.cos(a);
                double s = Math.sin(a);
                sr += re[j] * c - im[j] * s;
                si += re[j] * s + im[j] * c;
            }
            outRe[k] = inverse ? sr / n : sr;
            outIm[k] = inverse ? si / n : si;
        }
        return new double[][] {outRe, outIm};
    }

    @Test
    void matchesTheNaiveDftOnRandomInputs() {
        SplittableRandom rng = new SplittableRandom(7);
        // radices 4, 2, 3, 5 in every mix, a generic prime (7, 11, 97) and the lengths t-SNE's grids use
        int[] lengths = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 25, 27, 30, 32, 45, 49, 60, 64, 77, 97, 100,
                120, 128, 150, 300, 360, 600, 768, 1000};
        for (int n : lengths) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int t = 0; t < n; t++) {
                re[t] = rng.nextDouble(-1, 1);
                im[t] = rng.nextDouble(-1, 1);
            }
            FFT fft = FFT.of(n);
            for (boolean inverse : new boolean[] {false, true}) {
                double[][] expected = naiveDft(re, im, inverse);
                double[] r = re.clone();
                double[] i = im.clone();
                if (inverse) {
                    fft.inverse(r, i, new double[n], new double[n]);
                } else {
                    fft.forward(r, i, new double[n], new double[n]);
                }
                for (int t = 0; t < n; t++) {
                    assertEquals(expected[0][t], r[t], 1e-12, "n=" + n + " inverse=" + inverse + " re[" + t + "]");
                    assertEquals(expected[1][t], i[t], 1e-12, "n=" + n + " inverse=" + inverse + " im[" + t + "]");
                }
            }
        }
    }

    @Test
    void inverseUndoesForwardAndKnownTransforms() {
        int n = 1200;
        SplittableRandom rng = new SplittableRandom(3);
        double[] re = new double[n];
        double[] im = new double[n];
        for (int t = 0; t < n; t++) {
            re[t] = rng.nextGaussian();
            im[t] = rng.nextGaussian();
        }
        double[] r = re.clone();
        double[] i = im.clone();
        FFT fft = FFT.of(n);
        double[] w1 = new double[n];
        double[] w2 = new double[n];
        fft.forward(r, i, w1, w2);
        fft.inverse(r, i, w1, w2);
        assertArrayEquals(re, r, 1e-13);
        assertArrayEquals(im, i, 1e-13);
        // a unit impulse at 0 transforms to all ones; a constant to n at frequency 0
        double[] e = new double[n];
        double[] z = new double[n];
        e[0] = 1;
        fft.forward(e, z, w1, w2);
        for (int t = 0; t < n; t++) {
            assertEquals(1.0, e[t], 1e-15);
            assertEquals(0.0, z[t], 1e-15);
        }
        double[] c = new double[n];
        Arrays.fill(c, 1);
        double[] ci = new double[n];
        fft.forward(c, ci, w1, w2);
        assertEquals(n, c[0], 1e-10);
        for (int t = 1; t < n; t++) {
            assertEquals(0.0, c[t], 1e-10);
            assertEquals(0.0, ci[t], 1e-10);
        }
    }

    @Test
    void goodSizesHaveNoPrimeFactorAbove5() {
        assertEquals(1, FFT.goodSize(1));
        assertEquals(50, FFT.goodSize(50));
        assertEquals(54, FFT.goodSize(51));
        assertEquals(100, FFT.goodSize(98));
        assertEquals(128, FFT.goodSize(127));
        assertThrows(IllegalArgumentException.class, () -> FFT.of(0));
        assertThrows(IllegalArgumentException.class, () -> FFT.of(8).forward(new double[4], new double[8],
                new double[8], new double[8]));
    }
}

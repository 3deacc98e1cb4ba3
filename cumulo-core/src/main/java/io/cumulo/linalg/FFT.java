package io.cumulo.linalg;

import java.util.Arrays;

/**
 * A complex discrete Fourier transform of one length, mixed radix: {@code X[k] = Σ_j x[j] e^{−2πi jk/n}} (forward)
 * and {@code x[j] = (1/n) Σ_k X[k] e^{+2πi jk/n}} (inverse). The length is split into factors 4, 2, 3 and 5 (any
 * other prime factor is done as a plain DFT of that size, correct but slow: choose lengths with
 * {@link #goodSize(int)}), and the passes follow Stockham's self-sorting scheme (T. G. Stockham, 1966; see C. Van
 * Loan, "Computational Frameworks for the Fast Fourier Transform", SIAM 1992, chapter 1, and for mixed radices
 * N. K. Govindaraju et al., "High performance discrete Fourier transforms on graphics processors", SC 2008): each
 * pass reads one buffer and writes the other in natural order, so no bit reversal is needed, whatever the radices.
 *
 * <p>Every twiddle factor is {@code cos} and {@code sin} of an exact multiple of 2π/n computed once (not by
 * recurrence), so the error is that of the butterflies, about 10⁻¹⁵·log n relative to the largest value. The
 * plan is immutable and shared; each call takes the caller's scratch arrays, so threads can transform different
 * rows with one plan. The result depends only on the input, never on the thread that computes it.
 */
public final class FFT {
    private final int n;
    private final int[] radices;
    /** Per pass, the twiddles {@code ω^{k·r·n/(s·R)}} for k < s (the pass's span), 1 ≤ r < R: re, im interleaved. */
    private final double[][] twiddles;
    /** {@code cos(2π t/n)} and {@code sin(2π t/n)} for t < n (the generic-radix passes read them). */
    private final double[] cos;
    private final double[] sin;

    private FFT(int n) {
        this.n = n;
        this.radices = factor(n);
        this.cos = new double[n];
        this.sin = new double[n];
        for (int t = 0; t < n; t++) {
            double a = 2 * Math.PI * t / n;
            cos[t] = Math.cos(a);
            sin[t] = Math.sin(a);
        }
        this.twiddles = new double[radices.length][];
        int span = 1;
        for (int p = 0; p < radices.length; p++) {
            int r = radices[p];
            double[] tw = new double[2 * span * (r - 1)];
            int stride = n / (span * r);
            for (int k = 0; k < span; k++) {
                for (int q = 1; q < r; q++) {
                    int t = k * q * stride; // < n: k < span and q < r
                    // forward: e^{−2πi t/n}
                    tw[2 * (k * (r - 1) + q - 1)] = cos[t];
                    tw[2 * (k * (r - 1) + q - 1) + 1] = -sin[t];
                }
            }
            twiddles[p] = tw;
            span *= r;
        }
    }

    /** The plan for length {@code n ≥ 1}. */
    public static FFT of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        return new FFT(n);
    }

    public int length() {
        return n;
    }

    /** The smallest m ≥ n with no prime factor above 5 (lengths this class transforms fastest). */
    public static int goodSize(int n) {
        for (int m = Math.max(1, n); ; m++) {
            int r = m;
            for (int f : new int[] {2, 3, 5}) {
                while (r % f == 0) {
                    r /= f;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }

    private static int[] factor(int n) {
        int[] out = new int[32];
        int count = 0;
        int r = n;
        while (r % 4 == 0) {
            out[count++] = 4;
            r /= 4;
        }
        while (r % 2 == 0) {
            out[count++] = 2;
            r /= 2;
        }
        for (int f = 3; r > 1; f += 2) {
            while (r % f == 0) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, 2 * count);
                }
                out[count++] = f;
                r /= f;
            }
            if (f * f > r && r > 1) {
                out[count++] = r;
                r = 1;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Transforms {@code re[0..n), im[0..n)} in place (forward); {@code workRe}, {@code workIm} hold n each. */
    public void forward(double[] re, double[] im, double[] workRe, double[] workIm) {
        transform(re, im, workRe, workIm, false);
    }

    /** The inverse transform in place, divided by n, so that {@code inverse(forward(x)) = x}. */
    public void inverse(double[] re, double[] im, double[] workRe, double[] workIm) {
        transform(re, im, workRe, workIm, true);
        double s = 1.0 / n;
        for (int t = 0; t < n; t++) {
            re[t] *= s;
            im[t] *= s;
        }
    }

    /** The inverse transform without the 1/n factor (for callers that fold it into another scaling). */
    public void inverseUnscaled(double[] re, double[] im, double[] workRe, double[] workIm) {
        transform(re, im, workRe, workIm, true);
    }

    private void transform(double[] re, double[] im, double[] workRe, double[] workIm, boolean inverse) {
        if (re.length < n || im.length < n || workRe.length < n || workIm.length < n) {
            throw new IllegalArgumentException("FFT of length " + n + ": arrays too short");
        }
        // the inverse transform is the forward one with conjugated twiddles: conj(F(conj x)) = F⁻¹ x · n
        double sign = inverse ? -1 : 1;
        double[] aRe = re;
        double[] aIm = im;
        double[] bRe = workRe;
        double[] bIm = workIm;
        int span = 1;
        for (int p = 0; p < radices.length; p++) {
            int r = radices[p];
            switch (r) {
                case 2 -> pass2(aRe, aIm, bRe, bIm, span, twiddles[p], sign);
                case 3 -> pass3(aRe, aIm, bRe, bIm, span, twiddles[p], sign);
                case 4 -> pass4(aRe, aIm, bRe, bIm, span, twiddles[p], sign);
                case 5 -> pass5(aRe, aIm, bRe, bIm, span, twiddles[p], sign);
                default -> passGeneric(aRe, aIm, bRe, bIm, span, r, twiddles[p], sign);
            }
            double[] t = aRe;
            aRe = bRe;
            bRe = t;
            t = aIm;
            aIm = bIm;
            bIm = t;
            span *= r;
        }
        if (aRe != re) {
            System.arraycopy(aRe, 0, re, 0, n);
            System.arraycopy(aIm, 0, im, 0, n);
        }
    }

    /*
     * One Stockham pass of radix R with span s (the product of the earlier radices), m = n / R: for each
     * j = b·s + k (k < s), the R inputs x[j + q·m] (q < R) are multiplied by the twiddles ω^{k·q·n/(s·R)}, go
     * through a DFT of size R, and land at y[b·s·R + k + q·s].
     */

    private void pass2(double[] xr, double[] xi, double[] yr, double[] yi, int s, double[] tw, double sign) {
        int m = n / 2;
        int blocks = m / s;
        for (int b = 0; b < blocks; b++) {
            int in = b * s;
            int out = b * s * 2;
            for (int k = 0; k < s; k++) {
                int j = in + k;
                double wr = tw[2 * k];
                double wi = sign * tw[2 * k + 1];
                double ar = xr[j];
                double ai = xi[j];
                double cr = xr[j + m];
                double ci = xi[j + m];
                double br = cr * wr - ci * wi;
                double bi = cr * wi + ci * wr;
                int o = out + k;
                yr[o] = ar + br;
                yi[o] = ai + bi;
                yr[o + s] = ar - br;
                yi[o + s] = ai - bi;
            }
        }
    }

    private void pass4(double[] xr, double[] xi, double[] yr, double[] yi, int s, double[] tw, double sign) {
        int m = n / 4;
        int blocks = m / s;
        for (int b = 0; b < blocks; b++) {
            int in = b * s;
            int out = b * s * 4;
            for (int k = 0; k < s; k++) {
                int j = in + k;
                int t = 6 * k;
                double w1r = tw[t];
                double w1i = sign * tw[t + 1];
                double w2r = tw[t + 2];
                double w2i = sign * tw[t + 3];
                double w3r = tw[t + 4];
                double w3i = sign * tw[t + 5];
                double a0r = xr[j];
                double a0i = xi[j];
                double a1r = xr[j + m] * w1r - xi[j + m] * w1i;
                double a1i = xr[j + m] * w1i + xi[j + m] * w1r;
                double a2r = xr[j + 2 * m] * w2r - xi[j + 2 * m] * w2i;
                double a2i = xr[j + 2 * m] * w2i + xi[j + 2 * m] * w2r;
                double a3r = xr[j + 3 * m] * w3r - xi[j + 3 * m] * w3i;
                double a3i = xr[j + 3 * m] * w3i + xi[j + 3 * m] * w3r;
                // size-4 DFT: ω₄ = ∓i (forward: −i)
                double s02r = a0r + a2r;
                double s02i = a0i + a2i;
                double d02r = a0r - a2r;
                double d02i = a0i - a2i;
                double s13r = a1r + a3r;
                double s13i = a1i + a3i;
                // (a1 − a3)·(−i·sign): forward multiplies by −i
                double d13r = sign * (a1i - a3i);
                double d13i = -sign * (a1r - a3r);
                int o = out + k;
                yr[o] = s02r + s13r;
                yi[o] = s02i + s13i;
                yr[o + s] = d02r + d13r;
                yi[o + s] = d02i + d13i;
                yr[o + 2 * s] = s02r - s13r;
                yi[o + 2 * s] = s02i - s13i;
                yr[o + 3 * s] = d02r - d13r;
                yi[o + 3 * s] = d02i - d13i;
            }
        }
    }

    private static final double SIN_60 = Math.sqrt(3) / 2;

    private void pass3(double[] xr, double[] xi, double[] yr, double[] yi, int s, double[] tw, double sign) {
        int m = n / 3;
        int blocks = m / s;
        double c = -0.5;
        double d = -sign * SIN_60; // imaginary part of ω₃ = e^{∓2πi/3}
        for (int b = 0; b < blocks; b++) {
            int in = b * s;
            int out = b * s * 3;
            for (int k = 0; k < s; k++) {
                int j = in + k;
                int t = 4 * k;
                double w1r = tw[t];
                double w1i = sign * tw[t + 1];
                double w2r = tw[t + 2];
                double w2i = sign * tw[t + 3];
                double a0r = xr[j];
                double a0i = xi[j];
                double a1r = xr[j + m] * w1r - xi[j + m] * w1i;
                double a1i = xr[j + m] * w1i + xi[j + m] * w1r;
                double a2r = xr[j + 2 * m] * w2r - xi[j + 2 * m] * w2i;
                double a2i = xr[j + 2 * m] * w2i + xi[j + 2 * m] * w2r;
                double sr = a1r + a2r;
                double si = a1i + a2i;
                double tr = a0r + c * sr;
                double ti = a0i + c * si;
                // i·d·(a1 − a2)
                double ur = -d * (a1i - a2i);
                double ui = d * (a1r - a2r);
                int o = out + k;
                yr[o] = a0r + sr;
                yi[o] = a0i + si;
                yr[o + s] = tr + ur;
                yi[o + s] = ti + ui;
                yr[o + 2 * s] = tr - ur;
                yi[o + 2 * s] = ti - ui;
            }
        }
    }

    private static final double C1_5 = Math.cos(2 * Math.PI / 5);
    private static final double C2_5 = Math.cos(4 * Math.PI / 5);
    private static final double S1_5 = Math.sin(2 * Math.PI / 5);
    private static final double S2_5 = Math.sin(4 * Math.PI / 5);

    private void pass5(double[] xr, double[] xi, double[] yr, double[] yi, int s, double[] tw, double sign) {
        int m = n / 5;
        int blocks = m / s;
        // ω₅^q = cos(2πq/5) − sign·i·sin(2πq/5)
        double s1 = -sign * S1_5;
        double s2 = -sign * S2_5;
        for (int b = 0; b < blocks; b++) {
            int in = b * s;
            int out = b * s * 5;
            for (int k = 0; k < s; k++) {
                int j = in + k;
                int t = 8 * k;
                double a0r = xr[j];
                double a0i = xi[j];
                double a1r = xr[j + m] * tw[t] - xi[j + m] * sign * tw[t + 1];
                double a1i = xr[j + m] * sign * tw[t + 1] + xi[j + m] * tw[t];
                double a2r = xr[j + 2 * m] * tw[t + 2] - xi[j + 2 * m] * sign * tw[t + 3];
                double a2i = xr[j + 2 * m] * sign * tw[t + 3] + xi[j + 2 * m] * tw[t + 2];
                double a3r = xr[j + 3 * m] * tw[t + 4] - xi[j + 3 * m] * sign * tw[t + 5];
                double a3i = xr[j + 3 * m] * sign * tw[t + 5] + xi[j + 3 * m] * tw[t + 4];
                double a4r = xr[j + 4 * m] * tw[t + 6] - xi[j + 4 * m] * sign * tw[t + 7];
                double a4i = xr[j + 4 * m] * sign * tw[t + 7] + xi[j + 4 * m] * tw[t + 6];
                double p1r = a1r + a4r;
                double p1i = a1i + a4i;
                double m1r = a1r - a4r;
                double m1i = a1i - a4i;
                double p2r = a2r + a3r;
                double p2i = a2i + a3i;
                double m2r = a2r - a3r;
                double m2i = a2i - a3i;
                double t1r = a0r + C1_5 * p1r + C2_5 * p2r;
                double t1i = a0i + C1_5 * p1i + C2_5 * p2i;
                double t2r = a0r + C2_5 * p1r + C1_5 * p2r;
                double t2i = a0i + C2_5 * p1i + C1_5 * p2i;
                // i·(s1·m1 + s2·m2) and i·(s2·m1 − s1·m2)
                double u1r = -(s1 * m1i + s2 * m2i);
                double u1i = s1 * m1r + s2 * m2r;
                double u2r = -(s2 * m1i - s1 * m2i);
                double u2i = s2 * m1r - s1 * m2r;
                int o = out + k;
                yr[o] = a0r + p1r + p2r;
                yi[o] = a0i + p1i + p2i;
                yr[o + s] = t1r + u1r;
                yi[o + s] = t1i + u1i;
                yr[o + 2 * s] = t2r + u2r;
                yi[o + 2 * s] = t2i + u2i;
                yr[o + 3 * s] = t2r - u2r;
                yi[o + 3 * s] = t2i - u2i;
                yr[o + 4 * s] = t1r - u1r;
                yi[o + 4 * s] = t1i - u1i;
            }
        }
    }

    private void passGeneric(double[] xr, double[] xi, double[] yr, double[] yi, int s, int r, double[] tw,
                             double sign) {
        int m = n / r;
        int blocks = m / s;
        double[] ar = new double[r];
        double[] ai = new double[r];
        int step = n / r; // ω_R^{q·v} = ω_n^{q·v·step}
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < s; k++) {
                int j = b * s + k;
                ar[0] = xr[j];
                ai[0] = xi[j];
                for (int q = 1; q < r; q++) {
                    int t = 2 * (k * (r - 1) + q - 1);
                    double wr = tw[t];
                    double wi = sign * tw[t + 1];
                    ar[q] = xr[j + q * m] * wr - xi[j + q * m] * wi;
                    ai[q] = xr[j + q * m] * wi + xi[j + q * m] * wr;
                }
                int out = b * s * r + k;
                for (int v = 0; v < r; v++) {
                    double sr = 0;
                    double si = 0;
                    for (int q = 0; q < r; q++) {
                        int t = (int) ((long) q * v % r) * step;
                        double wr = cos[t];
                        double wi = -sign * sin[t];
                        sr += ar[q] * wr - ai[q] * wi;
                        si += ar[q] * wi + ai[q] * wr;
                    }
                    yr[out + v * s] = sr;
                    yi[out + v * s] = si;
                }
            }
        }
    }
}

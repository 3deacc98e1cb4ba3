package io.cumulo.linalg;

/** Plain Java loops, written so that HotSpot's C2 compiler can vectorise the inner ones. */
final class ScalarKernels extends VectorKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    /** Rows scored together; keeps the score block in L1 cache. */
    private static final int ROWS = 4;

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < len; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            double d0 = a[aOff + i] - b[bOff + i];
            double d1 = a[aOff + i + 1] - b[bOff + i + 1];
            double d2 = a[aOff + i + 2] - b[bOff + i + 2];
            double d3 = a[aOff + i + 3] - b[bOff + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < len; i++) {
            double d0 = a[aOff + i] - b[bOff + i];
            s0 += d0 * d0;
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void nearest(double[] x, int d, int from, int to, double[] centresT, double[] bias, int k, int[] labels) {
        double[] s = new double[ROWS * k];
        int i = from;
        for (; i + ROWS <= to; i += ROWS) {
            for (int r = 0; r < ROWS; r++) {
                System.arraycopy(bias, 0, s, r * k, k);
            }
            int x0 = i * d;
            for (int l = 0; l < d; l++) {
                double a0 = -2 * x[x0 + l];
                double a1 = -2 * x[x0 + d + l];
                double a2 = -2 * x[x0 + 2 * d + l];
                double a3 = -2 * x[x0 + 3 * d + l];
                int c = l * k;
                for (int j = 0; j < k; j++) {
                    double cj = centresT[c + j];
                    s[j] += a0 * cj;
                    s[k + j] += a1 * cj;
                    s[2 * k + j] += a2 * cj;
                    s[3 * k + j] += a3 * cj;
                }
            }
            for (int r = 0; r < ROWS; r++) {
                labels[i + r] = argmin(s, r * k, k);
            }
        }
        for (; i < to; i++) {
            System.arraycopy(bias, 0, s, 0, k);
            int x0 = i * d;
            for (int l = 0; l < d; l++) {
                double a0 = -2 * x[x0 + l];
                int c = l * k;
                for (int j = 0; j < k; j++) {
                    s[j] += a0 * centresT[c + j];
                }
            }
            labels[i] = argmin(s, 0, k);
        }
    }

    private static int argmin(double[] s, int off, int k) {
        int best = 0;
        double bv = s[off];
        for (int j = 1; j < k; j++) {
            if (s[off + j] < bv) {
                bv = s[off + j];
                best = j;
            }
        }
        return best;
    }
}

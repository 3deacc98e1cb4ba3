package io.cumulo.linalg;

/** Plain Java loops, written so that HotSpot's C2 compiler can vectorise the inner ones where it can. */
final class ScalarKernels extends VectorKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
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
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void addRows(double[] x, int d, int[] rows, int from, int to, double[] w, double[] y, int yOff) {
        for (int t = from; t < to; t++) {
            int r = rows[t];
            axpy(w == null ? 1.0 : w[r], x, r * d, y, yOff, d);
        }
    }

    @Override
    public void scoresTransposed(double[] x, int d, int from, int to, double[] mT, double[] bias, int stride,
                                 double[] out) {
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int o = (i - from) * stride;
            System.arraycopy(bias, 0, out, o, stride);
            System.arraycopy(bias, 0, out, o + stride, stride);
            System.arraycopy(bias, 0, out, o + 2 * stride, stride);
            System.arraycopy(bias, 0, out, o + 3 * stride, stride);
            int x0 = i * d;
            for (int l = 0; l < d; l++) {
                double a0 = x[x0 + l];
                double a1 = x[x0 + d + l];
                double a2 = x[x0 + 2 * d + l];
                double a3 = x[x0 + 3 * d + l];
                int c = l * stride;
                for (int j = 0; j < stride; j++) {
                    double m = mT[c + j];
                    out[o + j] += a0 * m;
                    out[o + stride + j] += a1 * m;
                    out[o + 2 * stride + j] += a2 * m;
                    out[o + 3 * stride + j] += a3 * m;
                }
            }
        }
        for (; i < to; i++) {
            int o = (i - from) * stride;
            System.arraycopy(bias, 0, out, o, stride);
            int x0 = i * d;
            for (int l = 0; l < d; l++) {
                double a0 = x[x0 + l];
                int c = l * stride;
                for (int j = 0; j < stride; j++) {
                    out[o + j] += a0 * mT[c + j];
                }
            }
        }
    }

    @Override
    public double[] nearestTable(double[] m, double[] bias, int kp, int d) {
        double[] t = new double[kp * (d + 1)];
        for (int j = 0; j < kp; j++) {
            t[j * (d + 1)] = bias[j];
            System.arraycopy(m, j * d, t, j * (d + 1) + 1, d);
        }
        return t;
    }

    @Override
    public void nearest(double[] x, int d, int from, int to, double[] table, int kp, int[] best, int[] second,
                        double[] scratch) {
        for (int i = from; i < to; i++) {
            double b1 = Double.POSITIVE_INFINITY;
            double b2 = Double.POSITIVE_INFINITY;
            int j1 = 0;
            int j2 = 0;
            for (int j = 0; j < kp; j++) {
                double s = score(x, i, d, table, j);
                if (s < b1) {
                    b2 = b1;
                    j2 = j1;
                    b1 = s;
                    j1 = j;
                } else if (s < b2) {
                    b2 = s;
                    j2 = j;
                }
            }
            best[i - from] = j1;
            if (second != null) {
                second[i - from] = j2;
            }
        }
    }

    /** Score of row {@code i} against centre {@code j} of a {@link #nearestTable}: bias, then products in order. */
    private static double score(double[] x, int i, int d, double[] table, int j) {
        int t = j * (d + 1);
        double s = table[t];
        for (int l = 0; l < d; l++) {
            s += x[i * d + l] * table[t + 1 + l];
        }
        return s;
    }

    @Override
    public void nearestBounds(double[] x, int d, int from, int to, double[] table, int kp, double[] mu,
                              double errBias, double errNorm, int[] best, double[] upper, double[] lower, int at,
                              double[] scratch) {
        for (int i = from; i < to; i++) {
            double b1 = Double.POSITIVE_INFINITY;
            double b2 = Double.POSITIVE_INFINITY;
            int j1 = 0;
            for (int j = 0; j < kp; j++) {
                double s = score(x, i, d, table, j);
                if (s < b1) {
                    b2 = b1;
                    b1 = s;
                    j1 = j;
                } else if (s < b2) {
                    b2 = s;
                }
            }
            double q = 0;
            double n2 = 0;
            for (int l = 0; l < d; l++) {
                double v = x[i * d + l];
                double diff = v - mu[l];
                q += diff * diff;
                n2 += v * v;
            }
            double err = errBias + errNorm * Math.sqrt(n2) + 1e-11 * q;
            best[i - from] = j1;
            upper[at + i - from] = Math.sqrt(Math.max(q + b1 + err, 0));
            lower[at + i - from] = Math.sqrt(Math.max(q + b2 - err, 0));
        }
    }

    @Override
    public int argmin(double[] s, int off, int len) {
        int best = 0;
        double bv = s[off];
        for (int j = 1; j < len; j++) {
            if (s[off + j] < bv) {
                bv = s[off + j];
                best = j;
            }
        }
        return best;
    }

    @Override
    public double minExcept(double[] s, int off, int len, int skip) {
        double m = Double.POSITIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            if (j != skip) {
                m = Math.min(m, s[off + j]);
            }
        }
        return m;
    }
}

package io.cumulo.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}). Loaded by {@link VectorKernels#get()} only when
 * the module is present, so the rest of Cumulo runs on any JVM. The score kernels are register-blocked
 * GEMM micro-kernels: 4 rows × up to 4 vectors of centres are kept in registers while the features stream
 * through, so each loaded value feeds several fused multiply-adds.
 */
final class PanamaKernels extends VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    PanamaKernels() {
        if (S.vectorBitSize() < 256) {
            throw new UnsupportedOperationException("vectors of " + S.vectorBitSize() + " bits are too narrow to pay off");
        }
    }

    @Override
    public String name() {
        return "panama-" + S.vectorBitSize();
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        int i = 0;
        double s = 0;
        if (len >= 2 * L) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = DoubleVector.zero(S);
            for (; i <= len - 2 * L; i += 2 * L) {
                a0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), a0);
                a1 = DoubleVector.fromArray(S, a, aOff + i + L).fma(DoubleVector.fromArray(S, b, bOff + i + L), a1);
            }
            if (i <= len - L) {
                a0 = DoubleVector.fromArray(S, a, aOff + i).fma(DoubleVector.fromArray(S, b, bOff + i), a0);
                i += L;
            }
            s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public double squaredDistance(double[] a, int aOff, double[] b, int bOff, int len) {
        int i = 0;
        double s = 0;
        if (len >= 2 * L) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = DoubleVector.zero(S);
            for (; i <= len - 2 * L; i += 2 * L) {
                DoubleVector d0 = DoubleVector.fromArray(S, a, aOff + i).sub(DoubleVector.fromArray(S, b, bOff + i));
                DoubleVector d1 = DoubleVector.fromArray(S, a, aOff + i + L).sub(DoubleVector.fromArray(S, b, bOff + i + L));
                a0 = d0.fma(d0, a0);
                a1 = d1.fma(d1, a1);
            }
            if (i <= len - L) {
                DoubleVector d0 = DoubleVector.fromArray(S, a, aOff + i).sub(DoubleVector.fromArray(S, b, bOff + i));
                a0 = d0.fma(d0, a0);
                i += L;
            }
            s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            double d0 = a[aOff + i] - b[bOff + i];
            s += d0 * d0;
        }
        return s;
    }

    @Override
    public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
        int i = 0;
        if (len >= L) {
            DoubleVector av = DoubleVector.broadcast(S, alpha);
            for (; i <= len - L; i += L) {
                DoubleVector.fromArray(S, x, xOff + i).fma(av, DoubleVector.fromArray(S, y, yOff + i))
                        .intoArray(y, yOff + i);
            }
        }
        for (; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public int argmin(double[] s, int off, int len) {
        if (len < 2 * L) {
            return ScalarKernels.INSTANCE.argmin(s, off, len);
        }
        DoubleVector m = DoubleVector.fromArray(S, s, off);
        int j = L;
        for (; j <= len - L; j += L) {
            m = m.min(DoubleVector.fromArray(S, s, off + j));
        }
        double min = m.reduceLanes(VectorOperators.MIN);
        for (; j < len; j++) {
            min = Math.min(min, s[off + j]);
        }
        for (int t = 0; t < len; t++) {
            if (s[off + t] == min) {
                return t;
            }
        }
        return 0;
    }

    @Override
    public void scoresTransposed(double[] x, int d, int from, int to, double[] mT, double[] bias, int stride,
                                 double[] out) {
        int nv = stride / L;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int o = (i - from) * stride;
            int x0 = i * d;
            int v = 0;
            for (; v + 4 <= nv; v += 4) {
                rows4x4(x, x0, d, mT, bias, stride, v * L, out, o);
            }
            for (; v + 2 <= nv; v += 2) {
                rows4x2(x, x0, d, mT, bias, stride, v * L, out, o);
            }
            for (; v < nv; v++) {
                rows4x1(x, x0, d, mT, bias, stride, v * L, out, o);
            }
        }
        for (; i < to; i++) {
            int o = (i - from) * stride;
            int x0 = i * d;
            for (int v = 0; v < nv; v++) {
                int j0 = v * L;
                DoubleVector acc = DoubleVector.fromArray(S, bias, j0);
                for (int l = 0; l < d; l++) {
                    acc = DoubleVector.fromArray(S, mT, l * stride + j0).fma(DoubleVector.broadcast(S, x[x0 + l]), acc);
                }
                acc.intoArray(out, o + j0);
            }
        }
    }

    private static void rows4x4(double[] x, int x0, int d, double[] mT, double[] bias, int stride, int j0, double[] out,
                                int o) {
        DoubleVector b0 = DoubleVector.fromArray(S, bias, j0);
        DoubleVector b1 = DoubleVector.fromArray(S, bias, j0 + L);
        DoubleVector b2 = DoubleVector.fromArray(S, bias, j0 + 2 * L);
        DoubleVector b3 = DoubleVector.fromArray(S, bias, j0 + 3 * L);
        DoubleVector r00 = b0;
        DoubleVector r01 = b1;
        DoubleVector r02 = b2;
        DoubleVector r03 = b3;
        DoubleVector r10 = b0;
        DoubleVector r11 = b1;
        DoubleVector r12 = b2;
        DoubleVector r13 = b3;
        DoubleVector r20 = b0;
        DoubleVector r21 = b1;
        DoubleVector r22 = b2;
        DoubleVector r23 = b3;
        DoubleVector r30 = b0;
        DoubleVector r31 = b1;
        DoubleVector r32 = b2;
        DoubleVector r33 = b3;
        for (int l = 0; l < d; l++) {
            int c = l * stride + j0;
            DoubleVector m0 = DoubleVector.fromArray(S, mT, c);
            DoubleVector m1 = DoubleVector.fromArray(S, mT, c + L);
            DoubleVector m2 = DoubleVector.fromArray(S, mT, c + 2 * L);
            DoubleVector m3 = DoubleVector.fromArray(S, mT, c + 3 * L);
            DoubleVector a = DoubleVector.broadcast(S, x[x0 + l]);
            r00 = m0.fma(a, r00);
            r01 = m1.fma(a, r01);
            r02 = m2.fma(a, r02);
            r03 = m3.fma(a, r03);
            a = DoubleVector.broadcast(S, x[x0 + d + l]);
            r10 = m0.fma(a, r10);
            r11 = m1.fma(a, r11);
            r12 = m2.fma(a, r12);
            r13 = m3.fma(a, r13);
            a = DoubleVector.broadcast(S, x[x0 + 2 * d + l]);
            r20 = m0.fma(a, r20);
            r21 = m1.fma(a, r21);
            r22 = m2.fma(a, r22);
            r23 = m3.fma(a, r23);
            a = DoubleVector.broadcast(S, x[x0 + 3 * d + l]);
            r30 = m0.fma(a, r30);
            r31 = m1.fma(a, r31);
            r32 = m2.fma(a, r32);
            r33 = m3.fma(a, r33);
        }
        int p = o + j0;
        r00.intoArray(out, p);
        r01.intoArray(out, p + L);
        r02.intoArray(out, p + 2 * L);
        r03.intoArray(out, p + 3 * L);
        p += stride;
        r10.intoArray(out, p);
        r11.intoArray(out, p + L);
        r12.intoArray(out, p + 2 * L);
        r13.intoArray(out, p + 3 * L);
        p += stride;
        r20.intoArray(out, p);
        r21.intoArray(out, p + L);
        r22.intoArray(out, p + 2 * L);
        r23.intoArray(out, p + 3 * L);
        p += stride;
        r30.intoArray(out, p);
        r31.intoArray(out, p + L);
        r32.intoArray(out, p + 2 * L);
        r33.intoArray(out, p + 3 * L);
    }

    private static void rows4x2(double[] x, int x0, int d, double[] mT, double[] bias, int stride, int j0, double[] out,
                                int o) {
        DoubleVector b0 = DoubleVector.fromArray(S, bias, j0);
        DoubleVector b1 = DoubleVector.fromArray(S, bias, j0 + L);
        DoubleVector r00 = b0;
        DoubleVector r01 = b1;
        DoubleVector r10 = b0;
        DoubleVector r11 = b1;
        DoubleVector r20 = b0;
        DoubleVector r21 = b1;
        DoubleVector r30 = b0;
        DoubleVector r31 = b1;
        for (int l = 0; l < d; l++) {
            int c = l * stride + j0;
            DoubleVector m0 = DoubleVector.fromArray(S, mT, c);
            DoubleVector m1 = DoubleVector.fromArray(S, mT, c + L);
            DoubleVector a = DoubleVector.broadcast(S, x[x0 + l]);
            r00 = m0.fma(a, r00);
            r01 = m1.fma(a, r01);
            a = DoubleVector.broadcast(S, x[x0 + d + l]);
            r10 = m0.fma(a, r10);
            r11 = m1.fma(a, r11);
            a = DoubleVector.broadcast(S, x[x0 + 2 * d + l]);
            r20 = m0.fma(a, r20);
            r21 = m1.fma(a, r21);
            a = DoubleVector.broadcast(S, x[x0 + 3 * d + l]);
            r30 = m0.fma(a, r30);
            r31 = m1.fma(a, r31);
        }
        int p = o + j0;
        r00.intoArray(out, p);
        r01.intoArray(out, p + L);
        p += stride;
        r10.intoArray(out, p);
        r11.intoArray(out, p + L);
        p += stride;
        r20.intoArray(out, p);
        r21.intoArray(out, p + L);
        p += stride;
        r30.intoArray(out, p);
        r31.intoArray(out, p + L);
    }

    private static void rows4x1(double[] x, int x0, int d, double[] mT, double[] bias, int stride, int j0, double[] out,
                                int o) {
        DoubleVector b0 = DoubleVector.fromArray(S, bias, j0);
        DoubleVector r0 = b0;
        DoubleVector r1 = b0;
        DoubleVector r2 = b0;
        DoubleVector r3 = b0;
        for (int l = 0; l < d; l++) {
            DoubleVector m0 = DoubleVector.fromArray(S, mT, l * stride + j0);
            r0 = m0.fma(DoubleVector.broadcast(S, x[x0 + l]), r0);
            r1 = m0.fma(DoubleVector.broadcast(S, x[x0 + d + l]), r1);
            r2 = m0.fma(DoubleVector.broadcast(S, x[x0 + 2 * d + l]), r2);
            r3 = m0.fma(DoubleVector.broadcast(S, x[x0 + 3 * d + l]), r3);
        }
        int p = o + j0;
        r0.intoArray(out, p);
        r1.intoArray(out, p + stride);
        r2.intoArray(out, p + 2 * stride);
        r3.intoArray(out, p + 3 * stride);
    }

    @Override
    public void scoresRowMajor(double[] x, int d, int from, int to, double[] m, double[] bias, int k, double[] out,
                               int stride) {
        int vd = d - d % L;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int x0 = i * d;
            int o = (i - from) * stride;
            int j = 0;
            for (; j + 2 <= k; j += 2) {
                int c0 = j * d;
                int c1 = c0 + d;
                DoubleVector a00 = DoubleVector.zero(S);
                DoubleVector a01 = DoubleVector.zero(S);
                DoubleVector a10 = DoubleVector.zero(S);
                DoubleVector a11 = DoubleVector.zero(S);
                DoubleVector a20 = DoubleVector.zero(S);
                DoubleVector a21 = DoubleVector.zero(S);
                DoubleVector a30 = DoubleVector.zero(S);
                DoubleVector a31 = DoubleVector.zero(S);
                for (int l = 0; l < vd; l += L) {
                    DoubleVector m0 = DoubleVector.fromArray(S, m, c0 + l);
                    DoubleVector m1 = DoubleVector.fromArray(S, m, c1 + l);
                    DoubleVector v = DoubleVector.fromArray(S, x, x0 + l);
                    a00 = v.fma(m0, a00);
                    a01 = v.fma(m1, a01);
                    v = DoubleVector.fromArray(S, x, x0 + d + l);
                    a10 = v.fma(m0, a10);
                    a11 = v.fma(m1, a11);
                    v = DoubleVector.fromArray(S, x, x0 + 2 * d + l);
                    a20 = v.fma(m0, a20);
                    a21 = v.fma(m1, a21);
                    v = DoubleVector.fromArray(S, x, x0 + 3 * d + l);
                    a30 = v.fma(m0, a30);
                    a31 = v.fma(m1, a31);
                }
                double s00 = a00.reduceLanes(VectorOperators.ADD);
                double s01 = a01.reduceLanes(VectorOperators.ADD);
                double s10 = a10.reduceLanes(VectorOperators.ADD);
                double s11 = a11.reduceLanes(VectorOperators.ADD);
                double s20 = a20.reduceLanes(VectorOperators.ADD);
                double s21 = a21.reduceLanes(VectorOperators.ADD);
                double s30 = a30.reduceLanes(VectorOperators.ADD);
                double s31 = a31.reduceLanes(VectorOperators.ADD);
                for (int l = vd; l < d; l++) {
                    double m0 = m[c0 + l];
                    double m1 = m[c1 + l];
                    s00 += x[x0 + l] * m0;
                    s01 += x[x0 + l] * m1;
                    s10 += x[x0 + d + l] * m0;
                    s11 += x[x0 + d + l] * m1;
                    s20 += x[x0 + 2 * d + l] * m0;
                    s21 += x[x0 + 2 * d + l] * m1;
                    s30 += x[x0 + 3 * d + l] * m0;
                    s31 += x[x0 + 3 * d + l] * m1;
                }
                out[o + j] = bias[j] + s00;
                out[o + j + 1] = bias[j + 1] + s01;
                out[o + stride + j] = bias[j] + s10;
                out[o + stride + j + 1] = bias[j + 1] + s11;
                out[o + 2 * stride + j] = bias[j] + s20;
                out[o + 2 * stride + j + 1] = bias[j + 1] + s21;
                out[o + 3 * stride + j] = bias[j] + s30;
                out[o + 3 * stride + j + 1] = bias[j + 1] + s31;
            }
            for (; j < k; j++) {
                for (int r = 0; r < 4; r++) {
                    out[o + r * stride + j] = bias[j] + dot1(x, x0 + r * d, m, j * d, d, vd);
                }
            }
        }
        for (; i < to; i++) {
            int o = (i - from) * stride;
            for (int j = 0; j < k; j++) {
                out[o + j] = bias[j] + dot1(x, i * d, m, j * d, d, vd);
            }
        }
    }

    /**
     * A dot product in exactly the order of the blocked loop above (one vector accumulator, then the tail),
     * so a row's score does not depend on where it falls in a block.
     */
    private static double dot1(double[] x, int xo, double[] m, int mo, int d, int vd) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int l = 0; l < vd; l += L) {
            acc = DoubleVector.fromArray(S, x, xo + l).fma(DoubleVector.fromArray(S, m, mo + l), acc);
        }
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (int l = vd; l < d; l++) {
            s += x[xo + l] * m[mo + l];
        }
        return s;
    }
}

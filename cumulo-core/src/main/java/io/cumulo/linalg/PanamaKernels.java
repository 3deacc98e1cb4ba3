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
    /** 0, 1, ..., L − 1. */
    private static final DoubleVector LANE_INDEX = DoubleVector.zero(S).addIndex(1);

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
    public void addRows(double[] x, int d, int[] rows, int from, int to, double[] w, double[] y, int yOff) {
        int l = 0;
        for (; l + 2 * L <= d; l += 2 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, y, yOff + l);
            DoubleVector a1 = DoubleVector.fromArray(S, y, yOff + l + L);
            for (int t = from; t < to; t++) {
                int o = rows[t] * d + l;
                DoubleVector wv = DoubleVector.broadcast(S, w == null ? 1.0 : w[rows[t]]);
                a0 = DoubleVector.fromArray(S, x, o).fma(wv, a0);
                a1 = DoubleVector.fromArray(S, x, o + L).fma(wv, a1);
            }
            a0.intoArray(y, yOff + l);
            a1.intoArray(y, yOff + l + L);
        }
        for (; l + L <= d; l += L) {
            DoubleVector a0 = DoubleVector.fromArray(S, y, yOff + l);
            for (int t = from; t < to; t++) {
                a0 = DoubleVector.fromArray(S, x, rows[t] * d + l)
                        .fma(DoubleVector.broadcast(S, w == null ? 1.0 : w[rows[t]]), a0);
            }
            a0.intoArray(y, yOff + l);
        }
        for (; l < d; l++) {
            double a = y[yOff + l];
            for (int t = from; t < to; t++) {
                int r = rows[t];
                a += (w == null ? 1.0 : w[r]) * x[r * d + l];
            }
            y[yOff + l] = a;
        }
    }

    /** Layout: per centre j, its bias then its d values ((d + 1) doubles a centre). */
    @Override
    public double[] nearestTable(double[] m, double[] bias, int kp, int d) {
        return ScalarKernels.INSTANCE.nearestTable(m, bias, kp, d);
    }

    @Override
    public void nearest(double[] x, int d, int from, int to, double[] table, int kp, int[] best, int[] second,
                        double[] scratch) {
        // scratch: the rows of a group transposed (d × L), then two index vectors (2 × L)
        int i1 = d * L;
        int i2 = i1 + L;
        boolean two = second != null;
        for (int g = from; g < to; g += L) {
            int rows = Math.min(L, to - g);
            transposeGroup(x, d, g, rows, scratch);
            DoubleVector min1 = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
            DoubleVector min2 = min1;
            DoubleVector idx1 = DoubleVector.zero(S);
            DoubleVector idx2 = idx1;
            for (int j0 = 0; j0 < kp; j0 += 4) {
                // scores of the L rows against centres j0 .. j0+3, in feature order as scoresTransposed adds them
                int stride = d + 1;
                int c0 = j0 * stride;
                DoubleVector a0 = DoubleVector.broadcast(S, table[c0]);
                DoubleVector a1 = DoubleVector.broadcast(S, table[c0 + stride]);
                DoubleVector a2 = DoubleVector.broadcast(S, table[c0 + 2 * stride]);
                DoubleVector a3 = DoubleVector.broadcast(S, table[c0 + 3 * stride]);
                for (int l = 0; l < d; l++) {
                    DoubleVector xv = DoubleVector.fromArray(S, scratch, l * L);
                    int o = c0 + 1 + l;
                    a0 = xv.fma(DoubleVector.broadcast(S, table[o]), a0);
                    a1 = xv.fma(DoubleVector.broadcast(S, table[o + stride]), a1);
                    a2 = xv.fma(DoubleVector.broadcast(S, table[o + 2 * stride]), a2);
                    a3 = xv.fma(DoubleVector.broadcast(S, table[o + 3 * stride]), a3);
                }
                // running minimum across centres, lane by lane; strict < keeps the first centre on ties
                DoubleVector j = DoubleVector.broadcast(S, j0);
                var lt = a0.compare(VectorOperators.LT, min1);
                if (two) {
                    var lt2 = a0.compare(VectorOperators.LT, min2);
                    min2 = min2.blend(a0, lt2).blend(min1, lt);
                    idx2 = idx2.blend(j, lt2).blend(idx1, lt);
                }
                min1 = min1.blend(a0, lt);
                idx1 = idx1.blend(j, lt);
                j = DoubleVector.broadcast(S, j0 + 1);
                lt = a1.compare(VectorOperators.LT, min1);
                if (two) {
                    var lt2 = a1.compare(VectorOperators.LT, min2);
                    min2 = min2.blend(a1, lt2).blend(min1, lt);
                    idx2 = idx2.blend(j, lt2).blend(idx1, lt);
                }
                min1 = min1.blend(a1, lt);
                idx1 = idx1.blend(j, lt);
                j = DoubleVector.broadcast(S, j0 + 2);
                lt = a2.compare(VectorOperators.LT, min1);
                if (two) {
                    var lt2 = a2.compare(VectorOperators.LT, min2);
                    min2 = min2.blend(a2, lt2).blend(min1, lt);
                    idx2 = idx2.blend(j, lt2).blend(idx1, lt);
                }
                min1 = min1.blend(a2, lt);
                idx1 = idx1.blend(j, lt);
                j = DoubleVector.broadcast(S, j0 + 3);
                lt = a3.compare(VectorOperators.LT, min1);
                if (two) {
                    var lt2 = a3.compare(VectorOperators.LT, min2);
                    min2 = min2.blend(a3, lt2).blend(min1, lt);
                    idx2 = idx2.blend(j, lt2).blend(idx1, lt);
                }
                min1 = min1.blend(a3, lt);
                idx1 = idx1.blend(j, lt);
            }
            idx1.intoArray(scratch, i1);
            for (int r = 0; r < rows; r++) {
                best[g - from + r] = (int) scratch[i1 + r];
            }
            if (two) {
                idx2.intoArray(scratch, i2);
                for (int r = 0; r < rows; r++) {
                    second[g - from + r] = (int) scratch[i2 + r];
                }
            }
        }
    }

    /** Rows {@code g .. g+rows−1} of {@code x} into {@code scratch} as {@code d} vectors of L lanes (zero-padded). */
    private static void transposeGroup(double[] x, int d, int g, int rows, double[] scratch) {
        for (int l = 0; l < d; l++) {
            int o = l * L;
            for (int r = 0; r < rows; r++) {
                scratch[o + r] = x[(g + r) * d + l];
            }
            for (int r = rows; r < L; r++) {
                scratch[o + r] = 0;
            }
        }
    }

    @Override
    public void nearestBounds(double[] x, int d, int from, int to, double[] table, int kp, double[] mu,
                              double errBias, double errNorm, int[] best, double[] upper, double[] lower, int at,
                              double[] scratch) {
        // as nearest, with the bounds: kept apart from it because one loop for both, with flags, measured 20–30%
        // slower (the compiler did not specialise it). Scratch: the rows of a group transposed, then an index vector
        int i1 = d * L;
        int stride = d + 1;
        for (int g = from; g < to; g += L) {
            int rows = Math.min(L, to - g);
            transposeGroup(x, d, g, rows, scratch);
            DoubleVector min1 = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
            DoubleVector min2 = min1;
            DoubleVector idx1 = DoubleVector.zero(S);
            for (int j0 = 0; j0 < kp; j0 += 4) {
                int c0 = j0 * stride;
                DoubleVector a0 = DoubleVector.broadcast(S, table[c0]);
                DoubleVector a1 = DoubleVector.broadcast(S, table[c0 + stride]);
                DoubleVector a2 = DoubleVector.broadcast(S, table[c0 + 2 * stride]);
                DoubleVector a3 = DoubleVector.broadcast(S, table[c0 + 3 * stride]);
                for (int l = 0; l < d; l++) {
                    DoubleVector xv = DoubleVector.fromArray(S, scratch, l * L);
                    int o = c0 + 1 + l;
                    a0 = xv.fma(DoubleVector.broadcast(S, table[o]), a0);
                    a1 = xv.fma(DoubleVector.broadcast(S, table[o + stride]), a1);
                    a2 = xv.fma(DoubleVector.broadcast(S, table[o + 2 * stride]), a2);
                    a3 = xv.fma(DoubleVector.broadcast(S, table[o + 3 * stride]), a3);
                }
                // the two smallest so far, lane by lane (a < min1 demotes min1); strict < keeps the first centre on ties
                var lt = a0.compare(VectorOperators.LT, min1);
                min2 = min2.blend(a0, a0.compare(VectorOperators.LT, min2)).blend(min1, lt);
                min1 = min1.blend(a0, lt);
                idx1 = idx1.blend(j0, lt);
                lt = a1.compare(VectorOperators.LT, min1);
                min2 = min2.blend(a1, a1.compare(VectorOperators.LT, min2)).blend(min1, lt);
                min1 = min1.blend(a1, lt);
                idx1 = idx1.blend(j0 + 1, lt);
                lt = a2.compare(VectorOperators.LT, min1);
                min2 = min2.blend(a2, a2.compare(VectorOperators.LT, min2)).blend(min1, lt);
                min1 = min1.blend(a2, lt);
                idx1 = idx1.blend(j0 + 2, lt);
                lt = a3.compare(VectorOperators.LT, min1);
                min2 = min2.blend(a3, a3.compare(VectorOperators.LT, min2)).blend(min1, lt);
                min1 = min1.blend(a3, lt);
                idx1 = idx1.blend(j0 + 3, lt);
            }
            DoubleVector q = DoubleVector.zero(S);
            DoubleVector n2 = q;
            for (int l = 0; l < d; l++) {
                DoubleVector xv = DoubleVector.fromArray(S, scratch, l * L);
                DoubleVector diff = xv.sub(mu[l]);
                q = diff.fma(diff, q);
                n2 = xv.fma(xv, n2);
            }
            DoubleVector err = n2.sqrt().mul(errNorm).add(q.mul(1e-11)).add(errBias);
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector up = q.add(min1).add(err).max(zero).sqrt();
            DoubleVector lo = q.add(min2).sub(err).max(zero).sqrt();
            int r0 = g - from;
            if (rows == L) {
                up.intoArray(upper, at + r0);
                lo.intoArray(lower, at + r0);
            } else {
                up.intoArray(scratch, 0); // the transposed rows are no longer needed
                lo.intoArray(scratch, L);
                for (int r = 0; r < rows; r++) {
                    upper[at + r0 + r] = scratch[r];
                    lower[at + r0 + r] = scratch[L + r];
                }
            }
            idx1.intoArray(scratch, i1);
            for (int r = 0; r < rows; r++) {
                best[r0 + r] = (int) scratch[i1 + r];
            }
        }
    }

    @Override
    public int argmin(double[] s, int off, int len) {
        if (len < L) {
            return ScalarKernels.INSTANCE.argmin(s, off, len);
        }
        // the minimum by vector min and one reduction, then its first position by vector compares. A scalar scan
        // can look as fast in isolation, but on real scores HotSpot may turn its branch into conditional moves on
        // doubles, which made it 5× slower inside k-means (31 vs 6 ns for 16 values)
        int vl = len - len % L;
        DoubleVector m = DoubleVector.fromArray(S, s, off);
        for (int j = L; j < vl; j += L) {
            m = m.min(DoubleVector.fromArray(S, s, off + j));
        }
        double min = m.reduceLanes(VectorOperators.MIN);
        for (int j = vl; j < len; j++) {
            min = Math.min(min, s[off + j]);
        }
        for (int j = 0; j < vl; j += L) {
            int first = DoubleVector.fromArray(S, s, off + j).compare(VectorOperators.EQ, min).firstTrue();
            if (first < L) {
                return j + first;
            }
        }
        for (int j = vl; j < len; j++) {
            if (s[off + j] == min) {
                return j;
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
    public double squaredGapToBox(double[] q, int qOff, double[] lo, double[] hi, int boxOff, int len) {
        int i = 0;
        double g = 0;
        if (len >= L) {
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector acc = zero;
            for (; i <= len - L; i += L) {
                DoubleVector v = DoubleVector.fromArray(S, q, qOff + i);
                DoubleVector t = DoubleVector.fromArray(S, lo, boxOff + i).sub(v)
                        .max(v.sub(DoubleVector.fromArray(S, hi, boxOff + i))).max(zero);
                acc = t.fma(t, acc);
            }
            g = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < len; i++) {
            double v = q[qOff + i];
            double t = Math.max(Math.max(lo[boxOff + i] - v, v - hi[boxOff + i]), 0);
            g += t * t;
        }
        return g;
    }

    @Override
    public void addSquaredDifferences(double[] c, int off, double q, double[] acc, int len) {
        DoubleVector vq = DoubleVector.broadcast(S, q);
        int p = 0;
        for (; p <= len - L; p += L) {
            DoubleVector t = DoubleVector.fromArray(S, c, off + p).sub(vq);
            DoubleVector.fromArray(S, acc, p).add(t.mul(t)).intoArray(acc, p);
        }
        for (; p < len; p++) {
            double t = c[off + p] - q;
            acc[p] = acc[p] + t * t;
        }
    }

    @Override
    public void addSquaredDifferences4(double[] c0, double[] c1, double[] c2, double[] c3, int off, double q0,
                                       double q1, double q2, double q3, double[] acc, int len) {
        DoubleVector v0 = DoubleVector.broadcast(S, q0);
        DoubleVector v1 = DoubleVector.broadcast(S, q1);
        DoubleVector v2 = DoubleVector.broadcast(S, q2);
        DoubleVector v3 = DoubleVector.broadcast(S, q3);
        int p = 0;
        for (; p <= len - L; p += L) {
            DoubleVector t0 = DoubleVector.fromArray(S, c0, off + p).sub(v0);
            DoubleVector t1 = DoubleVector.fromArray(S, c1, off + p).sub(v1);
            DoubleVector t2 = DoubleVector.fromArray(S, c2, off + p).sub(v2);
            DoubleVector t3 = DoubleVector.fromArray(S, c3, off + p).sub(v3);
            DoubleVector.fromArray(S, acc, p).add(t0.mul(t0)).add(t1.mul(t1)).add(t2.mul(t2)).add(t3.mul(t3))
                    .intoArray(acc, p);
        }
        for (; p < len; p++) {
            double t0 = c0[off + p] - q0;
            double t1 = c1[off + p] - q1;
            double t2 = c2[off + p] - q2;
            double t3 = c3[off + p] - q3;
            acc[p] = acc[p] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
    }

    @Override
    public void wardScale(double na, double[] size, int off, double[] acc, int len) {
        double twoNa = 2 * na;
        DoubleVector vTwoNa = DoubleVector.broadcast(S, twoNa);
        DoubleVector vNa = DoubleVector.broadcast(S, na);
        int p = 0;
        for (; p <= len - L; p += L) {
            DoubleVector nb = DoubleVector.fromArray(S, size, off + p);
            vTwoNa.mul(nb).div(vNa.add(nb)).mul(DoubleVector.fromArray(S, acc, p)).intoArray(acc, p);
        }
        for (; p < len; p++) {
            double nb = size[off + p];
            acc[p] = twoNa * nb / (na + nb) * acc[p];
        }
    }

    @Override
    public void sqrt(double[] s, int len) {
        int p = 0;
        for (; p <= len - L; p += L) {
            DoubleVector.fromArray(S, s, p).sqrt().intoArray(s, p);
        }
        for (; p < len; p++) {
            s[p] = Math.sqrt(s[p]);
        }
    }

    @Override
    public int indexOf(double[] s, int off, int len, double v, int from) {
        int p = from;
        for (; p <= len - L; p += L) {
            int first = DoubleVector.fromArray(S, s, off + p).compare(VectorOperators.EQ, v).firstTrue();
            if (first < L) {
                return p + first;
            }
        }
        for (; p < len; p++) {
            if (s[off + p] == v) {
                return p;
            }
        }
        return -1;
    }

    @Override
    public double minExcept(double[] s, int off, int len, int skip) {
        if (len < L) {
            return ScalarKernels.INSTANCE.minExcept(s, off, len, skip);
        }
        int vl = len - len % L;
        DoubleVector m = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        for (int j = 0; j < vl; j += L) {
            DoubleVector v = DoubleVector.fromArray(S, s, off + j);
            if (skip >= j && skip < j + L) {
                // the one lane where j + lane == skip (indexInRange would be the natural call, but it is not compiled
                // to vector code when the range starts before the vector)
                v = v.blend(Double.POSITIVE_INFINITY, LANE_INDEX.compare(VectorOperators.EQ, skip - j));
            }
            m = m.min(v);
        }
        double min = m.reduceLanes(VectorOperators.MIN);
        for (int j = vl; j < len; j++) {
            if (j != skip) {
                min = Math.min(min, s[off + j]);
            }
        }
        return min;
    }

    @Override
    public double distanceSum(double[] s, int sOff, int len, double q, double[] a, int aOff, double[] x, int d, int j0,
                              double[] norms, double tau) {
        int t = 0;
        double sum = 0;
        boolean cancelled = false;
        if (len >= L) {
            // lanes that cancel count 0 here and are summed again below: no vector crosses a branch, so none is
            // allocated (a vector merged from two paths is boxed, which made this loop allocate 6 GB/s)
            DoubleVector acc0 = DoubleVector.zero(S);
            DoubleVector acc1 = acc0;
            DoubleVector qv = DoubleVector.broadcast(S, q);
            for (; t <= len - 2 * L; t += 2 * L) {
                DoubleVector dd0 = DoubleVector.fromArray(S, s, sOff + t).add(qv);
                DoubleVector dd1 = DoubleVector.fromArray(S, s, sOff + t + L).add(qv);
                var c0 = dd0.compare(VectorOperators.LT, DoubleVector.fromArray(S, norms, j0 + t).add(qv).mul(tau));
                var c1 = dd1.compare(VectorOperators.LT, DoubleVector.fromArray(S, norms, j0 + t + L).add(qv).mul(tau));
                cancelled |= c0.or(c1).anyTrue();
                acc0 = acc0.add(dd0.blend(0, c0).sqrt());
                acc1 = acc1.add(dd1.blend(0, c1).sqrt());
            }
            for (; t <= len - L; t += L) {
                DoubleVector dd0 = DoubleVector.fromArray(S, s, sOff + t).add(qv);
                var c0 = dd0.compare(VectorOperators.LT, DoubleVector.fromArray(S, norms, j0 + t).add(qv).mul(tau));
                cancelled |= c0.anyTrue();
                acc0 = acc0.add(dd0.blend(0, c0).sqrt());
            }
            sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        if (cancelled) {
            // the same test, lane by lane (vector and scalar add and multiply round alike)
            for (int u = 0; u < t; u++) {
                double dd = q + s[sOff + u];
                if (dd < tau * (q + norms[j0 + u])) {
                    sum += Math.sqrt(squaredDistance(a, aOff, x, (j0 + u) * d, d));
                }
            }
        }
        for (; t < len; t++) {
            sum += Math.sqrt(expandedOrExact(s[sOff + t], q, a, aOff, x, d, j0 + t, norms, tau));
        }
        return sum;
    }
}

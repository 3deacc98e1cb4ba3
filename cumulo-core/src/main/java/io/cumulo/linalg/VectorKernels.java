package io.cumulo.linalg;

import java.util.Locale;

/**
 * The numeric kernels hot loops call, behind one interface so that the fastest implementation this JVM
 * supports is chosen at run time, as Apache Lucene does with its vectorization provider: the Vector API
 * ({@code jdk.incubator.vector}, when the JVM was started with {@code --add-modules jdk.incubator.vector}
 * and has 256-bit or wider vectors), else plain Java. Both give the same answers up to floating-point
 * rounding, and each is deterministic on its own. Set {@code -Dcumulo.kernels=scalar} to force plain Java.
 *
 * <p>The distance kernels compute <em>scores</em> {@code bias[j] + x·m_j}: with {@code m_j = −2(c_j − μ)}
 * and {@code bias[j] = ‖c_j − μ‖² + 2μ·(c_j − μ)} the score plus {@code ‖x − μ‖²} is the squared Euclidean
 * distance from row {@code x} to centre {@code c_j}, so ranking centres needs one GEMM-shaped product and no
 * per-pair subtraction (see {@code cluster.CentreTable}).
 */
public abstract class VectorKernels {
    private static final VectorKernels INSTANCE = select();

    protected VectorKernels() {
    }

    /** The implementation in use. */
    public static VectorKernels get() {
        return INSTANCE;
    }

    /** The plain-Java implementation, available everywhere. */
    public static VectorKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    private static VectorKernels select() {
        String forced = System.getProperty("cumulo.kernels", "").trim().toLowerCase(Locale.ROOT);
        if (forced.equals("scalar") || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarKernels.INSTANCE;
        }
        try {
            Class<?> c = Class.forName("io.cumulo.linalg.PanamaKernels");
            return (VectorKernels) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return ScalarKernels.INSTANCE; // vectors too narrow, or the incubator API differs
        }
    }

    /** Short name for logs and benchmarks ("scalar", "panama-512"...). */
    public abstract String name();

    /** Doubles per vector register (1 for plain Java): strides of transposed centre tables are multiples of it. */
    public abstract int lanes();

    /** {@code Σ a[aOff+i]·b[bOff+i]} for {@code i < len}. */
    public abstract double dot(double[] a, int aOff, double[] b, int bOff, int len);

    /** {@code Σ (a[aOff+i] − b[bOff+i])²} for {@code i < len}, computed from the differences (no cancellation). */
    public abstract double squaredDistance(double[] a, int aOff, double[] b, int bOff, int len);

    /** {@code y[yOff+i] += alpha · x[xOff+i]} for {@code i < len}. */
    public abstract void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int len);

    /**
     * {@code y[yOff + l] += Σ w_r · x[r·d + l]} over the rows {@code r = rows[from..to)} in that order
     * ({@code w} null: weight 1), for {@code l < d}: the same arithmetic as one {@link #axpy} per row, with
     * {@code y} kept in registers between rows.
     */
    public abstract void addRows(double[] x, int d, int[] rows, int from, int to, double[] w, double[] y, int yOff);

    /**
     * Scores of rows {@code [from, to)} of the row-major {@code x} ({@code d} columns) against centres given
     * transposed: {@code out[(i − from)·stride + j] = bias[j] + Σ_l x[i·d + l] · mT[l·stride + j]} for
     * {@code j < stride}. {@code mT} is {@code d × stride}; {@code stride} is a multiple of {@link #lanes()};
     * padding columns should have bias {@code +∞} so they never win.
     */
    public abstract void scoresTransposed(double[] x, int d, int from, int to, double[] mT, double[] bias, int stride,
                                          double[] out);

    /**
     * For each row {@code i} in {@code [from, to)}: the centre {@code j < kp} with the smallest score
     * {@code bias[j] + Σ_l x[i·d + l] · m[j·d + l]} into {@code best[i − from]} (first on ties) and, if
     * {@code second} is not null, the next smallest into {@code second[i − from]}. {@code table} comes from
     * {@link #nearestTable}; {@code kp} is a multiple of 4, padding rows with bias +∞. Scores are the very
     * numbers {@link #scoresTransposed} gives. Suits few features: rows sit in the vector lanes, so the
     * minimum is taken across registers, without a horizontal step or a branch per centre.
     */
    public abstract void nearest(double[] x, int d, int from, int to, double[] table, int kp, int[] best, int[] second,
                                 double[] scratch);

    /**
     * The centres as {@link #nearest} wants them, from {@code m} row-major ({@code kp × d}) and {@code bias}
     * ({@code kp}); the layout is the implementation's own (the Vector API one repeats each value across the
     * lanes, so a multiply-add takes it straight from memory).
     */
    public abstract double[] nearestTable(double[] m, double[] bias, int kp, int d);

    /**
     * {@link #nearest} (best only) that also bounds each row's distances, for row {@code i}:
     * {@code upper[at + i − from]} ≥ its distance to the best centre and {@code lower[at + i − from]} ≤ its distance
     * to any other (+∞ if there is none), whatever the rounding. With {@code q = ‖x_i − mu‖²} (summed from the
     * differences), the squared distance to centre j is {@code q + score_j} up to
     * {@code err = errBias + errNorm·‖x_i‖ + 1e-11·q}; so {@code upper = √max(q + best + err, 0)} and
     * {@code lower = √max(q + second − err, 0)}. Computed while the rows are in the kernel's hands.
     */
    public abstract void nearestBounds(double[] x, int d, int from, int to, double[] table, int kp, double[] mu,
                                       double errBias, double errNorm, int[] best, double[] upper, double[] lower,
                                       int at, double[] scratch);

    /** Scratch doubles {@link #nearest} needs for {@code d} features. */
    public int nearestScratch(int d) {
        return (d + 2) * lanes();
    }

    /** Index of the smallest of {@code s[off], ..., s[off+len−1]}, the first one on ties. */
    public abstract int argmin(double[] s, int off, int len);

    /** The smallest of {@code s[off], ..., s[off+len−1]} other than {@code s[off+skip]}; +∞ if there is none. */
    public abstract double minExcept(double[] s, int off, int len, int skip);

    /**
     * {@code acc[p] = acc[p] + (c[off+p] − q)·(c[off+p] − q)} for {@code p < len}: one feature's share of the squared
     * distances from a point to a run of points stored by column. Multiply and add are separate roundings (no fused
     * multiply-add), so every provider, and a scalar loop doing the same, gives the same bits.
     */
    public void addSquaredDifferences(double[] c, int off, double q, double[] acc, int len) {
        for (int p = 0; p < len; p++) {
            double t = c[off + p] - q;
            acc[p] = acc[p] + t * t;
        }
    }

    /**
     * Four features at once: {@code acc[p] = (((acc[p] + t0²) + t1²) + t2²) + t3²} with {@code tj = cj[off+p] − qj},
     * the same roundings as four calls of {@link #addSquaredDifferences} in that order, with a quarter of the passes
     * over {@code acc}.
     */
    public void addSquaredDifferences4(double[] c0, double[] c1, double[] c2, double[] c3, int off, double q0,
                                       double q1, double q2, double q3, double[] acc, int len) {
        for (int p = 0; p < len; p++) {
            double t0 = c0[off + p] - q0;
            double t1 = c1[off + p] - q1;
            double t2 = c2[off + p] - q2;
            double t3 = c3[off + p] - q3;
            acc[p] = acc[p] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
        }
    }

    /**
     * {@code Σ g_i²} over {@code i < len}, with {@code g_i = max(lo[boxOff+i] − q[qOff+i], q[qOff+i] − hi[boxOff+i], 0)}:
     * the squared Euclidean distance from a point to a box (0 inside). Finite inputs; providers may sum in different
     * orders, so the result is a bound to be used with a relative margin, not a value to compare bit for bit.
     */
    public double squaredGapToBox(double[] q, int qOff, double[] lo, double[] hi, int boxOff, int len) {
        double g = 0;
        for (int i = 0; i < len; i++) {
            double v = q[qOff + i];
            double t = Math.max(Math.max(lo[boxOff + i] - v, v - hi[boxOff + i]), 0);
            g += t * t;
        }
        return g;
    }

    /**
     * Ward's factor applied to squared distances: {@code acc[p] = ((2·na)·size[off+p] / (na + size[off+p]))·acc[p]},
     * each operation rounded in that order, by every provider alike.
     */
    public void wardScale(double na, double[] size, int off, double[] acc, int len) {
        double twoNa = 2 * na;
        for (int p = 0; p < len; p++) {
            double nb = size[off + p];
            acc[p] = twoNa * nb / (na + nb) * acc[p];
        }
    }

    /** {@code s[p] = √s[p]} for {@code p < len} (correctly rounded, as {@link Math#sqrt}). */
    public void sqrt(double[] s, int len) {
        for (int p = 0; p < len; p++) {
            s[p] = Math.sqrt(s[p]);
        }
    }

    /** The first {@code p ≥ from}, {@code p < len}, with {@code s[off+p] == v}, or −1. */
    public int indexOf(double[] s, int off, int len, double v, int from) {
        for (int p = from; p < len; p++) {
            if (s[off + p] == v) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Hamerly's bound step over rows {@code [from, to)}, a = {@code labels[i]}: if {@code drift} is not null,
     * {@code upper[i] += drift[a]} and {@code lower[i] −= lowerDrift[a]}; then every row with
     * {@code upper[i] > max(half[a], lower[i]) · keep} (the test that it might have changed centre) is written to
     * {@code failing} from position 0, in increasing order. Returns how many. Every implementation does the same
     * arithmetic, so the bounds and the rows found are the same bit for bit. Plain Java for every provider: a
     * Vector API version (gathering the per-centre values by label) was 1.4× slower on this machine.
     */
    public int boundFilter(int[] labels, double[] upper, double[] lower, double[] drift, double[] lowerDrift,
                           double[] half, double keep, int from, int to, int[] failing) {
        int f = 0;
        for (int i = from; i < to; i++) {
            int a = labels[i];
            double u = upper[i];
            double lo = lower[i];
            if (drift != null) {
                u += drift[a];
                lo -= lowerDrift[a];
                upper[i] = u;
                lower[i] = lo;
            }
            if (u > Math.max(half[a], lo) * keep) {
                failing[f++] = i;
            }
        }
        return f;
    }

    /**
     * The sum of the Euclidean distances from one row {@code a} to the rows {@code j0 .. j0+len−1} of {@code x}
     * ({@code d} columns, row-major), from the expansion {@code ‖a − x_j‖² = q + s_j}: {@code q = ‖a‖²},
     * {@code s_j = ‖x_j‖² − 2a·x_j} at {@code s[sOff + j − j0]} (a GEMM-shaped product, as {@link #scoresTransposed}
     * gives), {@code norms[j] = ‖x_j‖²}. The expansion loses the small distances to cancellation, so where
     * {@code q + s_j < tau·(q + ‖x_j‖²)} the squared distance is summed from the differences of {@code a} (at
     * {@code a[aOff ..]}) and {@code x_j} instead: its relative error is then at most about
     * {@code (d + 2)·2⁻⁵³ / tau} everywhere. Plain Java here; the Vector API provider overrides it.
     */
    public double distanceSum(double[] s, int sOff, int len, double q, double[] a, int aOff, double[] x, int d, int j0,
                              double[] norms, double tau) {
        double s0 = 0;
        double s1 = 0;
        int t = 0;
        for (; t + 1 < len; t += 2) {
            s0 += Math.sqrt(expandedOrExact(s[sOff + t], q, a, aOff, x, d, j0 + t, norms, tau));
            s1 += Math.sqrt(expandedOrExact(s[sOff + t + 1], q, a, aOff, x, d, j0 + t + 1, norms, tau));
        }
        if (t < len) {
            s0 += Math.sqrt(expandedOrExact(s[sOff + t], q, a, aOff, x, d, j0 + t, norms, tau));
        }
        return s0 + s1;
    }

    /** One squared distance of {@link #distanceSum}: from the expansion, or from the differences where it cancels. */
    protected final double expandedOrExact(double score, double q, double[] a, int aOff, double[] x, int d, int j,
                                           double[] norms, double tau) {
        double dd = q + score;
        return dd < tau * (q + norms[j]) ? squaredDistance(a, aOff, x, j * d, d) : dd;
    }
}

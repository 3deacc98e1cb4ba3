package io.cumulo.neighbors;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.linalg.VectorKernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dissimilarities between rows that Cumulo's distance-based algorithms accept (k-medoids and the silhouette
 * today; DBSCAN and nearest neighbours later). Each is a pure function of two vectors of
 * equal length, symmetric ({@code between(a, b) == between(b, a)} bit for bit) and zero from a vector to
 * itself; whether it satisfies the triangle inequality (what index structures and some pruning rules need)
 * is {@link #isMetric()}.
 *
 * <table>
 * <caption>The distances</caption>
 * <tr><th>name</th><th>value</th><th>metric?</th></tr>
 * <tr><td>{@code euclidean}</td><td>√Σ(aᵢ − bᵢ)²</td><td>yes</td></tr>
 * <tr><td>{@code sqeuclidean}</td><td>Σ(aᵢ − bᵢ)²</td><td>no (the triangle inequality fails)</td></tr>
 * <tr><td>{@code manhattan}</td><td>Σ|aᵢ − bᵢ|</td><td>yes</td></tr>
 * <tr><td>{@code cosine}</td><td>1 − a·b / (‖a‖ ‖b‖), in [0, 2]</td><td>no</td></tr>
 * <tr><td>{@code chebyshev}</td><td>maxᵢ |aᵢ − bᵢ|</td><td>yes</td></tr>
 * </table>
 *
 * <p><b>Cosine and zero vectors.</b> Cosine distance depends on directions only, and an all-zero vector has
 * none: {@link #between} returns {@code NaN} for it (as it does when a squared length overflows, beyond
 * about 1e154). Estimators therefore call {@link #requireDefined(Dataset)} on their input, which stops with
 * a one-line error naming the first such row. Rounding can push {@code 1 − cos} just outside [0, 2]; the
 * result is clamped into it, and the distance from a vector to itself is exactly 0.
 *
 * <p>Euclidean and squared Euclidean go through {@link VectorKernels#squaredDistance}, which sums squared
 * differences (no cancellation from the {@code ‖a‖² − 2a·b + ‖b‖²} expansion).
 */
public enum Distance {
    EUCLIDEAN("euclidean", true),
    SQEUCLIDEAN("sqeuclidean", false),
    MANHATTAN("manhattan", true),
    COSINE("cosine", false),
    CHEBYSHEV("chebyshev", true);

    private static final VectorKernels KERNELS = VectorKernels.get();

    private final String id;
    private final boolean metric;

    Distance(String id, boolean metric) {
        this.id = id;
        this.metric = metric;
    }

    /** The name as typed ({@code --param metric=...}) and written in model files. */
    public String id() {
        return id;
    }

    /** Whether the triangle inequality holds (a true metric), as pruning by bounds requires. */
    public boolean isMetric() {
        return metric;
    }

    /** Every name, in declaration order (for parameter choices and messages). */
    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Distance m : values()) {
            out.add(m.id);
        }
        return out;
    }

    /** The distance called {@code name} (case-insensitive); anything else is a one-line error listing the choices. */
    public static Distance parse(String name) {
        String t = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Distance m : values()) {
            if (m.id.equals(t)) {
                return m;
            }
        }
        throw new CumuloException("unknown distance '" + name + "'; expected one of " + String.join(", ", ids()));
    }

    /**
     * The distance between {@code a[aOff .. aOff+d)} and {@code b[bOff .. bOff+d)}. For cosine with a zero
     * vector the result is {@code NaN} (see the class comment).
     */
    public double between(double[] a, int aOff, double[] b, int bOff, int d) {
        switch (this) {
            case EUCLIDEAN:
                return Math.sqrt(KERNELS.squaredDistance(a, aOff, b, bOff, d));
            case SQEUCLIDEAN:
                return KERNELS.squaredDistance(a, aOff, b, bOff, d);
            case MANHATTAN:
                return manhattan(a, aOff, b, bOff, d);
            case COSINE:
                return cosine(a, aOff, b, bOff, d);
            case CHEBYSHEV:
                return chebyshev(a, aOff, b, bOff, d);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * A value that orders pairs as {@link #between} does but may be cheaper: the squared distance for
     * Euclidean (no square root), the distance itself otherwise. Nearest-neighbour searches compare these and
     * convert the winner with {@link #fromRanking}.
     */
    public double rankingBetween(double[] a, int aOff, double[] b, int bOff, int d) {
        return this == EUCLIDEAN ? KERNELS.squaredDistance(a, aOff, b, bOff, d) : between(a, aOff, b, bOff, d);
    }

    /** The distance whose {@link #rankingBetween ranking value} is {@code r}. */
    public double fromRanking(double r) {
        return this == EUCLIDEAN ? Math.sqrt(r) : r;
    }

    /** The ranking value of the distance {@code distance} (for comparing against a radius). */
    public double toRanking(double distance) {
        return this == EUCLIDEAN ? distance * distance : distance;
    }

    /** The distance between two whole vectors of the same length. */
    public double between(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        return between(a, 0, b, 0, a.length);
    }

    /**
     * The first of the {@code n} rows of {@code x} ({@code d} columns, row-major) for which this distance is
     * undefined (cosine: zero or overflowing length), or {@code -1} when there is none. Always {@code -1}
     * for the other distances.
     */
    public int firstUndefinedRow(double[] x, int n, int d) {
        if (this != COSINE) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            double nn = KERNELS.dot(x, i * d, x, i * d, d);
            if (!(nn > 0 && nn < Double.POSITIVE_INFINITY)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks that this distance is defined for every row of {@code data}: under cosine an all-zero row (or one
     * whose squared length overflows) stops with a one-line {@link CumuloException} naming the row (its
     * 0-based position in the input, as in the labels CSV).
     */
    public void requireDefined(Dataset data) {
        int r = firstUndefinedRow(data.rawValues(), data.rows(), data.cols());
        if (r < 0) {
            return;
        }
        double[] x = data.rawValues();
        int d = data.cols();
        double nn = KERNELS.dot(x, r * d, x, r * d, d);
        boolean allZero = true;
        for (int j = 0; j < d; j++) {
            allZero &= x[r * d + j] == 0;
        }
        String why = allZero ? " is all zeros"
                : nn == 0 ? " is too close to zero (its squared length underflows)"
                : " has values too large (its squared length overflows)";
        throw new CumuloException(data.source() + ": row " + data.rowId(r) + why
                + ", so its cosine distance is undefined; drop the row, scale differently, or use another metric");
    }

    private static double manhattan(double[] a, int aOff, double[] b, int bOff, int d) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < d; i += 2) {
            s0 += Math.abs(a[aOff + i] - b[bOff + i]);
            s1 += Math.abs(a[aOff + i + 1] - b[bOff + i + 1]);
        }
        if (i < d) {
            s0 += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return s0 + s1;
    }

    private static double chebyshev(double[] a, int aOff, double[] b, int bOff, int d) {
        double m = 0;
        for (int i = 0; i < d; i++) {
            m = Math.max(m, Math.abs(a[aOff + i] - b[bOff + i]));
        }
        return m;
    }

    private static double cosine(double[] a, int aOff, double[] b, int bOff, int d) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < d; i++) {
            double x = a[aOff + i];
            double y = b[bOff + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        // sqrt(aa·bb) makes the self-distance exactly 0 (sqrt of a rounded square is the number itself);
        // the product can over- or underflow where the separate roots do not
        double p = aa * bb;
        double norm = p > 0 && p < Double.POSITIVE_INFINITY ? Math.sqrt(p) : Math.sqrt(aa) * Math.sqrt(bb);
        if (!(norm > 0 && norm < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double dist = 1 - ab / norm;
        return dist < 0 ? 0 : dist > 2 ? 2 : dist;
    }
}

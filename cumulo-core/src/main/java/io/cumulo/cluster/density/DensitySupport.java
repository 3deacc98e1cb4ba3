package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What DBSCAN and OPTICS (and their models) do alike: the index, the input checks, model-file matrices. */
final class DensitySupport {
    /** The {@code index} parameter's choices, {@link NeighborIndex.Kind}'s names. */
    static final String[] INDEX_CHOICES = {"auto", "kd-tree", "ball-tree", "brute"};
    static final String INDEX_HELP = "neighbour search: auto (chosen by rows, features and metric), kd-tree, "
            + "ball-tree or brute; the result does not depend on it";

    private DensitySupport() {
    }

    /** The distance ids as parameter choices. */
    static String[] metricChoices() {
        return Distance.ids().toArray(new String[0]);
    }

    /**
     * The index over the {@code n} rows of {@code x}; an index that cannot take the metric (or is not available) is a
     * one-line error naming the {@code index} parameter.
     */
    static NeighborIndex index(String algorithm, double[] x, int n, int d, Distance metric, NeighborIndex.Kind kind,
                               ExecutionContext ctx) {
        try {
            return NeighborIndex.build(x, n, d, metric, kind, ctx);
        } catch (CumuloException e) {
            throw new CumuloException(algorithm + ": parameter 'index' (" + kind.id() + " with metric=" + metric.id()
                    + "): " + e.getMessage());
        }
    }

    /**
     * The rows in a space-filling-curve order (Z-order of the coordinates quantised over their ranges, on up to the 6
     * widest features), so that consecutive queries visit the same parts of the index and the caches stay warm. It
     * depends on the data alone; the results never depend on it (each query writes its own row's result, or feeds an
     * order-free union-find).
     */
    static int[] spatialOrder(double[] x, int n, int d) {
        int m = Math.min(d, 6);
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        // the m widest features, widest first (ties by column)
        int[] dims = new int[m];
        boolean[] taken = new boolean[d];
        for (int t = 0; t < m; t++) {
            int best = -1;
            for (int j = 0; j < d; j++) {
                if (!taken[j] && (best < 0 || hi[j] - lo[j] > hi[best] - lo[best])) {
                    best = j;
                }
            }
            taken[best] = true;
            dims[t] = best;
        }
        // one long per row: the Z-order key above, the row below, so a primitive sort orders them
        int rowBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(n - 1, 1)));
        int bits = Math.max(1, Math.min(21, (63 - rowBits) / m));
        double cells = (1L << bits) - 1;
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            long k = 0;
            for (int t = 0; t < m; t++) {
                int j = dims[t];
                double span = hi[j] - lo[j];
                long q = span > 0 ? (long) ((x[i * d + j] - lo[j]) / span * cells) : 0;
                for (int b = 0; b < bits; b++) {
                    k |= ((q >>> b) & 1L) << (b * m + t);
                }
            }
            key[i] = k << rowBits | i;
        }
        Arrays.sort(key);
        long mask = (1L << rowBits) - 1;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) (key[i] & mask);
        }
        return out;
    }

    /** Fails unless there are rows, and (cosine) every row has a direction. */
    static void requireRows(Dataset data, Distance metric) {
        if (data.rows() == 0) {
            throw new CumuloException(data.source() + ": no rows to cluster");
        }
        metric.requireDefined(data);
    }

    /** The rows {@code rows} of the row-major {@code x} ({@code d} columns), packed. */
    static double[] gather(double[] x, int d, int[] rows) {
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * d, out, i * d, d);
        }
        return out;
    }

    /** A row-major matrix as rows (for the model file). */
    static double[][] rows(double[] flat, int m, int d) {
        double[][] out = new double[m][];
        for (int j = 0; j < m; j++) {
            out[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
        }
        return out;
    }

    /** The {@code m × d} matrix under {@code key}, every value finite. */
    static double[] finiteMatrix(JsonObject model, String key, int m, int d) {
        double[] v = model.getMatrix(key, m, d);
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new CumuloException("model: '" + key + "' must be finite numbers");
            }
        }
        return v;
    }

    /** Infinite values as JSON nulls (JSON has no infinity; every non-finite value these arrays hold is +∞). */
    static List<Object> withNulls(double[] v) {
        List<Object> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(Double.isFinite(x) ? (Object) x : null);
        }
        return out;
    }

    /** The inverse of {@link #withNulls}: {@code n} numbers ≥ 0 or nulls (read as +∞). */
    static double[] nonNegativeOrInfinite(JsonObject model, String key, int n) {
        List<Object> l = model.getList(key);
        if (l.size() != n) {
            throw new CumuloException("model: '" + key + "' has " + l.size() + " values, expected " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object o = l.get(i);
            if (o == null) {
                out[i] = Double.POSITIVE_INFINITY;
            } else if (o instanceof Number num && num.doubleValue() >= 0 && Double.isFinite(num.doubleValue())) {
                out[i] = num.doubleValue();
            } else {
                throw new CumuloException("model: '" + key + "' value " + i + " is " + o
                        + "; expected a number ≥ 0 or null (infinite)");
            }
        }
        return out;
    }

    /** {@code n} integers in {@code [lo, hi)}. */
    static int[] intsIn(JsonObject model, String key, int n, int lo, int hi) {
        int[] v = model.getIntArray(key);
        if (n >= 0 && v.length != n) {
            throw new CumuloException("model: '" + key + "' has " + v.length + " values, expected " + n);
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] < lo || v[i] >= hi) {
                throw new CumuloException("model: '" + key + "' value " + i + " is " + v[i] + "; expected " + lo
                        + " to " + (hi - 1));
            }
        }
        return v;
    }

    /** Rows per cluster ({@code -1} not counted). */
    static int[] sizes(int[] labels, int k) {
        int[] s = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                s[l]++;
            }
        }
        return s;
    }

    /** Rows labelled {@code -1}. */
    static int noise(int[] labels) {
        int c = 0;
        for (int l : labels) {
            if (l < 0) {
                c++;
            }
        }
        return c;
    }
}

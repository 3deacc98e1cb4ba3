package io.cumulo.data;

import io.cumulo.CumuloException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Collects parsed rows straight into a growing row-major array, then applies the missing-value policy and
 * builds the {@link Dataset}. Missing feature cells are held as NaN until then (readers reject real
 * non-finite values as they parse, so NaN here only ever means "missing").
 */
final class TableAccumulator {
    private final ColumnSelection sel;
    private final int f;
    private final String source;
    private double[] data;
    private double[] weights;
    private final List<String> labels;
    private final Map<String, String> labelIntern = new HashMap<>();
    private int rows;
    private boolean anyMissing;
    private LongUnaryOperator growth = rows -> (long) (rows * 1.5) + 16;

    TableAccumulator(ColumnSelection sel, String source, int expectedRows) {
        this.sel = sel;
        this.f = sel.featureCount();
        this.source = source;
        int cap = Math.max(1, expectedRows);
        this.data = new double[safeSize((long) cap * f)];
        this.weights = sel.weightName != null ? new double[cap] : null;
        this.labels = sel.labelName != null ? new ArrayList<>(cap) : null;
    }

    private int safeSize(long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new CumuloException(source + ": too large: more than " + (Integer.MAX_VALUE - 16)
                    + " values in one table (rows x features); select fewer columns or sample the rows");
        }
        return (int) n;
    }

    int rows() {
        return rows;
    }

    /** Makes room for at least {@code n} rows in all. */
    void reserve(long n) {
        if (n * f > data.length) {
            data = Arrays.copyOf(data, safeSize(n * f));
        }
        if (weights != null && n > weights.length) {
            weights = Arrays.copyOf(weights, (int) Math.min(n, Integer.MAX_VALUE - 16));
        }
    }

    /**
     * How many rows in all to make room for when the arrays are full, given the rows so far (default: half as
     * many again). Readers that can estimate the final count from their progress set a better guess, since
     * every growth briefly needs the old and the new array.
     */
    void growth(LongUnaryOperator g) {
        this.growth = g;
    }

    /** Offset in {@link #data()} where the features of the row being filled start. */
    int beginRow() {
        if ((long) (rows + 1) * f > data.length || (weights != null && rows >= weights.length)) {
            reserve(Math.max(rows + 1L, growth.applyAsLong(rows)));
        }
        return rows * f;
    }

    double[] data() {
        return data;
    }

    void setWeight(double w) {
        weights[rows] = w;
        if (Double.isNaN(w)) {
            anyMissing = true;
        }
    }

    void setLabel(String value) {
        String v = labelIntern.computeIfAbsent(value, s -> s);
        labels.add(v);
    }

    void markMissing() {
        anyMissing = true;
    }

    void endRow() {
        rows++;
    }

    /** Applies the missing-value policy and returns the dataset; {@code notes} receives what was done. */
    Dataset finish(MissingPolicy policy, Consumer<String> notes) {
        return finish(policy, null, notes);
    }

    /** As above; {@code fill} (one value per feature, or null) replaces missing cells under MEAN. */
    Dataset finish(MissingPolicy policy, double[] fill, Consumer<String> notes) {
        if (rows == 0) {
            throw new CumuloException(source + " has a header but no data rows");
        }
        double[] values = data.length == rows * f ? data : Arrays.copyOf(data, rows * f);
        double[] w = weights == null ? null : Arrays.copyOf(weights, rows);
        int[] rowIds = null;
        String[] lab = labels == null ? null : labels.toArray(new String[0]);
        int n = rows;
        if (anyMissing) {
            if (policy == MissingPolicy.DROP) {
                int[] keep = new int[n];
                int kept = 0;
                for (int r = 0; r < n; r++) {
                    boolean ok = w == null || !Double.isNaN(w[r]);
                    for (int j = 0; j < f && ok; j++) {
                        ok = !Double.isNaN(values[r * f + j]);
                    }
                    if (ok) {
                        keep[kept++] = r;
                    }
                }
                if (kept == 0) {
                    throw new CumuloException(source + ": every row has a missing value, so --missing drop leaves nothing");
                }
                double[] v2 = new double[kept * f];
                double[] w2 = w == null ? null : new double[kept];
                String[] l2 = lab == null ? null : new String[kept];
                for (int i = 0; i < kept; i++) {
                    System.arraycopy(values, keep[i] * f, v2, i * f, f);
                    if (w2 != null) {
                        w2[i] = w[keep[i]];
                    }
                    if (l2 != null) {
                        l2[i] = lab[keep[i]];
                    }
                }
                notes.accept(source + ": dropped " + (n - kept) + " of " + n + " rows with missing values");
                values = v2;
                w = w2;
                lab = l2;
                rowIds = Arrays.copyOf(keep, kept);
                n = kept;
            } else if (policy == MissingPolicy.MEAN) {
                if (w != null) {
                    for (int r = 0; r < n; r++) {
                        if (Double.isNaN(w[r])) {
                            throw new CumuloException(source + ": row " + r + ": the weight column '" + sel.weightName
                                    + "' has a missing value; weights cannot be imputed (use --missing drop)");
                        }
                    }
                }
                if (fill != null) {
                    if (fill.length != f) {
                        throw new IllegalArgumentException(fill.length + " fill values for " + f + " features");
                    }
                    long filled = 0;
                    for (int i = 0; i < n * f; i++) {
                        if (Double.isNaN(values[i])) {
                            values[i] = fill[i % f];
                            filled++;
                        }
                    }
                    notes.accept(source + ": replaced " + filled + " missing values by the training means");
                } else {
                    long filled = imputeMeans(values, n, f, sel.featureNames, source);
                    notes.accept(source + ": replaced " + filled + " missing values by their column means");
                }
            } else {
                throw new IllegalStateException("missing values should have been reported while reading");
            }
        }
        LabelColumn labelColumn = lab == null ? null : LabelColumn.of(sel.labelName, lab);
        Dataset ds = Dataset.trusted(values, n, f, sel.featureNames, labelColumn, null, null, rowIds, rows, source);
        return w == null ? ds : ds.withWeights(w, sel.weightName);
    }

    /** Replaces NaN by the mean of each column's other values; returns how many were replaced. */
    static long imputeMeans(double[] values, int n, int f, List<String> names, String source) {
        double[] sum = new double[f];
        long[] count = new long[f];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < f; j++) {
                double v = values[r * f + j];
                if (!Double.isNaN(v)) {
                    sum[j] += v;
                    count[j]++;
                }
            }
        }
        for (int j = 0; j < f; j++) {
            if (count[j] == 0) {
                throw new CumuloException(source + ": column '" + names.get(j)
                        + "' has no values at all, so its mean cannot replace them; drop the column");
            }
            sum[j] /= count[j];
        }
        long filled = 0;
        for (int i = 0; i < n * f; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = sum[i % f];
                filled++;
            }
        }
        return filled;
    }
}

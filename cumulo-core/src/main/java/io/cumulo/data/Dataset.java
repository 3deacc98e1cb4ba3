package io.cumulo.data;

import io.cumulo.CumuloException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A dense numeric table: {@code rows × cols} finite doubles stored row-major in one {@code double[]}, with
 * column names, and optionally a ground-truth {@link LabelColumn} and sample weights, both kept out of the
 * features. Immutable: operations return new datasets (sharing arrays where nothing changes).
 *
 * <p>{@link #source()} names where the data came from and appears in error messages. {@link #rowId(int)}
 * gives a row's position in the original input (0-based data row, header excluded), which differs from its
 * index once rows were dropped.
 */
public final class Dataset {
    private final double[] values;
    private final int rows;
    private final int cols;
    private final List<String> columns;
    private final LabelColumn labels;
    private final double[] weights;
    private final String weightColumn;
    private final int[] rowIds;
    private final int inputRows;
    private final String source;

    private Dataset(double[] values, int rows, int cols, List<String> columns, LabelColumn labels, double[] weights,
                    String weightColumn, int[] rowIds, int inputRows, String source) {
        this.values = values;
        this.rows = rows;
        this.cols = cols;
        this.columns = List.copyOf(columns);
        this.labels = labels;
        this.weights = weights;
        this.weightColumn = weightColumn;
        this.rowIds = rowIds;
        this.inputRows = inputRows;
        this.source = source;
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(rows + "x" + cols + " does not match " + values.length + " values");
        }
        if (columns.size() != cols) {
            throw new IllegalArgumentException(columns.size() + " names for " + cols + " columns");
        }
        if (labels != null) {
            LabelColumn.requireSize(labels, rows, source);
        }
        if (weights != null && weights.length != rows) {
            throw new IllegalArgumentException(weights.length + " weights for " + rows + " rows");
        }
    }

    /** A dataset from row arrays (copied), columns named {@code x0, x1, ...}. */
    public static Dataset of(double[][] data) {
        int cols = data.length == 0 ? 0 : data[0].length;
        return of(data, defaultNames(cols));
    }

    /** A dataset from row arrays (copied). */
    public static Dataset of(double[][] data, List<String> names) {
        int cols = names.size();
        double[] v = new double[data.length * cols];
        for (int r = 0; r < data.length; r++) {
            if (data[r].length != cols) {
                throw new CumuloException("row " + r + " has " + data[r].length + " values, expected " + cols);
            }
            System.arraycopy(data[r], 0, v, r * cols, cols);
        }
        return wrap(v, data.length, cols, names, "data");
    }

    /**
     * Wraps a row-major array without copying it: the caller must not modify it afterwards. Checks that every
     * value is finite and the names are distinct.
     */
    public static Dataset wrap(double[] rowMajor, int rows, int cols, List<String> names, String source) {
        if (rows < 0 || cols < 0 || (long) rows * cols != rowMajor.length) {
            throw new CumuloException(source + ": " + rowMajor.length + " values do not make a " + rows + " x " + cols
                    + " table");
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Double.isFinite(rowMajor[i])) {
                throw new CumuloException(source + ": row " + (i / Math.max(cols, 1)) + ", column '"
                        + names.get(i % cols) + "': value " + rowMajor[i] + " is not a finite number");
            }
        }
        requireDistinct(names, source);
        return new Dataset(rowMajor, rows, cols, names, null, null, null, null, rows, source);
    }

    /**
     * For readers that have already validated every value; {@code inputRows} is how many data rows the input
     * had before rows with missing values were left out.
     */
    static Dataset trusted(double[] rowMajor, int rows, int cols, List<String> names, LabelColumn labels,
                           double[] weights, String weightColumn, int[] rowIds, int inputRows, String source) {
        return new Dataset(rowMajor, rows, cols, names, labels, weights, weightColumn, rowIds, inputRows, source);
    }

    public static List<String> defaultNames(int cols) {
        List<String> names = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            names.add("x" + c);
        }
        return names;
    }

    static void requireDistinct(List<String> names, String source) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer prev = seen.put(names.get(i), i);
            if (prev != null) {
                throw new CumuloException(source + ": column name '" + names.get(i) + "' appears twice (columns "
                        + (prev + 1) + " and " + (i + 1) + "); column names must be unique");
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public List<String> columnNames() {
        return columns;
    }

    public String columnName(int c) {
        return columns.get(c);
    }

    /** Index of the named column, or -1. */
    public int columnIndex(String name) {
        return columns.indexOf(name);
    }

    public double get(int r, int c) {
        return values[r * cols + c];
    }

    /** A copy of row {@code r}. */
    public double[] row(int r) {
        return Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
    }

    /** A copy of column {@code c}. */
    public double[] column(int c) {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = values[r * cols + c];
        }
        return out;
    }

    public double[][] toArray2D() {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    /**
     * The row-major values themselves, not a copy, for algorithms that must not pay for one. Do not modify.
     */
    public double[] rawValues() {
        return values;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public Optional<LabelColumn> labels() {
        return Optional.ofNullable(labels);
    }

    public boolean hasWeights() {
        return weights != null;
    }

    /** A copy of the sample weights, if any. */
    public Optional<double[]> weights() {
        return weights == null ? Optional.empty() : Optional.of(weights.clone());
    }

    /** The weights themselves (or {@code null}), not a copy. Do not modify. */
    public double[] rawWeights() {
        return weights;
    }

    public Optional<String> weightColumn() {
        return Optional.ofNullable(weightColumn);
    }

    /** Position of row {@code r} in the original input (0-based data row). */
    public int rowId(int r) {
        return rowIds == null ? r : rowIds[r];
    }

    /** Whether some input rows were left out (so row ids differ from indices). */
    public boolean hasRowIds() {
        return rowIds != null;
    }

    /**
     * How many data rows the input had, counting rows that were left out (missing values, a selection); row
     * ids run below it.
     */
    public int inputRows() {
        return inputRows;
    }

    public String source() {
        return source;
    }

    /** Same rows, labels and weights; new feature values (e.g. after scaling). */
    public Dataset withValues(double[] newValues, int newCols, List<String> names) {
        return new Dataset(newValues, rows, newCols, names, labels, weights, weightColumn, rowIds, inputRows, source);
    }

    public Dataset withLabels(LabelColumn l) {
        return new Dataset(values, rows, cols, columns, l, weights, weightColumn, rowIds, inputRows, source);
    }

    public Dataset withoutLabels() {
        return new Dataset(values, rows, cols, columns, null, weights, weightColumn, rowIds, inputRows, source);
    }

    /** Attaches sample weights (copied); each must be finite and ≥ 0, and their sum positive. */
    public Dataset withWeights(double[] w, String name) {
        Objects.requireNonNull(w);
        if (w.length != rows) {
            throw new CumuloException(source + ": " + w.length + " weights for " + rows + " rows");
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i]) || w[i] < 0) {
                throw new CumuloException(source + ": row " + rowId(i) + ", weight column '" + name
                        + "': expected a finite number ≥ 0, found " + w[i]);
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw new CumuloException(source + ": weight column '" + name + "' sums to 0; at least one weight must be positive");
        }
        return new Dataset(values, rows, cols, columns, labels, w.clone(), name, rowIds, inputRows, source);
    }

    public Dataset withSource(String s) {
        return new Dataset(values, rows, cols, columns, labels, weights, weightColumn, rowIds, inputRows, s);
    }

    /** The rows at the given indices, in that order (labels, weights and row ids follow). */
    public Dataset selectRows(int[] indices) {
        double[] v = new double[indices.length * cols];
        int[] ids = new int[indices.length];
        double[] w = weights == null ? null : new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * cols, v, i * cols, cols);
            ids[i] = rowId(indices[i]);
            if (w != null) {
                w[i] = weights[indices[i]];
            }
        }
        LabelColumn l = labels == null ? null : labels.subset(indices);
        return new Dataset(v, indices.length, cols, columns, l, w, weightColumn, ids, inputRows, source);
    }

    /** The named columns, in the order given; an unknown name is an error listing the columns there are. */
    public Dataset selectColumns(List<String> names) {
        int[] idx = new int[names.size()];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = columns.indexOf(names.get(j));
            if (idx[j] < 0) {
                throw ColumnSelection.unknownColumn(source, names.get(j), columns);
            }
        }
        double[] v = new double[rows * idx.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < idx.length; j++) {
                v[r * idx.length + j] = values[r * cols + idx[j]];
            }
        }
        requireDistinct(names, source);
        return new Dataset(v, rows, idx.length, names, labels, weights, weightColumn, rowIds, inputRows, source);
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", " + rows + " x " + cols + (labels != null ? ", labels " + labels.name() : "")
                + (weights != null ? ", weights" : "") + "]";
    }
}

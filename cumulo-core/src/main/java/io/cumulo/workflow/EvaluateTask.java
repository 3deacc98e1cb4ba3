package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.BuiltinDataset;
import io.cumulo.data.CsvDatasetReader;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.LabelColumn;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.ContingencyTable;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.neighbors.Distance;
import io.cumulo.preprocessing.Scaler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Comparing cluster labels with known classes ({@code cumulo evaluate}): every external index of
 * {@link ExternalMetrics} and the contingency table, and, given the data that was clustered, its internal indices
 * ({@link InternalScores}). Labels and classes are read from files (the labels CSV {@code cumulo cluster --out}
 * writes, a one-column CSV, a {@code .npy} vector, or a data file's class column) and matched row by row.
 */
public final class EvaluateTask {
    private final Path labelsFile;
    private final String truth;
    private final String labelColumn;
    private final String data;
    private final ReadOptions dataRead;
    private final Scaler scaler;
    private final Distance distance;
    private final long seed;

    /**
     * @param labelsFile  the cluster labels
     * @param truth       the classes: a labels file, or (with {@code labelColumn}) a data file or builtin:NAME
     * @param labelColumn the column of {@code truth} holding the classes, or null
     * @param data        the data that was clustered, for the internal indices, or null
     * @param dataRead    how to read {@code data} (columns, missing values, delimiter)
     * @param scale       the scaling applied to {@code data} before the internal indices
     * @param metric      the silhouette's distance
     * @param seed        draws the silhouette's sample on large data
     */
    public EvaluateTask(Path labelsFile, String truth, String labelColumn, String data, ReadOptions dataRead,
                        String scale, String metric, long seed) {
        this.labelsFile = labelsFile;
        this.truth = truth;
        this.labelColumn = labelColumn;
        this.data = data;
        this.dataRead = dataRead;
        this.distance = data == null ? null : withFlag("--metric", () -> Distance.parse(metric));
        this.scaler = data == null ? null : Scaler.named(scale);
        this.seed = seed;
    }

    /** Labels read from --labels; {@code rowIds} null when the file has no {@code row} column. */
    record Predicted(String source, String column, int[] labels, int[] rowIds) {
    }

    /** Classes read from --truth, one per input row. */
    record Truth(String source, String column, String[] values) {
    }

    /**
     * What came of it.
     *
     * @param json       the {@code cumulo evaluate --json} object (without the report files and the warnings)
     * @param classNames the classes in the contingency table's row order
     * @param warnings   what the user should know (accuracy not computed, ...)
     */
    public record Result(Map<String, Object> json, ExternalMetrics metrics, List<Object> classNames, String labelsSource,
                         String labelsColumn, String truthSource, String truthColumn, InternalScores internal,
                         List<String> warnings) {
    }

    /** Reads the labels and the classes (and the data), and computes the indices; notes go to the context. */
    public Result run(ExecutionContext outer) {
        List<String> warnings = new ArrayList<>();
        ExecutionContext ctx = outer.withWarnings(warnings::add);
        Predicted pred = withFlag("--labels", () -> readPredicted(labelsFile));
        Truth classes = withFlag("--truth", this::readTruth);
        int[] rowOf = matchRows(pred, classes.values().length, classes.source());
        String[] chosen = new String[rowOf.length];
        for (int i = 0; i < rowOf.length; i++) {
            chosen[i] = classes.values()[rowOf[i]];
        }
        if (rowOf.length < classes.values().length) {
            ctx.note(pred.source() + " labels " + rowOf.length + " of the " + classes.values().length
                    + " rows of " + classes.source() + " (its 'row' column skips the others, e.g. rows left out by "
                    + "--missing drop when clustering); the indices compare those " + rowOf.length + " rows");
        }
        LabelColumn truthColumn = LabelColumn.of(classes.column(), chosen);
        ExternalMetrics metrics = ExternalMetrics.of(truthColumn.codes(), pred.labels());
        List<Object> names = classNames(metrics.table(), truthColumn);

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("labels", pred.source());
        j.put("labels_column", pred.column());
        j.put("truth", classes.source());
        j.put("label_column", classes.column());
        j.put("n_samples", pred.labels().length);
        j.put("n_classes", metrics.table().numClasses());
        j.put("n_clusters", metrics.table().numClusters());
        j.putAll(metrics.toMap(names));
        if (metrics.accuracy() == null) {
            warnings.add("accuracy not computed: " + metrics.table().numClasses() + " classes against "
                    + metrics.table().numClusters() + " clusters is too large for the one-to-one matching");
        }
        InternalScores scores = null;
        if (data != null) {
            Map<String, Object> in = new LinkedHashMap<>();
            scores = internal(pred, ctx, in);
            j.put("internal", in);
        }
        return new Result(j, metrics, names, pred.source(), pred.column(), classes.source(), classes.column(), scores,
                warnings);
    }

    /** Runs {@code read}, naming {@code flag} in its error message if the message does not already. */
    private static <T> T withFlag(String flag, Supplier<T> read) {
        try {
            return read.get();
        } catch (CumuloException e) {
            String message = e.getMessage();
            if (message.contains(flag) || message.startsWith("--")) {
                throw e;
            }
            throw new CumuloException(flag.equals("--metric") ? flag + ": " + message : message + " (" + flag + ")", e);
        }
    }

    /** The predicted labels: a cluster labels CSV, a one-column CSV or a .npy vector. */
    static Predicted readPredicted(Path p) {
        String source = p.toString();
        requireFile(p, "--labels");
        String column;
        String[] text;
        String[] rows = null;
        if (isNpy(source)) {
            column = "label";
            text = DatasetReader.readLabels(p, null);
        } else {
            List<String> header = CsvDatasetReader.readHeader(p, null);
            if (header.contains("cluster")) {
                column = "cluster";
                if (header.contains("row")) {
                    rows = DatasetReader.readLabels(p, "row");
                }
            } else if (header.size() == 1) {
                column = header.get(0);
            } else {
                throw new CumuloException(source + ": has " + header.size() + " columns (" + String.join(", ", header)
                        + "); expected the labels file of 'cumulo cluster --out' (a 'cluster' column) or a single column "
                        + "of labels");
            }
            text = DatasetReader.readLabels(p, column);
        }
        if (text.length == 0) {
            throw new CumuloException(source + ": has a header but no labels");
        }
        int[] labels = new int[text.length];
        for (int i = 0; i < text.length; i++) {
            labels[i] = integer(text[i], source, i, column, "an integer cluster label (-1 for noise)", Integer.MIN_VALUE);
        }
        int[] rowIds = null;
        if (rows != null) {
            rowIds = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                rowIds[i] = integer(rows[i], source, i, "row", "a row number (an integer >= 0)", 0);
            }
        }
        return new Predicted(source, column, labels, rowIds);
    }

    /**
     * An integer written as such or as an integral decimal ({@code 3.0}, as float arrays and some tools write
     * labels), at least {@code min}; anything else stops the run naming the file, row and column.
     */
    private static int integer(String text, String source, int row, String column, String expected, int min) {
        String t = text.trim();
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException e2) {
                d = Double.NaN;
            }
            v = d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE + 1.0 ? (long) d : Long.MIN_VALUE;
        }
        if (v < min || v > Integer.MAX_VALUE) {
            throw new CumuloException(source + ", data row " + (row + 1) + ", column '" + column + "': expected "
                    + expected + ", found \"" + text + "\"");
        }
        return (int) v;
    }

    /** The classes: a labels file, or the class column of a data file or built-in dataset. */
    private Truth readTruth() {
        if (truth.startsWith("builtin:")) {
            Dataset ds = DatasetReader.read(truth, ReadOptions.builder().labelColumn(labelColumn).build());
            LabelColumn l = ds.labels().orElseThrow(() -> new CumuloException(truth + " has no class column; name one with "
                    + "--label-column"));
            String[] values = new String[l.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = l.value(i);
            }
            return new Truth(truth, l.name(), values);
        }
        Path p = Path.of(truth);
        requireFile(p, "--truth");
        if (isNpy(truth)) {
            if (labelColumn != null) {
                throw new CumuloException("--label-column: " + truth + " is a .npy array, which has no named columns; give "
                        + "the classes as a .npy vector (without --label-column) or as a CSV column");
            }
            return new Truth(truth, "label", requireRows(DatasetReader.readLabels(p, null)));
        }
        List<String> header = CsvDatasetReader.readHeader(p, null);
        String column;
        if (labelColumn != null) {
            if (!header.contains(labelColumn)) {
                throw new CumuloException("--label-column: " + truth + " has no column '" + labelColumn
                        + "'; its columns are: " + String.join(", ", header));
            }
            column = labelColumn;
        } else if (header.contains("cluster")) {
            // another clustering's labels file: compare two clusterings
            column = "cluster";
            if (header.contains("row")) {
                requireEveryRow(p, DatasetReader.readLabels(p, "row"));
            }
        } else if (header.size() == 1) {
            column = header.get(0);
        } else {
            throw new CumuloException(truth + ": has " + header.size() + " columns (" + String.join(", ", header)
                    + "); name the column of classes with --label-column");
        }
        return new Truth(truth, column, requireRows(DatasetReader.readLabels(p, column)));
    }

    private String[] requireRows(String[] values) {
        if (values.length == 0) {
            throw new CumuloException(truth + ": has a header but no rows");
        }
        return values;
    }

    /** A labels file used as truth must label every row, in order: its classes are matched by position. */
    private void requireEveryRow(Path p, String[] rows) {
        for (int i = 0; i < rows.length; i++) {
            if (!rows[i].trim().equals(Integer.toString(i))) {
                throw new CumuloException(p + ", data row " + (i + 1) + ": row " + rows[i].trim() + " where row " + i
                        + " was expected; a labels file given as --truth must label every row in order");
            }
        }
    }

    private static void requireFile(Path p, String flag) {
        if (!Files.exists(p)) {
            throw new CumuloException(p + ": no such file (" + flag + ")");
        }
        if (Files.isDirectory(p)) {
            throw new CumuloException(p + ": is a directory, expected a file (" + flag + ")");
        }
    }

    private static boolean isNpy(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".npy");
    }

    /**
     * The input row of each predicted label. Without a {@code row} column labels go by position and there must be
     * one per input row. With one (files of {@code cumulo cluster --out}) each label goes to its row; the file may
     * then skip rows (left out when clustering), but not label a row twice or a row the input does not have, and a
     * file that skips no row must label them all (else it belongs to other data).
     */
    static int[] matchRows(Predicted pred, int inputRows, String inputName) {
        int m = pred.labels().length;
        String mismatch = pred.source() + " has " + m + (m == 1 ? " label" : " labels") + " but " + inputName + " has "
                + inputRows + (inputRows == 1 ? " row" : " rows") + "; expected one label per row";
        if (pred.rowIds() == null) {
            if (m != inputRows) {
                throw new CumuloException(mismatch);
            }
            int[] ids = new int[m];
            Arrays.setAll(ids, i -> i);
            return ids;
        }
        boolean[] seen = new boolean[inputRows];
        int last = -1;
        for (int i = 0; i < m; i++) {
            int id = pred.rowIds()[i];
            if (id >= inputRows) {
                if (m != inputRows) {
                    throw new CumuloException(mismatch);
                }
                throw new CumuloException(pred.source() + ", data row " + (i + 1) + ": row " + id + " is beyond the "
                        + inputRows + " rows of " + inputName);
            }
            if (seen[id]) {
                throw new CumuloException(pred.source() + ", data row " + (i + 1) + ": row " + id + " is labelled twice");
            }
            seen[id] = true;
            last = Math.max(last, id);
        }
        if (m != inputRows && last + 1 == m) {
            throw new CumuloException(mismatch);
        }
        return pred.rowIds().clone();
    }

    /** Class names for the contingency table: numbers when every class is an integer, else the text. */
    private static List<Object> classNames(ContingencyTable table, LabelColumn truthColumn) {
        List<String> text = new ArrayList<>();
        for (int code : table.classValues()) {
            text.add(truthColumn.categories().get(code));
        }
        List<Object> numbers = new ArrayList<>();
        for (String t : text) {
            try {
                numbers.add(Integer.parseInt(t.trim()));
            } catch (NumberFormatException e) {
                return new ArrayList<>(text);
            }
        }
        return numbers;
    }

    // ---- internal indices ----

    /** Reads --data, matches its rows to the labels, and computes the internal indices on it (into {@code m}). */
    private InternalScores internal(Predicted pred, ExecutionContext ctx, Map<String, Object> m) {
        ReadOptions.Builder rb = dataRead.toBuilder();
        if (labelColumn != null && hasColumn(data, labelColumn)) {
            // the classes are not a feature
            rb.labelColumn(labelColumn);
        }
        Dataset raw = DatasetReader.read(data, rb.build(), ctx::note);
        Dataset ds = scaler.fit(raw, ctx).transform(raw);
        int[] inputRow = matchRows(pred, ds.inputRows(), data);
        // the label of each input row, or none; then the data rows (those read) that have one
        int[] labelOfInput = new int[ds.inputRows()];
        boolean[] labelled = new boolean[ds.inputRows()];
        int[] codes = clusterCodes(pred.labels());
        for (int i = 0; i < inputRow.length; i++) {
            labelOfInput[inputRow[i]] = codes[i];
            labelled[inputRow[i]] = true;
        }
        int[] keep = IntStream.range(0, ds.rows()).filter(r -> labelled[ds.rowId(r)]).toArray();
        int[] labels = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            labels[i] = labelOfInput[ds.rowId(keep[i])];
        }
        if (keep.length < pred.labels().length) {
            ctx.note((pred.labels().length - keep.length) + " labelled rows are not in the data read from " + data
                    + " (left out for missing values); the internal indices use the other " + keep.length);
        }
        Dataset used = keep.length == ds.rows() ? ds : ds.selectRows(keep);
        m.put("data", data);
        m.put("scale", scaler.name());
        m.put("n_samples", used.rows());
        m.put("n_features", used.cols());
        // DBCV, the density clusterings' index, when the labels have noise (what those clusterings leave)
        boolean noise = Arrays.stream(labels).anyMatch(l -> l < 0);
        InternalScores scores = InternalScores.of(used, labels, distance, seed, true, noise, ctx);
        m.putAll(scores.toEvaluateJson());
        return scores;
    }

    /** Whether INPUT (a built-in dataset or a delimited file; not a .npy array) has a column of this name. */
    private static boolean hasColumn(String input, String column) {
        if (input.startsWith("builtin:")) {
            return DatasetReader.read(input, ReadOptions.defaults()).columnNames().contains(column)
                    || column.equals(BuiltinDataset.named(input.substring("builtin:".length())).labelColumn());
        }
        Path p = Path.of(input);
        return !isNpy(input) && Files.isRegularFile(p) && CsvDatasetReader.readHeader(p, null).contains(column);
    }

    /** Cluster labels as codes 0..k-1 in increasing order of value, noise (-1) kept as -1. */
    private static int[] clusterCodes(int[] labels) {
        int[] values = Arrays.stream(labels).filter(l -> l != ExternalMetrics.NOISE).distinct().sorted().toArray();
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            codes[i] = labels[i] == ExternalMetrics.NOISE ? ExternalMetrics.NOISE : Arrays.binarySearch(values, labels[i]);
        }
        return codes;
    }

}

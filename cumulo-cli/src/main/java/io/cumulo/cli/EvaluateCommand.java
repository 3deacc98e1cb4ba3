package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.CsvDatasetReader;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.LabelColumn;
import io.cumulo.data.MissingPolicy;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.metrics.ContingencyTable;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.report.EvaluateReport;
import io.cumulo.report.chart.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cumulo evaluate}: compare cluster labels with known classes (every external index of
 * {@link ExternalMetrics}) and, given the data, add internal indices.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Compare cluster labels with known classes: every external index and the contingency table.",
            "ARI, Rand, NMI, AMI, homogeneity, completeness, V-measure, Fowlkes-Mallows, purity, best-matching accuracy; "
                + "with --data, also internal indices of the clustering on that data (silhouette, Calinski-Harabasz, "
                + "Davies-Bouldin, inertia, BIC)."},
        footer = {"", "Examples: cumulo evaluate --labels labels.csv --truth builtin:iris",
            "          cumulo evaluate --labels labels.csv --truth data.csv \\",
            "              --label-column class --data data.csv --scale standard --json"})
public final class EvaluateCommand implements Callable<Integer> {
    /** Contingency tables up to this size are printed in the summary. */
    private static final int PRINTED_TABLE_MAX = 20;

    @ParentCommand
    CumuloCommand parent;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
            description = "Cluster labels: the CSV written by 'cumulo cluster --out' (its 'cluster' column, rows matched "
                    + "by its 'row' column), a CSV of one column, or a .npy vector. Integers; -1 is noise.")
    Path labelsFile;

    @Option(names = "--truth", required = true, paramLabel = "FILE|INPUT",
            description = "Known classes: a labels file (as --labels; any text) or, with --label-column, a data file or "
                    + "builtin:NAME holding a class column (built-in datasets use their own by default).")
    String truth;

    @Option(names = "--label-column", paramLabel = "NAME", description = "The column of --truth holding the classes.")
    String labelColumn;

    @Option(names = "--data", paramLabel = "INPUT",
            description = "The data that was clustered, for internal indices (read as 'cumulo cluster' reads INPUT).")
    String data;

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "With --data: the feature columns.")
    List<String> columns;

    @Option(names = "--drop-columns", split = ",", paramLabel = "NAME", description = "With --data: columns to leave out.")
    List<String> dropColumns;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "error",
            description = "With --data: missing values, error (default), drop or mean, as when clustering.")
    String missing;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "With --data: the field delimiter (default: detected).")
    String delimiter;

    @Option(names = "--scale", paramLabel = "HOW", defaultValue = "none",
            description = "With --data: scaling applied before the internal indices, as when clustering: standard, minmax, "
                    + "robust or none (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "euclidean",
            description = "With --data: the distance of the silhouette (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--threads", paramLabel = "T", description = "Threads for the internal indices (default: all processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the summary.")
    boolean json;

    @Mixin
    ReportOptions reports;

    @Option(names = "--overwrite", description = "Replace output files (--report, --plots) that already exist.")
    boolean overwrite;

    /** Labels read from --labels; {@code rowIds} null when the file has no {@code row} column. */
    record Predicted(String source, String column, int[] labels, int[] rowIds) {
    }

    /** Classes read from --truth, one per input row. */
    record Truth(String source, String column, String[] values) {
    }

    @Override
    public Integer call() {
        reports.check(overwrite);
        Distance distance = data == null ? null : withFlag("--metric", () -> Distance.parse(metric));
        Scaler scaler = data == null ? null : Scaler.named(scale);
        int threadCount = threads();
        Predicted pred = withFlag("--labels", () -> readPredicted(labelsFile));
        Truth classes = withFlag("--truth", this::readTruth);
        int[] rowOf = matchRows(pred, classes.values().length, classes.source());
        String[] chosen = new String[rowOf.length];
        for (int i = 0; i < rowOf.length; i++) {
            chosen[i] = classes.values()[rowOf[i]];
        }
        if (rowOf.length < classes.values().length) {
            parent.err.println("note: " + pred.source() + " labels " + rowOf.length + " of the " + classes.values().length
                    + " rows of " + classes.source() + " (its 'row' column skips the others, e.g. rows left out by "
                    + "--missing drop when clustering); the indices compare those " + rowOf.length + " rows");
        }
        LabelColumn truthColumn = LabelColumn.of(classes.column(), chosen);
        ExternalMetrics metrics = ExternalMetrics.of(truthColumn.codes(), pred.labels());

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("labels", pred.source());
        j.put("labels_column", pred.column());
        j.put("truth", classes.source());
        j.put("label_column", classes.column());
        j.put("n_samples", pred.labels().length);
        j.put("n_classes", metrics.table().numClasses());
        j.put("n_clusters", metrics.table().numClusters());
        j.putAll(metrics.toMap(classNames(metrics.table(), truthColumn)));
        List<String> warnings = new ArrayList<>();
        if (metrics.accuracy() == null) {
            warnings.add("accuracy not computed: " + metrics.table().numClasses() + " classes against "
                    + metrics.table().numClusters() + " clusters is too large for the one-to-one matching");
        }
        if (data != null) {
            j.put("internal", internal(pred, distance, scaler, threadCount, warnings));
        }
        if (reports.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("labels", pred.source() + " (column " + pred.column() + ")");
            facts.put("truth", classes.source() + " (column " + classes.column() + ")");
            facts.put("rows compared", Integer.toString(pred.labels().length));
            facts.put("classes", Integer.toString(metrics.table().numClasses()));
            facts.put("clusters", Integer.toString(metrics.table().numClusters()));
            Map<String, String> internalFacts = null;
            if (j.get("internal") instanceof Map<?, ?> in) {
                internalFacts = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : in.entrySet()) {
                    Object v = e.getValue();
                    internalFacts.put(e.getKey().toString().replace('_', ' '), v instanceof Double d ? ClusterJob.fmt(d)
                            : String.valueOf(v));
                }
            }
            List<String> names = classNames(metrics.table(), truthColumn).stream().map(String::valueOf).toList();
            Report r = EvaluateReport.build("Clusters of " + pred.source() + " against " + classes.source(), metrics,
                    names, classes.column(), facts, internalFacts);
            reports.writeAndRecord(r, overwrite, j);
        }
        j.put("warnings", warnings);
        for (String w : warnings) {
            parent.err.println("warning: " + w);
        }
        if (json) {
            parent.out.println(Json.write(j));
        } else {
            printSummary(parent.out, j, metrics);
        }
        return Main.OK;
    }

    /** Runs {@code read}, naming {@code flag} in its error message if the message does not already. */
    private static <T> T withFlag(String flag, java.util.function.Supplier<T> read) {
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

    private int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new CumuloException("--threads: expected an integer >= 1, got " + threads);
        }
        return threads;
    }

    // ---- reading ----

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

    /** Reads --data, matches its rows to the labels, and computes the internal indices on it. */
    private Map<String, Object> internal(Predicted pred, Distance distance, Scaler scaler, int threadCount,
                                         List<String> warnings) {
        ReadOptions.Builder rb = ReadOptions.builder().columns(columns).dropColumns(dropColumns)
                .missing(MissingPolicy.parse(missing)).delimiter(InputOptions.parseDelimiter(delimiter));
        if (labelColumn != null && hasColumn(data, labelColumn)) {
            // the classes are not a feature
            rb.labelColumn(labelColumn);
        }
        Dataset raw = DatasetReader.read(data, rb.build(), note -> parent.err.println("note: " + note));
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threadCount).withWarnings(warnings::add);
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
        int[] keep = java.util.stream.IntStream.range(0, ds.rows()).filter(r -> labelled[ds.rowId(r)]).toArray();
        int[] labels = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            labels[i] = labelOfInput[ds.rowId(keep[i])];
        }
        if (keep.length < pred.labels().length) {
            parent.err.println("note: " + (pred.labels().length - keep.length) + " labelled rows are not in the data read "
                    + "from " + data + " (left out for missing values); the internal indices use the other " + keep.length);
        }
        Dataset used = keep.length == ds.rows() ? ds : ds.selectRows(keep);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("scale", scaler.name());
        m.put("n_samples", used.rows());
        m.put("n_features", used.cols());
        m.putAll(internalIndices(used, labels, distance, ctx));
        return m;
    }

    /** Whether INPUT (a built-in dataset or a delimited file; not a .npy array) has a column of this name. */
    private static boolean hasColumn(String input, String column) {
        if (input.startsWith("builtin:")) {
            return DatasetReader.read(input, ReadOptions.defaults()).columnNames().contains(column)
                    || column.equals(io.cumulo.data.BuiltinDataset.named(input.substring("builtin:".length())).labelColumn());
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

    /**
     * The internal indices of a clustering ({@code labels}: codes 0..k-1, -1 for noise) on {@code data}: the one
     * place where they are computed. Noise rows are left out of every index, and {@code noise_excluded} says how
     * many. Silhouette under {@code distance}: exact up to {@link ClusterJob#SILHOUETTE_EXACT_MAX} rows, else on a
     * seeded sample as {@code cumulo cluster} does; {@code null} with fewer than 2 clusters or no cluster of two rows.
     */
    private static Map<String, Object> internalIndices(Dataset data, int[] labels, Distance distance, ExecutionContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        long noise = Arrays.stream(labels).filter(l -> l == ExternalMetrics.NOISE).count();
        long members = labels.length - noise;
        long clusters = Arrays.stream(labels).filter(l -> l != ExternalMetrics.NOISE).distinct().count();
        m.put("noise_excluded", noise);
        m.put("n_clusters", clusters);
        if (clusters >= 2 && clusters < members) {
            if (data.rows() <= ClusterJob.SILHOUETTE_EXACT_MAX) {
                m.put("silhouette", SilhouetteScore.score(data, labels, distance, ctx));
            } else {
                ClusterJob.putEstimate(m, SilhouetteScore.estimate(data, labels, ClusterJob.SILHOUETTE_SAMPLE, 0, distance,
                        ctx));
            }
        } else {
            m.put("silhouette", null);
        }
        m.put("silhouette_metric", distance.id());
        // centroid-based: Euclidean on the data as given (after --scale), whatever --metric says
        boolean defined = clusters >= 2 && clusters < members;
        m.put("calinski_harabasz", defined ? io.cumulo.metrics.CalinskiHarabasz.score(data, labels, ctx) : null);
        m.put("davies_bouldin", defined ? io.cumulo.metrics.DaviesBouldin.score(data, labels, ctx) : null);
        m.put("inertia", clusters >= 1 ? io.cumulo.metrics.Inertia.score(data, labels, ctx) : null);
        m.put("bic", defined ? io.cumulo.metrics.KMeansBic.compute(data, labels, ctx).bic() : null);
        return m;
    }

    // ---- output ----

    private static void printSummary(PrintStream out, Map<String, Object> j, ExternalMetrics metrics) {
        out.printf(Locale.ROOT, "%s (%s) against %s (%s): %d rows, %d classes, %d clusters%n", j.get("labels"),
                j.get("labels_column"), j.get("truth"), j.get("label_column"), j.get("n_samples"), j.get("n_classes"),
                j.get("n_clusters"));
        out.println();
        line(out, "ARI", metrics.ari(), "adjusted Rand index: 0 = chance, 1 = identical");
        line(out, "Rand", metrics.rand(), "pairs of rows on which both agree");
        line(out, "NMI", metrics.nmi(), "normalized mutual information, arithmetic mean");
        line(out, "AMI", metrics.ami(), "adjusted mutual information: 0 = chance, 1 = identical");
        line(out, "homogeneity", metrics.homogeneity(), "1 = each cluster holds one class");
        line(out, "completeness", metrics.completeness(), "1 = each class is in one cluster");
        line(out, "V-measure", metrics.vMeasure(), "harmonic mean of the two");
        line(out, "Fowlkes-Mallows", metrics.fowlkesMallows(), "");
        line(out, "purity", metrics.purity(), "rows in their cluster's majority class");
        if (metrics.accuracy() != null) {
            line(out, "accuracy", metrics.accuracy(), "best one-to-one matching of clusters to classes");
        } else {
            out.printf(Locale.ROOT, "  %-16s n/a  (too many classes and clusters for the matching)%n", "accuracy");
        }
        if (metrics.noisePoints() > 0) {
            out.printf(Locale.ROOT, "  %-16s %d  (label -1, counted as one more cluster, as scikit-learn does)%n",
                    "noise points", metrics.noisePoints());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> internal = (Map<String, Object>) j.get("internal");
        if (internal != null) {
            out.println();
            Object sil = internal.get("silhouette");
            List<String> notes = new ArrayList<>();
            notes.add("on " + internal.get("data") + ", " + internal.get("silhouette_metric") + " distance"
                    + ("none".equals(internal.get("scale")) ? "" : ", " + internal.get("scale") + " scaling"));
            if (internal.containsKey("silhouette_sample_size")) {
                notes.add("estimated on " + internal.get("silhouette_sample_size") + " sampled rows");
            }
            if (((Long) internal.get("noise_excluded")) > 0) {
                notes.add(internal.get("noise_excluded") + " noise rows excluded");
            }
            out.printf(Locale.ROOT, "  %-16s %s  (%s)%n", "silhouette", sil instanceof Double d ? ClusterJob.fmt(d) : "n/a",
                    String.join("; ", notes));
            String[][] more = {{"calinski_harabasz", "Calinski-Harabasz", "higher is better"},
                {"davies_bouldin", "Davies-Bouldin", "lower is better"}, {"inertia", "inertia", "within-cluster SSE"},
                {"bic", "BIC", "X-means form, larger is better"}};
            for (String[] m : more) {
                Object v = internal.get(m[0]);
                out.printf(Locale.ROOT, "  %-16s %s  (%s)%n", m[1], v instanceof Double d ? ClusterJob.fmt(d) : "n/a", m[2]);
            }
        }
        out.println();
        printTable(out, metrics.table(), j);
    }

    private static void line(PrintStream out, String name, double value, String note) {
        out.printf(Locale.ROOT, "  %-16s %s%s%n", name, ClusterJob.fmt(value), note.isEmpty() ? "" : "  (" + note + ")");
    }

    /** The contingency table, classes down and clusters across, when it is small enough to read. */
    private static void printTable(PrintStream out, ContingencyTable t, Map<String, Object> j) {
        if (t.numClasses() > PRINTED_TABLE_MAX || t.numClusters() > PRINTED_TABLE_MAX) {
            out.printf(Locale.ROOT, "contingency table: %d classes x %d clusters (see --json)%n", t.numClasses(), t.numClusters());
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> names = (List<Object>) ((Map<String, Object>) j.get("contingency")).get("classes");
        int[] clusters = t.clusterValues();
        long[][] counts = t.counts();
        int nameWidth = "class \\ cluster".length();
        for (Object name : names) {
            nameWidth = Math.max(nameWidth, String.valueOf(name).length());
        }
        int cellWidth = 1;
        for (int c : clusters) {
            cellWidth = Math.max(cellWidth, Integer.toString(c).length());
        }
        for (long[] row : counts) {
            for (long v : row) {
                cellWidth = Math.max(cellWidth, Long.toString(v).length());
            }
        }
        StringBuilder sb = new StringBuilder("  ").append(pad("class \\ cluster", nameWidth, false));
        for (int c : clusters) {
            sb.append("  ").append(pad(Integer.toString(c), cellWidth, true));
        }
        out.println(sb);
        for (int i = 0; i < counts.length; i++) {
            sb.setLength(0);
            sb.append("  ").append(pad(String.valueOf(names.get(i)), nameWidth, false));
            for (long v : counts[i]) {
                sb.append("  ").append(pad(Long.toString(v), cellWidth, true));
            }
            out.println(sb);
        }
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}

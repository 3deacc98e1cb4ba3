package io.cumulo.cli;

import io.cumulo.data.MissingPolicy;
import io.cumulo.data.ReadOptions;
import io.cumulo.json.Json;
import io.cumulo.metrics.ContingencyTable;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.report.EvaluateReport;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.EvaluateTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Mixin
    SeedOption seed;

    @Mixin
    ReportOptions reports;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ReportFiles reportFiles = reports.files(run.overwrite);
        ReadOptions dataRead = ReadOptions.builder().columns(columns).dropColumns(dropColumns)
                .missing(MissingPolicy.parse(missing)).delimiter(InputOptions.parseDelimiter(delimiter)).build();
        EvaluateTask task = new EvaluateTask(labelsFile, truth, labelColumn, data, dataRead, scale, metric,
                seed.orZero());
        run.threads();
        EvaluateTask.Result r = task.run(run.context(parent));
        Map<String, Object> j = r.json();
        ExternalMetrics metrics = r.metrics();
        if (reportFiles.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("labels", r.labelsSource() + " (column " + r.labelsColumn() + ")");
            facts.put("truth", r.truthSource() + " (column " + r.truthColumn() + ")");
            facts.put("rows compared", String.valueOf(j.get("n_samples")));
            facts.put("classes", Integer.toString(metrics.table().numClasses()));
            facts.put("clusters", Integer.toString(metrics.table().numClusters()));
            Map<String, String> internalFacts = null;
            if (j.get("internal") instanceof Map<?, ?> in) {
                internalFacts = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : in.entrySet()) {
                    Object v = e.getValue();
                    internalFacts.put(e.getKey().toString().replace('_', ' '), v instanceof Double d ? Summaries.fmt(d)
                            : String.valueOf(v));
                }
            }
            List<String> names = r.classNames().stream().map(String::valueOf).toList();
            Report report = EvaluateReport.build("Clusters of " + r.labelsSource() + " against " + r.truthSource(),
                    metrics, names, r.truthColumn(), facts, internalFacts);
            reportFiles.checkPlotFiles(report);
            reportFiles.write(report);
            ClusterCommand.reportOutputs(reportFiles).forEach((name, p) -> j.put(name, p.toString()));
        }
        j.put("warnings", r.warnings());
        for (String w : r.warnings()) {
            parent.err.println("warning: " + w);
        }
        if (run.json) {
            parent.out.println(Json.write(j));
        } else {
            printSummary(parent.out, j, metrics);
        }
        return Main.OK;
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
            out.printf(Locale.ROOT, "  %-16s %s  (%s)%n", "silhouette", sil instanceof Double d ? Summaries.fmt(d) : "n/a",
                    String.join("; ", notes));
            String[][] more = {{"calinski_harabasz", "Calinski-Harabasz", "higher is better"},
                {"davies_bouldin", "Davies-Bouldin", "lower is better"}, {"inertia", "inertia", "within-cluster SSE"},
                {"bic", "BIC", "X-means form, larger is better"}};
            for (String[] m : more) {
                Object v = internal.get(m[0]);
                out.printf(Locale.ROOT, "  %-16s %s  (%s)%n", m[1], v instanceof Double d ? Summaries.fmt(d) : "n/a", m[2]);
            }
        }
        out.println();
        printTable(out, metrics.table(), j);
    }

    private static void line(PrintStream out, String name, double value, String note) {
        out.printf(Locale.ROOT, "  %-16s %s%s%n", name, Summaries.fmt(value), note.isEmpty() ? "" : "  (" + note + ")");
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

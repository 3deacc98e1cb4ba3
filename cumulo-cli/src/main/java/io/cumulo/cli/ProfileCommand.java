package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.report.ProfileReport;
import io.cumulo.report.chart.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cumulo profile}: describe each cluster of a clustering in the words of its features. */
@Command(name = "profile", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Describe the clusters of INPUT: size, share, centre, per-feature mean, median and spread, and the "
                + "features that set each cluster apart from the rest (standardised mean difference).",
            "The clusters come from a saved model (--model: its features are read from INPUT and the rows assigned as "
                + "'cumulo predict' does) or from a labels file (--labels: one cluster per row of INPUT)."},
        footer = {"", "Examples: cumulo profile data.csv --model model.json",
            "          cumulo profile data.csv --labels labels.csv --json"})
public final class ProfileCommand implements Callable<Integer> {
    /** Clusters shown as columns of the human table; --json has them all. */
    static final int TABLE_CLUSTERS = 8;
    /** Features shown as rows of the human table. */
    static final int TABLE_FEATURES = 30;
    /** Description lines shown. */
    static final int DESCRIPTIONS = 20;

    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data whose clusters to describe, in its original units.")
    String input;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file written by 'cumulo cluster --model': "
            + "assigns the rows of INPUT to its clusters.")
    Path modelFile;

    @Option(names = "--labels", paramLabel = "FILE", description = "Cluster of each row of INPUT: the labels CSV "
            + "'cumulo cluster --out' writes, a one-column CSV or a .npy vector (-1: noise).")
    Path labelsFile;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.5",
            description = "A feature is called high or low when its |standardised mean difference| is at least T "
                    + "(default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--describe", paramLabel = "N", defaultValue = "3",
            description = "Name at most N features per cluster in the descriptions (default: ${DEFAULT-VALUE}).")
    int describe;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads to use (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the summary.")
    boolean json;

    @Mixin
    ReportOptions reports;

    @Option(names = "--overwrite", description = "Replace output files (--report, --plots) that already exist.")
    boolean overwrite;

    @Mixin
    InputOptions inputOptions;

    @Override
    public Integer call() {
        if ((modelFile == null) == (labelsFile == null)) {
            throw new CumuloException(modelFile == null
                    ? "give the clusters to profile: --model FILE (a saved model assigns the rows) or --labels FILE "
                        + "(one cluster per row)"
                    : "give --model or --labels, not both: the clusters come from one of them");
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new CumuloException("--threshold: expected a number > 0, got " + threshold);
        }
        if (describe < 1) {
            throw new CumuloException("--describe: expected an integer >= 1, got " + describe);
        }
        reports.check(overwrite);
        ClusterProfiler profiler = ClusterProfiler.defaults().withThreshold(threshold).withMaxDescribed(describe);
        RunOptions run = new RunOptions();
        run.threads = threads;
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(run.threads())
                .withWarnings(w -> parent.err.println("warning: " + w));
        Dataset data;
        ClusterProfile profile;
        int[] clusters;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", input);
        long t0 = System.nanoTime();
        if (modelFile != null) {
            ClusteringPipelineModel model = ClusteringPipelineModel.read(modelFile);
            data = PredictCommand.readModelFeatures(input, inputOptions, model, modelFile, parent.err);
            t0 = System.nanoTime();
            int[] labels = model.model().predict(model.transform(data), ctx);
            clusters = labels;
            profile = profiler.profile(data, labels, ClusterProfiler.modelCentres(model).orElse(null), null, ctx);
            j.put("model", modelFile.toString());
            j.put("algorithm", model.algorithm());
        } else {
            data = DatasetReader.read(input, inputOptions.toBuilder().build(), note -> parent.err.println("note: " + note));
            LabelsFile.Labels labels = LabelsFile.read(labelsFile, data, input);
            t0 = System.nanoTime();
            clusters = labels.clusters();
            profile = profiler.profile(data, clusters, null, labels.names(), ctx);
            j.put("labels", labelsFile.toString());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        j.put("n_samples", data.rows());
        j.put("n_features", data.cols());
        j.put("profile", profile.toJson());
        j.put("profile_seconds", seconds);
        if (reports.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("input", data.source());
            facts.put("rows", Integer.toString(data.rows()));
            facts.put("features", Integer.toString(data.cols()));
            facts.put("clusters from", modelFile != null ? "model " + modelFile + " (" + j.get("algorithm") + ")"
                    : "labels " + labelsFile);
            facts.put("threshold (|SMD| called high or low)", ClusterJob.fmt(threshold));
            Report r = ProfileReport.build("Cluster profiles of " + data.source(), data, clusters, profile, facts);
            reports.writeAndRecord(r, overwrite, j);
        }
        if (json) {
            parent.out.println(Json.write(j));
        } else {
            print(parent.out, profile, data.source(), modelFile != null ? "model " + modelFile : "labels " + labelsFile);
        }
        return Main.OK;
    }

    private static void print(PrintStream out, ClusterProfile p, String source, String from) {
        List<ClusterProfile.Group> groups = p.groups();
        out.printf(Locale.ROOT, "Profile of %s: %d rows x %d features, %d %s (from %s)%n", source, p.rows(),
                p.features().size(), groups.size(), groups.size() == 1 ? "group" : "groups", from);
        out.println();
        printDescriptions(out, p.descriptions());
        int[] empty = p.emptyClusters();
        if (empty.length > 0) {
            out.println("  no rows in cluster" + (empty.length > 1 ? "s " : " ")
                    + String.join(", ", java.util.Arrays.stream(empty).mapToObj(String::valueOf).toList()));
        }
        out.println();
        printTable(out, p);
    }

    /** The one-line descriptions, at most {@link #DESCRIPTIONS}; shared with {@code cumulo cluster}'s summary. */
    static void printDescriptions(PrintStream out, List<String> lines) {
        for (int i = 0; i < Math.min(lines.size(), DESCRIPTIONS); i++) {
            out.println("  " + lines.get(i));
        }
        if (lines.size() > DESCRIPTIONS) {
            out.printf(Locale.ROOT, "  ... %d more (see --json)%n", lines.size() - DESCRIPTIONS);
        }
    }

    /** Means by cluster, each with its standardised mean difference against the rest in brackets. */
    private static void printTable(PrintStream out, ClusterProfile p) {
        List<ClusterProfile.Group> groups = p.groups().subList(0, Math.min(p.groups().size(), TABLE_CLUSTERS));
        int d = p.features().size();
        int shownFeatures = Math.min(d, TABLE_FEATURES);
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[groups.size() + 2];
        head[0] = "feature";
        head[1] = "all";
        for (int g = 0; g < groups.size(); g++) {
            head[g + 2] = groups.get(g).name();
        }
        rows.add(head);
        double[] overall = p.overall().mean();
        for (int f = 0; f < shownFeatures; f++) {
            String[] r = new String[head.length];
            r[0] = p.features().get(f);
            r[1] = ClusterJob.fmt(overall[f]);
            for (int g = 0; g < groups.size(); g++) {
                ClusterProfile.Group group = groups.get(g);
                r[g + 2] = ClusterJob.fmt(group.stats().mean()[f])
                        + String.format(Locale.ROOT, " (%+.2f)", group.smd()[f]);
            }
            rows.add(r);
        }
        int[] width = new int[head.length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        out.println("  mean by cluster (standardised mean difference from the rest in brackets)");
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            sb.append(r[0]).append(" ".repeat(width[0] - r[0].length()));
            for (int c = 1; c < r.length; c++) {
                sb.append("  ").append(" ".repeat(width[c] - r[c].length())).append(r[c]);
            }
            out.println(sb);
        }
        if (shownFeatures < d || groups.size() < p.groups().size()) {
            out.printf(Locale.ROOT, "  ... table limited to %d features and %d clusters; --json has them all%n",
                    TABLE_FEATURES, TABLE_CLUSTERS);
        }
    }
}

package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.json.Json;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.report.ProfileReport;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.OutputFiles;
import io.cumulo.workflow.ProfileTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

    @Option(names = "--out", paramLabel = "FILE", description = "Write the profile as CSV here: one row per cluster "
            + "and feature (cluster, name, size, share, feature, centre, mean, median, sd, min, max, smd).")
    Path out;

    @Mixin
    ReportOptions reports;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ProfileTask.requireOneSource(modelFile, labelsFile);
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new CumuloException("--threshold: expected a number > 0, got " + threshold);
        }
        if (describe < 1) {
            throw new CumuloException("--describe: expected an integer >= 1, got " + describe);
        }
        ProfileTask task = new ProfileTask(input, inputOptions.toBuilder().build(), modelFile, labelsFile,
                ClusterProfiler.defaults().withThreshold(threshold).withMaxDescribed(describe));
        OutputFiles.checkWritable(out, run.overwrite, "--out");
        ReportFiles reportFiles = reports.files(run.overwrite);
        ProfileTask.Result r = task.run(run.context(parent));
        Map<String, Object> j = r.toJson();
        ClusterProfile profile = r.profile();
        Dataset data = r.data();
        Report report = null;
        if (reportFiles.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("input", data.source());
            facts.put("rows", Integer.toString(data.rows()));
            facts.put("features", Integer.toString(data.cols()));
            facts.put("clusters from", modelFile != null ? "model " + modelFile + " (" + r.algorithm() + ")"
                    : "labels " + labelsFile);
            facts.put("threshold (|SMD| called high or low)", Summaries.fmt(threshold));
            report = ProfileReport.build("Cluster profiles of " + data.source(), data, r.clusters(), profile, facts);
            reportFiles.checkPlotFiles(report);
        }
        if (out != null) {
            writeProfile(out, profile);
            j.put("out", out.toString());
        }
        if (report != null) {
            reportFiles.write(report);
            ClusterCommand.reportOutputs(reportFiles).forEach((name, p) -> j.put(name, p.toString()));
        }
        if (run.json) {
            parent.out.println(Json.write(j));
        } else {
            print(parent.out, profile, data.source(), r.from());
            if (out != null) {
                parent.out.println();
                parent.out.println("wrote " + out);
            }
        }
        return Main.OK;
    }

    /** One row per group (clusters, then noise) and feature, in the input's units. */
    static void writeProfile(Path p, ClusterProfile profile) {
        List<String> features = profile.features();
        OutputFiles.write(p, w -> {
            w.write("cluster,name,size,share,feature,centre,mean,median,sd,min,max,smd\n");
            for (ClusterProfile.Group g : profile.groups()) {
                ClusterProfile.FeatureStats s = g.stats();
                double[] centre = g.centre();
                for (int f = 0; f < features.size(); f++) {
                    w.write(g.cluster() + "," + OutputFiles.csvField(g.name()) + "," + g.size() + "," + g.share() + ","
                            + OutputFiles.csvField(features.get(f)) + "," + centre[f] + "," + s.mean()[f] + ","
                            + s.median()[f] + "," + s.sd()[f] + "," + s.min()[f] + "," + s.max()[f] + "," + g.smd()[f]
                            + "\n");
                }
            }
        });
    }

    private static void print(PrintStream out, ClusterProfile p, String source, String from) {
        List<ClusterProfile.Group> groups = p.groups();
        out.printf(Locale.ROOT, "Profile of %s: %d rows x %d features, %d %s (from %s)%n", source, p.rows(),
                p.features().size(), groups.size(), groups.size() == 1 ? "group" : "groups", from);
        out.println();
        Summaries.printDescriptions(out, p.descriptions());
        int[] empty = p.emptyClusters();
        if (empty.length > 0) {
            out.println("  no rows in cluster" + (empty.length > 1 ? "s " : " ")
                    + String.join(", ", Arrays.stream(empty).mapToObj(String::valueOf).toList()));
        }
        out.println();
        printTable(out, p);
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
            r[1] = Summaries.fmt(overall[f]);
            for (int g = 0; g < groups.size(); g++) {
                ClusterProfile.Group group = groups.get(g);
                r[g + 2] = Summaries.fmt(group.stats().mean()[f])
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

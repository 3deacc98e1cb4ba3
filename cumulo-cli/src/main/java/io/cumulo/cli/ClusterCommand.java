package io.cumulo.cli;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.report.ClusterReport;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.ReportView;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.ClusterResult;
import io.cumulo.workflow.ClusterTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cumulo cluster}: fit a clustering to a table, write labels, model and report. */
@Command(name = "cluster", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Cluster the rows of INPUT and print a summary.",
            "INPUT is a CSV/TSV file (optionally .gz), a NumPy .npy file, or builtin:NAME (see 'cumulo datasets')."},
        footer = {"", "Algorithm parameters: 'cumulo cluster --algorithm NAME --help' or 'cumulo params NAME'.",
            "Example: cumulo cluster builtin:iris --k 3 --scale standard --out labels.csv --model model.json"})
public final class ClusterCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to cluster.")
    String input;

    @Option(names = "--k", paramLabel = "K", description = "Number of clusters.")
    Integer k;

    @Mixin
    AlgorithmOptions fit;

    @Mixin
    SeedOption seed;

    @Option(names = "--reduce", paramLabel = "METHOD[:N]",
            description = "Reduce after scaling, before clustering: pca:0.95 (keep 95%% of the variance), pca:10 (10 "
                    + "components), umap:2; the model file keeps the reduction, so predict applies it.")
    String reduce;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the labels CSV (row,cluster[,memberships][,label]) here.")
    Path out;

    @Option(names = "--model", paramLabel = "FILE", description = "Save the fitted model (JSON) here, for 'cumulo predict'.")
    Path model;

    @Option(names = "--linkage-out", paramLabel = "FILE", description = "Write the tree's linkage matrix (SciPy's "
            + "form: left id, right id, height, size) here: .npy, else CSV (agglomerative, diana, bisecting-kmeans).")
    Path linkageOut;

    @Mixin
    ReportOptions reports;

    @Option(names = "--report-view", paramLabel = "VIEW", defaultValue = "pca",
            description = "The plane of the report's scatter: pca (first two principal components), tsne or umap "
                    + "(a map of the clustering space, fitted on the drawn rows) (default: ${DEFAULT-VALUE}).")
    String reportView;

    @Option(names = "--no-profile", description = "Skip the cluster profile (on wide data it costs about as much as "
            + "a k-means fit); the summary then has no descriptions and --json no 'profile'.")
    boolean noProfile;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ReportView view = ReportView.parse(reportView, "--report-view");
        ClusterTask task = ClusterTask.builder().input(input).read(inputOptions.toBuilder().build())
                .algorithm(fit.algorithm).params(fit.params).k(k).seed(seed.seed).scale(fit.scale).reduce(reduce)
                .labelsOut(out).modelOut(model).linkageOut(linkageOut).overwrite(run.overwrite).profile(!noProfile).build();
        ReportFiles reportFiles = reports.files(run.overwrite);
        Map<String, Path> extra = reportOutputs(reportFiles);
        ClusterResult r = run(task, reportFiles, view, parent, run);
        if (run.json) {
            parent.out.println(Json.write(r.toJson(extra)));
        } else {
            List<Path> written = new ArrayList<>();
            if (out != null) {
                written.add(out);
            }
            if (model != null) {
                written.add(model);
            }
            if (linkageOut != null) {
                written.add(linkageOut);
            }
            written.addAll(extra.values());
            Summaries.printCluster(r, parent.out, written);
        }
        return Main.OK;
    }

    static Map<String, Path> reportOutputs(ReportFiles f) {
        Map<String, Path> m = new LinkedHashMap<>();
        if (f.html() != null) {
            m.put("report", f.html());
        }
        if (f.plots() != null) {
            m.put("plots", f.plots());
        }
        return m;
    }

    /** Runs the job, builds its report if one is wanted, then writes every file (the report last). */
    static ClusterResult run(ClusterTask task, ReportFiles reportFiles, ReportView view, CumuloCommand parent,
                             RunOptions run) {
        ClusterResult r = run.run(parent, task::run);
        Report report = null;
        if (reportFiles.wanted()) {
            report = ClusterReport.of(r, view, ExecutionContext.defaults().withThreads(run.threads()));
            reportFiles.checkPlotFiles(report);
        }
        r.writeOutputs();
        if (report != null) {
            reportFiles.write(report);
        }
        return r;
    }
}

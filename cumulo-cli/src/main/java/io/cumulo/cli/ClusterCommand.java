package io.cumulo.cli;

import io.cumulo.json.Json;
import io.cumulo.report.ReportView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
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

    @Option(names = "--reduce", paramLabel = "METHOD[:N]",
            description = "Reduce after scaling, before clustering: pca:0.95 (keep 95%% of the variance), pca:10 (10 "
                    + "components), umap:2; the model file keeps the reduction, so predict applies it.")
    String reduce;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the labels CSV (row,cluster[,memberships][,label]) here.")
    Path out;

    @Option(names = "--model", paramLabel = "FILE", description = "Save the fitted model (JSON) here, for 'cumulo predict'.")
    Path model;

    @Mixin
    ReportOptions reports;

    @Option(names = "--report-view", paramLabel = "VIEW", defaultValue = "pca",
            description = "The plane of the report's scatter: pca (first two principal components), tsne or umap "
                    + "(a map of the clustering space, fitted on the drawn rows) (default: ${DEFAULT-VALUE}).")
    String reportView;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ReportView view = ReportView.parse(reportView, "--report-view");
        ClusterJob.Spec spec = new ClusterJob.Spec(input, inputOptions.toBuilder().build(), fit.algorithm, k, fit.seed, fit.params,
                fit.scale, reduce, run.threads(), out, model, reports.report, reports.plots, view, run.overwrite);
        ClusterJob.Outcome o = ClusterJob.run(spec, parent.err);
        if (run.json) {
            parent.out.println(Json.write(ClusterJob.json(o)));
        } else {
            ClusterJob.printSummary(o, parent.out);
        }
        return Main.OK;
    }
}

package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.json.Json;
import io.cumulo.report.ChooseEpsReport;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.chart.Report;
import io.cumulo.selection.ChooseEps;
import io.cumulo.workflow.ChooseEpsTask;
import io.cumulo.workflow.FigureFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cumulo choose-eps}: the sorted k-distance curve and its knee, a suggested eps for DBSCAN. */
@Command(name = "choose-eps", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class,
        sortOptions = false,
        description = {"Suggest DBSCAN's eps: every row's distance to its k-th nearest row (k = --min-samples, the row "
                + "itself counted), sorted, and the knee of that curve (Kneedle).",
            "INPUT is a CSV/TSV file (optionally .gz), a NumPy .npy file, or builtin:NAME (see 'cumulo datasets')."},
        footer = {"", "The eps is in the scaled space: cluster with the same --scale and --param min-samples.",
            "Example: cumulo choose-eps data.csv --min-samples 10 --scale standard --report eps.html"})
public final class ChooseEpsCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to cluster.")
    String input;

    @Option(names = "--min-samples", paramLabel = "K", defaultValue = "5",
            description = "DBSCAN's min-samples: the distance to each row's K-th nearest row, itself counted, is "
                    + "plotted (default: ${DEFAULT-VALUE}).")
    int minSamples;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "euclidean",
            description = "Row distance: euclidean, sqeuclidean, manhattan, cosine or chebyshev (default: "
                    + "${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--index", paramLabel = "KIND", defaultValue = "auto",
            description = "Neighbour search: auto, kd-tree, ball-tree or brute (default: ${DEFAULT-VALUE}); the "
                    + "result does not depend on it.")
    String index;

    @Option(names = "--scale", paramLabel = "HOW", defaultValue = "none",
            description = "Feature scaling first: standard, minmax, robust or none (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the sorted curve as CSV (rank,k_distance) here.")
    Path out;

    @Mixin
    ReportOptions reports;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ChooseEpsTask task = ChooseEpsTask.builder().input(input).read(inputOptions.toBuilder().build())
                .minSamples(minSamples).metric(metric).index(index).scale(scale).out(out).overwrite(run.overwrite)
                .build();
        ReportFiles reportFiles = reports.files(run.overwrite);
        ChooseEpsTask.Result r = run.run(parent, task::run);
        ChooseEps.Result c = r.choice();
        Dataset data = r.data();
        Report report = null;
        if (reportFiles.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("input", data.source());
            facts.put("rows", Integer.toString(data.rows()));
            facts.put("features", Integer.toString(data.cols()));
            facts.put("scaling", scale);
            facts.put("min-samples (k)", Integer.toString(minSamples));
            facts.put("metric", c.metric().id());
            report = ChooseEpsReport.build("Choosing eps on " + data.source(), data.rows() + " rows × " + data.cols()
                    + " features, min-samples " + minSamples, facts, c, r.warnings());
            reportFiles.checkPlotFiles(report);
        }
        r.writeOutputs();
        if (report != null) {
            reportFiles.write(report);
        }
        Map<String, Path> extra = ClusterCommand.reportOutputs(reportFiles);
        if (run.json) {
            parent.out.println(Json.write(r.toJson(extra)));
            return Main.OK;
        }
        var o = parent.out;
        o.printf(Locale.ROOT, "choose-eps: %s (%d rows x %d features, scale: %s), min-samples %d, %s distance%n",
                data.source(), data.rows(), data.cols(), scale, minSamples, c.metric().id());
        o.println();
        o.printf(Locale.ROOT, "  %d-distance  %s (median)  %s (90%%)  %s (95%%)  %s (99%%)  %s (largest)%n", minSamples,
                FigureFormat.format(c.quantile(0.5)), FigureFormat.format(c.quantile(0.9)),
                FigureFormat.format(c.quantile(0.95)), FigureFormat.format(c.quantile(0.99)),
                FigureFormat.format(c.quantile(1)));
        o.println();
        if (c.found()) {
            o.printf(Locale.ROOT, "suggested eps = %s: %s%n", FigureFormat.format(c.eps()), c.reason());
            o.printf(Locale.ROOT, "  cumulo cluster %s --algorithm dbscan --param eps=%s --param min-samples=%d%s%n",
                    input, FigureFormat.format(c.eps()), minSamples, scale.equals("none") ? "" : " --scale " + scale);
        } else {
            o.println(c.reason());
        }
        List<Path> written = new ArrayList<>();
        if (out != null) {
            written.add(out);
        }
        written.addAll(extra.values());
        if (!written.isEmpty()) {
            o.println();
            o.println("wrote " + String.join(", ", written.stream().map(Path::toString).toList()));
        }
        return Main.OK;
    }
}

package io.cumulo.cli;

import io.cumulo.estimator.Embedding;
import io.cumulo.estimator.ExplainedVariance;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.json.Json;
import io.cumulo.report.ReduceReport;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.ReduceTask;
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

/**
 * {@code cumulo reduce}: fit a dimensionality reduction (PCA, UMAP or t-SNE) to a table, write the reduced
 * rows ({@code c1..cK}) and the model, print the explained variance.
 */
@Command(name = "reduce", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Reduce the rows of INPUT to a few components and print what they explain.",
            "INPUT is a CSV/TSV file (optionally .gz), a NumPy .npy file, or builtin:NAME (see 'cumulo datasets')."},
        footer = {"", "PCA parameters: n-components (a count, or a variance fraction in (0, 1)), whiten (true|false).",
            "Examples: cumulo reduce builtin:wine --scale standard --variance 0.95 --out reduced.csv",
            "          cumulo reduce data.csv --components 2 --param whiten=true --model pca.json --json"})
public final class ReduceCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to reduce.")
    String input;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "pca",
            description = "Reduction method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--components", paramLabel = "K", description = "Number of components to keep (PCA default: 2).")
    Integer components;

    @Option(names = "--variance", paramLabel = "F",
            description = "PCA: keep the fewest components explaining more than this fraction of the variance, in (0, 1] "
                    + "(e.g. 0.95; 1 keeps all that carry variance).")
    Double variance;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A method parameter, e.g. --param whiten=true (repeatable).")
    Map<String, String> params;

    @Mixin
    SeedOption seed;

    @Option(names = "--scale", paramLabel = "HOW", defaultValue = "none",
            description = "Feature scaling before the reduction: standard, minmax, robust or none (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the reduced rows as CSV (c1..cK[,label]) here.")
    Path out;

    @Option(names = "--model", paramLabel = "FILE", description = "Save the fitted scaling + reduction (JSON) here.")
    Path model;

    @Mixin
    ReportOptions reports;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        ReduceTask task = ReduceTask.builder().input(input).read(inputOptions.toBuilder().build()).method(method)
                .params(params).components(components).variance(variance).seed(seed.seed).scale(scale).reducedOut(out)
                .modelOut(model).overwrite(run.overwrite).build();
        ReportFiles reportFiles = reports.files(run.overwrite);
        ReduceTask.Result r = run.run(parent, task::run);
        Map<String, Object> j = r.toJson();
        Report report = null;
        if (reportFiles.wanted()) {
            report = ReduceReport.build(task.method().title() + " of " + r.data().source(), r.data(), r.model(),
                    r.reduced(), facts(j), task.seed());
            reportFiles.checkPlotFiles(report);
        }
        r.writeOutputs();
        if (out != null) {
            j.put("out", out.toString());
        }
        if (model != null) {
            j.put("model", model.toString());
        }
        if (report != null) {
            reportFiles.write(report);
            ClusterCommand.reportOutputs(reportFiles).forEach((name, p) -> j.put(name, p.toString()));
        }
        if (run.json) {
            parent.out.println(Json.write(j));
        } else {
            printSummary(parent.out, j, r.model());
        }
        return Main.OK;
    }

    /** The report's overview: every single-valued entry of the JSON summary, formatted (arrays are charts). */
    private static Map<String, String> facts(Map<String, Object> j) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : j.entrySet()) {
            Object v = e.getValue();
            String key = e.getKey().replace('_', ' ');
            if (e.getKey().equals("params") && v instanceof Map<?, ?> params) {
                List<String> parts = new ArrayList<>();
                params.forEach((k, x) -> parts.add(k + "=" + x));
                facts.put("parameters", String.join(", ", parts));
            } else if (e.getKey().equals("fit_seconds") && v instanceof Double d) {
                facts.put("fit time", String.format(Locale.ROOT, "%.3f s", d));
            } else if (v instanceof Double d) {
                facts.put(key, Summaries.fmt(d));
            } else if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                facts.put(key, v.toString());
            }
        }
        return facts;
    }

    private static void printSummary(PrintStream o, Map<String, Object> j, Model fitted) {
        int components = fitted instanceof Transform t ? t.numComponents() : ((Embedding) fitted).numComponents();
        o.println(String.format(Locale.ROOT, "%s of %s: %d rows, %d features -> %d components (scale %s), fit in %.3f s",
                j.get("method"), j.get("input"), (Integer) j.get("n_samples"), (Integer) j.get("n_features"),
                components, j.get("scale"), (Double) j.get("fit_seconds")));
        if (fitted instanceof ExplainedVariance pca) {
            double[] var = pca.explainedVariance();
            double[] ratio = pca.explainedVarianceRatio();
            double[] cum = pca.cumulativeVarianceRatio();
            o.println();
            o.println("component  variance        ratio  cumulative");
            for (int c = 0; c < ratio.length; c++) {
                o.println(String.format(Locale.ROOT, "%-9s  %-14.6g %6.2f%%  %9.2f%%", "c" + (c + 1), var[c],
                        100 * ratio[c], 100 * cum[c]));
            }
        }
        if (j.containsKey("out")) {
            o.println();
            o.println("reduced rows: " + j.get("out"));
        }
        if (j.containsKey("model")) {
            o.println("model: " + j.get("model"));
        }
    }
}

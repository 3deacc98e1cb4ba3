package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.LabelColumn;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.model.ReductionModel;
import io.cumulo.model.ReductionPipelineModel;
import io.cumulo.model.Reducers;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.preprocessing.ScalerModel;
import io.cumulo.report.ReduceReport;
import io.cumulo.report.chart.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cumulo reduce}: fit a dimensionality reduction ({@link Reducers}: PCA for now) to a table, write the reduced
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
        Reducers.Method m = Reducers.get(method);
        ParamValues values = m.configure(params, components, variance);
        if (model != null && !m.hasModel()) {
            throw new CumuloException("--model: " + m.name() + " has no model to save (it cannot place new rows); use "
                    + "--out for the embedding, or --method umap or pca for a model");
        }
        Scaler scaler = Scaler.named(scale);
        int threads = run.threads();
        OutputFiles.checkWritable(out, run.overwrite, "--out");
        OutputFiles.checkWritable(model, run.overwrite, "--model");
        reports.check(run.overwrite);
        Dataset data = DatasetReader.read(input, inputOptions.toBuilder().build(), note -> parent.err.println("note: " + note));
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads)
                .withWarnings(w -> parent.err.println("warning: " + w));
        long t0 = System.nanoTime();
        ScalerModel scaling = scaler.fit(data, ctx);
        Dataset scaled = scaling.transform(data);
        ReductionModel fitted = m.fit(values, scaled, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", data.source());
        j.put("method", m.name());
        j.put("params", values.toJson());
        j.put("scale", scale);
        j.put("n_samples", data.rows());
        j.put("n_features", data.cols());
        j.putAll(fitted.summary());
        j.put("fit_seconds", seconds);
        if (!m.acceptsVarianceFraction()) {
            // how well the map keeps each row's neighbours (k = 10); exact, so only up to a size where that is quick
            if (data.rows() <= TRUSTWORTHINESS_MAX_ROWS) {
                j.put("trustworthiness", io.cumulo.metrics.Trustworthiness.score(scaled, fitted.reduced(), ctx));
            } else {
                j.put("trustworthiness", null);
                j.put("trustworthiness_note", "not computed above " + TRUSTWORTHINESS_MAX_ROWS + " rows (it ranks every "
                        + "pair of rows)");
            }
        }
        j.put("threads", threads);
        Report report = null;
        if (reports.wanted()) {
            report = ReduceReport.build(methodTitle(m.name()) + " of " + data.source(), data, fitted, facts(j),
                    values.toJson().get("seed") instanceof Number seed ? seed.longValue() : 0);
            reports.checkPlotFiles(report, run.overwrite);
        }
        if (out != null) {
            writeReduced(out, fitted.reduced());
            j.put("out", out.toString());
        }
        if (model != null) {
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("source", data.source());
            training.put("n_samples", data.rows());
            training.put("n_features", data.cols());
            training.put("fit_seconds", seconds);
            OutputFiles.writeString(model,
                    new ReductionPipelineModel(data.columnNames(), scaling, fitted, training).toJsonString() + "\n");
            j.put("model", model.toString());
        }
        if (report != null) {
            reports.write(report, run.overwrite);
            if (reports.report != null) {
                j.put("report", reports.report.toString());
            }
            if (reports.plots != null) {
                j.put("plots", reports.plots.toString());
            }
        }
        if (run.json) {
            parent.out.println(Json.write(j));
        } else {
            printSummary(parent.out, j, fitted);
        }
        return Main.OK;
    }

    static String methodTitle(String method) {
        return switch (method) {
            case "pca" -> "PCA";
            case "tsne" -> "t-SNE";
            case "umap" -> "UMAP";
            default -> method;
        };
    }

    /** The report's overview: every single-valued entry of the JSON summary, formatted (arrays are charts). */
    private static Map<String, String> facts(Map<String, Object> j) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : j.entrySet()) {
            Object v = e.getValue();
            String key = e.getKey().replace('_', ' ');
            if (e.getKey().equals("params") && v instanceof Map<?, ?> params) {
                List<String> parts = new java.util.ArrayList<>();
                params.forEach((k, x) -> parts.add(k + "=" + x));
                facts.put("parameters", String.join(", ", parts));
            } else if (e.getKey().equals("fit_seconds") && v instanceof Double d) {
                facts.put("fit time", String.format(Locale.ROOT, "%.3f s", d));
            } else if (v instanceof Double d) {
                facts.put(key, ClusterJob.fmt(d));
            } else if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                facts.put(key, v.toString());
            }
        }
        return facts;
    }

    /** Trustworthiness is computed for maps (t-SNE, UMAP) up to this many rows. */
    static final int TRUSTWORTHINESS_MAX_ROWS = 20_000;

    /** The reduced CSV: {@code c1..cK}, then the label column when the input has one. */
    static void writeReduced(Path p, Dataset reduced) {
        LabelColumn truth = reduced.labels().orElse(null);
        List<String> names = reduced.columnNames();
        int c = reduced.cols();
        double[] z = reduced.rawValues();
        OutputFiles.write(p, w -> {
            w.write(String.join(",", names));
            if (truth != null) {
                w.write(',');
                w.write(OutputFiles.csvField(names.contains(truth.name()) ? "label_" + truth.name() : truth.name()));
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder(32 * (c + 1));
            for (int i = 0; i < reduced.rows(); i++) {
                sb.setLength(0);
                for (int l = 0; l < c; l++) {
                    if (l > 0) {
                        sb.append(',');
                    }
                    sb.append(z[i * c + l]); // Double.toString: the shortest text that reads back to the same double
                }
                if (truth != null) {
                    sb.append(',').append(OutputFiles.csvField(truth.value(i)));
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        });
    }

    private static void printSummary(PrintStream o, Map<String, Object> j, ReductionModel fitted) {
        o.println(String.format(Locale.ROOT, "%s of %s: %d rows, %d features -> %d components (scale %s), fit in %.3f s",
                j.get("method"), j.get("input"), (Integer) j.get("n_samples"), (Integer) j.get("n_features"),
                fitted.numComponents(), j.get("scale"), (Double) j.get("fit_seconds")));
        if (j.get("explained_variance_ratio") instanceof double[]) {
            double[] var = (double[]) j.get("explained_variance");
            double[] ratio = (double[]) j.get("explained_variance_ratio");
            double[] cum = (double[]) j.get("cumulative_variance_ratio");
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

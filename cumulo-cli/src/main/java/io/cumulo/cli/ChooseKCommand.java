package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.json.Json;
import io.cumulo.report.ChooseKReport;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.chart.Report;
import io.cumulo.selection.ChooseK;
import io.cumulo.workflow.ChooseKTask;
import io.cumulo.workflow.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** {@code cumulo choose-k}: fit every k of a range, compute the criteria, recommend a k. */
@Command(name = "choose-k", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class,
        sortOptions = false,
        description = {"Fit a clustering for every k of a range and recommend the number of clusters, per criterion "
                + "and overall.",
            "INPUT is a CSV/TSV file (optionally .gz), a NumPy .npy file, or builtin:NAME (see 'cumulo datasets')."},
        footer = {"", "Criteria: elbow (Kneedle on the inertia curve), silhouette (largest), ch (Calinski-Harabasz, "
                + "largest), db (Davies-Bouldin, smallest), gap (Tibshirani's rule), bic (X-means BIC, largest), height (largest jump in merge height; "
                + "agglomerative and diana, which are fitted once for every k).",
            "Example: cumulo choose-k builtin:iris --scale standard --k-range 2..8 --report choose-k.html"})
public final class ChooseKCommand implements Callable<Integer> {
    private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)\\s*");

    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to cluster.")
    String input;

    @Mixin
    AlgorithmOptions fit;

    @Mixin
    SeedOption seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the table (one row per k, a column per criterion) as CSV here.")
    Path out;

    @Option(names = "--k-range", paramLabel = "MIN..MAX", defaultValue = "2..15",
            description = "The values of k to try (default: ${DEFAULT-VALUE}).")
    String kRange;

    @Option(names = "--criteria", paramLabel = "LIST", split = ",",
            description = "Some of elbow, silhouette, ch, db, gap, bic, height (default: all that apply; height "
                    + "needs a hierarchical algorithm).")
    List<String> criteria;

    @Option(names = "--gap-references", paramLabel = "B", defaultValue = "10",
            description = "Reference data sets of the gap statistic (default: ${DEFAULT-VALUE}).")
    int gapReferences;

    @Option(names = "--gap-reference", paramLabel = "HOW", defaultValue = "pca",
            description = "Where the gap's uniform references are drawn: pca (the box aligned with the data's "
                    + "principal axes) or box (each feature's range) (default: ${DEFAULT-VALUE}).")
    String gapReference;

    @Mixin
    ReportOptions reports;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        int[] range = parseRange(kRange);
        Set<ChooseK.Criterion> chosen = null; // null: every criterion that applies to the algorithm
        if (criteria != null && !criteria.isEmpty()) {
            chosen = EnumSet.noneOf(ChooseK.Criterion.class);
            for (String c : criteria) {
                chosen.add(ChooseK.Criterion.parse(c));
            }
        }
        OutputFiles.checkWritable(out, run.overwrite, "--out");
        ReportFiles reportFiles = reports.files(run.overwrite);
        ChooseKTask task = ChooseKTask.builder().input(input).read(inputOptions.toBuilder().build())
                .algorithm(fit.algorithm).params(fit.params).seed(seed.seed).scale(fit.scale).kRange(range[0], range[1])
                .criteria(chosen).gapReferences(gapReferences).gapReference(gapReference).build();
        ChooseKTask.Result r = run.run(parent, task::run);
        List<String> said = new ArrayList<>();
        r.warnings().forEach((w, count) -> said.add((count > 1 ? count + " fits: " : "") + w));
        said.forEach(w -> parent.err.println("warning: " + w));
        ChooseK.Result result = r.choice();
        Dataset data = r.data();
        String title = task.algorithm().title();
        Report report = null;
        if (reportFiles.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("input", data.source());
            facts.put("rows", Integer.toString(data.rows()));
            facts.put("features", Integer.toString(data.cols()));
            facts.put("scaling", fit.scale);
            facts.put("algorithm", title);
            facts.put("parameters (besides k)", Arrays.stream(task.firstParams().toString().split(", "))
                    .filter(p -> !p.startsWith("k=")).collect(Collectors.joining(", ")));
            facts.put("k range", range[0] + ".." + range[1]);
            facts.put("seed", Long.toString(task.seed()));
            if (result.table().get(0).silhouette() != null) {
                facts.put("silhouette distance", result.silhouetteMetric());
            }
            report = ChooseKReport.build("Choosing k: " + title + " on " + data.source(), data.rows() + " rows × "
                    + data.cols() + " features, k from " + range[0] + " to " + range[1], facts, result, said);
            reportFiles.checkPlotFiles(report);
        }
        if (out != null) {
            writeTable(out, result);
        }
        if (report != null) {
            reportFiles.write(report);
        }
        if (run.json) {
            Map<String, Object> j = r.toJson(input);
            if (out != null) {
                j.put("out", out.toString());
            }
            parent.out.println(Json.write(j));
        } else {
            print(result, data, title);
            if (out != null) {
                parent.out.println();
                parent.out.println("wrote " + out);
            }
        }
        return Main.OK;
    }

    /** The table as CSV: one row per k, a column per criterion computed (empty where undefined). */
    static void writeTable(Path p, ChooseK.Result result) {
        List<Map<String, Object>> rows = result.table().stream().map(ChooseK.Row::toJson).toList();
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            row.keySet().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        }
        OutputFiles.write(p, w -> {
            w.write(String.join(",", columns));
            w.write('\n');
            for (Map<String, Object> row : rows) {
                StringBuilder sb = new StringBuilder();
                for (int c = 0; c < columns.size(); c++) {
                    Object v = row.get(columns.get(c));
                    sb.append(c == 0 ? "" : ",").append(v == null ? "" : v.toString());
                }
                w.write(sb.append('\n').toString());
            }
        });
    }

    /** {@code MIN..MAX}; a malformed range is a one-line error. */
    static int[] parseRange(String text) {
        Matcher m = RANGE.matcher(text);
        if (!m.matches()) {
            throw new CumuloException("--k-range: expected MIN..MAX such as 2..15, got '" + text + "'");
        }
        int lo;
        int hi;
        try {
            lo = Integer.parseInt(m.group(1));
            hi = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            throw new CumuloException("--k-range: expected MIN..MAX such as 2..15, got '" + text + "'");
        }
        return new int[] {lo, hi};
    }

    private void print(ChooseK.Result r, Dataset data, String title) {
        var out = parent.out;
        out.printf(Locale.ROOT, "choose-k: %s on %s (%d rows x %d features, scale: %s)%n", title, data.source(),
                data.rows(), data.cols(), fit.scale);
        out.println();
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "  %4s %14s", "k", "inertia"));
        ChooseK.Row first = r.table().get(0);
        if (first.silhouette() != null) {
            h.append(String.format(Locale.ROOT, " %11s", r.silhouetteSampled() ? "silhouette*" : "silhouette"));
        }
        if (first.calinskiHarabasz() != null) {
            h.append(String.format(Locale.ROOT, " %12s", "CH"));
        }
        if (first.daviesBouldin() != null) {
            h.append(String.format(Locale.ROOT, " %8s", "DB"));
        }
        if (first.gap() != null) {
            h.append(String.format(Locale.ROOT, " %8s %8s", "gap", "s_k"));
        }
        if (first.bic() != null) {
            h.append(String.format(Locale.ROOT, " %14s", "BIC"));
        }
        if (first.heightJump() != null) {
            h.append(String.format(Locale.ROOT, " %12s", "height jump"));
        }
        out.println(h);
        for (ChooseK.Row row : r.table()) {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %4d %14.6g", row.k(), row.inertia()));
            if (row.silhouette() != null) {
                b.append(String.format(Locale.ROOT, " %11.4f", row.silhouette()));
            }
            if (row.calinskiHarabasz() != null) {
                b.append(String.format(Locale.ROOT, " %12.6g", row.calinskiHarabasz()));
            }
            if (row.daviesBouldin() != null) {
                b.append(String.format(Locale.ROOT, " %8.4f", row.daviesBouldin()));
            }
            if (row.gap() != null) {
                b.append(String.format(Locale.ROOT, " %8.4f %8.4f", row.gap(), row.gapSk()));
            }
            if (row.bic() != null) {
                b.append(String.format(Locale.ROOT, " %14.6g", row.bic()));
            }
            if (row.heightJump() != null) {
                b.append(String.format(Locale.ROOT, " %12.6g", row.heightJump()));
            }
            out.println(b);
        }
        if (r.silhouetteSampled()) {
            out.printf(Locale.ROOT, "  * estimated on %d sampled rows (the same rows for every k)%n", r.silhouetteSampleSize());
        }
        if (r.oneTree()) {
            out.println("  (one tree fitted; every k is a cut of it)");
        }
        if (r.gapSampled()) {
            out.printf(Locale.ROOT, "  gap on %d sampled rows (the fits' labels on them; references of that size)%n",
                    ChooseK.GAP_MAX_ROWS);
        }
        out.println();
        for (ChooseK.Recommendation rec : r.recommendations().values()) {
            out.printf(Locale.ROOT, "  %-11s %s%n", rec.criterion().id(),
                    rec.k() == null ? "none (" + rec.note() + ")" : "k=" + rec.k());
        }
        out.println();
        out.printf(Locale.ROOT, "recommended k = %d: %s%n", r.recommendedK(), r.reason());
    }
}

package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.json.Json;
import io.cumulo.model.Algorithms;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.report.ChooseKReport;
import io.cumulo.report.chart.Report;
import io.cumulo.selection.ChooseK;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code cumulo choose-k}: fit every k of a range, compute the criteria, recommend a k. */
@Command(name = "choose-k", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class,
        sortOptions = false,
        description = {"Fit a clustering for every k of a range and recommend the number of clusters, per criterion "
                + "and overall.",
            "INPUT is a CSV/TSV file (optionally .gz), a NumPy .npy file, or builtin:NAME (see 'cumulo datasets')."},
        footer = {"", "Criteria: elbow (Kneedle on the inertia curve), silhouette (largest), ch (Calinski-Harabasz, "
                + "largest), db (Davies-Bouldin, smallest), gap (Tibshirani's rule), bic (X-means BIC, largest).",
            "Example: cumulo choose-k builtin:iris --scale standard --k-range 2..8 --report choose-k.html"})
public final class ChooseKCommand implements Callable<Integer> {
    private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+)\\s*\\.\\.\\s*(-?\\d+)\\s*");

    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to cluster.")
    String input;

    @Mixin
    AlgorithmOptions fit;

    @Option(names = "--k-range", paramLabel = "MIN..MAX", defaultValue = "2..15",
            description = "The values of k to try (default: ${DEFAULT-VALUE}).")
    String kRange;

    @Option(names = "--criteria", paramLabel = "LIST", split = ",",
            description = "Some of elbow, silhouette, ch, db, gap, bic (default: all).")
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
        reports.check(run.overwrite);
        int[] range = parseRange(kRange);
        Set<ChooseK.Criterion> chosen = EnumSet.noneOf(ChooseK.Criterion.class);
        if (criteria == null || criteria.isEmpty()) {
            chosen = EnumSet.allOf(ChooseK.Criterion.class);
        } else {
            for (String c : criteria) {
                chosen.add(ChooseK.Criterion.parse(c));
            }
        }
        Algorithms.Entry algo = Algorithms.get(fit.algorithm);
        if (!algo.params().contains("k")) {
            throw new CumuloException("--algorithm " + fit.algorithm + " has no k parameter; choose-k works with "
                    + String.join(", ", algorithmsWithK()));
        }
        if (fit.params != null && fit.params.containsKey("k")) {
            throw new CumuloException("--param k: k is what choose-k varies; give the range with --k-range");
        }
        long s = fit.seed == null ? 0 : fit.seed;
        Map<String, String> base = new LinkedHashMap<>(fit.params == null ? Map.of() : fit.params);
        if (algo.params().contains("seed")) {
            base.put("seed", Long.toString(s));
        }
        ParamValues first = algo.params().parse(withK(base, range[0])); // bad parameters fail here, before reading
        ChooseK chooser = ChooseK.builder().kRange(range[0], range[1]).criteria(chosen).gapReferences(gapReferences)
                .gapReference(gapReference).seed(s).silhouetteDistance(ClusterJob.clusteringDistance(first)).build();

        Dataset data = DatasetReader.read(input, inputOptions.toBuilder().build(), note -> parent.err.println("note: " + note));
        ProgressListener progress = TerminalProgress.forStderr(parent.err);
        // one warning per fit would drown the table: each kind is counted and said once at the end
        Map<String, Integer> warnings = new LinkedHashMap<>();
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(run.threads()).withProgress(progress)
                .withWarnings(w -> warnings.merge(w, 1, Integer::sum));
        Dataset scaled = Scaler.named(fit.scale).fit(data, ctx).transform(data);
        ChooseK.Result result;
        try {
            ExecutionContext quiet = ctx.withProgress(ProgressListener.NONE);
            result = chooser.run(scaled, k -> {
                ParamValues v = algo.params().parse(withK(base, k));
                progress.update("choose-k: " + fit.algorithm + " k=" + k, k - range[0], range[1] - range[0] + 1);
                return algo.create(v);
            }, quiet);
        } finally {
            TerminalProgress.finish(progress);
        }
        warnings.forEach((w, count) -> parent.err.println("warning: " + (count > 1 ? count + " fits: " : "") + w));
        if (reports.wanted()) {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("input", data.source());
            facts.put("rows", Integer.toString(data.rows()));
            facts.put("features", Integer.toString(data.cols()));
            facts.put("scaling", fit.scale);
            facts.put("algorithm", ClusterJob.algorithmTitle(fit.algorithm));
            facts.put("parameters (besides k)", java.util.Arrays.stream(first.toString().split(", "))
                    .filter(p -> !p.startsWith("k=")).collect(java.util.stream.Collectors.joining(", ")));
            facts.put("k range", range[0] + ".." + range[1]);
            facts.put("seed", Long.toString(s));
            if (result.table().get(0).silhouette() != null) {
                facts.put("silhouette distance", result.silhouetteMetric());
            }
            List<String> said = new java.util.ArrayList<>();
            warnings.forEach((w, count) -> said.add((count > 1 ? count + " fits: " : "") + w));
            Report r = ChooseKReport.build("Choosing k: " + ClusterJob.algorithmTitle(fit.algorithm) + " on "
                    + data.source(), data.rows() + " rows × " + data.cols() + " features, k from " + range[0] + " to "
                    + range[1], facts, result, said);
            reports.checkPlotFiles(r, run.overwrite);
            reports.write(r, run.overwrite);
        }
        if (run.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("algorithm", fit.algorithm);
            j.put("input", input);
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.put("scale", fit.scale);
            j.putAll(result.toJson());
            parent.out.println(Json.write(j));
        } else {
            print(result, data);
        }
        return Main.OK;
    }

    private static Map<String, String> withK(Map<String, String> base, int k) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put("k", Integer.toString(k));
        return m;
    }

    private static List<String> algorithmsWithK() {
        return Algorithms.all().stream().filter(e -> e.params().contains("k")).map(Algorithms.Entry::name).toList();
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

    private void print(ChooseK.Result r, Dataset data) {
        var out = parent.out;
        out.printf(Locale.ROOT, "choose-k: %s on %s (%d rows x %d features, scale: %s)%n",
                ClusterJob.algorithmTitle(fit.algorithm), data.source(), data.rows(), data.cols(), fit.scale);
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
            out.println(b);
        }
        if (r.silhouetteSampled()) {
            out.printf(Locale.ROOT, "  * estimated on %d sampled rows (the same rows for every k)%n", ChooseK.SILHOUETTE_SAMPLE);
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

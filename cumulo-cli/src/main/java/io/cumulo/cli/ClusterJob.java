package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.metrics.AdjustedRandIndex;
import io.cumulo.metrics.CalinskiHarabasz;
import io.cumulo.metrics.ContingencyTable;
import io.cumulo.metrics.DaviesBouldin;
import io.cumulo.metrics.NormalizedMutualInformation;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.model.Algorithms;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.model.Reducers;
import io.cumulo.neighbors.Distance;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.report.ClusterReport;
import io.cumulo.report.ReportView;
import io.cumulo.report.chart.Report;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Read, scale, cluster, evaluate, write: what {@code cumulo cluster} and {@code cumulo demo} do. */
final class ClusterJob {
    /**
     * Exact silhouette up to this many rows; above, the unbiased estimate from a seeded sample of
     * {@link #SILHOUETTE_SAMPLE} rows, each scored against every row (with its standard error). The report's
     * silhouette plot draws the same sample (same size, same seed), so the page shows one mean.
     */
    static final int SILHOUETTE_EXACT_MAX = 20_000;
    static final int SILHOUETTE_SAMPLE = 2_000;

    /** What to do. */
    record Spec(String input, ReadOptions read, String algorithm, Integer k, Long seed, Map<String, String> params,
                String scale, String reduce, int threads, Path out, Path model, Path report, Path plots,
                ReportView view, boolean overwrite) {
    }

    /** What came of it. */
    /** @param silhouette the sampled silhouette above {@link #SILHOUETTE_EXACT_MAX} rows (the report draws it), else null */
    record Outcome(Spec spec, Dataset data, Dataset scaled, ClusteringPipelineModel fitted, int[] labels,
                   Map<String, Object> metrics, List<String> warnings, ClusterProfile profile,
                   SilhouetteScore.Estimate silhouette) {
    }

    private ClusterJob() {
    }

    static Outcome run(Spec spec, PrintStream err) {
        OutputFiles.checkWritable(spec.out(), spec.overwrite(), "--out");
        OutputFiles.checkWritable(spec.model(), spec.overwrite(), "--model");
        ReportOptions.check(spec.report(), spec.plots(), spec.overwrite());
        Algorithms.Entry algo = Algorithms.get(spec.algorithm());
        ParamValues values = params(algo.params(), spec);
        var clusterer = algo.create(values);
        Scaler scaler = Scaler.named(spec.scale());
        Reducers.Method reduceMethod = null;
        ParamValues reduceParams = null;
        if (spec.reduce() != null) {
            Object[] r = parseReduce(spec.reduce());
            reduceMethod = (Reducers.Method) r[0];
            reduceParams = reduceMethod.configure(null, (Integer) r[1], (Double) r[2]);
        }
        ClusteringPipeline pipeline = new ClusteringPipeline(scaler, reduceMethod, reduceParams, clusterer);

        List<String> warnings = new ArrayList<>();
        Dataset data = DatasetReader.read(spec.input(), spec.read(), note -> err.println("note: " + note));
        ProgressListener progress = TerminalProgress.forStderr(err);
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(spec.threads()).withProgress(progress)
                .withWarnings(w -> {
                    warnings.add(w);
                    TerminalProgress.finish(progress);
                    err.println("warning: " + w);
                });
        ClusteringPipelineModel fitted;
        try {
            fitted = pipeline.fit(data, ctx);
        } finally {
            TerminalProgress.finish(progress);
        }
        Dataset scaled = fitted.transform(data);
        int[] labels = fitted.model().labels();
        SilhouetteScore.Estimate[] estimate = new SilhouetteScore.Estimate[1];
        Map<String, Object> metrics = evaluate(data, scaled, labels, clusteringDistance(fitted.params()), ctx,
                spec.seed() == null ? 0 : spec.seed(), estimate);
        // what each cluster looks like, in the input's units (the "profile" block of --json, descriptions in the summary)
        ClusterProfile profile = ClusterProfiler.defaults().profile(data, labels,
                ClusterProfiler.modelCentres(fitted).orElse(null), null, ctx.withProgress(ProgressListener.NONE));
        metrics.put("profile", profile.toJson());

        Outcome outcome = new Outcome(spec, data, scaled, fitted, labels, metrics, warnings, profile, estimate[0]);
        Report report = null;
        if (spec.report() != null || spec.plots() != null) {
            report = report(outcome, ctx.withProgress(ProgressListener.NONE));
            ReportOptions.checkPlotFiles(spec.plots(), report, spec.overwrite());
        }
        if (spec.out() != null) {
            OutputFiles.writeLabels(spec.out(), data, labels, fitted.model().rowOutputs());
        }
        if (spec.model() != null) {
            OutputFiles.writeString(spec.model(), fitted.toJsonString());
        }
        if (report != null) {
            ReportOptions.write(spec.report(), spec.plots(), report, spec.overwrite());
        }
        return outcome;
    }

    /**
     * {@code --reduce METHOD[:N]}: the method, and N as a component count (an integer) or, for PCA, a variance
     * fraction (a number below 1), as {@code {method, count or null, fraction or null}}.
     */
    static Object[] parseReduce(String text) {
        String t = text.trim();
        int colon = t.indexOf(':');
        Reducers.Method m;
        try {
            m = Reducers.get(colon < 0 ? t : t.substring(0, colon));
        } catch (CumuloException e) {
            throw new CumuloException("--reduce: expected METHOD[:N] with METHOD one of "
                    + String.join(", ", Reducers.names()) + " (e.g. pca:0.95, pca:10, umap:2), got '" + text + "'");
        }
        if (colon < 0) {
            return new Object[] {m, null, null};
        }
        String n = t.substring(colon + 1).trim();
        try {
            if (n.matches("\\d+")) {
                return new Object[] {m, Integer.parseInt(n), null};
            }
            double f = Double.parseDouble(n);
            if (!(f > 0 && f < 1)) {
                throw new NumberFormatException();
            }
            return new Object[] {m, null, f};
        } catch (NumberFormatException e) {
            throw new CumuloException("--reduce: after '" + m.name() + ":' expected a component count (e.g. 10) or a "
                    + "variance fraction in (0, 1) (e.g. 0.95), got '" + n + "'");
        }
    }

    /** Parameter values from {@code --param}, with {@code --k} and {@code --seed} merged in. */
    static ParamValues params(ParamSet set, Spec spec) {
        Map<String, String> text = new LinkedHashMap<>(spec.params() == null ? Map.of() : spec.params());
        merge(set, text, "k", "--k", spec.k() == null ? null : spec.k().toString());
        merge(set, text, "seed", "--seed", spec.seed() == null ? null : spec.seed().toString());
        return set.parse(text);
    }

    private static void merge(ParamSet set, Map<String, String> text, String name, String flag, String value) {
        if (value == null) {
            return;
        }
        if (!set.contains(name)) {
            throw new CumuloException(flag + " does not apply to " + set.owner());
        }
        String given = text.get(name);
        if (given != null && !given.trim().equals(value)) {
            throw new CumuloException(flag + " " + value + " contradicts --param " + name + "=" + given);
        }
        text.put(name, value);
    }

    /**
     * The distance the clustering was made under: its {@code metric} parameter (k-medoids' distance, or cosine for
     * spherical k-means), Euclidean for algorithms without one.
     */
    static Distance clusteringDistance(ParamValues params) {
        Object metric = params.toJson().get("metric");
        return metric == null ? Distance.EUCLIDEAN : Distance.parse(metric.toString());
    }

    /** What qualifies the silhouette: another distance than Euclidean; an estimate from sampled rows, ± its SE. */
    static List<String> silhouetteNotes(Map<String, Object> j) {
        List<String> notes = new ArrayList<>();
        if (j.get("silhouette") instanceof Double && !Distance.EUCLIDEAN.id().equals(j.get("silhouette_metric"))) {
            notes.add(j.get("silhouette_metric") + " distance");
        }
        if (j.containsKey("silhouette_sample_size")) {
            notes.add("estimated on " + j.get("silhouette_sample_size") + " sampled rows, standard error "
                    + fmt((Double) j.get("silhouette_standard_error")));
        }
        return notes;
    }

    /** The sampled silhouette's keys: {@code silhouette}, {@code silhouette_standard_error}, {@code silhouette_sample_size}. */
    static void putEstimate(Map<String, Object> m, SilhouetteScore.Estimate e) {
        m.put("silhouette", e.mean());
        m.put("silhouette_standard_error", e.standardError());
        m.put("silhouette_sample_size", e.sampledRows().length);
    }

    /**
     * Silhouette on the clustering space under the clustering's own distance (a silhouette under another distance
     * judges a partition its algorithm never tried to make); ARI and NMI against the ground truth when there is one.
     */
    static Map<String, Object> evaluate(Dataset data, Dataset scaled, int[] labels, Distance distance,
                                        ExecutionContext ctx, long seed, SilhouetteScore.Estimate[] sampled) {
        Map<String, Object> m = new LinkedHashMap<>();
        int clusters = (int) java.util.Arrays.stream(labels).filter(l -> l >= 0).distinct().count();
        int noise = (int) java.util.Arrays.stream(labels).filter(l -> l < 0).count();
        if (clusters >= 2 && clusters < data.rows() - noise) {
            ExecutionContext quiet = ctx.withProgress(ProgressListener.NONE);
            if (data.rows() <= SILHOUETTE_EXACT_MAX) {
                m.put("silhouette", SilhouetteScore.score(scaled, labels, distance, quiet));
            } else {
                sampled[0] = SilhouetteScore.estimate(scaled, labels, SILHOUETTE_SAMPLE, seed, distance, quiet);
                putEstimate(m, sampled[0]);
            }
            m.put("silhouette_metric", distance.id());
            // Euclidean in the clustering space whatever the clustering's distance: both are defined by centroids
            m.put("calinski_harabasz", CalinskiHarabasz.score(scaled, labels, quiet));
            m.put("davies_bouldin", DaviesBouldin.score(scaled, labels, quiet));
            m.put("bic", io.cumulo.metrics.KMeansBic.compute(scaled, labels, quiet).bic());
        } else {
            m.put("silhouette", null);
            m.put("calinski_harabasz", null);
            m.put("davies_bouldin", null);
            m.put("bic", null);
        }
        if (noise > 0) {
            m.put("noise_points", noise); // left out of every index above
        }
        m.putAll(agreement(data, labels));
        return m;
    }

    /**
     * Every external index ({@link io.cumulo.metrics.ExternalMetrics}: ARI, Rand, NMI, AMI, homogeneity,
     * completeness, V-measure, Fowlkes-Mallows, purity, accuracy) against the data's ground truth, if it has one
     * (else empty); the contingency table is left to {@code cumulo evaluate}.
     */
    static Map<String, Object> agreement(Dataset data, int[] labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        data.labels().ifPresent(truth -> {
            m.put("label_column", truth.name());
            Map<String, Object> all = io.cumulo.metrics.ExternalMetrics.of(truth.codes(), labels).toMap();
            for (String key : io.cumulo.metrics.ExternalMetrics.KEYS) {
                if (!key.equals("contingency") && !key.equals("noise_points")) {
                    m.put(key, all.get(key));
                }
            }
        });
        return m;
    }

    /** The cluster size table of the human summaries (at most 20 rows). */
    static void printSizes(PrintStream out, int[] sizes, int n) {
        out.println("  cluster     size   share");
        int shown = Math.min(sizes.length, 20);
        for (int c = 0; c < shown; c++) {
            out.printf(Locale.ROOT, "  %7d %8d  %5.1f%%%n", c, sizes[c], 100.0 * sizes[c] / n);
        }
        if (shown < sizes.length) {
            out.printf(Locale.ROOT, "  ... %d more clusters (see --json or the labels file)%n", sizes.length - shown);
        }
    }

    /** The ARI/NMI lines of the human summaries, when there is ground truth. */
    static void printAgreement(PrintStream out, Map<String, Object> j) {
        if (j.containsKey("ari")) {
            out.printf(Locale.ROOT, "  ARI         %s  (against %s)%n", fmt((Double) j.get("ari")), j.get("label_column"));
            out.printf(Locale.ROOT, "  NMI         %s%n", fmt((Double) j.get("nmi")));
        }
    }

    static String title(Outcome o) {
        return algorithmTitle(o.fitted().algorithm()) + " on " + o.data().source();
    }

    static String algorithmTitle(String algorithm) {
        return algorithm.equals("kmeans") ? "k-means" : algorithm.equals("kmedoids") ? "k-medoids" : algorithm;
    }

    /** The stable {@code --json} object. */
    static Map<String, Object> json(Outcome o) {
        ClusteringPipelineModel f = o.fitted();
        ClusteringModel model = f.model();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", f.algorithm());
        m.put("params", model.params().toJson());
        m.put("input", o.spec().input());
        m.put("n_samples", o.data().rows());
        m.put("n_features", o.data().cols());
        m.put("features", o.data().columnNames());
        m.put("scale", f.scaler().kind());
        f.reduction().ifPresent(r -> {
            Map<String, Object> red = new LinkedHashMap<>();
            red.put("method", r.method());
            Map<String, Object> summary = r.summary();
            for (String key : List.of("n_components", "explained_variance_ratio", "cumulative_variance_ratio")) {
                if (summary.containsKey(key)) {
                    red.put(key, summary.get(key));
                }
            }
            m.put("reduce", red);
        });
        Map<String, Object> summary = model.summary();
        m.putAll(summary);
        m.put("fit_seconds", f.fitSeconds());
        m.putAll(o.metrics());
        m.put("threads", o.spec().threads());
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (o.spec().out() != null) {
            outputs.put("labels", o.spec().out().toString());
        }
        if (o.spec().model() != null) {
            outputs.put("model", o.spec().model().toString());
        }
        if (o.spec().report() != null) {
            outputs.put("report", o.spec().report().toString());
        }
        if (o.spec().plots() != null) {
            outputs.put("plots", o.spec().plots().toString());
        }
        m.put("outputs", outputs);
        m.put("warnings", o.warnings());
        return m;
    }

    /** The report of a clustering: every section of {@link ClusterReport}. */
    static Report report(Outcome o, ExecutionContext ctx) {
        Map<String, Object> j = json(o);
        ClusteringPipelineModel f = o.fitted();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("input", o.data().source());
        facts.put("rows", Integer.toString(o.data().rows()));
        facts.put("features", o.data().cols() + " (" + String.join(", ", o.data().columnNames().subList(0,
                Math.min(o.data().cols(), 12))) + (o.data().cols() > 12 ? ", …" : "") + ")");
        facts.put("scaling", f.scaler().kind());
        f.reduction().ifPresent(r -> {
            Object cum = r.summary().get("cumulative_variance_ratio");
            facts.put("reduction", r.method() + " to " + r.numComponents() + " components"
                    + (cum instanceof double[] c && c.length > 0
                    ? String.format(Locale.ROOT, " (%.1f%% of the variance)", 100 * c[c.length - 1]) : ""));
        });
        facts.put("algorithm", algorithmTitle(f.algorithm()));
        facts.put("parameters", f.params().toString());
        facts.put("clusters", String.valueOf(j.get("k")));
        if (j.get("n_iter") != null) {
            facts.put("iterations", j.get("n_iter") + (Boolean.TRUE.equals(j.get("converged")) ? " (converged)"
                    : " (not converged)"));
        }
        String chosen = howChosen(j, f.params());
        if (chosen != null) {
            facts.put("chosen as", chosen);
        }
        facts.put("fit time", String.format(Locale.ROOT, "%.3f s", f.fitSeconds()));
        facts.put("threads", Integer.toString(o.spec().threads()));
        facts.put("seed", Long.toString(seed(o.spec())));

        Map<String, String> indices = new LinkedHashMap<>();
        if (j.get("inertia") instanceof Double v) {
            indices.put("inertia (clustering space)", fmt(v));
        }
        if (j.get("loss") instanceof Double v) {
            indices.put("loss (sum of " + f.params().toJson().getOrDefault("metric", "") + " distances)", fmt(v));
        }
        if (j.get("fuzzy_partition_coefficient") instanceof Double v) {
            indices.put("fuzzy partition coefficient", fmt(v));
            indices.put("fuzzy partition entropy", fmt((Double) j.get("fuzzy_partition_entropy")));
        }
        Object sil = j.get("silhouette");
        List<String> notes = silhouetteNotes(j);
        indices.put("silhouette (higher is better)", (sil instanceof Double d ? fmt(d) : "n/a")
                + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        indices.put("Calinski-Harabasz (higher is better)", j.get("calinski_harabasz") instanceof Double d ? fmt(d) : "n/a");
        indices.put("Davies-Bouldin (lower is better)", j.get("davies_bouldin") instanceof Double d ? fmt(d) : "n/a");
        indices.put("BIC (X-means form, higher is better)", j.get("bic") instanceof Double d ? fmt(d) : "n/a");
        if (j.get("noise_points") instanceof Integer noise) {
            indices.put("noise rows (left out of the indices)", Integer.toString(noise));
        }
        if (j.containsKey("ari")) {
            indices.put("ARI against " + j.get("label_column"), fmt((Double) j.get("ari")));
            indices.put("NMI against " + j.get("label_column"), fmt((Double) j.get("nmi")));
        }
        ClusterReport.Input in = new ClusterReport.Input(title(o), o.data(), o.scaled(), o.labels(),
                ClusterReport.spaceCentres(f.model()), facts, indices, o.profile(), clusteringDistance(f.params()),
                o.spec().view(), seed(o.spec()), o.silhouette());
        return ClusterReport.build(in, ctx);
    }

    private static long seed(Spec spec) {
        return spec.seed() == null ? 0 : spec.seed();
    }

    static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, a >= 1000 ? "%.2f" : a >= 10 ? "%.3f" : "%.4f", v);
    }

    /**
     * How the result was picked among several candidates, and by which criterion, for the summary's first line;
     * {@code null} when there was one candidate. Read from what the fit reports it did, not from the parameters
     * alone: bisecting k-means with k = 1 makes no split, so its {@code n-init} restarts never happen.
     */
    static String howChosen(Map<String, Object> summary, ParamValues params) {
        if (summary.get("restart_inertia") instanceof double[] r && r.length > 1) {
            return "best of " + r.length + " runs by inertia";
        }
        if (summary.get("init_inertia") instanceof double[] r && r.length > 1) {
            // mini-batch k-means: candidate initial centres scored on a subsample, not whole runs
            return "best of " + r.length + " initialisations by inertia on a validation sample";
        }
        if (summary.get("samples") instanceof Integer samples && samples > 1) {
            return "best of " + samples + " samples of " + summary.get("sample_size") + " rows by loss";
        }
        Object restarts = params.toJson().get("n-init");
        if (summary.get("split_tree") instanceof List<?> tree && tree.size() > 1
                && restarts instanceof Integer n && n > 1) {
            return "best of " + n + " runs per split by inertia";
        }
        return null;
    }

    /** The human summary printed when {@code --json} is not given. */
    static void printSummary(Outcome o, PrintStream out) {
        Map<String, Object> j = json(o);
        String scaling = o.fitted().scaler().kind();
        String reduced = o.fitted().reduction().map(r -> {
            Object cum = r.summary().get("cumulative_variance_ratio");
            String kept = cum instanceof double[] c && c.length > 0
                    ? String.format(Locale.ROOT, " (%.1f%% of the variance)", 100 * c[c.length - 1]) : "";
            return ", reduced by " + r.method() + " to " + r.numComponents() + " components" + kept;
        }).orElse("");
        out.printf(Locale.ROOT, "%s: %d rows x %d features, %s%s%n", title(o), o.data().rows(), o.data().cols(),
                scaling.equals("none") ? "no scaling" : scaling + " scaling", reduced);
        int[] sizes = (int[]) j.get("cluster_sizes");
        StringBuilder head = new StringBuilder();
        head.append(sizes.length).append(" clusters");
        if (j.get("n_iter") != null) {
            head.append(", ").append(j.get("n_iter")).append(" iterations (")
                    .append(Boolean.TRUE.equals(j.get("converged")) ? "converged" : "not converged").append(")");
        }
        String chosen = howChosen(j, o.fitted().params());
        if (chosen != null) {
            head.append(", ").append(chosen);
        }
        head.append(String.format(Locale.ROOT, ", fit in %.3f s", o.fitted().fitSeconds()));
        out.println(head);
        out.println();
        printSizes(out, sizes, o.data().rows());
        out.println();
        if (j.get("inertia") instanceof Double) {
            out.printf(Locale.ROOT, "  inertia     %s%n", fmt((Double) j.get("inertia")));
        }
        if (j.get("loss") instanceof Double) {
            out.printf(Locale.ROOT, "  loss        %s  (sum of %s distances to the medoids)%n", fmt((Double) j.get("loss")),
                    o.fitted().params().toJson().getOrDefault("metric", ""));
        }
        if (j.get("fuzzy_partition_coefficient") instanceof Double) {
            out.printf(Locale.ROOT, "  fuzzy PC    %s  (partition coefficient: 1 = hard, 1/k = all memberships equal)%n",
                    fmt((Double) j.get("fuzzy_partition_coefficient")));
            out.printf(Locale.ROOT, "  fuzzy PE    %s  (partition entropy: 0 = hard, ln k = all memberships equal)%n",
                    fmt((Double) j.get("fuzzy_partition_entropy")));
        }
        Object sil = j.get("silhouette");
        List<String> notes = silhouetteNotes(j);
        out.printf(Locale.ROOT, "  silhouette  %s%s%n", sil instanceof Double ? fmt((Double) sil) : "n/a",
                notes.isEmpty() ? "" : "  (" + String.join("; ", notes) + ")");
        if (j.get("calinski_harabasz") instanceof Double) {
            out.printf(Locale.ROOT, "  CH index    %s  (Calinski-Harabasz, higher is better)%n",
                    fmt((Double) j.get("calinski_harabasz")));
            out.printf(Locale.ROOT, "  DB index    %s  (Davies-Bouldin, lower is better)%n",
                    fmt((Double) j.get("davies_bouldin")));
        }
        if (j.get("noise_points") instanceof Integer noise) {
            out.printf(Locale.ROOT, "  noise       %d rows (left out of the indices)%n", noise);
        }
        printAgreement(out, j);
        if (j.get("profile") instanceof Map<?, ?> profile && profile.get("clusters") instanceof List<?> clusters) {
            out.println();
            ProfileCommand.printDescriptions(out, clusters.stream().map(c -> (String) ((Map<?, ?>) c).get("description"))
                    .toList());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) j.get("outputs");
        if (!outputs.isEmpty()) {
            out.println();
            out.println("wrote " + String.join(", ", outputs.values().stream().map(Object::toString).toList()));
        }
    }
}

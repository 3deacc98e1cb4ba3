package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.data.LabelColumn;
import io.cumulo.estimator.ExplainedVariance;
import io.cumulo.estimator.Loadings;
import io.cumulo.estimator.Model;
import io.cumulo.model.Registry;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code cumulo reduce}, as a renderer-neutral {@link Report}. Sections (stable anchors):
 * {@code overview} (method, parameters, fit time, trustworthiness or KL when there are some), {@code map} (the
 * rows on the first two components, coloured by the label column when there is one, sampled beyond
 * {@link PointMap#MAX_POINTS} rows), and for PCA {@code pca} (scree plot of the kept components) and
 * {@code loadings} (components × features heatmap). {@link #sections} returns a mutable list for later additions.
 */
public final class ReduceReport {
    private ReduceReport() {
    }

    /**
     * @param raw     the rows in their original units (hover texts; the label column colours the map)
     * @param fitted  the fitted reduction
     * @param reduced the training rows in its space
     * @param facts   the overview's facts in order (input, scaling, method, parameters, fit time, trustworthiness...)
     * @param seed    the seed of the sample drawn for large inputs
     */
    public static Report build(String title, Dataset raw, Model fitted, Dataset reduced, Map<String, String> facts,
                               long seed) {
        return new Report(title, ClusterReport.subtitle(raw), sections(raw, fitted, reduced, facts, seed));
    }

    /** The sections in page order, in a mutable list. */
    public static List<Report.Section> sections(Dataset raw, Model fitted, Dataset reduced, Map<String, String> facts,
                                                long seed) {
        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Section("overview", "Overview", List.of(Overview.facts(facts))));
        sections.add(map(raw, reduced, fitted.name(), seed));
        if (fitted instanceof ExplainedVariance v) {
            double[] ratio = v.explainedVarianceRatio();
            int shown = Math.min(ratio.length, ScreeSection.MAX_COMPONENTS);
            sections.add(new Report.Section(ScreeSection.ID, "Explained variance", List.of(Report.Block.Charts.of(
                    ScreeSection.chart("scree", Arrays.copyOf(ratio, shown),
                            "The " + ratio.length + " components kept" + (shown < ratio.length ? ", first " + shown
                                    + " shown" : "") + ".")))));
        }
        if (fitted instanceof Loadings l) {
            sections.add(new Report.Section("loadings", "Loadings",
                    List.of(Report.Block.Charts.of(loadings(l.loadings(), l.featureNames())))));
        }
        return sections;
    }

    static Report.Section map(Dataset raw, Dataset reduced, String method, long seed) {
        String name = Registry.find(Registry.Kind.REDUCTION, method).map(Registry.Entry::title).orElse(method);
        if (reduced.cols() < 2) {
            return new Report.Section("map", "Map", List.of(new Report.Block.Text("One component: no map to draw.", true)));
        }
        int n = reduced.rows();
        LabelColumn truth = raw.labels().orElse(null);
        int[] labels = truth != null ? truth.codes() : new int[n];
        Groups groups = truth != null ? Groups.of(labels, truth.categories()) : Groups.of(labels, List.of("rows"));
        RowSample sample = RowSample.of(n, PointMap.MAX_POINTS, seed);
        double[] px = new double[sample.size()];
        double[] py = new double[sample.size()];
        for (int s = 0; s < px.length; s++) {
            px[s] = reduced.get(sample.rows()[s], 0);
            py[s] = reduced.get(sample.rows()[s], 1);
        }
        List<String> notes = new ArrayList<>();
        if (sample.sampled()) {
            notes.add(sample.note() + ".");
        }
        notes.add(truth != null ? "Coloured by " + truth.name() + "." : "No label column: one colour.");
        Chart chart = PointMap.chart("map", "The rows on the first two " + name + " components", Axis.linear(name + " 1"),
                Axis.linear(name + " 2"), px, py, sample, groups.groupOfRows(labels), groups, raw, null,
                String.join(" ", notes));
        return new Report.Section("map", "Map", List.of(Report.Block.Charts.of(chart)));
    }

    /** Components (rows) × features (columns) of the loadings, diverging around 0. */
    static Chart loadings(double[][] components, List<String> features) {
        List<String> rows = new ArrayList<>();
        String[][] text = new String[components.length][];
        for (int c = 0; c < components.length; c++) {
            rows.add("PC" + (c + 1));
            text[c] = new String[components[c].length];
            for (int j = 0; j < components[c].length; j++) {
                text[c][j] = Numbers.cell(components[c][j]);
            }
        }
        return new Chart("loadings", "What each principal component is made of", Axis.categories("feature", features),
                Axis.categories("component", rows),
                List.of(new Trace.Heatmap("loading", components, true, text, "loading")),
                "The weight of each (scaled) feature in each component; each component has unit length.");
    }
}

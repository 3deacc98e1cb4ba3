package io.cumulo.report;

import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Charts of every trace type, built by hand (not by the content builders), for the static export tests. */
final class SyntheticCharts {
    static final String SCATTER_TITLE = "Clusters <k = 3> & their centres";
    static final int SCATTER_POINTS = 37;
    static final int CENTRES = 3;

    private SyntheticCharts() {
    }

    /** 37 points in three clusters (one point NaN, so 36 drawn) and three star-shaped centres. */
    static Chart scatter() {
        List<Trace> traces = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        int[] sizes = {12, 12, 13};
        int row = 0;
        for (int c = 0; c < 3; c++) {
            double[] x = new double[sizes[c]];
            double[] y = new double[sizes[c]];
            String[] hover = new String[sizes[c]];
            for (int i = 0; i < sizes[c]; i++) {
                x[i] = 3 * c + rnd.nextGaussian();
                y[i] = (c == 1 ? 4 : 0) + rnd.nextGaussian();
                hover[i] = "row " + row++ + "\npetal_length <cm> = " + x[i];
            }
            if (c == 2) {
                x[0] = Double.NaN;
            }
            traces.add(Trace.Scatter.points("cluster " + c, x, y, Palette.cluster(c), hover, false));
        }
        traces.add(new Trace.Scatter("centres", new double[] {0, 3, 6}, new double[] {0, 4, 0}, Trace.Mode.MARKERS,
                "#000000", Trace.Symbol.STAR, 16, null, false, Trace.Fill.NONE, "#FFFFFF"));
        return new Chart("scatter", SCATTER_TITLE, Axis.linear("PC1 (41.2% of variance) & more"),
                Axis.linear("PC2 <second> component"), traces, "Rows 0-36; one row has no value and is not shown.");
    }

    /** {@code n} points drawn as a large (WebGL in the page) trace. */
    static Chart large(int n) {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextGaussian() * 10;
            y[i] = rnd.nextGaussian() * 3 + x[i] * 0.2;
        }
        return new Chart("large", "A large scatter", Axis.linear("x"), Axis.linear("y"),
                List.of(Trace.Scatter.points("all rows", x, y, Palette.cluster(0), null, true)));
    }

    /** Inertia against k on an integer axis, the knee as a dashed rule. */
    static Chart elbow() {
        double[] k = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        double[] inertia = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            inertia[i] = 1000 / k[i] + 20;
        }
        return new Chart("elbow", "Elbow: inertia against k", Axis.integer("number of clusters k"),
                Axis.linear("inertia (within-cluster sum of squares)"),
                List.of(Trace.Scatter.line("inertia", k, inertia, Palette.LINE),
                        new Trace.Rule("knee", true, 4, Palette.ACCENT, true, "knee at k = 4")));
    }

    /** A silhouette plot: per-sample bars as lines filled to x = 0, grouped by cluster, the mean as a rule. */
    static Chart silhouette() {
        List<Trace> traces = new ArrayList<>();
        int y0 = 0;
        for (int c = 0; c < 3; c++) {
            int n = 20 + 5 * c;
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = 0.8 - 0.9 * i / n - 0.1 * c;
                y[i] = y0 + i;
            }
            y0 += n + 4;
            traces.add(new Trace.Scatter("cluster " + c, s, y, Trace.Mode.LINES, Palette.cluster(c), Trace.Symbol.CIRCLE,
                    0, null, false, Trace.Fill.TO_ZERO_X, null));
        }
        traces.add(new Trace.Rule(null, true, 0.31, "#D55E00", true, "mean 0.31"));
        return new Chart("silhouette", "Silhouette of every sample, by cluster", Axis.linear("silhouette coefficient"),
                Axis.linear("sample"), traces);
    }

    /** The scree plot: bars of explained variance on an integer axis and the cumulative line. */
    static Chart scree() {
        double[] ratio = {0.72, 0.23, 0.04, 0.01};
        double[] cum = {0.72, 0.95, 0.99, 1.0};
        return new Chart("scree", "Variance explained by each principal component", Axis.integer("component"),
                Axis.linear("fraction of variance").withRange(0.0, 1.05),
                List.of(new Trace.Bars("explained", ratio, Palette.LINE, false),
                        new Trace.Scatter("cumulative", new double[] {1, 2, 3, 4}, cum, Trace.Mode.LINES_AND_MARKERS,
                                Palette.ACCENT, Trace.Symbol.DIAMOND, 8, null, false, Trace.Fill.NONE, null),
                        new Trace.Rule("95%", false, 0.95, Palette.MUTED, true, null)));
    }

    /** Vertical bars on a category axis with long names (rotated labels). */
    static Chart categoryBars() {
        List<String> names = List.of("sepal_length_in_centimetres", "sepal_width_in_centimetres",
                "petal_length_in_centimetres", "petal_width_in_centimetres", "stem_height_in_centimetres",
                "leaf_count_per_plant_total");
        return new Chart("features", "Feature importance", Axis.categories("feature", names), Axis.linear("importance"),
                List.of(new Trace.Bars(null, new double[] {0.1, -0.05, 0.6, 0.4, Double.NaN, 0.02}, Palette.cluster(2), false)));
    }

    /** Horizontal bars: categories on the y axis. */
    static Chart horizontalBars() {
        return new Chart("sizes", "Cluster sizes", Axis.linear("rows"),
                Axis.categories("cluster", List.of("cluster 0", "cluster 1", "cluster 2")),
                List.of(new Trace.Bars("rows", new double[] {50, 62, 38}, Palette.LINE, true)));
    }

    /** Standardised differences, clusters × features, with cell texts and a colour bar. */
    static Chart profileHeatmap() {
        double[][] z = {{-1.2, 0.3, 1.9, 0.0}, {0.5, -2.1, 0.2, 1.1}, {0.7, 1.8, -2.2, Double.NaN}};
        String[][] text = new String[3][4];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                text[r][c] = Double.isNaN(z[r][c]) ? "" : String.format(Locale.ROOT, "%.1f", z[r][c]);
            }
        }
        return new Chart("profile", "Cluster profiles: standardised mean differences",
                Axis.categories("feature", List.of("sepal_length", "sepal_width", "petal_length", "petal_width")),
                Axis.categories("cluster", List.of("cluster 0", "cluster 1", "cluster 2")),
                List.of(new Trace.Heatmap("profile", z, true, text, "standardised difference")));
    }

    /** A contingency matrix of counts (sequential colours). */
    static Chart contingency() {
        double[][] z = {{50, 0, 0}, {0, 48, 14}, {0, 2, 36}};
        String[][] text = {{"50", "0", "0"}, {"0", "48", "14"}, {"0", "2", "36"}};
        return new Chart("contingency", "Clusters against the true labels",
                Axis.categories("true label", List.of("setosa", "versicolor", "virginica")),
                Axis.categories("cluster", List.of("0", "1", "2")),
                List.of(new Trace.Heatmap(null, z, false, text, "rows")));
    }

    /** Box plots by cluster. */
    static Chart boxes() {
        List<Trace.BoxStats> stats = List.of(new Trace.BoxStats(4.3, 4.8, 5.0, 5.2, 5.8, 5.0, 50),
                new Trace.BoxStats(4.9, 5.6, 5.9, 6.3, 7.0, 5.94, 50), new Trace.BoxStats(5.6, 6.2, 6.5, 6.9, 7.9, 6.59, 50));
        return new Chart("box-sepal-length", "sepal_length by cluster",
                Axis.categories("cluster", List.of("cluster 0", "cluster 1", "cluster 2")), Axis.linear("sepal_length (cm)"),
                List.of(new Trace.Boxes("sepal_length", stats, List.of(Palette.cluster(0), Palette.cluster(1), Palette.cluster(2)))));
    }

    /** A criterion on a logarithmic axis. */
    static Chart logAxis() {
        double[] k = {2, 3, 4, 5, 6};
        double[] v = {1.5, 12, 95, 480, 0};
        return new Chart("gap-log", "A value on a logarithmic axis", Axis.integer("k"),
                new Axis("value", Axis.Scale.LOG, List.of(), null, null, false),
                List.of(Trace.Scatter.line("value", k, v, Palette.LINE)));
    }

    /** Every chart above (the large one with {@code largeN} points) in a report of three sections. */
    static Report report(int largeN) {
        return new Report("Synthetic report", "for the static export tests", List.of(
                new Report.Section("overview", "Overview", List.of(new Report.Block.Text("Some text.", false),
                        Report.Block.Charts.of(scatter()), Report.Block.Charts.of(large(largeN)))),
                new Report.Section("choose-k", "Choosing k", List.of(
                        new Report.Block.Charts(List.of(elbow(), silhouette(), logAxis()), 2))),
                new Report.Section("profile", "Profiles", List.of(Report.Block.Charts.of(scree()),
                        Report.Block.Charts.of(categoryBars()), Report.Block.Charts.of(horizontalBars()),
                        Report.Block.Charts.of(profileHeatmap()), Report.Block.Charts.of(contingency()),
                        Report.Block.Charts.of(boxes())))));
    }
}

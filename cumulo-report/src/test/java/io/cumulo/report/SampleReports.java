package io.cumulo.report;

import io.cumulo.cluster.hierarchical.Agglomerative;
import io.cumulo.cluster.hierarchical.AgglomerativeModel;
import io.cumulo.data.Dataset;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic reports for the writer's tests and the open-time benchmark: every block type and every trace type
 * of the model, with texts that need escaping, NaN cells and a WebGL scatter. Data come from a seeded
 * generator, so the pages are the same on every run.
 */
public final class SampleReports {
    /** A title with everything HTML, JSON and Plotly must escape. */
    public static final String NASTY = "Tom & Jerry <script>alert(\"x\")</script> 'quoted' </script><!--";

    private SampleReports() {
    }

    /**
     * Every block and trace type. Charts: {@code clusters} (3 scatter traces + centres, 4 traces, 3 × 40 + 3 points),
     * {@code big} (1 scattergl trace of {@code bigPoints}), {@code elbow} (1 line + a dashed vertical rule),
     * {@code criterion} (bars on a category axis + a horizontal rule), {@code logline} (log y axis),
     * {@code silhouette} (3 filled traces + the mean rule), {@code profile} (diverging heatmap with a NaN cell),
     * {@code boxes} (3 boxes), {@code contingency} (sequential heatmap), {@code nasty} (escaping).
     */
    public static Report everything(int bigPoints) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<Report.Section> sections = new ArrayList<>();

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("rows", "120");
        facts.put("features", "4 (sepal_length, sepal_width, petal_length, petal_width)");
        facts.put("algorithm", "k-means, k = 3 <best>");
        facts.put("scaling \"standard\"", "z-score & clip");
        sections.add(new Report.Section("overview", "Overview", List.of(
                new Report.Block.Text("Three clusters found.\nCluster 1 has long petals & wide sepals.", false),
                new Report.Block.Text("Fit time depends on the machine.", true),
                new Report.Block.KeyValues(facts),
                new Report.Block.Table("sizes", List.of("cluster", "size", "share"),
                        List.of(List.of("0", "40", "33 %"), List.of("1", "40", "33 %"), List.of("2 <b>", "40", "33 %")),
                        List.of(Palette.cluster(0), Palette.cluster(1), "red;background-image:url(x)")))));

        List<Trace> clusters = new ArrayList<>();
        double[] cx = new double[3];
        double[] cy = new double[3];
        for (int c = 0; c < 3; c++) {
            int n = 40;
            double[] x = new double[n];
            double[] y = new double[n];
            String[] hover = new String[n];
            for (int i = 0; i < n; i++) {
                x[i] = 3 * c + rnd.nextGaussian();
                y[i] = (c % 2) * 2 + rnd.nextGaussian();
                hover[i] = "row " + (c * n + i + 1) + "\nsepal_length = " + (5 + i % 7) + "\nnote: a < b & c";
                cx[c] += x[i] / n;
                cy[c] += y[i] / n;
            }
            clusters.add(Trace.Scatter.points("cluster " + c, x, y, Palette.cluster(c), hover, false));
        }
        clusters.add(new Trace.Scatter("centres", cx, cy, Trace.Mode.MARKERS, "#ffffff", Trace.Symbol.STAR, 16,
                new String[] {"centre 0", "centre 1", "centre 2"}, false, Trace.Fill.NONE, "#000000"));
        Chart scatter = new Chart("clusters", "Clusters in the plane of the first two principal components",
                Axis.linear("PC1 (42.1 % of variance)"), Axis.linear("PC2 (20.3 % of variance)"), clusters,
                "Stars mark the cluster centres.");

        double[] bx = new double[bigPoints];
        double[] by = new double[bigPoints];
        for (int i = 0; i < bigPoints; i++) {
            bx[i] = rnd.nextGaussian();
            by[i] = bx[i] * 0.5 + rnd.nextGaussian();
        }
        Chart big = new Chart("big", "Many points (WebGL)", Axis.linear("x"), Axis.linear("y"),
                List.of(Trace.Scatter.points(null, bx, by, Palette.cluster(0), null, true)),
                bigPoints + " of 1,000,000 rows shown, sampled with seed 42");
        sections.add(new Report.Section("clusters", "Clusters", List.of(
                Report.Block.Charts.of(scatter), Report.Block.Charts.of(big))));

        double[] ks = {2, 3, 4, 5, 6, 7, 8};
        double[] inertia = {152.3, 78.9, 57.2, 46.4, 39.0, 34.3, 30.1};
        Chart elbow = new Chart("elbow", "Elbow: within-cluster sum of squares by k", Axis.integer("k"),
                Axis.linear("inertia"), List.of(Trace.Scatter.line("inertia", ks, inertia, Palette.LINE),
                new Trace.Rule("knee", true, 3, Palette.ACCENT, true, "knee at k = 3")));
        Chart criterion = new Chart("criterion", "Silhouette by k", Axis.categories("k", List.of("2", "3", "4", "5")),
                Axis.linear("mean silhouette"), List.of(new Trace.Bars(null, new double[] {0.68, 0.55, 0.50, 0.49},
                Palette.LINE, false), new Trace.Rule(null, false, 0.5, Palette.MUTED, false, "0.5")));
        Chart logline = new Chart("logline", "Calinski-Harabasz by k (log scale)",
                new Axis("k", Axis.Scale.LINEAR, List.of(), null, null, true),
                new Axis("Calinski-Harabasz", Axis.Scale.LOG, List.of(), null, null, false),
                List.of(Trace.Scatter.line(null, ks, new double[] {513, 561, 530, 495, 473, 442, 420}, Palette.LINE)));
        sections.add(new Report.Section("choose-k", "Choosing k", List.of(new Report.Block.Charts(
                List.of(elbow, criterion, logline), 2))));

        List<Trace> sil = new ArrayList<>();
        int offset = 0;
        for (int c = 0; c < 3; c++) {
            int n = 30;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = 0.8 - 0.9 * i / n - 0.1 * c;
                y[i] = offset + i;
            }
            offset += n + 5;
            sil.add(new Trace.Scatter("cluster " + c, x, y, Trace.Mode.LINES, Palette.cluster(c), null, 1, null,
                    false, Trace.Fill.TO_ZERO_X, null));
        }
        sil.add(new Trace.Rule("mean", true, 0.41, Palette.ACCENT, true, "mean 0.41"));
        Chart silhouette = new Chart("silhouette", "Silhouette of every sample, grouped by cluster",
                Axis.linear("silhouette coefficient").withRange(-0.2, 1.0), Axis.linear("sample (sorted within cluster)"),
                sil);
        sections.add(new Report.Section("silhouette", "Silhouette", List.of(Report.Block.Charts.of(silhouette))));

        List<String> features = List.of("sepal_length", "sepal_width", "petal_length", "petal_width");
        List<String> names = List.of("cluster 0", "cluster 1", "cluster 2");
        double[][] z = {{-1.0, 0.8, -1.3, -1.2}, {0.1, -0.6, 0.3, Double.NaN}, {1.1, 0.1, 1.0, 1.1}};
        String[][] zt = {{"-1.0", "0.8", "-1.3", "-1.2"}, {"0.1", "-0.6", "0.3", ""}, {"1.1", "0.1", "1.0", "1.1"}};
        Chart profile = new Chart("profile", "Cluster profiles: standardised mean differences",
                Axis.categories("feature", features), Axis.categories("cluster", names),
                List.of(new Trace.Heatmap(null, z, true, zt, "SMD")));
        Chart boxes = new Chart("boxes", "petal_length (cm) by cluster", Axis.categories("cluster", names),
                Axis.linear("petal_length (cm)"), List.of(new Trace.Boxes("petal_length", List.of(
                new Trace.BoxStats(1.0, 1.4, 1.5, 1.6, 1.9, 1.46, 50), new Trace.BoxStats(3.0, 4.0, 4.35, 4.6, 5.1, 4.26, 50),
                new Trace.BoxStats(4.5, 5.1, 5.55, 5.9, 6.9, 5.55, 50)),
                List.of(Palette.cluster(0), Palette.cluster(1), Palette.cluster(2)))));
        Chart contingency = new Chart("contingency", "Clusters against the true labels",
                Axis.categories("cluster", names), Axis.categories("label", List.of("setosa", "versicolor", "virginica")),
                List.of(new Trace.Heatmap(null, new double[][] {{50, 0, 0}, {0, 48, 14}, {0, 2, 36}}, false,
                new String[][] {{"50", "0", "0"}, {"0", "48", "14"}, {"0", "2", "36"}}, "rows")));
        Chart nasty = new Chart("nasty", NASTY, Axis.linear("x <units> & \"more\""), Axis.linear("y </script>"),
                List.of(Trace.Scatter.points("a <b> & c", new double[] {1, 2, Double.NaN}, new double[] {3, Double.POSITIVE_INFINITY, 5},
                Palette.cluster(3), new String[] {"</script>", "<b>bold</b>", "x & y"}, false)), NASTY);
        sections.add(new Report.Section("profile", "Profiles", List.of(
                new Report.Block.Charts(List.of(profile, boxes), 2), Report.Block.Charts.of(contingency))));
        sections.add(new Report.Section("escaping", NASTY, List.of(new Report.Block.Text(NASTY, false),
                Report.Block.Charts.of(nasty))));
        sections.add(dendrogram());
        return new Report(NASTY, "synthetic: every block and trace type", sections);
    }

    /**
     * What a {@code cumulo cluster} report of a large input looks like for the open-time benchmark: a WebGL scatter
     * of {@code points} points in {@code k} clusters with hover texts, then {@code extra} small charts (elbow,
     * bars, heatmap, boxes, in turn).
     */
    public static Report scatterReport(int points, int k, int extra, String note) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Trace> traces = new ArrayList<>();
        int per = points / k;
        for (int c = 0; c < k; c++) {
            int n = c == k - 1 ? points - per * (k - 1) : per;
            double[] x = new double[n];
            double[] y = new double[n];
            String[] hover = new String[n];
            for (int i = 0; i < n; i++) {
                x[i] = 4 * Math.cos(c) + rnd.nextGaussian();
                y[i] = 4 * Math.sin(c) + rnd.nextGaussian();
                hover[i] = "row " + (c * per + i + 1) + "\nf1 = " + (float) x[i] + "\nf2 = " + (float) y[i]
                        + "\nf3 = " + (float) rnd.nextDouble();
            }
            traces.add(Trace.Scatter.points("cluster " + c, x, y, Palette.cluster(c), hover, true));
        }
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(Report.Block.Charts.of(new Chart("scatter", "Clusters in the plane of the first two principal components",
                Axis.linear("PC1"), Axis.linear("PC2"), traces, note)));
        Report full = everything(10);
        List<Chart> small = full.charts().stream()
                .filter(c -> !c.id().equals("big") && !c.id().equals("nasty") && !c.id().equals("clusters")).toList();
        List<Chart> chosen = new ArrayList<>();
        for (int i = 0; i < extra; i++) {
            Chart c = small.get(i % small.size());
            chosen.add(new Chart(c.id() + "-" + i, c.title(), c.x(), c.y(), c.traces(), c.note()));
        }
        blocks.add(new Report.Block.Charts(chosen, 2));
        return new Report("Open-time benchmark: " + points + " points", note,
                List.of(new Report.Section("all", "All charts", blocks)));
    }

    /** A Ward dendrogram (truncated: 3,000 rows) with its clustermap. */
    static Report.Section dendrogram() {
        SplittableRandom rng = new SplittableRandom(8);
        double[][] x = new double[3_000][4];
        for (double[] row : x) {
            int c = rng.nextInt(5);
            for (int j = 0; j < 4; j++) {
                row[j] = c * 3 + rng.nextDouble();
            }
        }
        Dataset data = Dataset.of(x);
        AgglomerativeModel m = Agglomerative.builder()
                .k(5).build().fit(data, Fixtures.CTX);
        return DendrogramSection.section(m.tree(), m.labels(), data);
    }
}

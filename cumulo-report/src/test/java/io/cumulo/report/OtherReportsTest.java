package io.cumulo.report;

import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.data.LabelColumn;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.json.JsonObject;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.selection.ChooseK;
import io.cumulo.selection.Kneedle;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static io.cumulo.report.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The choose-k, reduce, profile and evaluate reports, and the labels section. */
class OtherReportsTest {
    private static final Dataset IRIS = Fixtures.iris();
    private static final Dataset SPACE = Fixtures.standard(IRIS);

    private static List<String> ids(Report r) {
        return r.sections().stream().map(Report.Section::id).toList();
    }

    @Test
    void chooseKChartsHoldOnePointPerKAndMarkTheRecommendations() {
        ChooseK.Result result = ChooseK.builder().kRange(2, 8).seed(0).build()
                .run(SPACE, k -> KMeans.builder().k(k).seed(0).build(), CTX);
        Report r = ChooseKReport.build("choose k", null, Map.of("input", "builtin:iris"), result, List.of("w1"));
        assertEquals(List.of("overview", "elbow", "criteria", "table"), ids(r));
        double[] ks = {2, 3, 4, 5, 6, 7, 8};

        Chart elbow = Fixtures.chart(Fixtures.section(r, "elbow"));
        Trace.Scatter inertia = Fixtures.scatters(elbow).get(0);
        assertArrayEquals(ks, inertia.x());
        assertArrayEquals(result.table().stream().mapToDouble(ChooseK.Row::inertia).toArray(), inertia.y());
        // the knee line where Kneedle, run here on the same curve, puts it
        double knee = Kneedle.defaults().find(ks, inertia.y()).knee().orElseThrow();
        Trace.Rule rule = Fixtures.only(elbow, Trace.Rule.class);
        assertTrue(rule.vertical());
        assertEquals(Math.round(knee), rule.value());
        assertEquals(result.recommendations().get(ChooseK.Criterion.ELBOW).k(), (int) rule.value());

        Report.Block.Charts criteria = (Report.Block.Charts) Fixtures.section(r, "criteria").blocks().get(0);
        assertEquals(List.of("silhouette", "calinski-harabasz", "davies-bouldin", "gap", "bic"),
                criteria.charts().stream().map(Chart::id).toList());
        for (Chart c : criteria.charts()) {
            List<Trace.Scatter> lines = Fixtures.scatters(c).stream().filter(s -> s.name() != null).toList();
            Trace.Scatter values = lines.get(lines.size() - 1);
            assertArrayEquals(ks, values.x(), c.id());
            ChooseK.Criterion crit = switch (c.id()) {
                case "silhouette" -> ChooseK.Criterion.SILHOUETTE;
                case "calinski-harabasz" -> ChooseK.Criterion.CH;
                case "davies-bouldin" -> ChooseK.Criterion.DB;
                case "gap" -> ChooseK.Criterion.GAP;
                default -> ChooseK.Criterion.BIC;
            };
            Integer best = result.recommendations().get(crit).k();
            if (best != null) {
                assertEquals(best.doubleValue(), Fixtures.only(c, Trace.Rule.class).value(), c.id());
            }
        }
        // the silhouette chart's values are the table's
        assertArrayEquals(result.table().stream().mapToDouble(ChooseK.Row::silhouette).toArray(),
                Fixtures.scatters(criteria.charts().get(0)).get(0).y());
        // gap: the value line and its ± s_k band
        Chart gap = criteria.charts().get(3);
        assertEquals(List.of("gap − s_k", "gap + s_k", "gap statistic"),
                Fixtures.scatters(gap).stream().filter(s -> s.name() != null).map(Trace.Scatter::name).toList());

        Report.Block.Table table = (Report.Block.Table) Fixtures.section(r, "table").blocks().get(0);
        assertEquals(7, table.rows().size());
        assertEquals(List.of("k", "inertia", "silhouette", "CH", "DB", "gap", "s_k", "BIC", "fit time"), table.header());
        Report.Section overview = Fixtures.section(r, "overview");
        assertTrue(((Report.Block.Text) overview.blocks().get(0)).text().startsWith("Recommended k = "
                + result.recommendedK() + ": "));
        assertEquals("Warning: w1", ((Report.Block.Text) overview.blocks().get(overview.blocks().size() - 1)).text());
    }

    @Test
    void chooseKWithSomeCriteriaOnly() {
        ChooseK.Result result = ChooseK.builder().kRange(2, 4).criteria(EnumSet.of(ChooseK.Criterion.DB))
                .seed(0).build().run(SPACE, k -> KMeans.builder().k(k).seed(0).build(), CTX);
        Report r = ChooseKReport.build("choose k", null, Map.of(), result, List.of());
        Chart elbow = Fixtures.chart(Fixtures.section(r, "elbow"));
        assertEquals("The elbow criterion was not asked for.", elbow.note());
        assertEquals(List.of("davies-bouldin"), r.charts().stream().skip(1).map(Chart::id).toList());
    }

    @Test
    void reduceReportOfPca() {
        PCAModel fitted = PCA.withComponents(3).fit(SPACE, CTX);
        Dataset reduced = fitted.transform(SPACE, CTX);
        Report r = ReduceReport.build("PCA of builtin:iris", IRIS, fitted, reduced, Map.of("method", "pca"), 0);
        assertEquals(List.of("overview", "map", "pca", "loadings"), ids(r));
        Chart map = Fixtures.chart(Fixtures.section(r, "map"));
        assertEquals(List.of("setosa", "versicolor", "virginica"),
                Fixtures.points(map).stream().map(Trace.Scatter::name).toList());
        assertEquals(150, map.scatterPoints());
        assertEquals(reduced.get(0, 0), Fixtures.points(map).get(0).x()[0]);
        assertEquals(reduced.get(0, 1), Fixtures.points(map).get(0).y()[0]);
        assertTrue(Fixtures.points(map).get(0).hover()[0].startsWith("row 0\nsepal_length = 5.1"));
        Map<String, Object> summary = fitted.summary();
        assertArrayEquals((double[]) summary.get("explained_variance_ratio"),
                Fixtures.only(Fixtures.chart(Fixtures.section(r, "pca")), Trace.Bars.class).values());
        Chart loadings = Fixtures.chart(Fixtures.section(r, "loadings"));
        Trace.Heatmap h = Fixtures.only(loadings, Trace.Heatmap.class);
        assertTrue(h.diverging());
        double[][] components = (double[][]) summary.get("components");
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(components[c], h.z()[c]);
        }
        assertEquals(List.of("PC1", "PC2", "PC3"), loadings.y().categories());
        assertEquals(IRIS.columnNames(), loadings.x().categories());
    }

    @Test
    void reduceMapWithoutLabelsHasOneColour() {
        Dataset plain = SPACE.withoutLabels();
        PCAModel fitted = PCA.withComponents(2).fit(plain, CTX);
        Chart map = Fixtures.chart(Fixtures.section(ReduceReport.build("t", IRIS.withoutLabels(), fitted,
                fitted.transform(plain, CTX), Map.of(), 0), "map"));
        assertEquals(List.of("rows"), Fixtures.points(map).stream().map(Trace.Scatter::name).toList());
        assertEquals("No label column: one colour.", map.note());
    }

    @Test
    void profileReport() {
        int[] labels = Fixtures.kmeans(SPACE, 3).labels();
        ClusterProfile p = ClusterProfiler.defaults().profile(IRIS, labels, CTX);
        Report r = ProfileReport.build("profiles", IRIS, labels, p, Map.of("input", "builtin:iris"));
        assertEquals(List.of("overview", "profile"), ids(r));
        assertEquals(5, r.charts().size()); // the heatmap and 4 box plots
        Report.Section overview = Fixtures.section(r, "overview");
        assertEquals(p.descriptions(), ((Report.Block.Table) overview.blocks().get(2)).rows().stream()
                .map(row -> row.get(0)).toList());
    }

    /** tools/reference/make_report_reference.py: scikit-learn's contingency_matrix of a hand-made labelling. */
    @Test
    void contingencyOfAHandMadeLabelling() throws Exception {
        JsonObject ref = JsonObject.parse(Files.readString(Path.of("..", "cumulo-core", "src", "test", "resources",
                "reference", "report.json")), "report.json").getObject("contingency");
        String[] truth = ref.getStringList("truth").toArray(new String[0]);
        int[] predicted = ref.getIntArray("predicted");
        // by hand: a → clusters 0, 0, 2; b → 1, 1, 0; c → noise
        long[][] byHand = {{0, 2, 0, 1}, {0, 1, 2, 0}, {1, 0, 0, 0}};
        List<Object> sklearn = ref.getList("counts");
        Report.Section s = LabelsSection.section(LabelColumn.of("class", truth), predicted);
        Chart c = Fixtures.chart(s);
        Trace.Heatmap h = Fixtures.only(c, Trace.Heatmap.class);
        assertEquals(List.of("noise", "0", "1", "2"), c.x().categories());
        assertEquals(ref.getStringList("classes"), c.y().categories());
        assertEquals("class", c.y().title());
        for (int i = 0; i < 3; i++) {
            List<?> row = (List<?>) sklearn.get(i);
            for (int j = 0; j < 4; j++) {
                assertEquals(byHand[i][j], h.z()[i][j]);
                assertEquals(((Number) row.get(j)).doubleValue(), h.z()[i][j]);
                assertEquals(Long.toString(byHand[i][j]), h.text()[i][j]);
            }
        }
        assertTrue(!h.diverging());
        Report.Block.Table t = (Report.Block.Table) s.blocks().get(0);
        List<String> names = new ArrayList<>();
        t.rows().forEach(row -> names.add(row.get(0)));
        assertEquals(List.of("ARI", "Rand", "NMI", "AMI", "homogeneity", "completeness", "V-measure", "Fowlkes-Mallows",
                "purity", "accuracy", "noise rows"), names);
    }

    @Test
    void evaluateReport() {
        LabelColumn truth = IRIS.labels().orElseThrow();
        int[] labels = Fixtures.kmeans(SPACE, 3).labels();
        ExternalMetrics m = ExternalMetrics.of(truth.codes(), labels);
        List<String> classes = LabelsSection.classNames(m.table(), truth);
        Report with = EvaluateReport.build("e", m, classes, "species", Map.of("labels", "l.csv"),
                Map.of("silhouette", "0.46"));
        assertEquals(List.of("overview", "labels", "internal"), ids(with));
        assertEquals(List.of("contingency"), with.charts().stream().map(Chart::id).toList());
        Trace.Heatmap h = Fixtures.only(with.charts().get(0), Trace.Heatmap.class);
        long[][] counts = m.table().counts();
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts[i].length; j++) {
                assertEquals(counts[i][j], h.z()[i][j]);
            }
        }
        Report without = EvaluateReport.build("e", m, classes, "species", Map.of(), null);
        assertEquals(List.of("overview", "labels"), ids(without));
    }

    @Test
    void sectionsCanBeAppended() {
        List<Report.Section> sections = ProfileReport.sections(IRIS, new int[150],
                ClusterProfiler.defaults().profile(IRIS, new int[150], CTX), Map.of());
        sections.add(new Report.Section("dendrogram", "Dendrogram", List.of(new Report.Block.Text("later", true))));
        assertEquals("dendrogram", new Report("t", null, sections).sections().get(2).id());
    }
}

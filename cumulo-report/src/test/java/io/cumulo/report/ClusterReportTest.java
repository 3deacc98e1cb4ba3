package io.cumulo.report;

import io.cumulo.cluster.KMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.AdjustedRandIndex;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.workflow.InternalScores;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.cumulo.report.Fixtures.CTX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterReportTest {
    private static final Dataset IRIS = Fixtures.iris();
    private static final Dataset SPACE = Fixtures.standard(IRIS);
    private static final KMeansModel KM = Fixtures.kmeans(SPACE, 3);

    private static Report irisReport(ReportView view) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("input", "builtin:iris");
        facts.put("algorithm", "k-means");
        return ClusterReport.build(new ClusterReport.Input("k-means on builtin:iris", IRIS, SPACE, KM.labels(),
                KM.centresFlat(), facts, Map.of("silhouette", "0.4599"), null, Distance.EUCLIDEAN, view, 0), CTX);
    }

    @Test
    void sectionsInOrderWithUniqueChartIds() {
        Report r = irisReport(ReportView.PCA);
        assertEquals(List.of("overview", "scatter", "silhouette", "profile", "labels", "pca"),
                r.sections().stream().map(Report.Section::id).toList());
        assertEquals("150 rows × 4 features from builtin:iris", r.subtitle());
        Set<String> ids = new HashSet<>();
        for (Chart c : r.charts()) {
            assertTrue(ids.add(c.id()), "chart id " + c.id() + " twice");
        }
        assertTrue(ids.containsAll(List.of("scatter", "silhouette", "profile-heatmap", "box-sepal-length",
                "box-petal-width", "contingency", "scree")), ids.toString());
        // no ground truth: no labels section
        Dataset unlabelled = IRIS.withoutLabels();
        Report plain = ClusterReport.build(new ClusterReport.Input("t", unlabelled, SPACE, KM.labels(), null, null, null,
                null, null, null, 0), CTX);
        assertFalse(plain.sections().stream().anyMatch(s -> s.id().equals("labels")));
    }

    @Test
    void overviewHasFactsSizesIndicesAndDescriptions() {
        Report.Section o = Fixtures.section(irisReport(ReportView.PCA), "overview");
        Report.Block.KeyValues facts = (Report.Block.KeyValues) o.blocks().get(0);
        assertEquals(List.of("input", "algorithm"), List.copyOf(facts.entries().keySet()));
        Report.Block.Table sizes = (Report.Block.Table) o.blocks().get(1);
        int[] expected = new int[3];
        for (int l : KM.labels()) {
            expected[l]++;
        }
        assertEquals(3, sizes.rows().size());
        for (int c = 0; c < 3; c++) {
            assertEquals(List.of(Integer.toString(c), Integer.toString(expected[c]),
                    String.format(Locale.ROOT, "%.1f%%", 100.0 * expected[c] / 150)), sizes.rows().get(c));
            assertEquals(Palette.cluster(c), sizes.swatches().get(c));
        }
        assertEquals("0.4599", ((Report.Block.KeyValues) o.blocks().get(2)).entries().get("silhouette"));
        Report.Block.Table descriptions = (Report.Block.Table) o.blocks().get(3);
        assertEquals(3, descriptions.rows().size());
        assertTrue(descriptions.rows().get(0).get(0).startsWith("cluster 0 ("), descriptions.rows().toString());
        assertEquals(Palette.cluster(2), descriptions.swatches().get(2));
    }

    @Test
    void noiseGetsItsOwnGreyRow() {
        int[] labels = KM.labels();
        labels[0] = -1;
        labels[1] = -1;
        Report.Block.Table sizes = Overview.clusterSizes(labels);
        assertEquals(List.of("noise", "2", "1.3%"), sizes.rows().get(sizes.rows().size() - 1));
        assertEquals(Palette.NOISE, sizes.swatches().get(sizes.swatches().size() - 1));
    }

    /** The two leading eigenvectors of the covariance of {@code x}, by power iteration with deflation. */
    private static double[][] leadingAxes(Dataset x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j) / n;
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]) / (n - 1);
                }
            }
        }
        double[][] axes = new double[2][];
        for (int c = 0; c < 2; c++) {
            double[] v = new double[d];
            Arrays.fill(v, 1);
            double lambda = 0;
            for (int it = 0; it < 5000; it++) {
                double[] w = new double[d];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        w[a] += cov[a][b] * v[b];
                    }
                }
                double norm = Math.sqrt(Arrays.stream(w).map(t -> t * t).sum());
                for (int a = 0; a < d; a++) {
                    v[a] = w[a] / norm;
                }
                lambda = norm;
            }
            axes[c] = v;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] -= lambda * v[a] * v[b];
                }
            }
        }
        return new double[][] {mean, axes[0], axes[1]};
    }

    private static double project(double[] row, double[] mean, double[] axis) {
        double s = 0;
        for (int j = 0; j < row.length; j++) {
            s += (row[j] - mean[j]) * axis[j];
        }
        return s;
    }

    @Test
    void centresAreProjectedByTheSamePca() {
        Chart c = Fixtures.chart(Fixtures.section(irisReport(ReportView.PCA), "scatter"));
        assertEquals("Clusters in the plane of the first two principal components", c.title());
        assertTrue(c.x().title().matches("PC1 \\(\\d+\\.\\d% of variance\\)"), c.x().title());
        List<Trace.Scatter> points = Fixtures.points(c);
        List<Trace.Scatter> stars = Fixtures.stars(c);
        assertEquals(3, points.size());
        assertEquals(3, stars.size());
        assertEquals(150, points.stream().mapToInt(s -> s.x().length).sum());
        // an independent PCA: covariance and power iteration; each axis is defined up to its sign, which row 0 fixes
        double[][] pca = leadingAxes(SPACE);
        int row0 = KM.labels()[0];
        double signX = Math.signum(points.get(row0).x()[0] * project(SPACE.row(0), pca[0], pca[1]));
        double signY = Math.signum(points.get(row0).y()[0] * project(SPACE.row(0), pca[0], pca[2]));
        double[] centres = KM.centresFlat();
        for (int k = 0; k < 3; k++) {
            double[] centre = Arrays.copyOfRange(centres, 4 * k, 4 * k + 4);
            Trace.Scatter star = stars.get(k);
            assertEquals(Palette.cluster(k), star.color());
            assertEquals(PointMap.CENTRE_OUTLINE, star.outline());
            assertEquals(signX * project(centre, pca[0], pca[1]), star.x()[0], 1e-9);
            assertEquals(signY * project(centre, pca[0], pca[2]), star.y()[0], 1e-9);
            // k-means converged: the centre is its cluster's mean, so the star is the mean of the cluster's points
            double[] xs = points.get(k).x();
            double[] ys = points.get(k).y();
            assertEquals(Arrays.stream(xs).average().orElseThrow(), star.x()[0], 1e-9);
            assertEquals(Arrays.stream(ys).average().orElseThrow(), star.y()[0], 1e-9);
        }
    }

    @Test
    void hoverGivesTheRowAndItsOriginalValues() {
        Chart c = Fixtures.chart(Fixtures.section(irisReport(ReportView.PCA), "scatter"));
        Trace.Scatter first = Fixtures.points(c).get(KM.labels()[0]);
        assertEquals("row 0\nsepal_length = 5.1\nsepal_width = 3.5\npetal_length = 1.4\npetal_width = 0.2",
                first.hover()[0]);
        assertFalse(first.large());
        // many features: the first 12, then a count
        Dataset wide = Fixtures.random(3, 20, 1);
        String h = PointMap.hover(wide, 2);
        assertEquals(14, h.split("\n").length);
        assertTrue(h.startsWith("row 2\nx0 = ") && h.endsWith("\n… 8 more features"), h);
    }

    @Test
    void largeInputsAreSampledWithTheRunsSeed() {
        int n = 25_000;
        Dataset x = Fixtures.random(n, 3, 5);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
        }
        Chart a = Fixtures.chart(ScatterSection.section(x, x, labels, null, ReportView.PCA, 42, CTX));
        assertEquals(PointMap.MAX_POINTS, Fixtures.points(a).stream().mapToInt(s -> s.x().length).sum());
        assertTrue(a.note().startsWith("20,000 of 25,000 rows shown, sampled with seed 42."), a.note());
        assertTrue(Fixtures.points(a).get(0).large(), "WebGL above " + PointMap.WEBGL_ABOVE + " points");
        Chart again = Fixtures.chart(ScatterSection.section(x, x, labels, null, ReportView.PCA, 42, CTX));
        Chart other = Fixtures.chart(ScatterSection.section(x, x, labels, null, ReportView.PCA, 43, CTX));
        for (int g = 0; g < 4; g++) {
            assertArrayEquals(Fixtures.points(a).get(g).hover(), Fixtures.points(again).get(g).hover());
            assertArrayEquals(Fixtures.points(a).get(g).x(), Fixtures.points(again).get(g).x());
        }
        assertFalse(Arrays.equals(Fixtures.points(a).get(0).hover(), Fixtures.points(other).get(0).hover()));
        // the same rows whatever the thread count
        Chart one = Fixtures.chart(ScatterSection.section(x, x, labels, null, ReportView.PCA, 42,
                ExecutionContext.singleThreaded()));
        assertArrayEquals(Fixtures.points(a).get(1).y(), Fixtures.points(one).get(1).y());
    }

    @Test
    void tsneViewMarksClusterMeans() {
        Chart c = Fixtures.chart(Fixtures.section(irisReport(ReportView.TSNE), "scatter"));
        assertEquals("t-SNE 1", c.x().title());
        assertTrue(c.note().contains("mean of each cluster's embedded points"), c.note());
        List<Trace.Scatter> points = Fixtures.points(c);
        for (int k = 0; k < 3; k++) {
            assertEquals(Arrays.stream(points.get(k).x()).average().orElseThrow(), Fixtures.stars(c).get(k).x()[0], 1e-9);
        }
    }

    @Test
    void silhouetteBarsAreSortedAndAverageToTheScore() {
        Chart c = Fixtures.chart(Fixtures.section(irisReport(ReportView.PCA), "silhouette"));
        double exact = SilhouetteScore.score(SPACE, KM.labels(), CTX);
        double sum = 0;
        int count = 0;
        double lastY = -1;
        for (Trace.Scatter s : Fixtures.scatters(c)) {
            assertEquals(Trace.Fill.TO_ZERO_X, s.fill());
            for (int i = 0; i < s.x().length; i++) {
                if (i > 0) {
                    assertTrue(s.x()[i] <= s.x()[i - 1], "sorted descending within " + s.name());
                }
                assertTrue(s.y()[i] > lastY, "positions increase");
                lastY = s.y()[i];
                sum += s.x()[i];
                count++;
            }
        }
        assertEquals(150, count);
        assertEquals(exact, sum / count, 1e-12);
        Trace.Rule mean = Fixtures.only(c, Trace.Rule.class);
        assertTrue(mean.vertical());
        assertEquals(exact, mean.value(), 1e-12);
    }

    @Test
    void silhouetteOfLargeInputsIsSampled() {
        int n = 21_000;
        Dataset x = Fixtures.random(n, 2, 9);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = x.get(i, 0) < 0.5 ? 0 : 1;
        }
        Chart c = Fixtures.chart(SilhouetteSection.section(x, labels, Distance.EUCLIDEAN, 7, CTX));
        int sample = InternalScores.silhouetteSampleSize(n, 2);
        assertEquals(2_000, sample);
        assertEquals(sample, c.scatterPoints());
        assertTrue(c.note().startsWith("2,000 of 21,000 rows shown, sampled with seed 7"), c.note());
        assertEquals(SilhouetteScore.estimate(x, labels, sample, 7, CTX).mean(),
                Fixtures.only(c, Trace.Rule.class).value(), 1e-12);
        // the command's own estimate of the same sample is drawn as is; one of another seed is not used
        SilhouetteScore.Estimate same = SilhouetteScore.estimate(x, labels, sample, 7, CTX);
        Chart reused = Fixtures.chart(SilhouetteSection.section(x, labels, Distance.EUCLIDEAN, 7, same, CTX));
        assertEquals(same.mean(), Fixtures.only(reused, Trace.Rule.class).value());
        assertEquals(c.note(), reused.note());
        SilhouetteScore.Estimate other = SilhouetteScore.estimate(x, labels, sample, 8, CTX);
        Chart recomputed = Fixtures.chart(SilhouetteSection.section(x, labels, Distance.EUCLIDEAN, 7, other, CTX));
        assertEquals(same.mean(), Fixtures.only(recomputed, Trace.Rule.class).value());
        assertTrue(other.mean() != same.mean(), "two seeds, two samples");
    }

    @Test
    void oneClusterHasNoSilhouettePlot() {
        Report.Section s = SilhouetteSection.section(SPACE, new int[150], Distance.EUCLIDEAN, 0, CTX);
        assertTrue(s.blocks().get(0) instanceof Report.Block.Text t && t.text().startsWith("No silhouette plot"));
    }

    @Test
    void heatmapHoldsTheProfilesSmd() {
        ClusterProfile p = ClusterProfiler.defaults().profile(IRIS, KM.labels(), CTX);
        Chart c = ProfileSection.heatmap(p);
        Trace.Heatmap h = Fixtures.only(c, Trace.Heatmap.class);
        assertTrue(h.diverging());
        assertEquals(Axis.Scale.CATEGORY, c.x().scale());
        assertEquals(p.features(), c.x().categories());
        assertEquals(List.of("cluster 0", "cluster 1", "cluster 2"), c.y().categories());
        for (int g = 0; g < 3; g++) {
            assertArrayEquals(p.groups().get(g).smd(), h.z()[g]);
            for (int f = 0; f < 4; f++) {
                assertEquals(String.format(Locale.ROOT, "%.2f", h.z()[g][f]), h.text()[g][f]);
            }
        }
    }

    @Test
    void manyFeaturesKeepTheMostTellingOnes() {
        Dataset digits = DatasetReader.read("builtin:digits", ReadOptions.defaults());
        int[] labels = new int[digits.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = digits.labels().orElseThrow().code(i) % 3;
        }
        ClusterProfile p = ClusterProfiler.defaults().profile(digits, labels, CTX);
        Chart heat = ProfileSection.heatmap(p);
        assertEquals(ProfileSection.HEATMAP_FEATURES, heat.x().categories().size());
        assertTrue(heat.note().contains("The 40 of 64 features with the largest |SMD|"), heat.note());
        double weakestShown = Double.POSITIVE_INFINITY;
        Set<String> shown = new HashSet<>(heat.x().categories());
        double strongestLeft = 0;
        for (int f = 0; f < 64; f++) {
            double top = 0;
            for (ClusterProfile.Group g : p.groups()) {
                top = Math.max(top, Math.abs(g.smd()[f]));
            }
            if (shown.contains(p.features().get(f))) {
                weakestShown = Math.min(weakestShown, top);
            } else {
                strongestLeft = Math.max(strongestLeft, top);
            }
        }
        assertTrue(weakestShown >= strongestLeft, weakestShown + " < " + strongestLeft);
        assertEquals(ProfileSection.BOX_FEATURES, ProfileSection.boxes(p, digits, labels).size());
    }

    @Test
    void boxPlotsUseEveryRowOfEachCluster() {
        int[] labels = KM.labels();
        labels[5] = -1; // a noise row gets its own grey box
        ClusterProfile p = ClusterProfiler.defaults().profile(IRIS, labels, CTX);
        List<Chart> boxes = ProfileSection.boxes(p, IRIS, labels);
        assertEquals(4, boxes.size());
        Chart petal = boxes.get(2);
        assertEquals("box-petal-length", petal.id());
        assertEquals("petal_length", petal.y().title());
        assertEquals(List.of("cluster 0", "cluster 1", "cluster 2", "noise"), petal.x().categories());
        Trace.Boxes b = Fixtures.only(petal, Trace.Boxes.class);
        assertEquals(Palette.NOISE, b.colors().get(3));
        for (int g = 0; g < 4; g++) {
            int cluster = g == 3 ? -1 : g;
            double[] v = IntStream.range(0, 150).filter(i -> labels[i] == cluster)
                    .mapToDouble(i -> IRIS.get(i, 2)).toArray();
            assertEquals(BoxStatistics.of(v), b.boxes().get(g));
            assertEquals(v.length, b.boxes().get(g).n());
        }
        assertTrue(boxes.get(0).note().startsWith("Quartiles over every row"), boxes.get(0).note());
        assertNull(boxes.get(1).note());
    }

    @Test
    void screeRatiosAreThePcasAndThe95PercentLineShows() {
        Chart c = Fixtures.chart(Fixtures.section(irisReport(ReportView.PCA), "pca"));
        PCAModel pca = PCA.withComponents(4).fit(SPACE, CTX);
        Trace.Bars bars = Fixtures.only(c, Trace.Bars.class);
        assertArrayEquals(pca.explainedVarianceRatio(), bars.values());
        assertEquals(List.of("PC1", "PC2", "PC3", "PC4"), c.x().categories());
        Trace.Scatter cumulative = Fixtures.scatters(c).get(0);
        assertArrayEquals(pca.cumulativeVarianceRatio(), cumulative.y(), 1e-15);
        Trace.Rule rule = Fixtures.only(c, Trace.Rule.class);
        assertFalse(rule.vertical());
        assertEquals(0.95, rule.value());
        assertEquals(0.0, c.y().min());
        assertEquals(1.0, c.y().max());
    }

    @Test
    void labelsSectionOnlyWithTruth() {
        Report.Section s = Fixtures.section(irisReport(ReportView.PCA), "labels");
        Report.Block.Table t = (Report.Block.Table) s.blocks().get(0);
        assertEquals("ARI", t.rows().get(0).get(0));
        assertEquals(Numbers.fmt(AdjustedRandIndex.score(IRIS.labels().orElseThrow().codes(),
                KM.labels())), t.rows().get(0).get(1));
        assertNotEquals(0, Fixtures.chart(s).traces().size());
    }
}

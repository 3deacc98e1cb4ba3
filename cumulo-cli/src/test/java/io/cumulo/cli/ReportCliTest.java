package io.cumulo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every CLI test that writes a real report or real plots: {@code --report} and {@code --plots} on cluster, choose-k,
 * reduce, profile and evaluate, and {@code cumulo demo}. The charts themselves are tested on the {@code Report}
 * objects in cumulo-report; here, that the files are there and hold what the command made.
 */
class ReportCliTest {
    @TempDir
    Path dir;

    private static void ok(Cli.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    private static void hasPlots(Path plots, String... charts) {
        for (String c : charts) {
            for (String ext : List.of(".png", ".svg")) {
                assertTrue(Files.isRegularFile(plots.resolve(c + ext)), c + ext + " in " + plots);
            }
        }
    }

    @Test
    void demoWritesItsFilesAndMayRepeat() throws Exception {
        Path out = dir.resolve("demo");
        for (int run = 0; run < 2; run++) {
            Cli.Result r = Cli.run("demo", "--out-dir", out.toString());
            ok(r);
            assertTrue(r.out().contains("k-means on builtin:iris: 150 rows x 4 features, standard scaling"), r.out());
            assertTrue(r.out().contains("ARI         0.6201  (against species)"), r.out());
            assertTrue(r.out().contains("silhouette  0.4599"), r.out());
        }
        for (String f : new String[] {"labels.csv", "model.json", "report.html"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        String html = Files.readString(out.resolve("report.html"));
        // the full report: the labels section is there because iris has its species
        assertTrue(html.contains("k-means on builtin:iris") && html.contains("contingency"), "demo report");
    }

    @Test
    void demoJson() {
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("demo", "--out-dir", dir.resolve("d").toString(), "--json"));
        assertEquals("kmeans", j.get("algorithm"));
        assertEquals("standard", j.get("scale"));
    }

    @Test
    void clusterWritesReportAndPlots() throws Exception {
        Path out = dir.resolve("labels.csv");
        Path report = dir.resolve("report.html");
        Path plots = dir.resolve("plots");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--out", out.toString(),
                "--report", report.toString(), "--plots", plots.toString(), "--seed", "5");
        ok(r);
        assertTrue(r.out().contains("wrote " + out + ", " + report + ", " + plots), r.out());
        assertTrue(Files.readString(report).contains("k-means on builtin:iris"));
        hasPlots(plots, "scatter", "silhouette", "profile-heatmap", "box-petal-length", "contingency", "scree");
        // a second run refuses to replace the charts, then replaces them with --overwrite
        Cli.Result again = Cli.run("cluster", "builtin:iris", "--k", "3", "--plots", plots.toString());
        assertEquals(2, again.exit());
        ok(Cli.run("cluster", "builtin:iris", "--k", "3", "--plots", plots.toString(), "--overwrite"));
    }

    @Test
    void clusterReportInATsneView() throws Exception {
        Path report = dir.resolve("tsne.html");
        ok(Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--report", report.toString(),
                "--report-view", "tsne"));
        assertTrue(Files.readString(report).contains("t-SNE"));
    }

    @Test
    void chooseKWritesReportAndPlots() throws Exception {
        Path report = dir.resolve("k.html");
        Path plots = dir.resolve("k-plots");
        Cli.Result r = Cli.run("choose-k", "builtin:iris", "--k-range", "2..5", "--criteria", "elbow,silhouette,db",
                "--report", report.toString(), "--plots", plots.toString());
        ok(r);
        assertTrue(Files.readString(report).contains("Recommended k = 2"));
        hasPlots(plots, "elbow", "silhouette", "davies-bouldin");
        // an existing report is not replaced without --overwrite
        assertEquals(2, Cli.run("choose-k", "builtin:iris", "--k-range", "2..3", "--report", report.toString()).exit());
    }

    @Test
    void reduceWritesReportAndPlots() throws Exception {
        Path report = dir.resolve("pca.html");
        Path plots = dir.resolve("pca-plots");
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("reduce", "builtin:wine", "--scale", "standard",
                "--components", "3", "--report", report.toString(), "--plots", plots.toString(), "--json"));
        assertEquals(report.toString(), j.get("report"));
        assertTrue(Files.readString(report).contains("PCA of builtin:wine"));
        hasPlots(plots, "map", "scree", "loadings");
    }

    @Test
    void profileWritesReportAndPlots() throws Exception {
        Path model = dir.resolve("model.json");
        ok(Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--model", model.toString()));
        Path report = dir.resolve("profile.html");
        Path plots = dir.resolve("profile-plots");
        ok(Cli.run("profile", "builtin:iris", "--model", model.toString(), "--report", report.toString(), "--plots",
                plots.toString()));
        assertTrue(Files.readString(report).contains("Cluster profiles of builtin:iris"));
        hasPlots(plots, "profile-heatmap", "box-sepal-length");
    }

    @Test
    void evaluateWritesReportAndPlots() throws Exception {
        Path labels = dir.resolve("labels.csv");
        ok(Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--out", labels.toString()));
        Path report = dir.resolve("evaluate.html");
        Path plots = dir.resolve("evaluate-plots");
        ok(Cli.run("evaluate", "--labels", labels.toString(), "--truth", "builtin:iris", "--data", "builtin:iris",
                "--scale", "standard", "--report", report.toString(), "--plots", plots.toString()));
        assertTrue(Files.readString(report).contains("ARI"));
        hasPlots(plots, "contingency");
    }

    /** The maps' defaults need more rows than a small input has: they are scaled down, and the note says so. */
    @Test
    void smallInputsGetAScaledDownMapOrAClearError() throws Exception {
        Path data = dir.resolve("tiny.csv");
        Files.writeString(data, "a,b\n1,2\n1.1,2.1\n5,6\n5.2,6.1\n9,9\n");
        for (String view : List.of("tsne", "umap")) {
            Path report = dir.resolve(view + ".html");
            ok(Cli.run("cluster", data.toString(), "--k", "2", "--report", report.toString(), "--report-view", view));
            String html = Files.readString(report);
            assertTrue(html.contains(view.equals("tsne") ? "Perplexity 1.3333 (the default 30 needs more than 5 rows)"
                    : "4 neighbours (the default 15 needs more than 5 rows)"), view);
        }
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "a,b\n1,2\n1.1,2.1\n5,6\n");
        Path report = dir.resolve("three.html");
        Cli.Result r = Cli.run("cluster", three.toString(), "--k", "2", "--report", report.toString(),
                "--report-view", "tsne");
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --report-view tsne: " + three + ": t-SNE needs at least 4 rows, got 3"
                + " (--report-view pca works on any input)", r.err().strip());
        assertTrue(!Files.exists(report), "no report written");
    }
}

package io.cumulo.cli;

import io.cumulo.report.ReportBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reports the CLI writes, opened in headless Debian Chromium (the acceptance test): the demo's iris report
 * and a choose-k report. No console error, nothing fetched, every expected chart drawn with the number of points and
 * traces its data gives (150 iris rows, 3 clusters, 7 values of k), and a screenshot that is not blank (kept under
 * {@code target/browser/} for a look).
 */
class ReportBrowserCliTest {
    private static ReportBrowser browser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        browser = ReportBrowser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path shots() throws Exception {
        return Files.createDirectories(Path.of("target", "browser"));
    }

    private static void clean(ReportBrowser.Page page) {
        assertEquals(List.of(), page.consoleErrors(), "console errors");
        assertEquals(List.of(), page.reportErrors(), "charts that failed");
        assertEquals(List.of(), page.networkResources(), "resources loaded from the network");
        assertEquals(page.chartIds().size(), page.chartsDrawn(), "every chart drawn");
    }

    @Test
    void demoReportOfIris() throws Exception {
        Path out = dir.resolve("demo");
        Cli.Result r = Cli.run("demo", "--out-dir", out.toString());
        assertEquals(0, r.exit(), r.err());
        ReportBrowser.Page page = browser.open(out.resolve("report.html"));
        clean(page);
        assertEquals(List.of("scatter", "silhouette", "profile-heatmap", "box-sepal-length", "box-sepal-width",
                "box-petal-length", "box-petal-width", "contingency", "scree"), page.chartIds());
        // 150 rows in 3 cluster traces, plus the 3 centres
        assertEquals(150 + 3, page.pointCount("scatter"));
        assertTrue(page.traceCount("scatter") >= 4, "3 clusters + centres: " + page.traceTypes("scatter"));
        // one silhouette bar per row, one filled trace per cluster, the mean as a reference line
        assertEquals(150, page.pointCount("silhouette"));
        assertEquals(3, page.traceCount("silhouette"));
        assertEquals(1, page.shapeCount("silhouette"));
        assertEquals(List.of("heatmap"), page.traceTypes("profile-heatmap"));
        assertEquals(List.of("box", "box", "box"), page.traceTypes("box-petal-length"));
        assertEquals(List.of("heatmap"), page.traceTypes("contingency"));
        assertEquals("bar", page.traceTypes("scree").get(0));
        assertEquals(4 + 4, page.pointCount("scree") + 4, "4 components: 4 bars and a 4-point cumulative line");
        assertTrue(page.drawnTitle("scatter").contains("principal components"), page.drawnTitle("scatter"));
        ReportBrowser.Screenshot shot = page.screenshot(shots().resolve("demo-report.png"));
        assertTrue(shot.shows(50, 0.02), "blank screenshot: " + shot);
        ReportBrowser.Screenshot scatter = page.screenshotChart("scatter", shots().resolve("demo-scatter.png"));
        assertTrue(scatter.shows(8, 0.02), "blank scatter: " + scatter);
    }

    @Test
    void chooseKReport() throws Exception {
        Path report = dir.resolve("choose-k.html");
        Cli.Result r = Cli.run("choose-k", "builtin:iris", "--scale", "standard", "--k-range", "2..8",
                "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        ReportBrowser.Page page = browser.open(report);
        clean(page);
        assertEquals(List.of("elbow", "silhouette", "calinski-harabasz", "davies-bouldin", "gap", "bic"),
                page.chartIds());
        // 7 values of k, the knee marked by one more point and a reference line
        assertEquals(7 + 1, page.pointCount("elbow"));
        assertEquals(1, page.shapeCount("elbow"));
        for (String c : List.of("silhouette", "calinski-harabasz", "davies-bouldin", "bic")) {
            assertEquals(7 + 1, page.pointCount(c), c);
            assertEquals(1, page.shapeCount(c), c);
        }
        // the gap with its ± s_k band
        assertEquals(3 * 7 + 1, page.pointCount("gap"));
        ReportBrowser.Screenshot shot = page.screenshot(shots().resolve("choose-k-report.png"));
        assertTrue(shot.shows(30, 0.02), "blank screenshot: " + shot);
    }
}

package io.cumulo.cli;

import io.cumulo.report.ReportBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of {@code cumulo cluster --algorithm hdbscan}, opened in headless Chromium: the condensed tree (filled
 * polygons on a reversed λ axis) and the scatter shaded by membership strength (per-point marker opacities in WebGL)
 * are drawn without a console error, with the expected traces, and the chart is not blank.
 */
class HDBSCANReportBrowserTest {
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

    @Test
    void condensedTreeAndShadedScatter() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 3000; i++) {
            int c = rng.nextInt(4);
            boolean noise = rng.nextDouble() < 0.05;
            double x = noise ? rng.nextDouble() * 40 - 10 : (c % 2) * 15 + rng.nextGaussian();
            double y = noise ? rng.nextDouble() * 40 - 10 : (c / 2) * 15 + rng.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f%n", x, y));
        }
        Path in = dir.resolve("blobs.csv");
        Files.writeString(in, csv);
        Path report = dir.resolve("hdbscan.html");
        Cli.Result r = Cli.run("cluster", in.toString(), "--algorithm", "hdbscan", "--param", "min-cluster-size=30",
                "--param", "min-samples=10", "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        ReportBrowser.Page page = browser.open(report);
        assertEquals(List.of(), page.consoleErrors(), "console errors");
        assertEquals(List.of(), page.reportErrors(), "charts that failed");
        assertEquals(List.of(), page.networkResources());
        assertEquals(page.chartIds().size(), page.chartsDrawn(), "every chart drawn");
        assertEquals("condensed-tree", page.chartIds().get(0));
        assertTrue(page.isDrawn("condensed-tree"));
        assertTrue(page.traceTypes("condensed-tree").stream().allMatch(t -> t.equals("scatter")),
                page.traceTypes("condensed-tree").toString());
        assertTrue(page.traceCount("condensed-tree") >= 2, "selected clusters and the grey ones");
        Object fill = page.eval("return document.getElementById('chart-condensed-tree').data[0].fill");
        assertEquals("toself", fill);
        Object range = page.eval("return document.getElementById('chart-condensed-tree').layout.yaxis.range[1]");
        assertEquals(0.0, ((Number) range).doubleValue(), 0, "λ = 0 at the top");
        Object opacity = page.eval("var d = document.getElementById('chart-scatter').data;"
                + " for (var i = 0; i < d.length; i++) { if (d[i].marker && Array.isArray(d[i].marker.opacity))"
                + " return d[i].marker.opacity.length; } return 0;");
        assertTrue(((Number) opacity).intValue() > 100, "a shaded cluster trace: " + opacity);
        Path shots = Files.createDirectories(Path.of("target", "browser"));
        ReportBrowser.Screenshot tree = page.screenshotChart("condensed-tree", shots.resolve("hdbscan-tree.png"));
        assertTrue(tree.shows(8, 0.05), "blank condensed tree: " + tree);
    }
}

package io.cumulo.report;

import io.cumulo.json.Json;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The written page in a real browser (headless Debian Chromium): it unpacks plotly.js from itself, draws every
 * chart with the expected traces and points, logs no error, fetches nothing, and a chart that fails does not stop
 * the others. Screenshots are saved under {@code target/browser/}.
 */
class HtmlReportBrowserTest {
    private static final Path OUT = Path.of("target", "browser");
    private static final int BIG = 3000;

    private static ReportBrowser browser;
    private static Report report;
    private static String html;

    @BeforeAll
    static void start() throws IOException {
        browser = ReportBrowser.start();
        report = SampleReports.everything(BIG);
        html = HtmlReportWriter.html(report);
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static Path page(String name, String content) throws IOException {
        Path file = OUT.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Traces Plotly holds for a chart: one per scatter, bar and heatmap, one per box; rules are shapes. */
    private static int expectedTraces(Chart chart) {
        int n = 0;
        for (Trace t : chart.traces()) {
            if (t instanceof Trace.Boxes b) {
                n += b.boxes().size();
            } else if (!(t instanceof Trace.Rule)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyChartIsDrawnWithoutErrorsOrNetwork() throws IOException {
        ReportBrowser.Page p = browser.open(page("everything.html", html));
        assertEquals(List.of(), p.consoleErrors(), () -> String.join("\n", p.consoleMessages()));
        assertEquals(List.of(), p.reportErrors());
        List<Chart> charts = report.charts();
        assertEquals(charts.stream().map(Chart::id).toList(), p.chartIds());
        assertEquals(charts.size(), p.chartsDrawn());
        for (Chart c : charts) {
            assertTrue(p.isDrawn(c.id()), c.id() + " not drawn");
            assertEquals(expectedTraces(c), p.traceCount(c.id()), c.id());
            assertEquals(c.scatterPoints(), p.pointCount(c.id()), c.id());
            long rules = c.traces().stream().filter(t -> t instanceof Trace.Rule).count();
            assertEquals(rules, p.shapeCount(c.id()), c.id());
        }
        assertTrue(p.webgl());
        assertEquals(List.of("scattergl"), p.traceTypes("big"));
        assertEquals(BIG, p.pointCount("big"));
        assertEquals(List.of("box", "box", "box"), p.traceTypes("boxes"));
        assertEquals(List.of("heatmap"), p.traceTypes("contingency"));
        // the escaped title reads as the original text, not as markup
        assertEquals(SampleReports.NASTY, p.drawnTitle("nasty"));
        assertEquals(SampleReports.NASTY, p.text("h1"));
        assertEquals(List.of(), p.networkResources());
        assertEquals(PlotlyBundle.VERSION, p.eval("return window.Plotly && Plotly.version;"));
        assertEquals("true", p.eval("return document.body.getAttribute('data-ready');"));

        ReportBrowser.Screenshot top = p.screenshot(OUT.resolve("everything-top.png"));
        assertTrue(top.shows(50, 0.03), top.toString());
        ReportBrowser.Screenshot scatter = p.screenshotChart("clusters", OUT.resolve("everything-clusters.png"));
        assertTrue(scatter.shows(100, 0.02), scatter.toString());
        ReportBrowser.Screenshot gl = p.screenshotChart("big", OUT.resolve("everything-webgl.png"));
        assertTrue(gl.shows(20, 0.03), gl.toString());
        ReportBrowser.Screenshot heat = p.screenshotChart("profile", OUT.resolve("everything-profile.png"));
        assertTrue(heat.shows(50, 0.2), heat.toString());
    }

    /** The bundle defines exactly {@link PlotlyBundle#TRACE_TYPES} and draws the ones no report uses yet. */
    @Test
    @SuppressWarnings("unchecked")
    void theBundleDefinesEveryTraceTypeItShouldAndDrawsThem() throws IOException {
        ReportBrowser.Page p = browser.open(page("everything.html", html));
        List<String> defined = (List<String>) p.eval("return Object.keys(Plotly.PlotSchema.get().traces).sort();");
        assertEquals(PlotlyBundle.TRACE_TYPES.stream().sorted().toList(), defined);
        Map<String, Object> drawn = (Map<String, Object>) Json.parse((String) p.eval("""
                var figs = {
                  histogram: [{type: 'histogram', x: [1, 2, 2, 3, 3, 3]}],
                  contour: [{type: 'contour', z: [[1, 2, 3], [2, 4, 6], [3, 6, 9]]}],
                  icicle: [{type: 'icicle', labels: ['all', 'a', 'b'], parents: ['', 'all', 'all'], values: [0, 1, 2]}]
                };
                var out = {};
                Object.keys(figs).forEach(function (t) {
                  var d = document.createElement('div');
                  d.style.width = '400px';
                  d.style.height = '300px';
                  document.body.appendChild(d);
                  Plotly.newPlot(d, figs[t], {});
                  var f = d._fullData && d._fullData[0];
                  out[t] = !!(f && f.type === t && f.visible === true && d.querySelector('svg.main-svg'));
                });
                return JSON.stringify(out);"""));
        assertEquals(Map.of("histogram", true, "contour", true, "icicle", true), drawn);
        assertEquals(List.of(), p.consoleErrors(), () -> String.join("\n", p.consoleMessages()));
    }

    @Test
    void aBrokenChartDoesNotStopTheOthers() throws IOException {
        String broken = html.replaceFirst("(<script type=\"application/json\" id=\"fig-elbow\">)\\{",
                "$1{this is not json");
        ReportBrowser.Page p = browser.open(page("broken.html", broken));
        List<String> errors = p.reportErrors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("chart elbow: "), errors.get(0));
        assertEquals(report.charts().size() - 1, p.chartsDrawn());
        assertTrue(p.isDrawn("criterion"));
        assertTrue(p.isDrawn("nasty"));
        assertTrue(p.text("#chart-elbow .chart-error").startsWith("This chart could not be drawn (chart elbow: "));
    }

    @Test
    void aBrowserWithoutDecompressionStreamSaysWhy() throws IOException {
        String old = html.replace("<head>\n", "<head>\n<script>window.DecompressionStream = undefined;</script>\n");
        ReportBrowser.Page p = browser.open(page("old-browser.html", old));
        assertEquals(0, p.chartsDrawn());
        assertEquals(1, p.reportErrors().size());
        String banner = p.text("#cumulo-status");
        assertTrue(banner.contains("lacks DecompressionStream"), banner);
        assertTrue(p.text("#chart-clusters .chart-error").startsWith("Chart not drawn: "));
    }

    @Test
    void withoutWebGlTheLargeScatterIsDrawnAsSvg() throws IOException {
        String noGl = html.replace("<head>\n", "<head>\n<script>(function () { var get = HTMLCanvasElement.prototype.getContext;"
                + " HTMLCanvasElement.prototype.getContext = function (kind) {"
                + " return /webgl/.test(kind) ? null : get.apply(this, arguments); }; })();</script>\n");
        ReportBrowser.Page p = browser.open(page("no-webgl.html", noGl));
        assertEquals(List.of(), p.reportErrors());
        assertEquals(List.of(), p.consoleErrors());
        assertEquals(false, p.webgl());
        assertEquals(List.of("scatter"), p.traceTypes("big"));
        assertEquals(BIG, p.pointCount("big"));
        assertEquals(report.charts().size(), p.chartsDrawn());
    }
}

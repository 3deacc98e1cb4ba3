package io.cumulo.report;

import io.cumulo.CumuloException;
import io.cumulo.json.Json;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's structure, without a browser: escaping, well-formed figure JSON, every chart present, the inlined library. */
class HtmlReportWriterTest {
    private static final Pattern FIGURE = Pattern.compile(
            "<script type=\"application/json\" id=\"fig-([a-z0-9-]+)\">(.*?)</script>", Pattern.DOTALL);

    private static Report report;
    private static String html;
    private static Map<String, Map<String, Object>> figures;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void render() {
        report = SampleReports.everything(500);
        html = HtmlReportWriter.html(report);
        figures = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            figures.put(m.group(1), (Map<String, Object>) Json.parse(m.group(2)));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(String id) {
        return (List<Map<String, Object>>) (List<?>) figures.get(id).get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> layout(String id) {
        return (Map<String, Object>) figures.get(id).get("layout");
    }

    @Test
    void everyChartHasItsDivAndFigureInPageOrder() {
        List<String> ids = report.charts().stream().map(Chart::id).toList();
        assertEquals(ids, new ArrayList<>(figures.keySet()));
        for (String id : ids) {
            assertTrue(html.contains("<div class=\"cumulo-chart\" id=\"chart-" + id + "\" data-chart-id=\"" + id + "\""), id);
        }
    }

    @Test
    void textIsEscapedEverywhere() {
        String escaped = HtmlReportWriter.escape(SampleReports.NASTY);
        assertEquals("Tom &amp; Jerry &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;quoted&#39; &lt;/script&gt;&lt;!--", escaped);
        assertTrue(html.contains("<title>" + escaped + " · Cumulo report</title>"));
        assertTrue(html.contains("<h1>" + escaped + "</h1>"));
        assertTrue(html.contains("<p>" + escaped + "</p>"));
        assertTrue(html.contains("<figcaption>" + escaped + "</figcaption>"));
        assertTrue(html.contains("<td>algorithm</td><td>k-means, k = 3 &lt;best&gt;</td>"));
        assertTrue(html.contains("<td>scaling &quot;standard&quot;</td><td>z-score &amp; clip</td>"));
        assertFalse(html.contains("<script>alert"));
        // the only script blocks are the figures, the library and the loader
        int scripts = html.split("<script", -1).length - 1;
        assertEquals(figures.size() + 2, scripts);
        assertEquals(scripts, html.split("</script>", -1).length - 1);
    }

    @Test
    void figureJsonCannotCloseItsScriptBlock() {
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            assertFalse(m.group(2).contains("<"), "a '<' inside figure " + m.group(1));
        }
        // Plotly reads a small HTML subset: texts arrive as entities, line breaks as <br>
        Map<String, Object> title = (Map<String, Object>) layout("nasty").get("title");
        assertEquals("Tom &amp; Jerry &lt;script&gt;alert(\"x\")&lt;/script&gt; 'quoted' &lt;/script&gt;&lt;!--", title.get("text"));
        assertEquals("a &lt;b&gt; &amp; c", data("nasty").get(0).get("name"));
        assertEquals(List.of("&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt;", "x &amp; y"), data("nasty").get(0).get("hovertext"));
        List<?> hover = (List<?>) data("clusters").get(0).get("hovertext");
        assertEquals("row 1<br>sepal_length = 5<br>note: a &lt; b &amp; c", hover.get(0));
    }

    @Test
    void nonFiniteNumbersAreNull() {
        Map<String, Object> t = data("nasty").get(0);
        assertEquals(Arrays.asList(1L, 2L, null), t.get("x"));
        assertEquals(Arrays.asList(3L, null, 5L), t.get("y"));
        List<?> z = (List<?>) data("profile").get(0).get("z");
        assertNull(((List<?>) z.get(1)).get(3));
    }

    @Test
    void tracesMapToPlotlyTypes() {
        assertEquals(List.of("scatter", "scatter", "scatter", "scatter"), types("clusters"));
        assertEquals(List.of("scattergl"), types("big"));
        assertEquals(List.of("scatter"), types("elbow"));
        assertEquals(List.of("bar"), types("criterion"));
        assertEquals(List.of("heatmap"), types("profile"));
        assertEquals(List.of("box", "box", "box"), types("boxes"));
        Map<String, Object> centres = data("clusters").get(3);
        Map<?, ?> marker = (Map<?, ?>) centres.get("marker");
        assertEquals("star", marker.get("symbol"));
        assertEquals("#000000", ((Map<?, ?>) marker.get("line")).get("color"));
        assertEquals("text", centres.get("hoverinfo"));
        assertEquals("lines+markers", data("elbow").get(0).get("mode"));
        assertEquals("tozerox", data("silhouette").get(0).get("fill"));
        Map<String, Object> heat = data("profile").get(0);
        assertEquals(0L, heat.get("zmid"));
        assertEquals("%{text}", heat.get("texttemplate"));
        assertEquals("SMD", ((Map<?, ?>) ((Map<?, ?>) heat.get("colorbar")).get("title")).get("text"));
        assertFalse(data("contingency").get(0).containsKey("zmid"));
        Map<String, Object> box = data("boxes").get(1);
        assertEquals(List.of(4L), box.get("q1"));
        assertEquals(List.of(4.35), box.get("median"));
        assertEquals(List.of(5.1), box.get("upperfence"));
        assertEquals(List.of(3L), box.get("lowerfence"));
        assertEquals(List.of(4.26), box.get("mean"));
        assertEquals(List.of(1L), box.get("x"));
        assertEquals("cluster 1 (n = 50)", box.get("name"));
    }

    private static List<Object> types(String id) {
        return data(id).stream().map(t -> t.get("type")).toList();
    }

    @Test
    void rulesAreShapesWithLabels() {
        List<?> shapes = (List<?>) layout("elbow").get("shapes");
        assertEquals(1, shapes.size());
        Map<?, ?> knee = (Map<?, ?>) shapes.get(0);
        assertEquals("x", knee.get("xref"));
        assertEquals("paper", knee.get("yref"));
        assertEquals(3L, knee.get("x0"));
        assertEquals("dash", ((Map<?, ?>) knee.get("line")).get("dash"));
        assertEquals("knee at k = 3", ((Map<?, ?>) ((List<?>) layout("elbow").get("annotations")).get(0)).get("text"));
        Map<?, ?> horizontal = (Map<?, ?>) ((List<?>) layout("criterion").get("shapes")).get(0);
        assertEquals("paper", horizontal.get("xref"));
        assertEquals(0.5, horizontal.get("y0"));
        assertEquals("solid", ((Map<?, ?>) horizontal.get("line")).get("dash"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void axesCarryTitlesTicksAndRanges() {
        Map<String, Object> x = (Map<String, Object>) layout("elbow").get("xaxis");
        assertEquals("k", ((Map<?, ?>) x.get("title")).get("text"));
        assertEquals(1L, x.get("dtick"));
        Map<String, Object> cat = (Map<String, Object>) layout("criterion").get("xaxis");
        assertEquals(List.of(0L, 1L, 2L, 3L), cat.get("tickvals"));
        assertEquals(List.of("2", "3", "4", "5"), cat.get("ticktext"));
        assertEquals(List.of(-0.5, 3.5), cat.get("range"));
        assertEquals(List.of(0L, 1L, 2L, 3L), data("criterion").get(0).get("x"));
        assertEquals("log", ((Map<?, ?>) layout("logline").get("yaxis")).get("type"));
        assertEquals(List.of(-0.2, 1L), ((Map<?, ?>) layout("silhouette").get("xaxis")).get("range"));
        // a matrix reads top-down
        assertEquals(List.of(2.5, -0.5), ((Map<?, ?>) layout("profile").get("yaxis")).get("range"));
        assertEquals(true, layout("clusters").get("showlegend"));
        assertEquals(false, layout("big").get("showlegend"));
        assertEquals(false, layout("profile").get("showlegend"));
        assertEquals("x &lt;units&gt; &amp; \"more\"", ((Map<?, ?>) ((Map<?, ?>) layout("nasty").get("xaxis")).get("title")).get("text"));
    }

    @Test
    void layoutOfSectionsAndBlocks() {
        assertTrue(html.contains("<nav class=\"toc\""));
        for (Report.Section s : report.sections()) {
            assertTrue(html.contains("<li><a href=\"#" + s.id() + "\">"), s.id());
            assertTrue(html.contains("<h2 id=\"" + s.id() + "\">"), s.id());
        }
        assertTrue(html.contains("<p class=\"muted\">Fit time depends on the machine.</p>"));
        assertTrue(html.contains("<div class=\"charts multi\" style=\"--cols:2\">"));
        assertTrue(html.contains("<table id=\"sizes\">"));
        assertTrue(html.contains("<span class=\"swatch\" style=\"background:#0072B2\"></span>0</td>"));
        // a swatch that is not a plain colour is dropped, not pasted into the style attribute
        assertFalse(html.contains("url(x)"));
        assertTrue(html.contains("<td class=\"t\">2 &lt;b&gt;</td>"), "a column with words in it is left-aligned");
        assertTrue(html.contains("Made by Cumulo " + io.cumulo.Version.get()));
    }

    @Test
    void nothingOnThePagePointsAtTheNetwork() {
        String page = html.replace(PlotlyBundle.gzipBase64(), "");
        assertFalse(page.contains("http://"));
        assertFalse(page.contains("https://"));
        assertFalse(page.contains("src=\""));
        assertTrue(page.contains("Content-Security-Policy\" content=\"default-src 'none';"));
    }

    @Test
    void inlinedLibraryIsTheVendoredBundle() throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/octet-stream\" id=\"cumulo-plotly\" data-encoding=\"gzip\\+base64\">([A-Za-z0-9+/=]+)</script>").matcher(html);
        assertTrue(m.find());
        byte[] packed = Base64.getDecoder().decode(m.group(1));
        assertArrayEquals(PlotlyBundle.gzipped(), packed);
        byte[] js;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            js = in.readAllBytes();
        }
        assertArrayEquals(PlotlyBundle.script(), js);
        assertTrue(new String(js, 0, 200, StandardCharsets.UTF_8).contains("plotly.js v" + PlotlyBundle.VERSION));
        // the compressed copy is what makes the page small: about a third of the library
        assertTrue(packed.length < js.length / 2, packed.length + " bytes");
    }

    @Test
    void aReportWithoutChartsCarriesNoLibrary() {
        String page = HtmlReportWriter.html(new Report("t", null, List.of(new Report.Section("a", "A",
                List.of(new Report.Block.Text("only text", false))))));
        assertFalse(page.contains("cumulo-plotly\""));
        assertTrue(page.length() < 20_000);
        assertFalse(page.contains("<nav"));
    }

    @Test
    void numbersAreCompact() {
        StringBuilder sb = new StringBuilder();
        new JsonOut(sb).numbers(new double[] {3, -0.0, 0.1, 1.0 / 3, 1e-300, 2.5e40, Double.NaN, 123456789.123});
        assertEquals("[3,0,0.1,0.33333334,1.0E-300,2.5E40,null,1.23456792E8]", sb.toString());
        assertEquals(List.of(3L, 0L, 0.1, 0.33333334, 1.0E-300, 2.5E40), ((List<?>) Json.parse(sb.toString())).subList(0, 6));
        assertEquals("0.3333", PlotlyFigure.shortNumber(1.0 / 3));
        assertEquals("150", PlotlyFigure.shortNumber(150));
        assertEquals("2.5", PlotlyFigure.shortNumber(2.5));
    }

    @Test
    void writeNamesTheFileItCannotWrite(@TempDir Path dir) throws IOException {
        Report small = new Report("t", null, List.of(new Report.Section("a", "A", List.of(Report.Block.Charts.of(
                new Chart("c", "c", Axis.linear("x"), Axis.linear("y"), List.of(Trace.Scatter.line(null,
                        new double[] {1, 2}, new double[] {1, 2}, "#000000"))))))));
        Path file = dir.resolve("r.html");
        HtmlReportWriter.write(small, file);
        assertTrue(Files.readString(file).contains("id=\"chart-c\""));
        Path missing = dir.resolve("no/such/dir/r.html");
        CumuloException e = assertThrows(CumuloException.class, () -> HtmlReportWriter.write(small, missing));
        assertEquals("cannot write the report " + missing + ": its directory does not exist", e.getMessage());
    }

    @Test
    void duplicateIdsAreRefused() {
        Chart c = new Chart("elbow", "c", Axis.linear("x"), Axis.linear("y"), List.of());
        Report twice = new Report("t", null, List.of(new Report.Section("a", "A", List.of(Report.Block.Charts.of(c))),
                new Report.Section("b", "B", List.of(Report.Block.Charts.of(c)))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HtmlReportWriter.html(twice));
        assertEquals("the report's chart 'elbow' needs the page id 'chart-elbow', which another element already has:"
                + " ids must be unique within a report", e.getMessage());
        Report clash = new Report("t", null, List.of(new Report.Section("chart-elbow", "A", List.of(Report.Block.Charts.of(c)))));
        assertThrows(IllegalArgumentException.class, () -> HtmlReportWriter.html(clash));
    }

    @Test
    @SuppressWarnings("unchecked")
    void horizontalBarsOnANumericAxisSitAtOneToN() {
        Chart c = new Chart("scree", "Scree", Axis.linear("explained variance"), Axis.integer("component"),
                List.of(new Trace.Bars("ratio", new double[] {0.7, 0.2, 0.1}, "#0072B2", true)));
        String page = HtmlReportWriter.html(new Report("t", null, List.of(new Report.Section("a", "A",
                List.of(Report.Block.Charts.of(c))))));
        Matcher m = FIGURE.matcher(page);
        assertTrue(m.find());
        Map<String, Object> fig = (Map<String, Object>) Json.parse(m.group(2));
        Map<String, Object> bar = ((List<Map<String, Object>>) fig.get("data")).get(0);
        assertEquals("h", bar.get("orientation"));
        assertEquals(List.of(1L, 2L, 3L), bar.get("y"));
        assertEquals(List.of(0.7, 0.2, 0.1), bar.get("x"));
        assertFalse(bar.containsKey("hovertext"));
        Map<String, Object> y = (Map<String, Object>) ((Map<String, Object>) fig.get("layout")).get("yaxis");
        assertEquals(1L, y.get("dtick"));
        // one named trace: the title names it, no legend
        assertEquals(false, ((Map<String, Object>) fig.get("layout")).get("showlegend"));
    }
}

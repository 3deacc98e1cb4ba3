package io.cumulo.report;

import io.cumulo.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vendored plotly.js bundle (tools/plotly/build-bundle.sh): it is the file the build script recorded, it
 * registers every trace type the reports use, and its licences ship with it. That the browser runs it and knows
 * those types is HtmlReportBrowserTest's part.
 */
class PlotlyBundleTest {
    private static final String SCRIPT = new String(PlotlyBundle.script(), StandardCharsets.UTF_8);

    @Test
    void theResourceIsTheRecordedBuild() throws NoSuchAlgorithmException {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PlotlyBundle.script()));
        assertEquals(PlotlyBundle.SCRIPT_SHA256, sha, "the vendored " + PlotlyBundle.RESOURCE + " is not the bundle "
                + "tools/plotly/build-bundle.sh recorded: rebuild it with that script, never by hand");
        assertTrue(SCRIPT.startsWith("/*! plotly.js v" + PlotlyBundle.VERSION + ", partial bundle"), SCRIPT.substring(0, 100));
        // it defines window.Plotly however it is run (classic script or function body)
        assertTrue(SCRIPT.contains("var Plotly="));
        assertTrue(SCRIPT.stripTrailing().endsWith("window.Plotly=Plotly;"));
    }

    @Test
    void theBundleRegistersEveryTraceTypeTheReportsUse() {
        // each trace module of plotly.js is an object literal {moduleType:"trace",name:"TYPE",...} (minified)
        Set<String> registered = new TreeSet<>();
        Matcher m = Pattern.compile("moduleType:\"trace\",name:\"(\\w+)\"").matcher(SCRIPT);
        while (m.find()) {
            registered.add(m.group(1));
        }
        assertEquals(new TreeSet<>(PlotlyBundle.TRACE_TYPES), registered);
        // and the header names them
        Matcher header = Pattern.compile("\\(traces: ([a-z0-9, ]+)\\)").matcher(SCRIPT.substring(0, 400));
        assertTrue(header.find(), SCRIPT.substring(0, 400));
        assertEquals(new TreeSet<>(PlotlyBundle.TRACE_TYPES), new TreeSet<>(List.of(header.group(1).split(", "))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFiguresUseNoTraceTypeOutsideTheBundle() {
        // the sample report has every block and trace type of the model, the large (WebGL) scatter included
        String html = HtmlReportWriter.html(SampleReports.everything(3000));
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"fig-[a-z0-9-]+\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        Set<String> used = new TreeSet<>();
        while (m.find()) {
            for (Object trace : (List<Object>) ((Map<String, Object>) Json.parse(m.group(1))).get("data")) {
                used.add((String) ((Map<String, Object>) trace).get("type"));
            }
        }
        assertEquals(Set.of("scatter", "scattergl", "bar", "heatmap", "box"), used);
        assertTrue(PlotlyBundle.TRACE_TYPES.containsAll(used), used.toString());
    }

    @Test
    void theLicencesShipWithTheBundle() {
        String licences = new String(PlotlyBundle.read(PlotlyBundle.LICENCES), StandardCharsets.UTF_8);
        assertTrue(licences.contains("plotly.js " + PlotlyBundle.VERSION + " (MIT)"), licences.substring(0, 300));
        assertTrue(licences.contains("Permission is hereby granted, free of charge"));
        assertTrue(licences.contains("@plotly/d3 "));
    }
}

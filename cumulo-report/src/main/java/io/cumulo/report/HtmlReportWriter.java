package io.cumulo.report;

import io.cumulo.CumuloException;
import io.cumulo.Version;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link Report} as one self-contained interactive HTML file: the text, tables and key facts as plain
 * HTML (readable without script), and every chart drawn by plotly.js, which is inlined gzipped (see
 * {@link PlotlyBundle}) and unpacked by the browser. Nothing is fetched when the page is opened: a
 * Content-Security-Policy forbids every network request, so a regression shows up as a blocked request in the
 * console instead of a silent fetch.
 *
 * <p>Each chart is a {@code <div class="cumulo-chart" id="chart-ID" data-chart-id="ID">} followed by its Plotly
 * figure as JSON in {@code <script type="application/json" id="fig-ID">}. The page script draws the charts in
 * page order; a chart that fails shows a message in its place and the others are still drawn. When all are
 * done it sets {@code window.cumuloReport = {ready: true, charts, total, errors, unpackedMs, plotlyMs, readyMs}} and
 * {@code data-ready="true"} on {@code <body>}, which tests and benchmarks wait for ({@code charts}: how many were
 * drawn, of {@code total}; {@code errors}: one message per chart that failed; {@code unpackedMs},
 * {@code plotlyMs} and {@code readyMs}: milliseconds from the start of navigation until plotly.js was unpacked,
 * until it was loaded, and until the last chart was drawn; {@code webgl}: whether WebGL was available, null when
 * no chart needed it; without it the {@code scattergl} traces are drawn as SVG {@code scatter}).
 */
public final class HtmlReportWriter {
    /** Only these reach a {@code style} attribute: hex colours, or a CSS colour name or function. */
    private static final Pattern SAFE_COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]+|(rgb|rgba|hsl|hsla)\\([0-9., %]+\\)");

    /**
     * Everything the page may load comes from itself: inline script and style, the blob: URL of the unpacked
     * plotly.js, and data:/blob: images (the mode bar's PNG download). Plotly's WebGL traces generate their drawing
     * code at run time (regl), hence 'unsafe-eval'.
     */
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; "
            + "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src data: blob:; worker-src blob:";

    private static final String CSS = """
            :root{--fg:#1f2328;--muted:#656d76;--rule:#d8dee4;--soft:#f6f8fa;--accent:#0072B2}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%}
            body{margin:0;color:var(--fg);background:#fff;line-height:1.5;
            font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px}
            main{max-width:1100px;margin:0 auto;padding:1.5rem 1rem 2rem}
            h1{font-size:1.65rem;line-height:1.25;margin:.3rem 0 .2rem}
            .subtitle{color:var(--muted);margin:0 0 1rem}
            h2{font-size:1.25rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:1px solid var(--rule)}
            a{color:var(--accent)}
            nav.toc{background:var(--soft);border:1px solid var(--rule);border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
            nav.toc ol{margin:.2rem 0 0;padding-left:1.3rem;columns:2 16rem}
            nav.toc .toc-title{font-weight:600}
            p{margin:.5rem 0;white-space:pre-line}
            p.muted{color:var(--muted);font-size:.87rem}
            .table-wrap{overflow-x:auto;margin:.6rem 0 1rem}
            table{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}
            th,td{padding:.3rem .75rem;border-bottom:1px solid #e7eaee;text-align:right;vertical-align:top}
            th{background:var(--soft);font-weight:600;border-bottom:1px solid var(--rule)}
            td:first-child,th:first-child{text-align:left}
            table.kv td{text-align:left}
            td.t,th.t{text-align:left}
            table.kv td:first-child{color:var(--muted);padding-right:2rem;white-space:nowrap}
            .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.45rem;vertical-align:-.05rem;border:1px solid rgba(0,0,0,.15)}
            .charts{display:grid;gap:1rem;grid-template-columns:repeat(var(--cols,1),minmax(0,1fr));margin:.8rem 0 1.2rem}
            @media (max-width:760px){.charts{grid-template-columns:minmax(0,1fr)}}
            figure.chart{margin:0;border:1px solid var(--rule);border-radius:6px;padding:.3rem;min-width:0}
            .cumulo-chart{width:100%;height:460px}
            .charts.multi .cumulo-chart{height:330px}
            figcaption{color:var(--muted);font-size:.85rem;padding:.2rem .5rem .3rem}
            .chart-error{color:#a40e26;font-size:.9rem;padding:1rem}
            .banner{background:#fff8e6;border:1px solid #e9b949;border-radius:6px;padding:.7rem 1rem;margin:1rem 0}
            footer{max-width:1100px;margin:0 auto;padding:1rem 1rem 2rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--rule)}
            """;

    /**
     * The page script, in the head right after the packed plotly.js: it starts unpacking and loading plotly.js at
     * once, so that the browser compiles it while it is still reading the rest of the page (the figures can be
     * megabytes), and draws the charts one after another once both are done. plotly.js runs as a classic script
     * from a blob: URL (it defines {@code window.Plotly}; a blob: URL is memory, not a network request), which
     * Chromium compiles off the main thread (docs/report.md, "Opening time").
     */
    private static final String LOADER = """
            (function () {
              'use strict';
              var state = window.cumuloReport = {ready: false, charts: 0, total: 0, errors: [],
                webgl: null, unpackedMs: null, plotlyMs: null, readyMs: null};
              // the selection tools select nothing useful here, and a shorter mode bar leaves the title readable;
              // WebGL canvases at the screen's resolution: Plotly's default is twice that whatever the screen, and a
              // canvas with four times the pixels (two per chart, antialiased) is slow to create without a GPU
              var config = {displaylogo: false, responsive: true,
                plotGlPixelRatio: Math.min(2, Math.max(1, window.devicePixelRatio || 1)),
                modeBarButtonsToRemove: ['select2d', 'lasso2d', 'zoomIn2d', 'zoomOut2d', 'autoScale2d']};
              var divs = [];
              function finish() {
                state.readyMs = performance.now();
                state.ready = true;
                document.body.setAttribute('data-ready', 'true');
              }
              function explain(div, message) {
                var p = document.createElement('p');
                p.className = 'chart-error';
                p.textContent = message;
                div.style.height = 'auto';
                div.appendChild(p);
              }
              function failAll(message) {
                var banner = document.getElementById('cumulo-status');
                banner.textContent = message;
                banner.hidden = false;
                state.errors.push(message);
                divs.forEach(function (div) { explain(div, 'Chart not drawn: ' + message); });
                finish();
              }
              // Without WebGL (no GPU and no software fallback) the WebGL traces are drawn as SVG instead:
              // slower for many points, but a chart rather than a notice
              // (asked once, and only when a chart has such a trace: a WebGL context is not free)
              function webgl() {
                if (state.webgl === null) {
                  try {
                    var c = document.createElement('canvas');
                    c.width = c.height = 1;
                    var gl = c.getContext('webgl') || c.getContext('experimental-webgl');
                    var lose = gl && gl.getExtension('WEBGL_lose_context');
                    if (lose) { lose.loseContext(); }
                    state.webgl = !!gl;
                  } catch (e) {
                    state.webgl = false;
                  }
                }
                return state.webgl;
              }
              function draw(i) {
                if (i >= divs.length) { finish(); return; }
                var div = divs[i];
                var id = div.getAttribute('data-chart-id');
                var done;
                try {
                  var fig = JSON.parse(document.getElementById('fig-' + id).textContent);
                  fig.data.forEach(function (t) { if (t.type === 'scattergl' && !webgl()) { t.type = 'scatter'; } });
                  done = Promise.resolve(Plotly.newPlot(div, fig.data, fig.layout, config));
                } catch (e) {
                  done = Promise.reject(e);
                }
                done.then(function () { state.charts++; }, function (e) {
                  var message = 'chart ' + id + ': ' + (e && e.message ? e.message : String(e));
                  state.errors.push(message);
                  explain(div, 'This chart could not be drawn (' + message + ').');
                }).then(function () { draw(i + 1); });
              }
              // plotly.js: unpacked and loaded now, while the browser reads the rest of the page
              var plotly = new Promise(function (resolve, reject) {
                var packed = document.getElementById('cumulo-plotly');
                if (!packed) { resolve(); return; }
                if (typeof DecompressionStream !== 'function' || typeof atob !== 'function') {
                  reject(new Error('This browser cannot unpack the chart library built into this page (it lacks '
                    + 'DecompressionStream: use Chrome or Edge 80+, Firefox 113+ or Safari 16.4+). '
                    + 'The text and tables are complete; only the charts are missing.'));
                  return;
                }
                var fail = function (e) { reject(new Error('The chart library could not be unpacked: ' + e.message)); };
                try {
                  var text = atob(packed.textContent);
                  var bytes = new Uint8Array(text.length);
                  for (var k = 0; k < text.length; k++) { bytes[k] = text.charCodeAt(k); }
                  var js = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
                  new Response(js).blob().then(function (code) {
                    state.unpackedMs = performance.now();
                    var s = document.createElement('script');
                    s.src = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
                    s.onload = function () {
                      URL.revokeObjectURL(s.src);
                      if (typeof Plotly === 'undefined') { fail(new Error('plotly.js loaded but defined no Plotly')); return; }
                      state.plotlyMs = performance.now();
                      resolve();
                    };
                    s.onerror = function () { fail(new Error('the built-in plotly.js did not load')); };
                    document.head.appendChild(s);
                  }, fail);
                } catch (e) {
                  fail(e);
                }
              });
              plotly.catch(function () {}); // handled in start(), once the page is there to show the message
              function start() {
                divs = Array.prototype.slice.call(document.querySelectorAll('.cumulo-chart'));
                state.total = divs.length;
                if (divs.length === 0) { finish(); return; }
                plotly.then(function () { draw(0); }, function (e) { failAll(e.message); });
              }
              if (document.readyState === 'loading') {
                document.addEventListener('DOMContentLoaded', start);
              } else {
                start();
              }
            })();
            """;

    private HtmlReportWriter() {
    }

    /**
     * The whole page.
     *
     * @throws IllegalArgumentException when two elements of the page would get the same id (two charts or
     *                                  sections with one id): a fault of the code that built the report
     */
    public static String html(Report report) {
        checkIds(report);
        String plotly = PlotlyBundle.gzipBase64();
        StringBuilder sb = new StringBuilder(plotly.length() + (1 << 16));
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n");
        sb.append("<meta name=\"generator\" content=\"Cumulo ").append(escape(Version.get())).append("\">\n");
        // an empty icon, so the browser does not look for /favicon.ico
        sb.append("<link rel=\"icon\" href=\"data:,\">\n");
        sb.append("<title>").append(escape(report.title())).append(" · Cumulo report</title>\n");
        sb.append("<style>\n").append(CSS).append("</style>\n");
        // plotly.js and the page script first: plotly.js is unpacked and compiled while the browser reads the rest
        if (!report.charts().isEmpty()) {
            sb.append("<script type=\"application/octet-stream\" id=\"cumulo-plotly\" data-encoding=\"gzip+base64\">")
                    .append(plotly).append("</script>\n");
        }
        sb.append("<script>\n").append(LOADER).append("</script>\n</head>\n<body>\n<main>\n");
        sb.append("<header>\n<h1>").append(escape(report.title())).append("</h1>\n");
        if (report.subtitle() != null && !report.subtitle().isEmpty()) {
            sb.append("<p class=\"subtitle\">").append(escape(report.subtitle())).append("</p>\n");
        }
        sb.append("</header>\n");
        sb.append("<div id=\"cumulo-status\" class=\"banner\" role=\"alert\" hidden></div>\n");
        sb.append("<noscript><div class=\"banner\">The charts of this report need JavaScript; the text and tables "
                + "are complete without it.</div></noscript>\n");
        toc(sb, report.sections());
        for (Report.Section section : report.sections()) {
            section(sb, section);
        }
        sb.append("</main>\n<footer>Made by Cumulo ").append(escape(Version.get()))
                .append(". Charts drawn by plotly.js ").append(PlotlyBundle.VERSION)
                .append(" (MIT licence), built into this file: nothing is fetched from the network.</footer>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /**
     * Writes the page to {@code file} (UTF-8), replacing it if it exists.
     *
     * @throws CumuloException naming the file when it cannot be written
     */
    public static void write(Report report, Path file) {
        String page = html(report);
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CumuloException("cannot write the report " + file + ": its directory does not exist");
        } catch (IOException e) {
            throw new CumuloException("cannot write the report " + file + ": " + e.getMessage());
        }
    }

    private static void checkIds(Report report) {
        Set<String> ids = new HashSet<>(List.of("cumulo-status", "cumulo-plotly"));
        for (Report.Section s : report.sections()) {
            claim(ids, s.id(), "section '" + s.id() + "'");
            for (Report.Block b : s.blocks()) {
                if (b instanceof Report.Block.Table t && t.id() != null) {
                    claim(ids, t.id(), "table '" + t.id() + "'");
                } else if (b instanceof Report.Block.Charts c) {
                    for (Chart chart : c.charts()) {
                        claim(ids, "chart-" + chart.id(), "chart '" + chart.id() + "'");
                        claim(ids, "fig-" + chart.id(), "chart '" + chart.id() + "'");
                    }
                }
            }
        }
    }

    private static void claim(Set<String> ids, String id, String what) {
        if (!ids.add(id)) {
            throw new IllegalArgumentException("the report's " + what + " needs the page id '" + id
                    + "', which another element already has: ids must be unique within a report");
        }
    }

    private static void toc(StringBuilder sb, List<Report.Section> sections) {
        if (sections.size() < 2) {
            return;
        }
        sb.append("<nav class=\"toc\" aria-label=\"Contents\"><div class=\"toc-title\">Contents</div><ol>\n");
        for (Report.Section s : sections) {
            sb.append("<li><a href=\"#").append(s.id()).append("\">").append(escape(s.title())).append("</a></li>\n");
        }
        sb.append("</ol></nav>\n");
    }

    private static void section(StringBuilder sb, Report.Section section) {
        sb.append("<section aria-labelledby=\"").append(section.id()).append("\">\n<h2 id=\"").append(section.id())
                .append("\">").append(escape(section.title())).append("</h2>\n");
        for (Report.Block block : section.blocks()) {
            if (block instanceof Report.Block.Text t) {
                sb.append(t.muted() ? "<p class=\"muted\">" : "<p>").append(escape(t.text())).append("</p>\n");
            } else if (block instanceof Report.Block.KeyValues kv) {
                keyValues(sb, kv.entries());
            } else if (block instanceof Report.Block.Table t) {
                table(sb, t);
            } else if (block instanceof Report.Block.Charts c) {
                charts(sb, c);
            }
        }
        sb.append("</section>\n");
    }

    private static void keyValues(StringBuilder sb, Map<String, String> entries) {
        sb.append("<div class=\"table-wrap\"><table class=\"kv\">\n");
        for (Map.Entry<String, String> e : entries.entrySet()) {
            sb.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(escape(e.getValue()))
                    .append("</td></tr>\n");
        }
        sb.append("</table></div>\n");
    }

    /** A cell that reads as a number: digits with sign, separators, exponent, %, a unit of seconds, n/a or ∞. */
    private static final Pattern NUMERIC_CELL = Pattern.compile(
            "[−+-]?[0-9][0-9.,  ]*([eE][−+-]?[0-9]+)?( ?%| s)?|n/a|[−+-]?∞|");

    private static void table(StringBuilder sb, Report.Block.Table t) {
        sb.append("<div class=\"table-wrap\"><table");
        if (t.id() != null) {
            sb.append(" id=\"").append(escape(t.id())).append('"');
        }
        sb.append(">\n<thead><tr>");
        // numbers line up on the right; a column with any word in it reads better on the left
        int cols = t.header().size();
        for (List<String> row : t.rows()) {
            cols = Math.max(cols, row.size());
        }
        boolean[] text = new boolean[cols];
        for (List<String> row : t.rows()) {
            for (int c = 0; c < row.size(); c++) {
                text[c] |= !NUMERIC_CELL.matcher(row.get(c).trim()).matches();
            }
        }
        for (int c = 0; c < t.header().size(); c++) {
            sb.append(text[c] ? "<th class=\"t\">" : "<th>").append(escape(t.header().get(c))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            sb.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                sb.append(text[c] ? "<td class=\"t\">" : "<td>");
                if (c == 0 && t.swatches() != null && r < t.swatches().size()) {
                    String color = t.swatches().get(r);
                    if (color != null && SAFE_COLOR.matcher(color).matches()) {
                        sb.append("<span class=\"swatch\" style=\"background:").append(color).append("\"></span>");
                    }
                }
                sb.append(escape(row.get(c))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
    }

    private static void charts(StringBuilder sb, Report.Block.Charts block) {
        int columns = Math.min(block.columns(), block.charts().size());
        sb.append("<div class=\"charts").append(columns > 1 ? " multi" : "").append("\" style=\"--cols:")
                .append(Math.max(columns, 1)).append("\">\n");
        for (Chart chart : block.charts()) {
            sb.append("<figure class=\"chart\">\n<div class=\"cumulo-chart\" id=\"chart-").append(chart.id())
                    .append("\" data-chart-id=\"").append(chart.id()).append("\" role=\"img\" aria-label=\"")
                    .append(escape(chart.title())).append("\"></div>\n");
            sb.append("<script type=\"application/json\" id=\"fig-").append(chart.id()).append("\">");
            PlotlyFigure.write(sb, chart);
            sb.append("</script>\n");
            if (chart.note() != null && !chart.note().isEmpty()) {
                sb.append("<figcaption>").append(escape(chart.note())).append("</figcaption>\n");
            }
            sb.append("</figure>\n");
        }
        sb.append("</div>\n");
    }

    /** Text as HTML content or attribute value. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}

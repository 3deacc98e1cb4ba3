package io.cumulo.report;

import io.cumulo.report.chart.Report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How long a report takes to open: navigation start until {@code cumuloReport.ready} (every chart drawn), in
 * headless Chromium, for the two pages of the quality bar. Not a test: run it with
 * {@code bench/report-open.sh}, which prints the figures recorded in docs/benchmarks.md ("Report").
 *
 * <ul>
 *   <li>{@code 10k}: a 10,000-point WebGL scatter (5 clusters, 4-line hover texts) and 8 small charts;</li>
 *   <li>{@code 1m-sampled}: what a 1,000,000-row input becomes once the content builders sample it, a
 *       20,000-point WebGL scatter (8 clusters) with its note, and 4 small charts.</li>
 * </ul>
 * and, as a baseline, a page with plotly.js inlined as it ships (11.2 MB of script) and no chart, to show what
 * the unpacking costs. Each page is opened {@code runs} times in one browser (a fresh navigation each time, nothing cached that
 * matters: the blob: URL of plotly.js is new every time); the first run is reported on its own as well.
 *
 * <p>Usage: {@code ReportOpenBench [runs] [dir] [REPORT.html ...]} (default 5 runs, pages written to
 * {@code target/report-open}); report files given after the directory (e.g. written by {@code cumulo cluster
 * --report}) are timed the same way.
 */
public final class ReportOpenBench {
    private ReportOpenBench() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/report-open");
        Files.createDirectories(dir);
        List<Object[]> pages = List.of(
                new Object[] {"10k", SampleReports.scatterReport(10_000, 5, 8, "10,000 points")},
                new Object[] {"1m-sampled", SampleReports.scatterReport(20_000, 8, 4,
                        "20,000 of 1,000,000 rows shown, sampled with seed 42")});
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Object[] p : pages) {
            labels.add((String) p[0]);
            long t0 = System.nanoTime();
            String html = HtmlReportWriter.html((Report) p[1]);
            long t1 = System.nanoTime();
            Path file = dir.resolve("report-" + p[0] + ".html");
            Files.writeString(file, html);
            files.add(file);
            System.out.printf(Locale.ROOT, "%-11s %d charts, %.2f MB, written in %.0f ms%s%n", p[0],
                    ((Report) p[1]).charts().size(), Files.size(file) / 1e6, (t1 - t0) / 1e6,
                    files.size() == 1 ? " (includes gzipping plotly.js once)" : "");
        }
        // the baseline: plotly.js inlined as it ships (11.2 MB of script, no unpacking), no chart
        Path raw = dir.resolve("baseline-raw-plotly.html");
        Files.writeString(raw, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
                + "</head><body><script>" + new String(PlotlyBundle.original(), StandardCharsets.UTF_8)
                + "</script><script>window.cumuloReport = {ready: true, charts: 0, errors: [], unpackedMs: 0,"
                + " plotlyMs: performance.now(), readyMs: performance.now()};</script></body></html>");
        System.out.printf(Locale.ROOT, "%-11s plotly.js inlined unpacked, no chart, %.2f MB%n", "baseline", Files.size(raw) / 1e6);
        files.add(raw);
        labels.add("baseline");
        for (int a = 2; a < args.length; a++) {
            Path f = Path.of(args[a]);
            System.out.printf(Locale.ROOT, "%-11s %.2f MB%n", f.getFileName(), Files.size(f) / 1e6);
            files.add(f.toAbsolutePath());
            labels.add(f.getFileName().toString());
        }
        try (ReportBrowser browser = ReportBrowser.start()) {
            for (int i = 0; i < files.size(); i++) {
                double[] ready = new double[runs];
                double[] plotly = new double[runs];
                double[] unpacked = new double[runs];
                for (int r = 0; r < runs; r++) {
                    ReportBrowser.Page page = browser.open(files.get(i));
                    if (!page.reportErrors().isEmpty() || !page.consoleErrors().isEmpty()) {
                        throw new IllegalStateException(files.get(i) + ": " + page.reportErrors() + " " + page.consoleErrors());
                    }
                    ready[r] = page.readyMillis();
                    plotly[r] = page.plotlyMillis();
                    unpacked[r] = page.unpackedMillis();
                }
                System.out.printf(Locale.ROOT, "%-11s open to ready: median %.0f ms over %d runs (first %.0f ms, all %s);"
                                + " medians: plotly.js unpacked at %.0f ms, loaded at %.0f ms%n",
                        labels.get(i), median(ready), runs,
                        ready[0], Arrays.toString(Arrays.stream(ready).mapToLong(Math::round).toArray()), median(unpacked),
                        median(plotly));
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

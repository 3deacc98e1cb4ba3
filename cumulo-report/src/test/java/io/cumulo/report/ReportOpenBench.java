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
 *       20,000-point WebGL scatter (8 clusters) with its note, and 4 small charts;</li>
 *   <li>{@code baseline}: plotly.js inlined as a plain script (no unpacking) and no chart, to show what the
 *       unpacking costs.</li>
 * </ul>
 *
 * <p>Each run opens every page in a <em>new</em> browser with a new profile, which is what a reader gets the
 * first time: no HTTP cache, no V8 code or compilation cache, no warm renderer ("first open"). It then opens the
 * page a second time in the same browser ("reopen"): Chromium keeps compiled inline scripts in memory per
 * renderer, which helps a plain inline script but not one run from a new blob: URL. Runs go round all pages in
 * turn, so a load change on a shared machine falls on every page alike.
 *
 * <p>Usage: {@code ReportOpenBench [runs] [dir] [REPORT.html ...]} (default 5 runs, pages written to
 * {@code target/report-open}); report files given after the directory (e.g. written by {@code cumulo cluster
 * --report}) are timed the same way. Environment: {@code CUMULO_BENCH_BUILTIN=0} times only the given files;
 * {@code CUMULO_CHROMIUM_ARGS} adds browser flags (space-separated, e.g. {@code --js-flags=--no-lazy}).
 */
public final class ReportOpenBench {
    private ReportOpenBench() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/report-open");
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        if (!"0".equals(System.getenv("CUMULO_BENCH_BUILTIN"))) {
            List<Object[]> pages = List.of(
                    new Object[] {"10k", SampleReports.scatterReport(10_000, 5, 8, "10,000 points")},
                    new Object[] {"1m-sampled", SampleReports.scatterReport(20_000, 8, 4,
                            "20,000 of 1,000,000 rows shown, sampled with seed 42")});
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
                        files.size() == 1 ? " (includes reading plotly.js once)" : "");
            }
            // the baseline: plotly.js inlined as a plain script (no unpacking), no chart
            Path raw = dir.resolve("baseline-raw-plotly.html");
            Files.writeString(raw, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">"
                    + "</head><body><script>" + new String(PlotlyBundle.script(), StandardCharsets.UTF_8)
                    + "</script><script>window.cumuloReport = {ready: true, charts: 0, errors: [], unpackedMs: 0,"
                    + " plotlyMs: performance.now(), readyMs: performance.now()};</script></body></html>");
            System.out.printf(Locale.ROOT, "%-11s plotly.js inlined as a plain script, no chart, %.2f MB%n", "baseline",
                    Files.size(raw) / 1e6);
            files.add(raw);
            labels.add("baseline");
        }
        for (int a = 2; a < args.length; a++) {
            Path f = Path.of(args[a]);
            System.out.printf(Locale.ROOT, "%-11s %.2f MB%n", f.getFileName(), Files.size(f) / 1e6);
            files.add(f.toAbsolutePath());
            labels.add(f.getFileName().toString());
        }
        String extra = System.getenv().getOrDefault("CUMULO_CHROMIUM_ARGS", "").trim();
        List<String> flags = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
        if (!flags.isEmpty()) {
            System.out.println("browser flags added: " + flags);
        }
        int n = files.size();
        double[][] ready = new double[n][runs];
        double[][] plotly = new double[n][runs];
        double[][] unpacked = new double[n][runs];
        double[][] reopen = new double[n][runs];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < n; i++) {
                try (ReportBrowser browser = ReportBrowser.start(flags)) {
                    ReportBrowser.Page page = check(files.get(i), browser.open(files.get(i)));
                    ready[i][r] = page.readyMillis();
                    plotly[i][r] = page.plotlyMillis();
                    unpacked[i][r] = page.unpackedMillis();
                    reopen[i][r] = check(files.get(i), browser.open(files.get(i))).readyMillis();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            System.out.printf(Locale.ROOT, "%-11s first open to ready: median %.0f ms, min %.0f, over %d fresh browsers (all %s);"
                            + " medians: plotly.js unpacked at %.0f ms, loaded at %.0f ms, charts drawn in %.0f ms;"
                            + " reopened in the same browser: median %.0f ms%n",
                    labels.get(i), median(ready[i]), Arrays.stream(ready[i]).min().orElse(Double.NaN), runs,
                    Arrays.toString(Arrays.stream(ready[i]).mapToLong(Math::round).toArray()),
                    median(unpacked[i]), median(plotly[i]), median(minus(ready[i], plotly[i])), median(reopen[i]));
        }
    }

    private static ReportBrowser.Page check(Path file, ReportBrowser.Page page) {
        if (!page.reportErrors().isEmpty() || !page.consoleErrors().isEmpty()) {
            throw new IllegalStateException(file + ": " + page.reportErrors() + " " + page.consoleErrors());
        }
        return page;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

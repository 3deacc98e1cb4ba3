package io.cumulo.report;

import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Time to write the static plots (not a test; see docs/benchmarks.md, "Static plots"): a 20,000-point scatter, and
 * the synthetic report of 11 charts (its large scatter with 20,000 points). Prints the first call (cold JVM), then
 * the median and min of the warm calls, and the parts (SVG text, PNG raster, PNG encoding) of one warm call.
 *
 * <p>Run: {@code bench/static-plots.sh [RUNS]}.
 */
final class StaticPlotsBench {
    private StaticPlotsBench() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("cumulo-static-bench");
        Chart scatter = SyntheticCharts.large(20_000);
        Report scatterReport = new Report("scatter", null, List.of(new Report.Section("s", "S",
                List.of(Report.Block.Charts.of(scatter)))));
        Report full = SyntheticCharts.report(20_000);
        time("20,000-point scatter, PNG + SVG", runs, () -> StaticPlots.write(scatterReport, dir.resolve("one"), true));
        time("report of " + full.charts().size() + " charts, PNG + SVG", runs, () -> StaticPlots.write(full, dir.resolve("all"), true));
        time("  20,000-point scatter: SVG text only", runs, () -> StaticPlots.svg(scatter));
        time("  20,000-point scatter: PNG raster only", runs, () -> StaticPlots.png(scatter));
        BufferedImage img = StaticPlots.png(scatter);
        time("  20,000-point scatter: PNG encoding only", runs, () -> {
            try {
                ImageIO.write(img, "png", new ByteArrayOutputStream());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        for (String f : List.of("one/large.png", "one/large.svg")) {
            System.out.printf("%s: %,d bytes%n", f, Files.size(dir.resolve(f)));
        }
        long bytes = 0;
        try (var s = Files.list(dir.resolve("all"))) {
            for (Path p : s.toList()) {
                bytes += Files.size(p);
            }
        }
        System.out.printf("report: %,d bytes in %d files%n", bytes, full.charts().size() * 2);
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void time(String what, int runs, Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        double first = (System.nanoTime() - t0) / 1e6;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-48s first %7.1f ms, warm median %7.1f ms (min %.1f, %d runs)%n", what, first, ms[runs / 2], ms[0], runs);
    }
}

package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.report.HtmlReportWriter;
import io.cumulo.report.StaticPlots;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --report FILE.html} and {@code --plots DIR}, the same in every command that makes a report: where to write
 * the interactive HTML page and the static PNG/SVG charts. Both are checked before any work is done
 * ({@link #check}), and the chart files once the report's charts are known, before anything is written.
 */
public final class ReportOptions {
    @Option(names = "--report", paramLabel = "FILE",
            description = "Write a self-contained interactive HTML report (opens offline) here.")
    Path report;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Write every chart of the report as PNG and SVG (<chart>.png, <chart>.svg) into DIR.")
    Path plots;

    /** Whether a report is wanted at all (either output). */
    boolean wanted() {
        return report != null || plots != null;
    }

    /** Fails early (before reading or fitting) on a report file that may not be written or a plots "dir" that is a file. */
    void check(boolean overwrite) {
        check(report, plots, overwrite);
    }

    static void check(Path report, Path plots, boolean overwrite) {
        OutputFiles.checkWritable(report, overwrite, "--report");
        if (plots != null) {
            if (Files.exists(plots) && !Files.isDirectory(plots)) {
                throw new CumuloException("--plots: " + plots + " is a file; give a directory for the charts");
            }
            Path parent = plots.toAbsolutePath().getParent();
            if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new CumuloException("--plots: " + parent + " is not a directory");
            }
        }
    }

    /**
     * Fails when a chart file of {@code r} already exists in the plots directory and {@code overwrite} is off; call
     * it before writing any output, so a refused run leaves nothing behind.
     */
    void checkPlotFiles(Report r, boolean overwrite) {
        checkPlotFiles(plots, r, overwrite);
    }

    static void checkPlotFiles(Path plots, Report r, boolean overwrite) {
        if (plots == null || overwrite) {
            return;
        }
        for (Chart c : r.charts()) {
            for (String ext : List.of(".png", ".svg")) {
                Path p = plots.resolve(c.id() + ext);
                if (Files.exists(p)) {
                    throw new CumuloException("--plots: " + p + " already exists; pass --overwrite to replace it");
                }
            }
        }
    }

    /** Writes what was asked; returns the files written (the report first). */
    /** Checks the chart files, writes the report and the charts, and names them in the command's JSON output. */
    void writeAndRecord(Report r, boolean overwrite, java.util.Map<String, Object> json) {
        checkPlotFiles(r, overwrite);
        write(r, overwrite);
        if (report != null) {
            json.put("report", report.toString());
        }
        if (plots != null) {
            json.put("plots", plots.toString());
        }
    }

    List<Path> write(Report r, boolean overwrite) {
        return write(report, plots, r, overwrite);
    }

    static List<Path> write(Path report, Path plots, Report r, boolean overwrite) {
        List<Path> written = new ArrayList<>();
        if (report != null) {
            OutputFiles.writeString(report, HtmlReportWriter.html(r));
            written.add(report);
        }
        if (plots != null) {
            written.addAll(StaticPlots.write(r, plots, overwrite));
        }
        return written;
    }
}

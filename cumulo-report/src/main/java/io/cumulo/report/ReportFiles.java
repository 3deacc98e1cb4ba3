package io.cumulo.report;

import io.cumulo.CumuloException;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.OutputFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a report goes: an interactive HTML page and/or a directory of static charts (PNG and SVG). The targets are
 * checked before any work ({@link #check}), and the chart files once the report's charts are known
 * ({@link #checkPlotFiles}), before anything is written, so a refused run leaves nothing behind. Nothing is ever
 * replaced unless {@code overwrite} is on.
 *
 * @param html  the HTML page, or null
 * @param plots the directory of charts, or null
 */
public record ReportFiles(Path html, Path plots, boolean overwrite) {
    /** Whether anything is to be written. */
    public boolean wanted() {
        return html != null || plots != null;
    }

    /** Fails on a report file that may not be written or a plots "directory" that is a file. */
    public void check() {
        OutputFiles.checkWritable(html, overwrite, "--report");
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

    /** Fails when a chart file of {@code r} already exists in the plots directory and {@code overwrite} is off. */
    public void checkPlotFiles(Report r) {
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

    /** Writes what was asked; returns the files written (the page first). */
    public List<Path> write(Report r) {
        List<Path> written = new ArrayList<>();
        if (html != null) {
            OutputFiles.writeString(html, HtmlReportWriter.html(r));
            written.add(html);
        }
        if (plots != null) {
            written.addAll(StaticPlots.write(r, plots, overwrite));
        }
        return written;
    }
}

package io.cumulo.cli;

import io.cumulo.report.ReportFiles;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --report FILE.html} and {@code --plots DIR}, the same in every command that makes a report: where to write
 * the interactive HTML page and the static PNG/SVG charts ({@link ReportFiles} checks and writes them).
 */
public final class ReportOptions {
    @Option(names = "--report", paramLabel = "FILE",
            description = "Write a self-contained interactive HTML report (opens offline) here.")
    Path report;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Write every chart of the report as PNG and SVG (<chart>.png, <chart>.svg) into DIR.")
    Path plots;

    /** The targets, checked (before any work) against what exists. */
    ReportFiles files(boolean overwrite) {
        ReportFiles f = new ReportFiles(report, plots, overwrite);
        f.check();
        return f;
    }
}

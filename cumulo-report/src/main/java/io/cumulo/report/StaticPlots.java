package io.cumulo.report;

import io.cumulo.report.chart.Report;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes every chart of a {@link Report} as {@code <chart id>.png} and {@code <chart id>.svg} into a directory,
 * headless. STUB: the real painter is being built; this signature is what callers use.
 */
public final class StaticPlots {
    private StaticPlots() {
    }

    /**
     * @param overwrite replace files that exist; when false an existing file is a user error naming it
     * @return the files written, in chart order (png then svg for each chart)
     */
    public static List<Path> write(Report report, Path dir, boolean overwrite) {
        throw new UnsupportedOperationException("StaticPlots is not written yet");
    }
}

package io.cumulo.report;

import io.cumulo.report.chart.Report;

/**
 * Writes a {@link Report} as one self-contained interactive HTML file (Plotly inlined, nothing fetched when opened).
 * STUB: the real writer is being built; this signature is what callers use.
 */
public final class HtmlReportWriter {
    private HtmlReportWriter() {
    }

    /** The whole page. */
    public static String html(Report report) {
        throw new UnsupportedOperationException("HtmlReportWriter is not written yet");
    }
}

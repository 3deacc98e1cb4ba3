package io.cumulo.report.chart;

import java.util.List;
import java.util.Objects;

/**
 * One chart, described once and drawn by every renderer: the interactive HTML page (Plotly) and the static
 * PNG/SVG exports. Renderers must not need anything beyond this description, so a chart looks the same
 * (same title, axes, colours, order of traces) in every output.
 *
 * @param id     a short, file-name-safe name, unique within a report (the static exports are {@code id.png}
 *               and {@code id.svg}); lower case letters, digits and '-'
 * @param title  what the reader is looking at, e.g. "Clusters in the plane of the first two principal components"
 * @param x      the horizontal axis
 * @param y      the vertical axis
 * @param traces drawn in order (later over earlier); the legend lists named traces in this order
 * @param note   a caption under the chart (e.g. "20,000 of 1,000,000 rows shown, sampled with seed 42"), or null
 */
public record Chart(String id, String title, Axis x, Axis y, List<Trace> traces, String note) {
    public Chart {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("chart id must be lower case letters, digits and '-', got '" + id + "'");
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        traces = List.copyOf(traces);
    }

    public Chart(String id, String title, Axis x, Axis y, List<Trace> traces) {
        this(id, title, x, y, traces, null);
    }

    /** Total number of data points over all scatter traces (what the browser tests count). */
    public int scatterPoints() {
        int n = 0;
        for (Trace t : traces) {
            if (t instanceof Trace.Scatter s) {
                n += s.x().length;
            }
        }
        return n;
    }
}

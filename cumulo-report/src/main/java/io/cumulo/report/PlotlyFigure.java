package io.cumulo.report;

import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@link Chart} as a Plotly figure, {@code {"data": [...], "layout": {...}}}, written as JSON for
 * {@code Plotly.newPlot}. The mapping, in the model's terms:
 * <ul>
 *   <li>{@link Trace.Scatter} → {@code scatter}, or {@code scattergl} (WebGL) when {@code large};</li>
 *   <li>{@link Trace.Bars} → {@code bar} at positions 0..n-1 on a category axis (1..n on a numeric one);</li>
 *   <li>{@link Trace.Heatmap} → {@code heatmap}, first row at the top as in a printed matrix;</li>
 *   <li>{@link Trace.Boxes} → one {@code box} trace per box, from the precomputed statistics;</li>
 *   <li>{@link Trace.Rule} → a line in {@code layout.shapes} across the plot, and its label in
 *       {@code layout.annotations} (not a trace: it has no data).</li>
 * </ul>
 * A category axis stays numeric (category {@code i} at {@code i}) with the names as tick labels, as the model
 * defines it, so duplicate names cannot merge and reference lines can sit between categories; hover texts name
 * the category instead of its index. Every text Plotly draws goes through {@link #text}, because Plotly reads
 * a small HTML subset in titles, names and hover texts.
 */
final class PlotlyFigure {
    /** A colour-blind-safe diverging scale (ColorBrewer RdBu, 5 classes), blue for negative, red for positive. */
    private static final String[][] DIVERGING = {{"0", "#2166ac"}, {"0.25", "#92c5de"}, {"0.5", "#f7f7f7"},
        {"0.75", "#f4a582"}, {"1", "#b2182b"}};
    /** A light-to-dark blue sequential scale (ColorBrewer Blues), for counts. */
    private static final String[][] SEQUENTIAL = {{"0", "#f7fbff"}, {"0.25", "#c6dbef"}, {"0.5", "#6baed6"},
        {"0.75", "#2171b5"}, {"1", "#08306b"}};
    /** Integer axes spanning at most this many units get a tick at every whole number. */
    private static final double EVERY_INTEGER_SPAN = 20;
    private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    private PlotlyFigure() {
    }

    /** Appends the figure's JSON to {@code sb}. */
    static void write(StringBuilder sb, Chart chart) {
        JsonOut j = new JsonOut(sb);
        boolean heatmap = chart.traces().stream().anyMatch(t -> t instanceof Trace.Heatmap);
        j.beginObject();
        j.key("data").beginArray();
        for (Trace t : chart.traces()) {
            // a Rule has no data: it is drawn as a layout shape (see rules)
            if (t instanceof Trace.Scatter s) {
                scatter(j, s, chart);
            } else if (t instanceof Trace.Bars b) {
                bars(j, b, chart);
            } else if (t instanceof Trace.Heatmap h) {
                heatmap(j, h, chart);
            } else if (t instanceof Trace.Boxes b) {
                boxes(j, b, chart);
            }
        }
        j.endArray();
        layout(j, chart, heatmap);
        j.endObject();
    }

    /** Plotly's pseudo-HTML: escape what it would read as markup, and turn line breaks into {@code <br>}. */
    static String text(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\n' -> sb.append("<br>");
                case '\r' -> {
                }
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String symbol(Trace.Symbol s) {
        return switch (s) {
            case CIRCLE -> "circle";
            case STAR -> "star";
            case DIAMOND -> "diamond";
            case CROSS -> "cross";
            case SQUARE -> "square";
        };
    }

    private static String mode(Trace.Mode m) {
        return switch (m) {
            case MARKERS -> "markers";
            case LINES -> "lines";
            case LINES_AND_MARKERS -> "lines+markers";
        };
    }

    private static void name(JsonOut j, String name) {
        if (name != null) {
            j.field("name", text(name));
        } else {
            j.field("showlegend", false);
        }
    }

    private static void scatter(JsonOut j, Trace.Scatter s, Chart chart) {
        j.beginObject();
        j.field("type", s.large() ? "scattergl" : "scatter");
        name(j, s.name());
        j.field("mode", mode(s.mode()));
        j.key("x").numbers(s.x());
        j.key("y").numbers(s.y());
        if (s.mode() != Trace.Mode.LINES) {
            j.key("marker").beginObject()
                    .field("color", s.color())
                    .field("size", s.size())
                    .field("symbol", symbol(s.symbol()));
            if (s.outline() != null) {
                j.key("line").beginObject().field("color", s.outline()).field("width", 1).endObject();
            }
            if (s.opacity() != null) {
                j.key("opacity").numbers(s.opacity());
            }
            j.endObject();
        }
        if (s.mode() != Trace.Mode.MARKERS) {
            j.key("line").beginObject().field("color", s.color()).field("width", s.fill() == Trace.Fill.TO_SELF ? 1 : 2)
                    .endObject();
        }
        switch (s.fill()) {
            case TO_ZERO_Y -> j.field("fill", "tozeroy");
            case TO_ZERO_X -> j.field("fill", "tozerox");
            case TO_SELF -> j.field("fill", "toself");
            case NONE -> {
            }
        }
        String[] hover = s.hover();
        if (hover == null && (isCategory(chart.x()) || isCategory(chart.y()))) {
            hover = categoryHover(s, chart);
        }
        if (hover != null) {
            String[] texts = new String[hover.length];
            for (int i = 0; i < hover.length; i++) {
                texts[i] = text(hover[i]);
            }
            j.key("hovertext").strings(texts);
            j.field("hoverinfo", "text");
            // multi-line texts (row number, then one feature per line) read better left-aligned
            j.key("hoverlabel").beginObject().field("align", "left").endObject();
        }
        j.endObject();
    }

    private static String[] categoryHover(Trace.Scatter s, Chart chart) {
        String[] h = new String[s.x().length];
        for (int i = 0; i < h.length; i++) {
            h[i] = coordinate(chart.x(), s.x()[i]) + ", " + coordinate(chart.y(), s.y()[i]);
            if (s.name() != null) {
                h[i] = s.name() + "\n" + h[i];
            }
        }
        return h;
    }

    private static String coordinate(Axis axis, double v) {
        if (isCategory(axis)) {
            long i = Math.round(v);
            if (i == v && i >= 0 && i < axis.categories().size()) {
                return axis.categories().get((int) i);
            }
        }
        return shortNumber(v);
    }

    private static void bars(JsonOut j, Trace.Bars b, Chart chart) {
        Axis positional = b.horizontal() ? chart.y() : chart.x();
        int first = isCategory(positional) ? 0 : 1;
        j.beginObject();
        j.field("type", "bar");
        name(j, b.name());
        if (b.horizontal()) {
            j.field("orientation", "h");
            j.key("x").numbers(b.values());
            j.key("y").indices(b.values().length, first);
        } else {
            j.key("x").indices(b.values().length, first);
            j.key("y").numbers(b.values());
        }
        if (b.colors() != null) {
            j.key("marker").beginObject().key("color").strings(b.colors().toArray(new String[0])).endObject();
        } else {
            j.key("marker").beginObject().field("color", b.color()).endObject();
        }
        if (b.hover() != null) {
            String[] hover = new String[b.hover().length];
            for (int i = 0; i < hover.length; i++) {
                hover[i] = text(b.hover()[i]);
            }
            j.key("hovertext").strings(hover);
            j.field("hoverinfo", "text");
        } else if (isCategory(positional)) {
            String[] hover = new String[b.values().length];
            for (int i = 0; i < hover.length; i++) {
                String where = i < positional.categories().size() ? positional.categories().get(i) : String.valueOf(i);
                hover[i] = text((b.name() == null ? "" : b.name() + "\n") + where + ": " + shortNumber(b.values()[i]));
            }
            j.key("hovertext").strings(hover);
            j.field("hoverinfo", "text");
        }
        j.endObject();
    }

    private static void heatmap(JsonOut j, Trace.Heatmap h, Chart chart) {
        double[][] z = h.z();
        int rows = z.length;
        int cols = rows == 0 ? 0 : z[0].length;
        j.beginObject();
        j.field("type", "heatmap");
        if (h.name() != null) {
            j.field("name", text(h.name()));
        }
        j.key("x").indices(cols, 0);
        j.key("y").indices(rows, 0);
        j.key("z").beginArray();
        for (double[] row : z) {
            j.numbers(row);
        }
        j.endArray();
        j.key("colorscale").beginArray();
        for (String[] stop : h.diverging() ? DIVERGING : SEQUENTIAL) {
            j.beginArray().value(Double.parseDouble(stop[0])).value(stop[1]).endArray();
        }
        j.endArray();
        if (h.diverging()) {
            // white at 0 whatever the range of the values, so the sign reads at a glance
            j.field("zmid", 0);
        }
        if (h.text() != null) {
            j.key("text").beginArray();
            for (String[] row : h.text()) {
                String[] t = new String[row.length];
                for (int c = 0; c < row.length; c++) {
                    t[c] = text(row[c]);
                }
                j.strings(t);
            }
            j.endArray();
            j.field("texttemplate", "%{text}");
        }
        // hover names the row and column, not their indices
        j.key("hovertext").beginArray();
        for (int r = 0; r < rows; r++) {
            String[] t = new String[z[r].length];
            for (int c = 0; c < t.length; c++) {
                String cell = h.text() != null && c < h.text()[r].length ? h.text()[r][c] : shortNumber(z[r][c]);
                t[c] = text(coordinate(chart.y(), r) + " · " + coordinate(chart.x(), c) + "\n" + cell);
            }
            j.strings(t);
        }
        j.endArray();
        j.field("hoverinfo", "text");
        j.key("colorbar").beginObject();
        if (h.colorbar() != null) {
            j.key("title").beginObject().field("text", text(h.colorbar())).field("side", "right").endObject();
        }
        j.field("thickness", 14).endObject();
        j.endObject();
    }

    private static void boxes(JsonOut j, Trace.Boxes b, Chart chart) {
        for (int i = 0; i < b.boxes().size(); i++) {
            Trace.BoxStats s = b.boxes().get(i);
            String color = b.colors().get(i);
            String label = isCategory(chart.x()) && i < chart.x().categories().size()
                    ? chart.x().categories().get(i) : b.name() != null ? b.name() : "box " + (i + 1);
            j.beginObject();
            j.field("type", "box");
            j.field("name", text(label + " (n = " + s.n() + ")"));
            j.field("showlegend", false);
            j.key("x").beginArray().value(i).endArray();
            j.key("q1").beginArray().value(s.q1()).endArray();
            j.key("median").beginArray().value(s.median()).endArray();
            j.key("q3").beginArray().value(s.q3()).endArray();
            j.key("lowerfence").beginArray().value(s.lowerWhisker()).endArray();
            j.key("upperfence").beginArray().value(s.upperWhisker()).endArray();
            j.key("mean").beginArray().value(s.mean()).endArray();
            j.field("width", 0.6);
            j.field("boxpoints", false);
            j.key("marker").beginObject().field("color", color).endObject();
            j.key("line").beginObject().field("color", color).field("width", 1.5).endObject();
            j.field("hoverinfo", "y+name");
            j.endObject();
        }
    }

    private static void layout(JsonOut j, Chart chart, boolean heatmap) {
        j.key("layout").beginObject();
        j.key("title").beginObject()
                .field("text", text(chart.title()))
                .field("x", 0.01).field("xanchor", "left")
                .key("font").beginObject().field("size", 15).endObject()
                .endObject();
        j.key("font").beginObject().field("family", FONT).field("size", 12).field("color", "#222").endObject();
        j.key("margin").beginObject().field("t", 48).field("r", 24).field("b", 56).field("l", 64).endObject();
        // behind a heatmap the plot area shows only where a cell has no value: grey, not the white of zero
        j.field("paper_bgcolor", "#ffffff").field("plot_bgcolor", heatmap ? "#d9d9d9" : "#ffffff");
        j.field("hovermode", "closest");
        j.field("barmode", "group");
        j.field("boxmode", "overlay");
        j.field("showlegend", hasLegend(chart));
        j.key("legend").beginObject().field("bgcolor", "rgba(255,255,255,0.8)").endObject();
        axis(j, "xaxis", chart.x(), extent(chart, true), false);
        // a matrix reads top-down: its first row at the top
        axis(j, "yaxis", chart.y(), extent(chart, false), heatmap && isCategory(chart.y()));
        rules(j, chart);
        j.endObject();
    }

    /** A legend when it tells traces apart: two named scatter or bar traces or more (one is named by the title). */
    private static boolean hasLegend(Chart chart) {
        int named = 0;
        for (Trace t : chart.traces()) {
            if ((t instanceof Trace.Scatter || t instanceof Trace.Bars) && t.name() != null) {
                named++;
            }
        }
        return named >= 2;
    }

    private static boolean isCategory(Axis a) {
        return a.scale() == Axis.Scale.CATEGORY;
    }

    private static void axis(JsonOut j, String key, Axis a, double[] extent, boolean reversed) {
        j.key(key).beginObject();
        j.key("title").beginObject().field("text", text(a.title() == null ? "" : a.title())).endObject();
        j.field("automargin", true);
        j.field("gridcolor", "#e6e6e6");
        j.field("zerolinecolor", "#b0b0b0");
        j.field("linecolor", "#888888");
        j.field("showline", true);
        j.field("ticks", "outside");
        j.field("tickcolor", "#888888");
        switch (a.scale()) {
            case LOG -> {
                j.field("type", "log");
                if (a.min() != null && a.max() != null && a.min() > 0 && a.max() > 0) {
                    j.key("range").beginArray().value(Math.log10(a.min())).value(Math.log10(a.max())).endArray();
                }
            }
            case CATEGORY -> {
                int n = a.categories().size();
                j.field("type", "linear");
                j.key("tickvals").indices(n, 0);
                j.key("ticktext").strings(a.categories().stream().map(PlotlyFigure::text).toArray(String[]::new));
                j.field("showgrid", false);
                j.field("zeroline", false);
                double lo = a.min() != null ? a.min() : -0.5;
                double hi = a.max() != null ? a.max() : n - 0.5;
                j.key("range").beginArray().value(reversed ? hi : lo).value(reversed ? lo : hi).endArray();
            }
            case LINEAR -> {
                j.field("type", "linear");
                if (a.min() != null || a.max() != null) {
                    double lo = a.min() != null ? a.min() : extent[0];
                    double hi = a.max() != null ? a.max() : extent[1];
                    if (Double.isFinite(lo) && Double.isFinite(hi)) {
                        j.key("range").beginArray().value(lo).value(hi).endArray();
                    }
                }
                if (a.integerTicks()) {
                    double span = extent[1] - extent[0];
                    if (!(span > EVERY_INTEGER_SPAN)) {
                        j.field("dtick", 1).field("tick0", 0);
                    }
                    j.field("tickformat", "d");
                }
            }
        }
        j.endObject();
    }

    /** The smallest and largest coordinate the traces put on the x (or y) axis; NaN when there is none. */
    private static double[] extent(Chart chart, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Trace t : chart.traces()) {
            double[] v = null;
            if (t instanceof Trace.Scatter s) {
                v = x ? s.x() : s.y();
            } else if (t instanceof Trace.Bars b) {
                if (b.horizontal() != x) {
                    int first = isCategory(x ? chart.x() : chart.y()) ? 0 : 1;
                    lo = Math.min(lo, first);
                    hi = Math.max(hi, first + b.values().length - 1);
                } else {
                    v = b.values();
                }
            }
            if (v != null) {
                for (double d : v) {
                    if (Double.isFinite(d)) {
                        lo = Math.min(lo, d);
                        hi = Math.max(hi, d);
                    }
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {Double.NaN, Double.NaN};
    }

    private static void rules(JsonOut j, Chart chart) {
        List<Trace.Rule> rules = new ArrayList<>();
        for (Trace t : chart.traces()) {
            if (t instanceof Trace.Rule r) {
                rules.add(r);
            }
        }
        j.key("shapes").beginArray();
        for (Trace.Rule r : rules) {
            j.beginObject().field("type", "line");
            if (r.vertical()) {
                j.field("xref", "x").field("yref", "paper").field("x0", r.value()).field("x1", r.value())
                        .field("y0", 0).field("y1", 1);
            } else {
                j.field("xref", "paper").field("yref", "y").field("x0", 0).field("x1", 1)
                        .field("y0", r.value()).field("y1", r.value());
            }
            j.key("line").beginObject().field("color", r.color()).field("width", 1.5)
                    .field("dash", r.dashed() ? "dash" : "solid").endObject();
            j.endObject();
        }
        j.endArray();
        j.key("annotations").beginArray();
        for (Trace.Rule r : rules) {
            String label = r.label() != null ? r.label() : r.name();
            if (label == null) {
                continue;
            }
            j.beginObject().field("text", text(label)).field("showarrow", false);
            if (r.vertical()) {
                j.field("xref", "x").field("yref", "paper").field("x", r.value()).field("y", 1)
                        .field("xanchor", "left").field("yanchor", "top");
            } else {
                j.field("xref", "paper").field("yref", "y").field("x", 1).field("y", r.value())
                        .field("xanchor", "right").field("yanchor", "bottom");
            }
            j.key("font").beginObject().field("color", r.color()).field("size", 11).endObject();
            j.field("bgcolor", "rgba(255,255,255,0.75)");
            j.endObject();
        }
        j.endArray();
    }

    /** A number as a reader wants it in a hover label: whole numbers as they are, others to 4 significant digits. */
    static String shortNumber(double v) {
        if (Double.isNaN(v)) {
            return "no value";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}

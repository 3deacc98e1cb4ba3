package io.cumulo.report.paint;

import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Trace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one {@link Chart} on a {@link Canvas}: the title on top, the plot with its axes ("nice" ticks, light grid,
 * tick labels, axis titles), every trace in order, a legend and a colour bar on the right, the note as a caption at
 * the bottom. The same calls make the PNG and the SVG, so both show the same picture.
 *
 * <p>Axes without a given range span the data out to the nearest ticks outside it (a loose range), so the frame
 * ends on labelled values. Values that are NaN (or not positive, on a logarithmic axis) are skipped; lines break
 * there.
 */
public final class ChartPainter {
    /** At most this many markers per trace are drawn; beyond, every m-th point (said in the caption). */
    public static final int MAX_MARKERS = 50_000;

    private static final String INK = "#222222";
    private static final String AXIS = "#444444";
    private static final String GRID = "#E6E6E6";
    private static final String ZERO = "#B3B3B3";
    private static final String MUTED = "#666666";
    private static final double TITLE_SIZE = 16;
    private static final double AXIS_TITLE_SIZE = 13;
    private static final double TICK_SIZE = 11;
    private static final double LEGEND_SIZE = 12;
    private static final double NOTE_SIZE = 11;
    private static final double LEGEND_ROW = 18;
    /** Rotated category labels are drawn at -45 degrees; sin 45 = cos 45. */
    private static final double DIAG = Math.sqrt(0.5);

    private final Chart chart;
    private final Canvas canvas;
    private final double width;
    private final double height;
    private final List<Trace> legend = new ArrayList<>();
    private final Trace.Heatmap colourBar;
    private final List<String> titleLines;
    private final List<String> noteLines;
    private double left;
    private double top;
    private double right;
    private double bottom;
    private AxisMap xMap;
    private AxisMap yMap;

    private ChartPainter(Chart chart, Canvas canvas) {
        this.chart = chart;
        this.canvas = canvas;
        this.width = canvas.width();
        this.height = canvas.height();
        Trace.Heatmap firstHeatmap = null;
        for (Trace t : chart.traces()) {
            if (t instanceof Trace.Heatmap h && firstHeatmap == null) {
                firstHeatmap = h;
            }
            boolean named = t.name() != null && !t.name().isBlank();
            if (named && !(t instanceof Trace.Heatmap) && !(t instanceof Trace.Rule r && r.label() != null)) {
                legend.add(t);
            }
        }
        if (legend.size() < 2) {
            legend.clear(); // one named trace is named by the title; a legend only tells traces apart
        }
        this.colourBar = firstHeatmap;
        this.titleLines = chart.title().isBlank() ? List.of() : Fonts.wrap(chart.title(), TITLE_SIZE, true, width - 40, 2);
        String note = note(chart);
        this.noteLines = note == null ? List.of() : Fonts.wrap(note, NOTE_SIZE, false, width - 40, 3);
    }

    /** Draws {@code chart} over the whole canvas. */
    public static void paint(Chart chart, Canvas canvas) {
        ChartPainter p = new ChartPainter(chart, canvas);
        p.layout();
        p.draw();
    }

    /** The caption: the chart's note, plus a sentence when markers were thinned for the static plot. */
    public static String note(Chart chart) {
        StringBuilder sb = new StringBuilder(chart.note() == null ? "" : chart.note().strip());
        for (Trace t : chart.traces()) {
            if (t instanceof Trace.Scatter s && s.mode() != Trace.Mode.LINES && stride(s) > 1) {
                if (!sb.isEmpty()) {
                    sb.append(sb.charAt(sb.length() - 1) == '.' ? " " : ". ");
                }
                sb.append(String.format(Locale.ROOT, "Static plot: every %s of the %,d points of %s drawn.",
                        ordinal(stride(s)), s.x().length, s.name() == null ? "a trace" : "'" + s.name() + "'"));
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String ordinal(int m) {
        String suffix = (m % 100 >= 11 && m % 100 <= 13) ? "th" : switch (m % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return m + suffix;
    }

    /** Draw every m-th marker so that at most {@link #MAX_MARKERS} are drawn. */
    static int stride(Trace.Scatter s) {
        return Math.max(1, (s.x().length + MAX_MARKERS - 1) / MAX_MARKERS);
    }

    // ---------------------------------------------------------------------------------------------- layout

    private void layout() {
        top = titleLines.isEmpty() ? 16 : 14 + 20 * titleLines.size() + 10;
        double panel = panelWidth();
        right = 18 + (panel > 0 ? panel + 14 : 0);
        left = 70;
        bottom = 60;
        double noteHeight = noteLines.isEmpty() ? 0 : 14 * noteLines.size() + 6;
        boolean xTitle = hasText(chart.x().title());
        boolean yTitle = hasText(chart.y().title());
        // margins depend on the tick labels, which depend on the plot size: three rounds settle them
        for (int round = 0; round < 3; round++) {
            double pw = Math.max(120, width - left - right);
            double ph = Math.max(80, height - top - bottom);
            xMap = AxisMap.build(chart.x(), chart.traces(), true, pw);
            yMap = AxisMap.build(chart.y(), chart.traces(), false, ph);
            xMap.fitLabels(pw, true, width);
            yMap.fitLabels(ph, false, width);
            double yLabels = 0;
            for (String s : yMap.shownLabels()) {
                yLabels = Math.max(yLabels, Fonts.width(s, TICK_SIZE, false));
            }
            left = 12 + (yTitle ? 22 : 0) + yLabels + 10;
            double xLabels;
            if (xMap.rotated) {
                double widest = 0;
                String first = null;
                for (String s : xMap.shownLabels()) {
                    widest = Math.max(widest, Fonts.width(s, TICK_SIZE, false));
                    first = first == null ? s : first;
                }
                xLabels = DIAG * widest + 12;
                double firstOffset = xMap.categories() > 0 ? pw / xMap.categories() / 2 : 0;
                left = Math.max(left, DIAG * Fonts.width(first == null ? "" : first, TICK_SIZE, false) + 8 - firstOffset);
            } else {
                xLabels = TICK_SIZE + 4;
            }
            bottom = 8 + xLabels + (xTitle ? 22 : 4) + noteHeight + 6;
        }
        double pw = Math.max(120, width - left - right);
        double ph = Math.max(80, height - top - bottom);
        xMap.place(left, left + pw);
        if (colourBar != null && yMap.category) {
            yMap.place(top, top + ph); // a matrix reads top-down: its first row at the top, as on the HTML page
        } else {
            yMap.place(top + ph, top);
        }
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private double panelWidth() {
        double w = 0;
        for (Trace t : legend) {
            w = Math.max(w, 26 + Math.min(170, Fonts.width(t.name(), LEGEND_SIZE, false)));
        }
        if (colourBar != null) {
            double[] domain = heatDomain(colourBar);
            Ticks.TickSet ticks = Ticks.linear(domain[0], domain[1], 4, false, false);
            double labels = 0;
            for (String s : ticks.labels()) {
                labels = Math.max(labels, Fonts.width(s, TICK_SIZE - 1, false));
            }
            w = Math.max(w, 14 + 6 + labels + (hasText(colourBar.colorbar()) ? 20 : 0));
        }
        return w;
    }

    // ---------------------------------------------------------------------------------------------- drawing

    private void draw() {
        double px0 = xMap.p0;
        double px1 = xMap.p1;
        double py0 = Math.min(yMap.p0, yMap.p1);
        double py1 = Math.max(yMap.p0, yMap.p1);
        for (int i = 0; i < titleLines.size(); i++) {
            canvas.text(titleLines.get(i), width / 2, 14 + TITLE_SIZE + 20 * i,
                    TextStyle.of(TITLE_SIZE, INK, TextStyle.Anchor.MIDDLE).inBold());
        }
        grid(px0, px1, py0, py1);
        int bars = 0;
        int boxes = 0;
        int barIndex = 0;
        int boxIndex = 0;
        for (Trace t : chart.traces()) {
            if (t instanceof Trace.Bars) {
                bars++;
            } else if (t instanceof Trace.Boxes) {
                boxes++;
            }
        }
        for (Trace t : chart.traces()) {
            canvas.clip(px0, py0, px1 - px0, py1 - py0);
            if (t instanceof Trace.Scatter s) {
                scatter(s, px0, px1, py0, py1);
            } else if (t instanceof Trace.Bars b) {
                bars(b, barIndex++, bars);
            } else if (t instanceof Trace.Heatmap h) {
                heatmap(h);
            } else if (t instanceof Trace.Boxes b) {
                boxes(b, boxIndex++, boxes);
            } else if (t instanceof Trace.Rule r) {
                rule(r, px0, px1, py0, py1);
            }
            canvas.unclip();
        }
        axes(px0, px1, py0, py1);
        double panelTop = py0;
        if (!legend.isEmpty()) {
            panelTop = legend(px1 + 16, py0, py1) + 14;
        }
        if (colourBar != null) {
            colourBar(colourBar, px1 + 16, panelTop, py1);
        }
        for (int i = 0; i < noteLines.size(); i++) {
            canvas.text(noteLines.get(i), 20, height - 10 - 14 * (noteLines.size() - 1 - i),
                    TextStyle.of(NOTE_SIZE, MUTED, TextStyle.Anchor.START));
        }
    }

    private void grid(double px0, double px1, double py0, double py1) {
        canvas.beginGroup("grid", Style.stroke(GRID, 1), false);
        if (!xMap.category) {
            for (double v : xMap.ticks.values()) {
                double x = xMap.px(v);
                if (xMap.inside(x)) {
                    canvas.line(x, py0, x, py1, Style.stroke(v == 0 && !xMap.log ? ZERO : GRID, 1));
                }
            }
        }
        if (!yMap.category) {
            for (double v : yMap.ticks.values()) {
                double y = yMap.px(v);
                if (yMap.inside(y)) {
                    canvas.line(px0, y, px1, y, Style.stroke(v == 0 && !yMap.log ? ZERO : GRID, 1));
                }
            }
        }
        canvas.endGroup();
    }

    private void axes(double px0, double px1, double py0, double py1) {
        Style axis = Style.stroke(AXIS, 1);
        canvas.beginGroup("axes", axis, false);
        canvas.line(px0, py1, px1, py1, axis);
        canvas.line(px0, py0, px0, py1, axis);
        TextStyle xLabel = TextStyle.of(TICK_SIZE, AXIS, TextStyle.Anchor.MIDDLE);
        for (int i = 0; i < xMap.ticks.values().length; i++) {
            String label = xMap.shown[i];
            double x = xMap.px(xMap.ticks.values()[i]);
            if (label == null || !xMap.inside(x)) {
                continue;
            }
            canvas.line(x, py1, x, py1 + 4, axis);
            if (xMap.rotated) {
                canvas.text(label, x + 3, py1 + 10, TextStyle.of(TICK_SIZE, AXIS, TextStyle.Anchor.END).rotated(-45));
            } else {
                canvas.text(label, x, py1 + 6 + TICK_SIZE, xLabel);
            }
        }
        TextStyle yLabel = TextStyle.of(TICK_SIZE, AXIS, TextStyle.Anchor.END);
        for (int i = 0; i < yMap.ticks.values().length; i++) {
            String label = yMap.shown[i];
            double y = yMap.px(yMap.ticks.values()[i]);
            if (label == null || !yMap.inside(y)) {
                continue;
            }
            canvas.line(px0 - 4, y, px0, y, axis);
            canvas.text(label, px0 - 7, y + 0.36 * TICK_SIZE, yLabel);
        }
        canvas.endGroup();
        if (hasText(chart.x().title())) {
            double labels = xMap.rotated ? xMap.rotatedDepth : TICK_SIZE + 4;
            canvas.text(Fonts.fit(chart.x().title(), AXIS_TITLE_SIZE, false, px1 - px0), (px0 + px1) / 2,
                    py1 + 8 + labels + 4 + AXIS_TITLE_SIZE, TextStyle.of(AXIS_TITLE_SIZE, INK, TextStyle.Anchor.MIDDLE));
        }
        if (hasText(chart.y().title())) {
            canvas.text(Fonts.fit(chart.y().title(), AXIS_TITLE_SIZE, false, py1 - py0), 12 + 0.8 * AXIS_TITLE_SIZE,
                    (py0 + py1) / 2, TextStyle.of(AXIS_TITLE_SIZE, INK, TextStyle.Anchor.MIDDLE).rotated(-90));
        }
    }

    private void scatter(Trace.Scatter s, double px0, double px1, double py0, double py1) {
        int n = s.x().length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xMap.px(s.x()[i]);
            ys[i] = yMap.px(s.y()[i]);
        }
        if (s.fill() == Trace.Fill.TO_SELF) {
            // each run of points is a closed polygon (Plotly's fill "toself")
            canvas.beginGroup("fill", Style.fill(s.color(), 0.5), false);
            for (int[] seg : segments(xs, ys)) {
                int m = seg[1] - seg[0];
                double[] fx = new double[m];
                double[] fy = new double[m];
                System.arraycopy(xs, seg[0], fx, 0, m);
                System.arraycopy(ys, seg[0], fy, 0, m);
                canvas.polygon(fx, fy, m, Style.fill(s.color(), 0.5), null, null);
            }
            canvas.endGroup();
        } else if (s.fill() != Trace.Fill.NONE) {
            canvas.beginGroup("fill", Style.fill(s.color(), 0.5), false);
            boolean toY = s.fill() == Trace.Fill.TO_ZERO_Y;
            double base = toY ? yMap.baseline() : xMap.baseline();
            for (int[] seg : segments(xs, ys)) {
                int m = seg[1] - seg[0];
                double[] fx = new double[m + 2];
                double[] fy = new double[m + 2];
                System.arraycopy(xs, seg[0], fx, 0, m);
                System.arraycopy(ys, seg[0], fy, 0, m);
                fx[m] = toY ? xs[seg[1] - 1] : base;
                fy[m] = toY ? base : ys[seg[1] - 1];
                fx[m + 1] = toY ? xs[seg[0]] : base;
                fy[m + 1] = toY ? base : ys[seg[0]];
                canvas.polygon(fx, fy, m + 2, Style.fill(s.color(), 0.5), null, null);
            }
            canvas.endGroup();
        }
        if (s.mode() != Trace.Mode.MARKERS) {
            Style line = Style.stroke(s.color(), s.fill() == Trace.Fill.TO_SELF ? 1 : s.large() ? 1.5 : 2);
            canvas.beginGroup("line", line, false);
            for (int[] seg : segments(xs, ys)) {
                canvas.polyline(xs, ys, seg[0], seg[1], line);
            }
            canvas.endGroup();
        }
        canvas.unclip();
        if (s.mode() != Trace.Mode.LINES) {
            double size = s.large() ? Math.min(s.size(), 4) : s.size();
            String outline = s.large() ? null : s.outline();
            Style marker = new Style(s.color(), s.large() ? 0.7 : 0.9, outline, outline == null ? 0 : 1, false);
            canvas.beginGroup("markers", marker, false);
            int stride = stride(s);
            for (int i = 0; i < n; i += stride) {
                double x = xs[i];
                double y = ys[i];
                if (Double.isNaN(x) || Double.isNaN(y) || x < px0 - 0.5 || x > px1 + 0.5 || y < py0 - 0.5 || y > py1 + 0.5) {
                    continue;
                }
                Style style = s.opacity() == null ? marker
                        : new Style(s.color(), marker.fillOpacity() * s.opacity()[i], outline, outline == null ? 0 : 1,
                        false);
                marker(s.symbol(), x, y, size, style, "pt", s.hover() != null && !s.large() ? s.hover()[i] : null);
            }
            canvas.endGroup();
        }
    }

    /** Runs of consecutive drawable points, as {from, to (exclusive)}. */
    private static List<int[]> segments(double[] xs, double[] ys) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= xs.length; i++) {
            boolean ok = i < xs.length && !Double.isNaN(xs[i]) && !Double.isNaN(ys[i]);
            if (ok && start < 0) {
                start = i;
            } else if (!ok && start >= 0) {
                out.add(new int[] {start, i});
                start = -1;
            }
        }
        return out;
    }

    /** One marker of diameter {@code size} (CSS pixels, as Plotly's marker size): class "pt" for data points. */
    private void marker(Trace.Symbol symbol, double x, double y, double size, Style style, String cls, String title) {
        double r = size / 2;
        switch (symbol) {
            case CIRCLE -> canvas.circle(x, y, r, style, cls, title);
            case SQUARE -> canvas.rect(x - 0.9 * r, y - 0.9 * r, 1.8 * r, 1.8 * r, style, cls, title);
            case DIAMOND -> canvas.polygon(new double[] {x, x + 1.25 * r, x, x - 1.25 * r},
                    new double[] {y - 1.25 * r, y, y + 1.25 * r, y}, 4, style, cls, title);
            case STAR -> {
                double[] sx = new double[10];
                double[] sy = new double[10];
                double outer = 1.35 * r;
                for (int k = 0; k < 10; k++) {
                    double a = -Math.PI / 2 + k * Math.PI / 5;
                    double rad = k % 2 == 0 ? outer : 0.45 * outer;
                    sx[k] = x + rad * Math.cos(a);
                    sy[k] = y + rad * Math.sin(a);
                }
                canvas.polygon(sx, sy, 10, style, cls, title);
            }
            case CROSS -> {
                double a = 1.15 * r;
                double t = 0.4 * r;
                canvas.polygon(new double[] {x - t, x + t, x + t, x + a, x + a, x + t, x + t, x - t, x - t, x - a, x - a, x - t},
                        new double[] {y - a, y - a, y - t, y - t, y + t, y + t, y + a, y + a, y + t, y + t, y - t, y - t},
                        12, style, cls, title);
            }
            default -> throw new IllegalStateException("symbol " + symbol);
        }
    }

    private void bars(Trace.Bars b, int index, int count) {
        Style fill = Style.fill(b.color());
        canvas.beginGroup("bars", fill, true);
        AxisMap cat = b.horizontal() ? yMap : xMap;
        AxisMap val = b.horizontal() ? xMap : yMap;
        double slot = 0.8 / count;
        double base = val.baseline();
        for (int i = 0; i < b.values().length; i++) {
            double v = b.values()[i];
            double end = val.px(v);
            if (Double.isNaN(end)) {
                continue;
            }
            double pos = (cat.category ? i : i + 1) - 0.4 + slot * index;
            double c0 = cat.px(pos);
            double c1 = cat.px(pos + slot);
            String title = b.hover() != null ? b.hover()[i]
                    : (b.name() == null ? "" : b.name() + ": ") + cat.categoryName(i) + " " + fmt(v);
            Style style = b.colors() == null ? fill : Style.fill(b.colorOf(i));
            if (b.horizontal()) {
                canvas.rect(Math.min(base, end), Math.min(c0, c1), Math.abs(end - base), Math.abs(c1 - c0), style, "bar", title);
            } else {
                canvas.rect(Math.min(c0, c1), Math.min(base, end), Math.abs(c1 - c0), Math.abs(end - base), style, "bar", title);
            }
        }
        canvas.endGroup();
    }

    private void boxes(Trace.Boxes b, int index, int count) {
        double slot = 0.7 / count;
        canvas.beginGroup("boxes", null, false);
        for (int i = 0; i < b.boxes().size(); i++) {
            Trace.BoxStats st = b.boxes().get(i);
            if (st.n() == 0 || !Double.isFinite(st.q1()) || !Double.isFinite(st.q3()) || !Double.isFinite(st.median())) {
                continue;
            }
            String colour = b.colors().get(i);
            double centre = i - 0.35 + slot * (index + 0.5);
            double xc = xMap.px(centre);
            double half = Math.abs(xMap.px(centre + slot * 0.4) - xc);
            double yq1 = yMap.px(st.q1());
            double yq3 = yMap.px(st.q3());
            double ymed = yMap.px(st.median());
            Style whisker = Style.stroke(colour, 1.2);
            if (Double.isFinite(st.lowerWhisker())) {
                double yl = yMap.px(st.lowerWhisker());
                canvas.line(xc, yq1, xc, yl, whisker);
                canvas.line(xc - half / 2, yl, xc + half / 2, yl, whisker);
            }
            if (Double.isFinite(st.upperWhisker())) {
                double yu = yMap.px(st.upperWhisker());
                canvas.line(xc, yq3, xc, yu, whisker);
                canvas.line(xc - half / 2, yu, xc + half / 2, yu, whisker);
            }
            String title = xMap.categoryName(i) + ": median " + fmt(st.median()) + ", q1 " + fmt(st.q1()) + ", q3 "
                    + fmt(st.q3()) + ", n " + st.n();
            canvas.rect(xc - half, Math.min(yq1, yq3), 2 * half, Math.abs(yq1 - yq3),
                    new Style(colour, 0.35, colour, 1.5, false), "box", title);
            canvas.line(xc - half, ymed, xc + half, ymed, Style.stroke(colour, 2.5));
            if (Double.isFinite(st.mean())) {
                double ym = yMap.px(st.mean());
                double d = 4;
                canvas.polygon(new double[] {xc, xc + d, xc, xc - d}, new double[] {ym - d, ym, ym + d, ym}, 4,
                        new Style("#FFFFFF", 1, colour, 1.5, false), "mean", "mean " + fmt(st.mean()));
            }
        }
        canvas.endGroup();
    }

    private void heatmap(Trace.Heatmap h) {
        double[] domain = heatDomain(h);
        canvas.beginGroup("heatmap", null, true);
        double[][] z = h.z();
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < z[r].length; c++) {
                double v = z[r][c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x0 = xMap.px(c - 0.5);
                double x1 = xMap.px(c + 0.5);
                double y0 = yMap.px(r - 0.5);
                double y1 = yMap.px(r + 0.5);
                String colour = Colors.hex(heatColour(h, domain, v));
                canvas.rect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0), Style.fill(colour),
                        "cell", yMap.categoryName(r) + " × " + xMap.categoryName(c) + ": " + fmt(v));
            }
        }
        canvas.endGroup();
        if (h.text() == null) {
            return;
        }
        // one size for every cell, the largest at which all texts fit: a heatmap showing only some numbers misleads
        double cw = Double.POSITIVE_INFINITY;
        double ch = Double.POSITIVE_INFINITY;
        String widest = "";
        for (int r = 0; r < z.length && r < h.text().length; r++) {
            String[] row = h.text()[r];
            for (int c = 0; row != null && c < z[r].length && c < row.length; c++) {
                if (row[c] != null && !row[c].isEmpty()) {
                    cw = Math.min(cw, Math.abs(xMap.px(c + 0.5) - xMap.px(c - 0.5)));
                    ch = Math.min(ch, Math.abs(yMap.px(r + 0.5) - yMap.px(r - 0.5)));
                    if (Fonts.width(row[c], 10, false) > Fonts.width(widest, 10, false)) {
                        widest = row[c];
                    }
                }
            }
        }
        double size = 11;
        while (size >= 7 && (Fonts.width(widest, size, false) + 4 > cw || size + 3 > ch)) {
            size--;
        }
        if (size < 7 || widest.isEmpty()) {
            return;
        }
        canvas.beginGroup("cell-text", null, false);
        for (int r = 0; r < z.length && r < h.text().length; r++) {
            String[] row = h.text()[r];
            for (int c = 0; row != null && c < z[r].length && c < row.length; c++) {
                String s = row[c];
                if (s == null || s.isEmpty()) {
                    continue;
                }
                double v = z[r][c];
                int bg = Double.isFinite(v) ? heatColour(h, domain, v) : 0xFFFFFF;
                String ink = Colors.luminance(bg) < 0.4 ? "#FFFFFF" : INK;
                canvas.text(s, xMap.px(c), yMap.px(r) + 0.36 * size, TextStyle.of(size, ink, TextStyle.Anchor.MIDDLE));
            }
        }
        canvas.endGroup();
    }

    /** The values the colour scale spans: symmetric about 0 when diverging, else the data's range. */
    static double[] heatDomain(Trace.Heatmap h) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : h.z()) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return h.diverging() ? new double[] {-1, 1} : new double[] {0, 1};
        }
        if (h.diverging()) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            return m == 0 ? new double[] {-1, 1} : new double[] {-m, m};
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo, lo + 1};
    }

    private static int heatColour(Trace.Heatmap h, double[] domain, double v) {
        return h.diverging() ? Colors.diverging(v / domain[1]) : Colors.sequential((v - domain[0]) / (domain[1] - domain[0]));
    }

    private void rule(Trace.Rule r, double px0, double px1, double py0, double py1) {
        Style style = Style.stroke(r.color(), 1.5, r.dashed());
        canvas.beginGroup("rule", style, false);
        double at = r.vertical() ? xMap.px(r.value()) : yMap.px(r.value());
        boolean inside = r.vertical() ? xMap.inside(at) : yMap.inside(at);
        if (!Double.isNaN(at) && inside) {
            if (r.vertical()) {
                canvas.line(at, py0, at, py1, style);
            } else {
                canvas.line(px0, at, px1, at, style);
            }
        }
        canvas.endGroup();
        canvas.unclip();
        if (!Double.isNaN(at) && inside) {
            if (hasText(r.label())) {
                String label = Fonts.fit(r.label(), TICK_SIZE, false, (px1 - px0) * 0.6);
                double w = Fonts.width(label, TICK_SIZE, false);
                double x;
                double y;
                if (r.vertical()) {
                    x = at + 4 + w <= px1 ? at + 4 : at - 4 - w;
                    y = py0 + 4 + TICK_SIZE;
                } else {
                    x = px1 - 4 - w;
                    y = at - 4 - TICK_SIZE >= py0 ? at - 4 : at + 4 + TICK_SIZE;
                }
                canvas.rect(x - 2, y - TICK_SIZE, w + 4, TICK_SIZE + 4, Style.fill("#FFFFFF", 0.8), null, null);
                canvas.text(label, x, y, TextStyle.of(TICK_SIZE, r.color(), TextStyle.Anchor.START));
            }
        }
    }

    /** The legend from {@code y0} down; returns where it ends. */
    private double legend(double x0, double y0, double yMax) {
        int room = (int) Math.max(1, Math.floor((yMax - y0 - (colourBar != null ? 120 : 0)) / LEGEND_ROW));
        int shown = legend.size() <= room ? legend.size() : room - 1;
        canvas.beginGroup("legend", null, false);
        double y = y0;
        for (int i = 0; i < shown; i++) {
            Trace t = legend.get(i);
            double cy = y + LEGEND_ROW / 2;
            swatch(t, x0 + 10, cy);
            canvas.text(Fonts.fit(t.name(), LEGEND_SIZE, false, 170), x0 + 26, cy + 0.36 * LEGEND_SIZE,
                    TextStyle.of(LEGEND_SIZE, INK, TextStyle.Anchor.START));
            y += LEGEND_ROW;
        }
        if (shown < legend.size()) {
            canvas.text("… " + (legend.size() - shown) + " more", x0 + 26, y + LEGEND_ROW / 2 + 0.36 * LEGEND_SIZE,
                    TextStyle.of(LEGEND_SIZE, MUTED, TextStyle.Anchor.START));
            y += LEGEND_ROW;
        }
        canvas.endGroup();
        return y;
    }

    private void swatch(Trace t, double cx, double cy) {
        if (t instanceof Trace.Scatter s) {
            if (s.mode() != Trace.Mode.MARKERS || s.fill() != Trace.Fill.NONE) {
                canvas.line(cx - 9, cy, cx + 9, cy, Style.stroke(s.color(), 2));
            }
            if (s.mode() != Trace.Mode.LINES) {
                String outline = s.large() ? null : s.outline();
                marker(s.symbol(), cx, cy, Math.max(6, Math.min(10, s.size())),
                        new Style(s.color(), 1, outline, outline == null ? 0 : 1, false), "swatch", null);
            }
        } else if (t instanceof Trace.Bars b) {
            canvas.rect(cx - 6, cy - 6, 12, 12, Style.fill(b.color()), "swatch", null);
        } else if (t instanceof Trace.Boxes b) {
            String c = b.colors().isEmpty() ? MUTED : b.colors().get(0);
            canvas.rect(cx - 6, cy - 6, 12, 12, new Style(c, 0.35, c, 1.5, false), "swatch", null);
        } else if (t instanceof Trace.Rule r) {
            canvas.line(cx - 9, cy, cx + 9, cy, Style.stroke(r.color(), 1.5, r.dashed()));
        }
    }

    private void colourBar(Trace.Heatmap h, double x0, double y0, double y1) {
        double barTop = y0;
        double barBottom = y1;
        if (barBottom - barTop < 60) {
            barTop = barBottom - 60;
        }
        double[] domain = heatDomain(h);
        canvas.beginGroup("colorbar", null, true);
        int steps = 64;
        double step = (barBottom - barTop) / steps;
        for (int i = 0; i < steps; i++) {
            double v = domain[0] + (domain[1] - domain[0]) * (i + 0.5) / steps;
            canvas.rect(x0, barBottom - (i + 1) * step, 14, step + 0.01, Style.fill(Colors.hex(heatColour(h, domain, v))),
                    null, null);
        }
        canvas.endGroup();
        canvas.rect(x0, barTop, 14, barBottom - barTop, Style.stroke(AXIS, 0.8), null, null);
        Ticks.TickSet ticks = Ticks.linear(domain[0], domain[1], 4, false, false);
        double labels = 0;
        for (int i = 0; i < ticks.values().length; i++) {
            double y = barBottom - (ticks.values()[i] - domain[0]) / (domain[1] - domain[0]) * (barBottom - barTop);
            canvas.line(x0 + 14, y, x0 + 17, y, Style.stroke(AXIS, 1));
            canvas.text(ticks.labels()[i], x0 + 20, y + 0.36 * (TICK_SIZE - 1),
                    TextStyle.of(TICK_SIZE - 1, AXIS, TextStyle.Anchor.START));
            labels = Math.max(labels, Fonts.width(ticks.labels()[i], TICK_SIZE - 1, false));
        }
        if (hasText(h.colorbar())) {
            double x = x0 + 20 + labels + 6 + 0.8 * 12;
            canvas.text(Fonts.fit(h.colorbar(), 12, false, barBottom - barTop), x, (barTop + barBottom) / 2,
                    TextStyle.of(12, INK, TextStyle.Anchor.MIDDLE).rotated(-90));
        }
    }

    /** A number for a tooltip: up to 4 significant decimals, no exponent for ordinary magnitudes. */
    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------------------------------------- axes

    /** One axis: its range in axis units (log10 of the value on a logarithmic axis), ticks, and pixel placement. */
    private static final class AxisMap {
        final Axis axis;
        final boolean category;
        final boolean log;
        final double lo;
        final double hi;
        final Ticks.TickSet ticks;
        /** The labels drawn (null: skipped to avoid overlap), aligned with {@code ticks}. */
        String[] shown;
        boolean rotated;
        double rotatedDepth;
        double p0;
        double p1;

        private AxisMap(Axis axis, double lo, double hi, Ticks.TickSet ticks) {
            this.axis = axis;
            this.category = axis.scale() == Axis.Scale.CATEGORY;
            this.log = axis.scale() == Axis.Scale.LOG;
            this.lo = lo;
            this.hi = hi;
            this.ticks = ticks;
            this.shown = ticks.labels().clone();
        }

        int categories() {
            return axis.categories().size();
        }

        String categoryName(int i) {
            return category && i < categories() ? axis.categories().get(i) : Integer.toString(category ? i : i + 1);
        }

        static AxisMap build(Axis axis, List<Trace> traces, boolean horizontal, double pixels) {
            int target = (int) Math.max(2, Math.round(pixels / (horizontal ? 100 : 60)));
            switch (axis.scale()) {
                case CATEGORY -> {
                    int n = axis.categories().size();
                    double lo = axis.min() != null ? axis.min() : -0.5;
                    double hi = axis.max() != null ? axis.max() : n - 0.5;
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        values[i] = i;
                    }
                    return new AxisMap(axis, lo, hi, new Ticks.TickSet(values, axis.categories().toArray(String[]::new)));
                }
                case LOG -> {
                    double[] ext = extent(traces, horizontal, true);
                    int[] dec = ext == null ? new int[] {0, 1} : Ticks.decades(ext[0], ext[1]);
                    double lo = axis.min() != null && axis.min() > 0 ? Math.log10(axis.min()) : dec[0];
                    double hi = axis.max() != null && axis.max() > 0 ? Math.log10(axis.max()) : dec[1];
                    if (!(hi > lo)) {
                        hi = lo + 1;
                    }
                    Ticks.TickSet t = Ticks.log((int) Math.floor(lo + 1e-9), (int) Math.ceil(hi - 1e-9), target);
                    return new AxisMap(axis, lo, hi, within(t, lo, hi, true));
                }
                default -> {
                    if (axis.isReversed()) {
                        // min above max: the axis runs the other way; ticks over [max, min], pixels mapped backwards
                        double top = axis.max();
                        double bottom = axis.min();
                        Ticks.TickSet t = Ticks.linear(top, bottom, target, axis.integerTicks(), false);
                        return new AxisMap(axis, bottom, top, within(t, top, bottom, false));
                    }
                    double[] ext = extent(traces, horizontal, false);
                    double a = ext == null ? 0 : ext[0];
                    double b = ext == null ? 1 : ext[1];
                    if (axis.min() != null) {
                        a = axis.min();
                        b = Math.max(b, a);
                    }
                    if (axis.max() != null) {
                        b = axis.max();
                        a = Math.min(a, b);
                    }
                    if (!(b > a)) {
                        double pad = a == 0 ? 1 : Math.abs(a) * 0.1;
                        a -= axis.min() != null ? 0 : pad;
                        b += pad;
                    }
                    boolean both = axis.min() != null && axis.max() != null;
                    Ticks.TickSet t = Ticks.linear(a, b, target, axis.integerTicks(), !both);
                    double lo = axis.min() != null ? axis.min() : t.values()[0];
                    double hi = axis.max() != null ? axis.max() : t.values()[t.values().length - 1];
                    // a marker or reference line on the frame would be half hidden by the axis: give it room
                    double[] edge = edgeExtent(traces, horizontal);
                    double span = hi - lo;
                    if (edge != null && axis.min() == null && edge[0] - lo <= 0.01 * span) {
                        lo -= 0.04 * span;
                    }
                    if (edge != null && axis.max() == null && hi - edge[1] <= 0.01 * span) {
                        hi += 0.04 * span;
                    }
                    return new AxisMap(axis, lo, hi, within(t, lo, hi, false));
                }
            }
        }

        /** The ticks inside [lo, hi] (axis units). */
        private static Ticks.TickSet within(Ticks.TickSet t, double lo, double hi, boolean log) {
            double eps = (hi - lo) * 1e-9;
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < t.values().length; i++) {
                double u = log ? Math.log10(t.values()[i]) : t.values()[i];
                if (u >= lo - eps && u <= hi + eps) {
                    keep.add(i);
                }
            }
            double[] v = new double[keep.size()];
            String[] l = new String[keep.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.values()[keep.get(i)];
                l[i] = t.labels()[keep.get(i)];
            }
            return new Ticks.TickSet(v, l);
        }

        /** The data range one axis must show over all traces, or null when there is none. */
        private static double[] extent(List<Trace> traces, boolean horizontal, boolean log) {
            double[] e = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (Trace t : traces) {
                if (t instanceof Trace.Scatter s) {
                    add(e, horizontal ? s.x() : s.y(), log);
                    if (s.fill() == (horizontal ? Trace.Fill.TO_ZERO_X : Trace.Fill.TO_ZERO_Y)) {
                        add(e, 0, log);
                    }
                } else if (t instanceof Trace.Bars b) {
                    if (b.horizontal() != horizontal) {
                        positions(e, b.values().length, 1, log);
                    } else {
                        add(e, b.values(), log);
                        add(e, 0, log);
                    }
                } else if (t instanceof Trace.Heatmap h) {
                    int n = horizontal ? (h.z().length == 0 ? 0 : h.z()[0].length) : h.z().length;
                    positions(e, n, 0, log);
                } else if (t instanceof Trace.Boxes b) {
                    if (horizontal) {
                        positions(e, b.boxes().size(), 0, log);
                    } else {
                        for (Trace.BoxStats st : b.boxes()) {
                            add(e, new double[] {st.lowerWhisker(), st.q1(), st.median(), st.q3(), st.upperWhisker(), st.mean()}, log);
                        }
                    }
                } else if (t instanceof Trace.Rule r && r.vertical() == horizontal) {
                    add(e, r.value(), log);
                }
            }
            return e[0] <= e[1] ? e : null;
        }

        /** The range of the markers and reference lines alone, or null when there are none. */
        private static double[] edgeExtent(List<Trace> traces, boolean horizontal) {
            double[] e = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (Trace t : traces) {
                if (t instanceof Trace.Scatter s && s.mode() != Trace.Mode.LINES) {
                    add(e, horizontal ? s.x() : s.y(), false);
                } else if (t instanceof Trace.Rule r && r.vertical() == horizontal) {
                    add(e, r.value(), false);
                }
            }
            return e[0] <= e[1] ? e : null;
        }

        private static void positions(double[] e, int n, int first, boolean log) {
            if (n > 0) {
                add(e, first - 0.5, log);
                add(e, first + n - 0.5, log);
            }
        }

        private static void add(double[] e, double[] values, boolean log) {
            for (double v : values) {
                add(e, v, log);
            }
        }

        private static void add(double[] e, double v, boolean log) {
            if (Double.isFinite(v) && (!log || v > 0)) {
                e[0] = Math.min(e[0], v);
                e[1] = Math.max(e[1], v);
            }
        }

        /**
         * Chooses which labels to draw and how: category labels are cut to a readable length, rotated when they
         * do not fit side by side, and thinned to every m-th when even rotated ones would overlap.
         */
        void fitLabels(double pixels, boolean horizontal, double chartWidth) {
            shown = ticks.labels().clone();
            rotated = false;
            if (!category || shown.length == 0) {
                return;
            }
            double slot = pixels / Math.max(1e-9, hi - lo);
            double widest = 0;
            for (int i = 0; i < shown.length; i++) {
                shown[i] = Fonts.fit(shown[i], TICK_SIZE, false, horizontal ? 140 : Math.max(80, 0.28 * chartWidth));
                widest = Math.max(widest, Fonts.width(shown[i], TICK_SIZE, false));
            }
            double pitch;
            if (horizontal) {
                rotated = widest + 6 > slot;
                pitch = rotated ? TICK_SIZE * 1.5 : widest + 6;
                rotatedDepth = DIAG * widest + 12;
            } else {
                pitch = TICK_SIZE + 2;
            }
            int every = (int) Math.ceil(pitch / slot);
            if (every > 1) {
                for (int i = 0; i < shown.length; i++) {
                    if (i % every != 0) {
                        shown[i] = null;
                    }
                }
            }
        }

        List<String> shownLabels() {
            List<String> out = new ArrayList<>();
            for (String s : shown) {
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }

        /** {@code from} is the pixel of the low end, {@code to} of the high end (for y: bottom, then top). */
        void place(double from, double to) {
            p0 = from;
            p1 = to;
        }

        /** The pixel of a data value, or NaN when it cannot be drawn (NaN, infinite, not positive on a log axis). */
        double px(double v) {
            if (!Double.isFinite(v) || (log && v <= 0)) {
                return Double.NaN;
            }
            double u = log ? Math.log10(v) : v;
            return p0 + (u - lo) / (hi - lo) * (p1 - p0);
        }

        /** Where bars and fills start: 0, or the low end of the axis when 0 is not on it (log axes). */
        double baseline() {
            if (log) {
                return p0;
            }
            double z = px(0);
            return Math.max(Math.min(p0, p1), Math.min(Math.max(p0, p1), z));
        }

        boolean inside(double p) {
            return !Double.isNaN(p) && p >= Math.min(p0, p1) - 0.5 && p <= Math.max(p0, p1) + 0.5;
        }
    }
}

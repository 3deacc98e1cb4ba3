package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Trace;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 2-D map of rows, one {@link Trace.Scatter} per group in the group's colour, with a hover text per point that
 * gives the row number and the row's original feature values; optionally each cluster's centre as a star with a
 * dark outline. Shared by the clustering scatter and the reduction map.
 */
final class PointMap {
    /** Rows drawn at most; beyond, a seeded sample of this many (the chart note says so). */
    static final int MAX_POINTS = 20_000;
    /** Above this many points the traces are flagged {@code large} (WebGL in the browser). */
    static final int WEBGL_ABOVE = 2_000;
    /** Features listed in a hover text; the rest are counted. */
    static final int HOVER_FEATURES = 12;
    static final String CENTRE_OUTLINE = "#222222";
    /** The opacity of a point of strength 0 in a shaded map. */
    static final double MIN_OPACITY = 0.15;

    private PointMap() {
    }

    /**
     * @param px      x of each drawn row (index into {@code sample.rows()})
     * @param py      y of each drawn row
     * @param sample  the rows drawn
     * @param group   group index of every row of the data (not only the drawn ones)
     * @param groups  names and colours
     * @param raw     the rows in their original units, for the hover texts
     * @param centres per group, the centre's (x, y), or null for none (no stars at all when {@code centres} is null)
     */
    static Chart chart(String id, String title, Axis x, Axis y, double[] px, double[] py, RowSample sample, int[] group,
                       Groups groups, Dataset raw, double[][] centres, String note) {
        return chart(id, title, x, y, px, py, sample, group, groups, raw, centres, null, note);
    }

    /**
     * As above, the points shaded by {@code strength} (one value in [0, 1] per row of the data: HDBSCAN's membership
     * strengths): opacity {@link #MIN_OPACITY} + (1 − {@link #MIN_OPACITY})·strength, the strength in the hover text;
     * noise (group of label -1) keeps the default opacity. Null: no shading.
     */
    static Chart chart(String id, String title, Axis x, Axis y, double[] px, double[] py, RowSample sample, int[] group,
                       Groups groups, Dataset raw, double[][] centres, double[] strength, String note) {
        int m = sample.size();
        int[] perGroup = new int[groups.count()];
        for (int r : sample.rows()) {
            perGroup[group[r]]++;
        }
        double[][] gx = new double[groups.count()][];
        double[][] gy = new double[groups.count()][];
        double[][] go = new double[groups.count()][];
        String[][] hover = new String[groups.count()][];
        for (int g = 0; g < groups.count(); g++) {
            gx[g] = new double[perGroup[g]];
            gy[g] = new double[perGroup[g]];
            go[g] = strength != null && groups.id(g) >= 0 ? new double[perGroup[g]] : null;
            hover[g] = new String[perGroup[g]];
        }
        int[] at = new int[groups.count()];
        for (int s = 0; s < m; s++) {
            int r = sample.rows()[s];
            int g = group[r];
            gx[g][at[g]] = px[s];
            gy[g][at[g]] = py[s];
            hover[g][at[g]] = hover(raw, r);
            if (go[g] != null) {
                double v = Math.max(0, Math.min(1, strength[r]));
                go[g][at[g]] = MIN_OPACITY + (1 - MIN_OPACITY) * v;
                hover[g][at[g]] += "\nmembership strength " + Numbers.fmt(strength[r]);
            }
            at[g]++;
        }
        boolean large = m > WEBGL_ABOVE;
        List<Trace> traces = new ArrayList<>();
        for (int g = 0; g < groups.count(); g++) {
            Trace.Scatter points = Trace.Scatter.points(groups.name(g), gx[g], gy[g], groups.color(g), hover[g], large);
            traces.add(go[g] == null ? points : points.withOpacity(go[g]));
        }
        if (centres != null) {
            for (int g = 0; g < groups.count(); g++) {
                if (centres[g] == null || !Double.isFinite(centres[g][0]) || !Double.isFinite(centres[g][1])) {
                    continue;
                }
                // drawn after every point so no point hides a star; out of the legend (the note explains them)
                traces.add(new Trace.Scatter(null, new double[] {centres[g][0]}, new double[] {centres[g][1]},
                        Trace.Mode.MARKERS, groups.color(g), Trace.Symbol.STAR, 18,
                        new String[] {"centre of " + groups.name(g)}, false, Trace.Fill.NONE, CENTRE_OUTLINE));
            }
        }
        return new Chart(id, title, x, y, traces, note);
    }

    /** "row 17\nsepal_length = 5.1\n…", the row number being its 0-based position among the input's data rows. */
    static String hover(Dataset raw, int r) {
        StringBuilder sb = new StringBuilder(64);
        sb.append("row ").append(raw.rowId(r));
        int d = raw.cols();
        int shown = Math.min(d, HOVER_FEATURES);
        for (int j = 0; j < shown; j++) {
            sb.append('\n').append(raw.columnName(j)).append(" = ").append(value(raw.get(r, j)));
        }
        if (shown < d) {
            sb.append("\n… ").append(d - shown).append(" more features");
        }
        return sb.toString();
    }

    /** A data value as short as it can be without hiding digits the input is likely to have (6 significant). */
    static String value(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String g = String.format(Locale.ROOT, "%.6g", v);
        if (g.contains("e")) {
            return g;
        }
        return new BigDecimal(g).stripTrailingZeros().toPlainString();
    }
}

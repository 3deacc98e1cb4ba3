package io.cumulo.report;

import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.selection.ChooseEps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sorted k-distance plot of {@code cumulo choose-eps}: every row's distance to its k-th nearest row (itself
 * counted, k = min-samples), ascending, with the knee Kneedle found marked and the suggested eps as a dashed line. Above
 * {@link #MAX_POINTS} rows the curve is drawn through evenly spaced ranks plus the knee and the last row (the curve is
 * monotone, so nothing between two drawn points leaves the segment's box).
 */
final class KDistanceSection {
    static final String ID = "k-distance";
    static final int MAX_POINTS = 2000;

    private KDistanceSection() {
    }

    static Report.Section section(ChooseEps.Result r) {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(new Report.Block.Text("Each row's distance to its " + r.minSamples() + (r.minSamples() == 1 ? "st"
                : "th") + " nearest row (itself counted, as DBSCAN's min-samples = " + r.minSamples() + " counts), "
                + "sorted. Rows inside clusters make the long low part; sparse rows (borders, noise) the steep rise at the "
                + "end. An eps at the knee makes the rows to its left core rows.", false));
        blocks.add(Report.Block.Charts.of(chart(r)));
        return new Report.Section(ID, "Sorted k-distance plot", blocks);
    }

    /** Ranks drawn: every one up to {@link #MAX_POINTS}, else evenly spaced ones plus the knee and the last. */
    static int[] drawnRanks(int n, int knee) {
        if (n <= MAX_POINTS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        List<Integer> ranks = new ArrayList<>();
        double step = (n - 1) / (double) (MAX_POINTS - 1);
        int last = -1;
        for (int t = 0; t < MAX_POINTS; t++) {
            int i = (int) Math.round(t * step);
            if (knee > last && knee < i) {
                ranks.add(knee);
            }
            if (i > last) {
                ranks.add(i);
                last = i;
            }
        }
        return ranks.stream().mapToInt(Integer::intValue).toArray();
    }

    static Chart chart(ChooseEps.Result r) {
        double[] kd = r.sorted();
        int n = kd.length;
        int[] ranks = drawnRanks(n, r.kneeIndex());
        double[] x = new double[ranks.length];
        double[] y = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            x[i] = ranks[i] + 1;
            y[i] = kd[ranks[i]];
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(new Trace.Scatter(r.minSamples() + "-distance", x, y, Trace.Mode.LINES, Palette.LINE,
                Trace.Symbol.CIRCLE, 2, null, false, Trace.Fill.NONE, null));
        String note;
        if (r.found()) {
            String label = "eps = " + Numbers.fmt(r.eps());
            traces.add(new Trace.Rule(null, false, r.eps(), Palette.ACCENT, true, label));
            traces.add(new Trace.Scatter("knee", new double[] {r.kneeIndex() + 1}, new double[] {r.eps()},
                    Trace.Mode.MARKERS, Palette.ACCENT, Trace.Symbol.DIAMOND, 14, new String[] {String.format(Locale.ROOT,
                    "knee: row %d of %d\n%s", r.kneeIndex() + 1, n, label)}, false, Trace.Fill.NONE, "#222222"));
            note = String.format(Locale.ROOT, "Knee of the curve (Kneedle, Satopää et al. 2011) at row %s of %s: eps = "
                    + "%s; %.1f%% of rows have their %d nearest rows within it.", Numbers.count(r.kneeIndex() + 1),
                    Numbers.count(n), Numbers.fmt(r.eps()), 100 * r.coreFraction(), r.minSamples());
        } else {
            note = r.reason().substring(0, 1).toUpperCase(Locale.ROOT) + r.reason().substring(1) + ".";
        }
        if (ranks.length < n) {
            note += " Drawn through " + Numbers.count(ranks.length) + " of the " + Numbers.count(n) + " rows.";
        }
        return new Chart("k-distance", "Sorted distance to the " + r.minSamples() + (r.minSamples() == 1 ? "st" : "th")
                + " nearest row", Axis.linear("rows, sorted by that distance"), Axis.linear(r.metric().id()
                + " distance to the " + r.minSamples() + (r.minSamples() == 1 ? "st" : "th") + " nearest row"), traces,
                note);
    }
}

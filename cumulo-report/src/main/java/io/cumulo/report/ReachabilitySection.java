package io.cumulo.report;

import io.cumulo.estimator.Reachability;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The OPTICS reachability plot: one bar per row in the order OPTICS visited them, as high as the row's reachability
 * distance, coloured by its extracted cluster (the scatter's colours; noise grey), with the cut as a dashed line when
 * the labels come from a DBSCAN cut. Valleys are clusters. Infinite reachabilities (the first row of each part of the
 * data, and rows beyond {@code max-eps}) are drawn up to the top of the plot. Above {@link #MAX_BARS} rows each bar
 * is a run of consecutive rows of the ordering: its highest reachability (so the walls between valleys stay visible)
 * and the colour of its most common cluster (noise, then the lower cluster, on ties), so the picture and its cost stay the same however many rows there are.
 */
final class ReachabilitySection {
    static final String ID = "reachability";
    /** Bars drawn at most; above, each bar is a run of rows. */
    static final int MAX_BARS = 4000;

    private ReachabilitySection() {
    }

    /**
     * @param r      the model's reachability plot
     * @param labels each training row's cluster, {@code -1} noise
     */
    static Report.Section section(Reachability r, int[] labels) {
        int[] order = r.ordering();
        double[] reach = r.reachability();
        int n = order.length;
        List<Report.Block> blocks = new ArrayList<>();
        boolean allNoise = true;
        for (int l : labels) {
            allNoise &= l < 0;
        }
        String intro = "Each bar is one row, in the order OPTICS visited them; its height is the distance at which the "
                + "row was reached from the rows before it (its reachability). Valleys are clusters: dense runs of rows "
                + "reached at short distances; walls separate them. Colours are the extracted clusters, as in the "
                + "scatter; noise is grey.";
        blocks.add(new Report.Block.Text(intro, false));
        if (allNoise) {
            blocks.add(new Report.Block.Text("Every row is noise: the extraction found no cluster in this plot.", false));
        }
        blocks.add(Report.Block.Charts.of(chart(order, reach, labels, r.cutDistance())));
        return new Report.Section(ID, "Reachability plot", blocks);
    }

    static Chart chart(int[] order, double[] reach, int[] labels, OptionalDouble cut) {
        int n = order.length;
        double top = 0;
        int infinite = 0;
        for (double v : reach) {
            if (Double.isFinite(v)) {
                top = Math.max(top, v);
            } else {
                infinite++;
            }
        }
        if (cut.isPresent()) {
            top = Math.max(top, cut.getAsDouble());
        }
        top = top > 0 ? top * 1.05 : 1;
        int per = (n + MAX_BARS - 1) / MAX_BARS;
        int bars = (n + per - 1) / per;
        double[] height = new double[bars];
        List<String> colours = new ArrayList<>(bars);
        String[] hover = new String[bars];
        int maxLabel = -1;
        for (int l : labels) {
            maxLabel = Math.max(maxLabel, l);
        }
        int[] count = new int[maxLabel + 2]; // slot 0: noise, c + 1: cluster c
        for (int b = 0; b < bars; b++) {
            int from = b * per;
            int to = Math.min(n, from + per);
            double h = 0;
            boolean inf = false;
            Arrays.fill(count, 0);
            for (int i = from; i < to; i++) {
                double v = reach[order[i]];
                if (Double.isFinite(v)) {
                    h = Math.max(h, v);
                } else {
                    inf = true;
                }
                count[labels[order[i]] + 1]++;
            }
            int best = 0;
            for (int s = 1; s < count.length; s++) {
                if (count[s] > count[best]) {
                    best = s;
                }
            }
            int label = best - 1;
            height[b] = inf ? top : h;
            colours.add(Palette.cluster(label));
            String who = label < 0 ? "noise" : "cluster " + label;
            String rows = per == 1 ? "row " + order[from] + ", #" + (from + 1) + " in the ordering"
                    : "#" + (from + 1) + "–" + to + " in the ordering (" + (to - from) + " rows)";
            hover[b] = rows + "\nreachability " + (inf ? "∞" + (per > 1 ? " (and up to " + Numbers.fmt(h) + ")" : "")
                    : (per > 1 ? "up to " : "") + Numbers.fmt(h)) + "\n" + who;
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(new Trace.Bars("reachability", height, Palette.LINE, false, colours, hover));
        StringBuilder note = new StringBuilder();
        note.append(per == 1 ? "One bar per row." : "Each bar is " + per + " consecutive rows of the ordering (" + n
                + " rows): their highest reachability, coloured by their most common cluster.");
        if (infinite > 0) {
            note.append(" ").append(Numbers.count(infinite)).append(infinite == 1 ? " row has" : " rows have")
                    .append(" infinite reachability (the first row of each part of the data, or rows beyond max-eps); "
                            + "their bars reach the top.");
        }
        if (cut.isPresent()) {
            double eps = cut.getAsDouble();
            traces.add(new Trace.Rule("cut", false, eps, Palette.ACCENT, true, "ε = " + Numbers.fmt(eps)));
            note.append(" The dashed line is the DBSCAN cut at ε = ").append(Numbers.fmt(eps)).append(": a row "
                    + "reached above it starts a new cluster if its core distance is within ε, else it is noise.");
        }
        Axis x = Axis.linear(per == 1 ? "position in the OPTICS ordering" : "bar (" + per + " rows each)");
        Axis y = Axis.linear("reachability distance").withRange(0.0, top * 1.02);
        return new Chart("reachability", "Reachability plot", x, y, traces, note.toString());
    }
}

package io.cumulo.report;

import io.cumulo.estimator.CondensedTree;
import io.cumulo.estimator.DensityHierarchy;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HDBSCAN's condensed tree as an icicle plot (the picture of McInnes et al.'s {@code condensed_tree_.plot()}): the
 * density level {@code λ = 1/distance} runs down, rows run across; each cluster of the tree is a bar hanging from the
 * level where it appears, as wide as the rows it still holds, narrowing as rows leave it, until it splits (its children
 * hang side by side from that level, sharing its width) or its last rows leave. The selected clusters, and the clusters
 * inside them, are drawn in the scatter's colours; the others grey.
 *
 * <p>The picture stays small whatever the number of rows: the bars' outlines take about {@link #MAX_VERTICES} levels
 * in all (spread over the clusters by their size, at least 4 each), at the quantiles of the levels at which each
 * bar's rows leave, and at most {@link #MAX_CLUSTERS} clusters are drawn (the first in breadth-first order: the top of
 * the tree; the note says so); the work is one pass over the rows and a sort of each cluster's levels. Infinite levels
 * (rows with at least min-samples exact duplicates) are drawn at the bottom of the plot.
 */
final class CondensedTreeSection {
    static final String ID = "condensed-tree";
    /** Outline levels drawn over all bars at most. */
    static final int MAX_VERTICES = 4_000;
    /** Clusters drawn at most (the top of the tree). */
    static final int MAX_CLUSTERS = 1_500;
    static final String UNSELECTED = "#b0b0b0";

    private CondensedTreeSection() {
    }

    /** A bar's outline: its centre, and its width at each level (steps). */
    record Bar(int cluster, double centre, double[] levels, double[] widths, int colour) {
    }

    static Report.Section section(DensityHierarchy h, int[] labels) {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(Report.Block.Charts.of(chart(h, labels)));
        return new Report.Section(ID, "Condensed tree", blocks);
    }

    /** The level drawn at the bottom: the largest finite level, with a margin (or 1 when there is none). */
    static double bottom(CondensedTree t) {
        double top = 0;
        for (int r = 0; r < t.rows(); r++) {
            double l = t.rowLambda(r);
            if (l < Double.POSITIVE_INFINITY) {
                top = Math.max(top, l);
            }
        }
        for (int c = 1; c < t.clusters(); c++) {
            if (t.birth(c) < Double.POSITIVE_INFINITY) {
                top = Math.max(top, t.birth(c));
            }
        }
        return top > 0 ? top * 1.05 : 1;
    }

    /**
     * Every cluster's bar: its interval of rows across (the root spans 0..n; a split's children share the width the
     * parent has left, side by side in cluster order, centred under it) and its width down the levels.
     */
    static List<Bar> layout(CondensedTree t, int[] selected) {
        int c = t.clusters();
        int n = t.rows();
        double cap = bottom(t);
        // the levels at which rows leave each cluster, sorted
        int[] count = new int[c];
        for (int r = 0; r < n; r++) {
            count[t.rowCluster(r)]++;
        }
        double[][] leave = new double[c][];
        for (int i = 0; i < c; i++) {
            leave[i] = new double[count[i]];
        }
        int[] fill = new int[c];
        for (int r = 0; r < n; r++) {
            int p = t.rowCluster(r);
            leave[p][fill[p]++] = Math.min(t.rowLambda(r), cap);
        }
        for (double[] l : leave) {
            Arrays.sort(l);
        }
        int[] colour = new int[c];
        Arrays.fill(colour, -1);
        for (int j = 0; j < selected.length; j++) {
            colour[selected[j]] = j;
        }
        double[] start = new double[c];
        List<Bar> bars = new ArrayList<>();
        int drawn = Math.min(c, MAX_CLUSTERS);
        long total = 0;
        for (int i = 0; i < drawn; i++) {
            total += t.size(i);
        }
        for (int i = 0; i < drawn; i++) {
            if (i > 0 && colour[i] < 0) {
                colour[i] = colour[t.parent(i)];
            }
            double centre = start[i] + t.size(i) / 2.0;
            // the children hang from the split, side by side
            double split = t.childCount(i) > 0 ? Math.min(t.birth(t.child(i, 0)), cap) : Double.NaN;
            double shared = 0;
            for (int k = 0; k < t.childCount(i); k++) {
                shared += t.size(t.child(i, k));
            }
            double at = centre - shared / 2;
            for (int k = 0; k < t.childCount(i); k++) {
                int ch = t.child(i, k);
                start[ch] = at;
                at += t.size(ch);
            }
            int budget = Math.max(4, (int) ((long) MAX_VERTICES * t.size(i) / Math.max(1, total)));
            bars.add(outline(i, centre, Math.min(t.birth(i), cap), t.size(i), leave[i], split, budget, colour[i]));
        }
        return bars;
    }

    /**
     * The steps of one bar: from its birth at full width, narrowing as its rows leave (at most {@code budget}
     * steps, at quantiles of the leaving levels), down to its split (where its width is what its children take)
     * or to its last row.
     */
    private static Bar outline(int cluster, double centre, double birth, int size, double[] leave, double split,
                               int budget, int colour) {
        List<Double> levels = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        levels.add(birth);
        widths.add((double) size);
        int m = leave.length;
        int steps = Math.min(m, budget);
        double end = Double.isNaN(split) ? (m > 0 ? leave[m - 1] : birth) : split;
        for (int s = 1; s <= steps; s++) {
            // after the first (s/steps)·m leavers have left
            int gone = (int) Math.round((double) s * m / steps);
            double level = leave[gone - 1];
            if (level >= end) {
                break;
            }
            levels.add(level);
            widths.add((double) (size - gone));
        }
        levels.add(end);
        widths.add(widths.get(widths.size() - 1));
        return new Bar(cluster, centre, levels.stream().mapToDouble(Double::doubleValue).toArray(),
                widths.stream().mapToDouble(Double::doubleValue).toArray(), colour);
    }

    static Chart chart(DensityHierarchy h, int[] labels) {
        CondensedTree t = h.condensedTree();
        int[] selected = h.selectedClusters();
        double[] stability = h.clusterStabilities();
        List<Bar> bars = layout(t, selected);
        // one filled trace per colour: the bars' outlines separated by NaN
        Map<Integer, List<Bar>> byColour = new LinkedHashMap<>();
        for (Bar b : bars) {
            byColour.computeIfAbsent(b.colour(), z -> new ArrayList<>()).add(b);
        }
        List<Trace> traces = new ArrayList<>();
        byColour.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int colour = e.getKey();
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            List<String[]> hs = new ArrayList<>();
            for (Bar b : e.getValue()) {
                double[][] poly = polygon(b);
                String text = hover(t, b.cluster(), selected, stability);
                String[] hover = new String[poly[0].length];
                Arrays.fill(hover, text);
                xs.add(poly[0]);
                ys.add(poly[1]);
                hs.add(hover);
            }
            String name = colour < 0 ? "not selected" : "cluster " + colour;
            traces.add(new Trace.Scatter(name, concat(xs), concat(ys), Trace.Mode.LINES,
                    colour < 0 ? UNSELECTED : Palette.cluster(colour), Trace.Symbol.CIRCLE, 2, concatText(hs), false,
                    Trace.Fill.TO_SELF, null));
        });
        int noise = 0;
        for (int l : labels) {
            noise += l < 0 ? 1 : 0;
        }
        double bottom = bottom(t);
        String note = "Each bar is a cluster of the condensed tree (min-cluster-size rows at least), hanging from the "
                + "density level λ = 1/distance where it appears; its width is the number of its rows still in it, "
                + "narrowing as rows leave it as noise, until it splits into the clusters below it. Coloured as in the "
                + "scatter: the " + selected.length + " selected cluster" + (selected.length == 1 ? "" : "s")
                + " (with the clusters inside them); grey: clusters not selected, whose rows outside the selected ones"
                + " are noise (" + Numbers.count(noise) + " rows)."
                + (Arrays.stream(t.rowLambdas()).anyMatch(l -> l == Double.POSITIVE_INFINITY)
                ? " Rows at an infinite level (exact duplicates) are drawn at the bottom." : "")
                + (t.clusters() > MAX_CLUSTERS ? " The first " + MAX_CLUSTERS + " of " + Numbers.count(t.clusters())
                + " clusters, from the top of the tree." : "");
        Axis x = Axis.linear("rows").withRange(0.0, (double) t.rows());
        Axis y = Axis.reversed("λ = 1 / mutual reachability distance", 0, bottom);
        return new Chart("condensed-tree", "Condensed tree (" + t.clusters() + " clusters, " + selected.length
                + " selected)", x, y, traces, note);
    }

    /** The closed outline of a bar: down its left edge step by step, across its end, up its right edge; then NaN. */
    static double[][] polygon(Bar b) {
        int m = b.levels().length;
        double[] x = new double[4 * (m - 1) + 2];
        double[] y = new double[x.length];
        int o = 0;
        for (int i = 0; i + 1 < m; i++) {
            double half = b.widths()[i] / 2;
            x[o] = b.centre() - half;
            y[o++] = b.levels()[i];
            x[o] = b.centre() - half;
            y[o++] = b.levels()[i + 1];
        }
        for (int i = m - 2; i >= 0; i--) {
            double half = b.widths()[i] / 2;
            x[o] = b.centre() + half;
            y[o++] = b.levels()[i + 1];
            x[o] = b.centre() + half;
            y[o++] = b.levels()[i];
        }
        x[o] = b.centre() - b.widths()[0] / 2;
        y[o++] = b.levels()[0];
        x[o] = Double.NaN;
        y[o] = Double.NaN;
        return new double[][] {x, y};
    }

    private static String hover(CondensedTree t, int cluster, int[] selected, double[] stability) {
        int label = -1;
        for (int j = 0; j < selected.length; j++) {
            if (selected[j] == cluster) {
                label = j;
            }
        }
        double b = t.birth(cluster);
        String where = cluster == 0 ? "the root (all rows)" : String.format(Locale.ROOT,
                "appears at distance %s (λ %s)", Numbers.fmt(1 / b), Numbers.fmt(b));
        return (label >= 0 ? "cluster " + label + " (selected)\n" : "tree cluster " + cluster + "\n") + where + "\n"
                + Numbers.count(t.size(cluster)) + " rows" + (label >= 0 ? "\nstability " + Numbers.fmt(stability[label])
                : "");
    }

    private static double[] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[] out = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    private static String[] concatText(List<String[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        String[] out = new String[n];
        int o = 0;
        for (String[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}

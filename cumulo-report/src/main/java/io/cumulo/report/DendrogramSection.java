package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.data.LabelColumn;
import io.cumulo.estimator.ClusterTree;
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
 * The dendrogram of a hierarchical clustering and its clustermap. Up to {@link #MAX_LEAVES} rows every row is a leaf;
 * above, the tree is truncated to its last merges as SciPy's {@code truncate_mode="lastp"} does: the leaves drawn are
 * the nodes left after all but the last {@code p − 1} merges, labelled with their number of rows, so the picture and
 * its cost stay the same however many rows were clustered (the work is one pass over the merges and one over the
 * rows). Links are coloured by the cluster of the cut they lie in (the scatter's colours), links above the cut grey,
 * and a dashed line marks the cut. The clustermap below has one column per drawn leaf in the same order: each
 * feature's mean over the leaf's rows, standardised over all rows, so the columns line up with the leaves above.
 */
final class DendrogramSection {
    static final String ID = "dendrogram";
    /** At most this many rows, every row is a leaf; above, the last merges only. */
    static final int MAX_LEAVES = 60;
    /** Leaves drawn for a truncated tree (more when the cut has more clusters). */
    static final int TRUNCATED_LEAVES = 40;
    /** Features in the clustermap at most (the first ones of the input). */
    static final int MAX_FEATURES = 30;
    static final String ABOVE_CUT = "#999999";

    private DendrogramSection() {
    }

    /** What is drawn: the leaves in order, their x, the links. */
    record Layout(int[] leafNodes, String[] leafNames, int[][] leafRows, double[] nodeX, double[] nodeY,
                  int[] nodeCluster, int firstDrawnMerge) {
    }

    /**
     * @param tree   the tree over the rows of {@code raw} (leaves = rows)
     * @param labels the cut's cluster of each row (-1 for noise)
     */
    static Report.Section section(ClusterTree tree, int[] labels, Dataset raw) {
        Layout lay = layout(tree, labels, raw);
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(Report.Block.Charts.of(dendrogram(tree, labels, lay)));
        if (raw.cols() > 0) {
            blocks.add(Report.Block.Charts.of(clustermap(raw, lay)));
        }
        return new Report.Section(ID, "Dendrogram", blocks);
    }

    static Layout layout(ClusterTree tree, int[] labels, Dataset raw) {
        int n = tree.leaves();
        int m = tree.merges();
        int k = countClusters(labels);
        int p = n <= MAX_LEAVES ? n : Math.min(n, Math.max(TRUNCATED_LEAVES, k));
        int first = m - (p - 1); // merges from here on are drawn; earlier ones are inside a drawn leaf
        // cluster of each node: the common label of its rows, -2 when they differ (the node spans the cut)
        int[] cluster = new int[n + m];
        for (int i = 0; i < n; i++) {
            cluster[i] = labels[i];
        }
        for (int i = 0; i < m; i++) {
            int a = cluster[tree.left(i)];
            int b = cluster[tree.right(i)];
            cluster[n + i] = a == b ? a : -2;
        }
        // the drawn leaves, left to right: each drawn merge's left child first (SciPy's order)
        List<Integer> leaves = new ArrayList<>();
        if (m == 0) {
            leaves.add(0);
        } else {
            int[] stack = new int[2 * p + 2];
            int top = 0;
            stack[top++] = n + m - 1;
            while (top > 0) {
                int node = stack[--top];
                if (node >= n && node - n >= first) {
                    stack[top++] = tree.right(node - n);
                    stack[top++] = tree.left(node - n);
                } else {
                    leaves.add(node);
                }
            }
        }
        int[] leafNodes = leaves.stream().mapToInt(Integer::intValue).toArray();
        double[] x = new double[n + m];
        double[] y = new double[n + m];
        for (int i = 0; i < leafNodes.length; i++) {
            x[leafNodes[i]] = i;
        }
        for (int i = Math.max(first, 0); i < m; i++) {
            x[n + i] = (x[tree.left(i)] + x[tree.right(i)]) / 2;
            y[n + i] = tree.height(i);
        }
        int[][] leafRows = rowsUnder(tree, leafNodes);
        String[] names = new String[leafNodes.length];
        LabelColumn truth = raw.labels().orElse(null);
        for (int i = 0; i < leafNodes.length; i++) {
            int node = leafNodes[i];
            if (node < n) {
                names[i] = "row " + raw.rowId(node) + (truth == null ? "" : " (" + truth.value(node) + ")");
            } else {
                names[i] = "(" + Numbers.count(leafRows[i].length) + ")";
            }
        }
        return new Layout(leafNodes, names, leafRows, x, y, cluster, Math.max(first, 0));
    }

    /** The rows under each node: one pass over the merges (union of ranges), then over the rows. */
    private static int[][] rowsUnder(ClusterTree tree, int[] nodes) {
        int n = tree.leaves();
        int m = tree.merges();
        int[] owner = new int[n + m]; // which drawn leaf a node falls under, -1 for none yet
        Arrays.fill(owner, -1);
        for (int i = 0; i < nodes.length; i++) {
            owner[nodes[i]] = i;
        }
        // a node's owner passes down to its children, so walk the merges from the last to the first
        for (int i = m - 1; i >= 0; i--) {
            int o = owner[n + i];
            if (o >= 0) {
                owner[tree.left(i)] = o;
                owner[tree.right(i)] = o;
            }
        }
        int[] count = new int[nodes.length];
        for (int r = 0; r < n; r++) {
            count[owner[r]]++;
        }
        int[][] rows = new int[nodes.length][];
        for (int i = 0; i < nodes.length; i++) {
            rows[i] = new int[count[i]];
        }
        int[] fill = new int[nodes.length];
        for (int r = 0; r < n; r++) {
            int o = owner[r];
            rows[o][fill[o]++] = r;
        }
        return rows;
    }

    private static int countClusters(int[] labels) {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max + 1;
    }

    static Chart dendrogram(ClusterTree tree, int[] labels, Layout lay) {
        int n = tree.leaves();
        int m = tree.merges();
        // one line trace per colour: the U of each drawn merge, separated by NaN
        Map<Integer, List<double[]>> byColour = new LinkedHashMap<>();
        double inside = Double.NEGATIVE_INFINITY;
        double across = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            if (lay.nodeCluster()[n + i] == -2) {
                across = Math.min(across, tree.height(i));
            } else {
                inside = Math.max(inside, tree.height(i));
            }
        }
        for (int i = lay.firstDrawnMerge(); i < m; i++) {
            int a = tree.left(i);
            int b = tree.right(i);
            int c = lay.nodeCluster()[n + i];
            double h = tree.height(i);
            byColour.computeIfAbsent(c, z -> new ArrayList<>()).add(new double[] {
                    lay.nodeX()[a], lay.nodeY()[a], lay.nodeX()[b], lay.nodeY()[b], h, tree.size(i)});
        }
        List<Trace> traces = new ArrayList<>();
        byColour.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            List<double[]> links = e.getValue();
            double[] xs = new double[links.size() * 5];
            double[] ys = new double[links.size() * 5];
            String[] hover = new String[links.size() * 5];
            int t = 0;
            for (double[] l : links) {
                String text = String.format(Locale.ROOT, "merge of %s rows at height %s", Numbers.count((long) l[5]),
                        Numbers.fmt(l[4]));
                double[][] pts = {{l[0], l[1]}, {l[0], l[4]}, {l[2], l[4]}, {l[2], l[3]}, {Double.NaN, Double.NaN}};
                for (double[] pt : pts) {
                    xs[t] = pt[0];
                    ys[t] = pt[1];
                    hover[t++] = text;
                }
            }
            int c = e.getKey();
            String colour = c == -2 ? ABOVE_CUT : Palette.cluster(c);
            String name = c == -2 ? "above the cut" : c < 0 ? "noise" : null;
            traces.add(new Trace.Scatter(name, xs, ys, Trace.Mode.LINES, colour, Trace.Symbol.CIRCLE, 2, hover, false,
                    Trace.Fill.NONE, null));
        });
        String cutNote = "";
        if (inside < across && Double.isFinite(across) && inside > Double.NEGATIVE_INFINITY) {
            double cut = (inside + across) / 2;
            traces.add(new Trace.Rule(null, false, cut, Palette.ACCENT, true, "cut: " + countClusters(labels)
                    + " clusters"));
            cutNote = " The dashed line is the cut (between heights " + Numbers.fmt(inside) + " and "
                    + Numbers.fmt(across) + ").";
        } else if (Double.isFinite(across) && inside > Double.NEGATIVE_INFINITY) {
            cutNote = " The tree is not monotone (a merge inside a cluster is higher than one across), so no single "
                    + "height cuts it; the colours show the clusters.";
        }
        int drawn = lay.leafNodes().length;
        String note = (drawn < n ? "The last " + (drawn - 1) + " merges of " + Numbers.count(n) + " rows: each leaf "
                + "is a node of the tree, labelled with its number of rows (SciPy's truncate_mode=\"lastp\", p = "
                + drawn + ")." : "Every row is a leaf.") + " Heights: " + tree.heightMeaning() + "." + cutNote;
        return new Chart("dendrogram", "Dendrogram", Axis.categories(drawn < n ? "node (rows)" : "row",
                List.of(lay.leafNames())), Axis.linear(tree.heightMeaning()), traces, note);
    }

    /** Each feature's mean over each drawn leaf's rows, standardised over all rows; features as rows. */
    static Chart clustermap(Dataset raw, Layout lay) {
        int d = Math.min(raw.cols(), MAX_FEATURES);
        int leaves = lay.leafNodes().length;
        double[][] z = new double[d][leaves];
        String[][] text = new String[d][leaves];
        List<String> features = new ArrayList<>();
        for (int c = 0; c < d; c++) {
            features.add(raw.columnName(c));
            double[] col = raw.column(c);
            double mean = 0;
            for (double v : col) {
                mean += v;
            }
            mean /= col.length;
            double ss = 0;
            for (double v : col) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / col.length);
            for (int i = 0; i < leaves; i++) {
                int[] rows = lay.leafRows()[i];
                double s = 0;
                for (int r : rows) {
                    s += col[r];
                }
                double leafMean = s / rows.length;
                z[c][i] = sd > 0 ? (leafMean - mean) / sd : 0;
                text[c][i] = Numbers.fmt(leafMean);
            }
        }
        String note = "Each column is a leaf of the dendrogram above, in the same order; each cell is the feature's "
                + "mean over the leaf's rows, as a number of standard deviations from the mean of all rows (the "
                + "figure written is the mean in the input's units)."
                + (raw.cols() > d ? " The first " + d + " of " + raw.cols() + " features." : "");
        return new Chart("clustermap", "Clustermap: the features along the dendrogram",
                Axis.categories("leaf", List.of(lay.leafNames())), Axis.categories("feature", features),
                List.of(new Trace.Heatmap("standardised mean", z, true, leaves <= 40 ? text : null,
                        "standard deviations")), note);
    }
}

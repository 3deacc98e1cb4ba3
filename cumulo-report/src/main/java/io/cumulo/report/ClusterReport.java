package io.cumulo.report;

import io.cumulo.Version;
import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A first, self-contained HTML report of one clustering: a summary table, each cluster's size and feature
 * means (in the input's units), and a scatter of the first two principal components coloured by cluster.
 * The page needs no script and no network: the plot is inline SVG.
 */
public final class ClusterReport {
    /** Most points drawn; larger inputs are sampled (with a fixed seed) and the page says so. */
    static final int MAX_POINTS = 5000;

    /** Colour-blind-safe palette (Okabe &amp; Ito 2008, extended with Tableau's), cycled for many clusters. */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
        "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD", "#AEC7E8", "#FF9896", "#98DF8A"};

    /**
     * What the report shows.
     *
     * @param title   heading, e.g. "k-means on builtin:iris"
     * @param raw     the features in the input's units (for per-cluster means)
     * @param space   the data the clustering ran on (after scaling), projected for the plot
     * @param labels  cluster of each row ({@code -1}: noise)
     * @param summary rows of the summary table, in order (values already formatted)
     */
    public record Input(String title, Dataset raw, Dataset space, int[] labels, Map<String, String> summary) {
    }

    private ClusterReport() {
    }

    public static String html(Input in) {
        StringBuilder sb = new StringBuilder(1 << 16);
        head(sb, in.title());
        sb.append("<h1>").append(esc(in.title())).append("</h1>\n");
        sb.append("<p class=\"sub\">").append(in.raw().rows()).append(" rows × ").append(in.raw().cols())
                .append(" features from ").append(esc(in.raw().source())).append("</p>\n");

        sb.append("<h2>Summary</h2>\n<table id=\"summary\">\n");
        for (Map.Entry<String, String> e : in.summary().entrySet()) {
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(e.getValue())).append("</td></tr>\n");
        }
        sb.append("</table>\n");

        appendClusterTable(sb, in);

        sb.append("<h2>Clusters in the first two principal components</h2>\n");
        appendScatter(sb, in);

        sb.append("<footer>Made by Cumulo ").append(esc(Version.get())).append(".</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** The page's head and opening body: title, the shared style sheet. */
    static void head(StringBuilder sb, String title) {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" — Cumulo report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1000px;color:#222;padding:0 1rem}\n")
                .append("h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}\n")
                .append("table{border-collapse:collapse;font-size:.9rem}td,th{padding:.25rem .7rem;border-bottom:1px solid #eee;text-align:right}\n")
                .append("th{background:#f6f6f6}td:first-child,th:first-child{text-align:left}#summary td{text-align:left}.sub{color:#666;font-size:.9rem}\n")
                .append(".swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.4rem;vertical-align:middle}\n")
                .append("footer{margin-top:3rem;color:#888;font-size:.8rem}svg text{font-family:inherit}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    private static int clusterCount(int[] labels) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        return k;
    }

    static String colour(int cluster) {
        return cluster < 0 ? "#BBBBBB" : PALETTE[cluster % PALETTE.length];
    }

    private static void appendClusterTable(StringBuilder sb, Input in) {
        Dataset raw = in.raw();
        int[] labels = in.labels();
        int k = clusterCount(labels);
        int d = raw.cols();
        double[] sums = new double[(k + 1) * d];
        int[] sizes = new int[k + 1];
        double[] x = raw.rawValues();
        for (int i = 0; i < raw.rows(); i++) {
            int c = labels[i] < 0 ? k : labels[i];
            sizes[c]++;
            for (int j = 0; j < d; j++) {
                sums[c * d + j] += x[i * d + j];
            }
        }
        sb.append("<h2>Clusters</h2>\n<p class=\"sub\">Size and mean of each feature, in the input's units.</p>\n");
        sb.append("<div style=\"overflow-x:auto\"><table id=\"clusters\">\n<tr><th>cluster</th><th>size</th><th>share</th>");
        int shown = Math.min(d, 30);
        for (int j = 0; j < shown; j++) {
            sb.append("<th>").append(esc(raw.columnName(j))).append("</th>");
        }
        sb.append("</tr>\n");
        for (int c = 0; c <= k; c++) {
            if (sizes[c] == 0) {
                continue;
            }
            String name = c == k ? "noise" : Integer.toString(c);
            sb.append("<tr><td><span class=\"swatch\" style=\"background:").append(colour(c == k ? -1 : c))
                    .append("\"></span>").append(name).append("</td><td>").append(sizes[c]).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * sizes[c] / raw.rows())).append("</td>");
            for (int j = 0; j < shown; j++) {
                sb.append("<td>").append(fmt(sums[c * d + j] / sizes[c])).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table></div>\n");
        if (shown < d) {
            sb.append("<p class=\"sub\">First ").append(shown).append(" of ").append(d).append(" features shown.</p>\n");
        }
    }

    private static void appendScatter(StringBuilder sb, Input in) {
        Dataset space = in.space();
        int n = space.rows();
        double[] px = new double[n];
        double[] py = new double[n];
        String xLabel;
        String yLabel;
        if (space.cols() >= 2) {
            PCAModel pca = PCA.withComponents(2).fit(space, ExecutionContext.singleThreaded());
            Dataset scores = pca.transform(space);
            double[] ratio = pca.explainedVarianceRatio();
            for (int i = 0; i < n; i++) {
                px[i] = scores.get(i, 0);
                py[i] = scores.get(i, 1);
            }
            xLabel = String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * ratio[0]);
            yLabel = String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * ratio[1]);
        } else {
            for (int i = 0; i < n; i++) {
                px[i] = space.get(i, 0);
                py[i] = in.labels()[i];
            }
            xLabel = space.columnName(0);
            yLabel = "cluster";
        }
        int[] order = sample(n);
        // cluster centres in the plot: the mean of each cluster's projected points (the projection is linear,
        // so this is where the cluster's mean lands)
        int k = clusterCount(in.labels());
        double[] cx = new double[k];
        double[] cy = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < n; i++) {
            int c = in.labels()[i];
            if (c >= 0) {
                cx[c] += px[i];
                cy[c] += py[i];
                count[c]++;
            }
        }
        for (int c = 0; c < k; c++) {
            cx[c] = count[c] > 0 ? cx[c] / count[c] : Double.NaN;
            cy[c] = count[c] > 0 ? cy[c] / count[c] : Double.NaN;
        }
        sb.append(Svg.scatter(px, py, in.labels(), order, xLabel, yLabel, cx, cy));
        if (order.length < n) {
            sb.append("<p class=\"sub\">Showing a random sample of ").append(order.length).append(" of ").append(n)
                    .append(" rows.</p>\n");
        }
    }

    /** Rows to draw: all, or a seeded sample of {@link #MAX_POINTS}, in increasing order. */
    private static int[] sample(int n) {
        if (n <= MAX_POINTS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return io.cumulo.exec.Sampling.sortedSample(n, MAX_POINTS, 0);
    }

    static String fmt(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f", v);
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static List<Integer> clustersPresent(int[] labels) {
        List<Integer> out = new ArrayList<>();
        boolean noise = false;
        int k = clusterCount(labels);
        boolean[] seen = new boolean[k];
        for (int l : labels) {
            if (l < 0) {
                noise = true;
            } else {
                seen[l] = true;
            }
        }
        for (int c = 0; c < k; c++) {
            if (seen[c]) {
                out.add(c);
            }
        }
        if (noise) {
            out.add(-1);
        }
        return out;
    }
}

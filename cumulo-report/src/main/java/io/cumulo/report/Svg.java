package io.cumulo.report;

import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the HTML report: no script, no external files. */
final class Svg {
    private static final int W = 760;
    private static final int H = 500;
    private static final int LEFT = 70;
    private static final int RIGHT = 130;
    private static final int TOP = 20;
    private static final int BOTTOM = 55;

    private Svg() {
    }

    /**
     * A scatter of the rows in {@code order}, coloured by label, with axes, ticks, a legend, and each cluster's
     * centre ({@code cx, cy}; NaN for none) drawn as a cross.
     */
    static String scatter(double[] x, double[] y, int[] labels, int[] order, String xLabel, String yLabel,
                          double[] cx, double[] cy) {
        double[] xr = range(x, order);
        double[] yr = range(y, order);
        double[] xt = ticks(xr[0], xr[1]);
        double[] yt = ticks(yr[0], yr[1]);
        double x0 = Math.min(xr[0], xt[0]);
        double x1 = Math.max(xr[1], xt[xt.length - 1]);
        double y0 = Math.min(yr[0], yt[0]);
        double y1 = Math.max(yr[1], yt[yt.length - 1]);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder(order.length * 80 + 4096);
        sb.append("<svg id=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" width=\"").append(W).append("\" height=\"").append(H).append("\" role=\"img\" aria-label=\"")
                .append(ClusterReport.esc(xLabel + " against " + yLabel)).append("\">\n");
        sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw)
                .append("\" height=\"").append(ph).append("\" fill=\"#fbfbfb\" stroke=\"#ccc\"/>\n");
        for (double t : xt) {
            double px = LEFT + (t - x0) / (x1 - x0) * pw;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                    px, TOP, px, TOP + ph, px, TOP + ph + 16, tick(t)));
        }
        for (double t : yt) {
            double py = TOP + ph - (t - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>\n",
                    LEFT, py, LEFT + pw, py, LEFT - 6, py + 4, tick(t)));
        }
        sb.append("<text x=\"").append(LEFT + pw / 2).append("\" y=\"").append(H - 12)
                .append("\" font-size=\"13\" text-anchor=\"middle\">").append(ClusterReport.esc(xLabel)).append("</text>\n");
        sb.append("<text transform=\"translate(16,").append(TOP + ph / 2)
                .append(") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">").append(ClusterReport.esc(yLabel))
                .append("</text>\n");
        sb.append("<g class=\"points\" fill-opacity=\"0.75\">\n");
        for (int i : order) {
            double px = LEFT + (x[i] - x0) / (x1 - x0) * pw;
            double py = TOP + ph - (y[i] - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", px, py,
                    ClusterReport.colour(labels[i])));
        }
        sb.append("\n</g>\n<g class=\"centres\" stroke-width=\"3\">\n");
        for (int c = 0; c < cx.length; c++) {
            if (Double.isNaN(cx[c])) {
                continue;
            }
            double px = LEFT + (cx[c] - x0) / (x1 - x0) * pw;
            double py = TOP + ph - (cy[c] - y0) / (y1 - y0) * ph;
            String cross = String.format(Locale.ROOT, "M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f", px - 6, py - 6, px + 6,
                    py + 6, px - 6, py + 6, px + 6, py - 6);
            sb.append("<path d=\"").append(cross).append("\" stroke=\"white\" stroke-width=\"5\"/>");
            sb.append("<path d=\"").append(cross).append("\" stroke=\"").append(ClusterReport.colour(c))
                    .append("\"><title>centre of cluster ").append(c).append("</title></path>\n");
        }
        sb.append("</g>\n");
        List<Integer> present = ClusterReport.clustersPresent(labels);
        int ly = TOP + 10;
        int shown = 0;
        for (int c : present) {
            if (shown == 24) {
                sb.append("<text x=\"").append(LEFT + pw + 14).append("\" y=\"").append(ly + 4)
                        .append("\" font-size=\"12\">…</text>\n");
                break;
            }
            sb.append("<circle cx=\"").append(LEFT + pw + 20).append("\" cy=\"").append(ly).append("\" r=\"5\" fill=\"")
                    .append(ClusterReport.colour(c)).append("\"/><text x=\"").append(LEFT + pw + 32).append("\" y=\"")
                    .append(ly + 4).append("\" font-size=\"12\">").append(c < 0 ? "noise" : "cluster " + c).append("</text>\n");
            ly += 18;
            shown++;
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static double[] range(double[] v, int[] order) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i : order) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        if (!(hi > lo)) {
            double c = Double.isFinite(lo) ? lo : 0;
            return new double[] {c - 1, c + 1};
        }
        double pad = (hi - lo) * 0.03;
        return new double[] {lo - pad, hi + pad};
    }

    /** About five "nice" tick values (1, 2 or 5 × 10^k steps) covering [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double start = Math.floor(lo / step) * step;
        int count = (int) Math.ceil((hi - start) / step) + 1;
        double[] t = new double[count];
        for (int i = 0; i < count; i++) {
            t[i] = start + i * step;
        }
        return t;
    }

    private static String tick(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}

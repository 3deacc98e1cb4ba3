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
        axes(sb, LEFT, TOP, pw, ph, H, xt, yt, x0, x1, y0, y1, xLabel, yLabel);
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

    /** Plot frame, grid, tick labels and axis titles for data ranges {@code [x0, x1] × [y0, y1]}. */
    private static void axes(StringBuilder sb, int left, int top, int pw, int ph, int h, double[] xt, double[] yt,
                             double x0, double x1, double y0, double y1, String xLabel, String yLabel) {
        sb.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(pw)
                .append("\" height=\"").append(ph).append("\" fill=\"#fbfbfb\" stroke=\"#ccc\"/>\n");
        for (double t : xt) {
            double px = left + (t - x0) / (x1 - x0) * pw;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                    px, top, px, top + ph, px, top + ph + 16, tick(t)));
        }
        for (double t : yt) {
            double py = top + ph - (t - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>\n",
                    left, py, left + pw, py, left - 6, py + 4, tick(t)));
        }
        sb.append("<text x=\"").append(left + pw / 2).append("\" y=\"").append(h - 12)
                .append("\" font-size=\"13\" text-anchor=\"middle\">").append(ClusterReport.esc(xLabel)).append("</text>\n");
        sb.append("<text transform=\"translate(16,").append(top + ph / 2)
                .append(") rotate(-90)\" font-size=\"13\" text-anchor=\"middle\">").append(ClusterReport.esc(yLabel))
                .append("</text>\n");
    }

    /**
     * A small line chart of {@code y} against {@code x} (NaN: no point), with optional error bars {@code ± err}
     * (null or NaN: none) and the point at {@code marked} (−1: none) circled, as the recommended k.
     */
    static String line(String id, double[] x, double[] y, double[] err, int marked, String xLabel, String yLabel) {
        int w = 460;
        int h = 300;
        int left = 70;
        int top = 15;
        int pw = w - left - 20;
        int ph = h - top - 50;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int[] all = new int[x.length];
        for (int i = 0; i < y.length; i++) {
            all[i] = i;
            double e = err == null || Double.isNaN(err[i]) ? 0 : err[i];
            if (!Double.isNaN(y[i])) {
                lo = Math.min(lo, y[i] - e);
                hi = Math.max(hi, y[i] + e);
            }
        }
        double[] xr = range(x, all);
        double[] yr = hi > lo ? new double[] {lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05}
                : new double[] {Double.isFinite(lo) ? lo - 1 : -1, Double.isFinite(lo) ? lo + 1 : 1};
        double[] xt = ticks(xr[0], xr[1]);
        double[] yt = ticks(yr[0], yr[1]);
        double x0 = Math.min(xr[0], xt[0]);
        double x1 = Math.max(xr[1], xt[xt.length - 1]);
        double y0 = Math.min(yr[0], yt[0]);
        double y1 = Math.max(yr[1], yt[yt.length - 1]);
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg id=\"").append(ClusterReport.esc(id)).append("\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\" aria-label=\"").append(ClusterReport.esc(yLabel + " against " + xLabel)).append("\">\n");
        axes(sb, left, top, pw, ph, h, xt, yt, x0, x1, y0, y1, xLabel, yLabel);
        StringBuilder path = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            double px = left + (x[i] - x0) / (x1 - x0) * pw;
            double py = top + ph - (y[i] - y0) / (y1 - y0) * ph;
            path.append(path.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
            if (err != null && !Double.isNaN(err[i]) && err[i] > 0) {
                double e = err[i] / (y1 - y0) * ph;
                marks.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"#0072B2\" stroke-opacity=\"0.6\"/>", px, py - e, px, py + e));
            }
            marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#0072B2\">"
                    + "<title>%s = %s: %s</title></circle>", px, py, ClusterReport.esc(xLabel), tick(x[i]), tick(y[i])));
            if (i == marked) {
                marks.append(String.format(Locale.ROOT, "<circle class=\"marked\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" "
                        + "fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2.5\"/>", px, py));
            }
        }
        sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\"/>\n");
        sb.append(marks).append("\n</svg>\n");
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

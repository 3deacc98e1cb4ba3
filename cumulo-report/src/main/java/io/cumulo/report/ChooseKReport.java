package io.cumulo.report;

import io.cumulo.Version;
import io.cumulo.selection.ChooseK;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The HTML page of {@code cumulo choose-k --report}: the recommendation and its reason, one small chart per
 * criterion against k (the k it recommends circled; the gap with its ±s_k bars), and the whole table. Inline SVG,
 * no script, no network.
 */
public final class ChooseKReport {
    private ChooseKReport() {
    }

    public static String html(String title, String source, int rows, int features, ChooseK.Result r) {
        StringBuilder sb = new StringBuilder(1 << 15);
        ClusterReport.head(sb, title);
        sb.append("<style>.charts{display:flex;flex-wrap:wrap;gap:1rem}.chart h3{font-size:1rem;margin:.5rem 0 0}"
                + ".rec{font-size:1.1rem}</style>\n");
        sb.append("<h1>").append(ClusterReport.esc(title)).append("</h1>\n");
        sb.append("<p class=\"sub\">").append(rows).append(" rows × ").append(features).append(" features from ")
                .append(ClusterReport.esc(source)).append("</p>\n");
        sb.append("<p class=\"rec\" id=\"recommendation\"><b>Recommended k = ").append(r.recommendedK()).append("</b>: ")
                .append(ClusterReport.esc(r.reason())).append(".</p>\n");

        sb.append("<h2>Each criterion</h2>\n<table id=\"recommendations\">\n<tr><th>criterion</th><th>k</th>"
                + "<th>rule</th></tr>\n");
        for (ChooseK.Recommendation rec : r.recommendations().values()) {
            sb.append("<tr><td>").append(name(rec.criterion())).append("</td><td>")
                    .append(rec.k() == null ? "—" : rec.k().toString()).append("</td><td style=\"text-align:left\">")
                    .append(ClusterReport.esc(rec.k() == null ? rec.note() : rule(rec.criterion()))).append("</td></tr>\n");
        }
        sb.append("</table>\n");

        List<ChooseK.Row> table = r.table();
        double[] ks = new double[table.size()];
        for (int t = 0; t < ks.length; t++) {
            ks[t] = table.get(t).k();
        }
        sb.append("<h2>Criteria against k</h2>\n<div class=\"charts\">\n");
        chart(sb, "inertia", "inertia (within-cluster SSE)", ks, table, row -> row.inertia(), null, r,
                ChooseK.Criterion.ELBOW);
        for (ChooseK.Criterion c : r.recommendations().keySet()) {
            switch (c) {
                case SILHOUETTE:
                    chart(sb, "silhouette", "silhouette" + (r.silhouetteSampled() ? " (sampled)" : ""), ks, table,
                            ChooseK.Row::silhouette, null, r, c);
                    break;
                case CH:
                    chart(sb, "ch", "Calinski-Harabasz", ks, table, ChooseK.Row::calinskiHarabasz, null, r, c);
                    break;
                case DB:
                    chart(sb, "db", "Davies-Bouldin", ks, table, ChooseK.Row::daviesBouldin, null, r, c);
                    break;
                case GAP:
                    chart(sb, "gap", "gap (± s_k)", ks, table, ChooseK.Row::gap, ChooseK.Row::gapSk, r, c);
                    break;
                case BIC:
                    chart(sb, "bic", "BIC (larger is better)", ks, table, ChooseK.Row::bic, null, r, c);
                    break;
                default:
                    break; // the elbow is marked on the inertia chart
            }
        }
        sb.append("</div>\n");

        sb.append("<h2>Table</h2>\n<table id=\"table\">\n<tr><th>k</th><th>inertia</th><th>silhouette</th><th>CH</th>"
                + "<th>DB</th><th>gap</th><th>s_k</th><th>BIC</th><th>fit (s)</th></tr>\n");
        for (ChooseK.Row row : table) {
            sb.append("<tr><td>").append(row.k()).append("</td><td>").append(num(row.inertia())).append("</td><td>")
                    .append(num(row.silhouette())).append("</td><td>").append(num(row.calinskiHarabasz()))
                    .append("</td><td>").append(num(row.daviesBouldin())).append("</td><td>").append(num(row.gap()))
                    .append("</td><td>").append(num(row.gapSk())).append("</td><td>").append(num(row.bic()))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", row.fitSeconds())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        sb.append("<footer>Made by Cumulo ").append(ClusterReport.esc(Version.get())).append(".</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void chart(StringBuilder sb, String id, String label, double[] ks, List<ChooseK.Row> table,
                              Function<ChooseK.Row, Double> value, Function<ChooseK.Row, Double> err, ChooseK.Result r,
                              ChooseK.Criterion marks) {
        double[] y = new double[ks.length];
        double[] e = err == null ? null : new double[ks.length];
        boolean any = false;
        for (int t = 0; t < ks.length; t++) {
            Double v = value.apply(table.get(t));
            y[t] = v == null ? Double.NaN : v;
            any |= v != null;
            if (e != null) {
                Double s = err.apply(table.get(t));
                e[t] = s == null ? Double.NaN : s;
            }
        }
        if (!any) {
            return;
        }
        int marked = -1;
        ChooseK.Recommendation rec = r.recommendations().get(marks);
        if (rec != null && rec.k() != null) {
            marked = rec.k() - (int) ks[0];
        }
        sb.append("<div class=\"chart\"><h3>").append(ClusterReport.esc(label)).append("</h3>\n")
                .append(Svg.line("chart-" + id, ks, y, e, marked, "k", label)).append("</div>\n");
    }

    private static String name(ChooseK.Criterion c) {
        switch (c) {
            case ELBOW:
                return "elbow (Kneedle)";
            case SILHOUETTE:
                return "silhouette";
            case CH:
                return "Calinski-Harabasz";
            case DB:
                return "Davies-Bouldin";
            case GAP:
                return "gap statistic";
            default:
                return "BIC";
        }
    }

    private static String rule(ChooseK.Criterion c) {
        switch (c) {
            case ELBOW:
                return "knee of the inertia curve (Satopää et al. 2011)";
            case SILHOUETTE:
            case CH:
            case BIC:
                return "largest value";
            case DB:
                return "smallest value";
            default:
                return "smallest k with gap(k) ≥ gap(k+1) − s(k+1) (Tibshirani et al. 2001)";
        }
    }

    private static String num(Double v) {
        if (v == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}

package io.cumulo.report;

import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.selection.ChooseK;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report of {@code cumulo choose-k}, as a renderer-neutral {@link Report}. Sections (stable anchors):
 * {@code overview} (the data, the recommendation and its reason, each criterion's k, warnings), {@code elbow}
 * (inertia against k, the knee Kneedle found marked), {@code criteria} (one small chart per criterion against k,
 * the k it recommends marked; the gap statistic with its ± s_k band) and {@code table} (the whole k × criterion
 * table). {@link #sections} returns a mutable list for later additions.
 */
public final class ChooseKReport {
    private ChooseKReport() {
    }

    /**
     * @param facts    the overview's facts (input, rows, features, scaling, algorithm, k range...)
     * @param warnings what went wrong on the way (said once each), or empty
     */
    public static Report build(String title, String subtitle, Map<String, String> facts, ChooseK.Result r,
                               List<String> warnings) {
        return new Report(title, subtitle, sections(facts, r, warnings));
    }

    /** The sections in page order, in a mutable list. */
    public static List<Report.Section> sections(Map<String, String> facts, ChooseK.Result r, List<String> warnings) {
        List<Report.Section> sections = new ArrayList<>();
        sections.add(overview(facts, r, warnings));
        sections.add(new Report.Section("elbow", "Elbow", List.of(Report.Block.Charts.of(elbow(r)))));
        List<Chart> criteria = criteria(r);
        if (!criteria.isEmpty()) {
            sections.add(new Report.Section("criteria", "Each criterion against k",
                    List.of(new Report.Block.Charts(criteria, 2))));
        }
        sections.add(new Report.Section("table", "All values", List.of(table(r))));
        return sections;
    }

    static Report.Section overview(Map<String, String> facts, ChooseK.Result r, List<String> warnings) {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(new Report.Block.Text("Recommended k = " + r.recommendedK() + ": " + r.reason() + ".", false));
        blocks.add(Overview.facts(facts));
        List<List<String>> rows = new ArrayList<>();
        for (ChooseK.Recommendation rec : r.recommendations().values()) {
            rows.add(List.of(name(rec.criterion()), rec.k() == null ? "none" : rec.k().toString(),
                    rec.k() == null ? rec.note() : rule(rec.criterion())));
        }
        blocks.add(new Report.Block.Table("recommendations", List.of("criterion", "k", "rule"), rows, null));
        List<String> notes = new ArrayList<>();
        if (r.silhouetteSampled()) {
            notes.add("Silhouette estimated on " + Numbers.count(r.silhouetteSampleSize())
                    + " sampled rows (the same rows for every k).");
        }
        if (r.gapSampled()) {
            notes.add("Gap statistic on " + Numbers.count(ChooseK.GAP_MAX_ROWS)
                    + " sampled rows (the fits' labels on them, references of that size).");
        }
        for (String w : warnings == null ? List.<String>of() : warnings) {
            notes.add("Warning: " + w);
        }
        for (String note : notes) {
            blocks.add(new Report.Block.Text(note, true));
        }
        return new Report.Section("overview", "Overview", blocks);
    }

    static double[] ks(ChooseK.Result r) {
        return r.table().stream().mapToDouble(ChooseK.Row::k).toArray();
    }

    /** Inertia against k, the knee marked by a vertical line and a highlighted point. */
    static Chart elbow(ChooseK.Result r) {
        double[] k = ks(r);
        double[] inertia = r.table().stream().mapToDouble(ChooseK.Row::inertia).toArray();
        List<Trace> traces = new ArrayList<>();
        traces.add(Trace.Scatter.line("inertia", k, inertia, Palette.LINE));
        ChooseK.Recommendation knee = r.recommendations().get(ChooseK.Criterion.ELBOW);
        String note;
        if (knee != null && knee.k() != null) {
            mark(traces, r, knee.k(), inertia, "knee");
            note = "Knee of the curve (Kneedle, Satopää et al. 2011) at k = " + knee.k() + ".";
        } else {
            note = knee == null ? "The elbow criterion was not asked for." : "No knee: " + knee.note() + ".";
        }
        return new Chart("elbow", "Within-cluster sum of squares against the number of clusters",
                Axis.integer("k (number of clusters)"), Axis.linear("inertia (within-cluster sum of squares)"), traces, note);
    }

    /** A vertical line at {@code k} and the point of the curve there, drawn large. */
    private static void mark(List<Trace> traces, ChooseK.Result r, int k, double[] y, String what) {
        traces.add(new Trace.Rule(null, true, k, Palette.ACCENT, true, what + ": k = " + k));
        int at = k - r.table().get(0).k();
        if (at >= 0 && at < y.length && Double.isFinite(y[at])) {
            traces.add(new Trace.Scatter(null, new double[] {k}, new double[] {y[at]}, Trace.Mode.MARKERS, Palette.ACCENT,
                    Trace.Symbol.DIAMOND, 14, new String[] {what + ": k = " + k}, false, Trace.Fill.NONE, "#222222"));
        }
    }

    /** One chart per criterion computed (the elbow has its own), in the order of the criteria. */
    static List<Chart> criteria(ChooseK.Result r) {
        List<Chart> charts = new ArrayList<>();
        for (ChooseK.Criterion c : r.recommendations().keySet()) {
            switch (c) {
                case SILHOUETTE -> add(charts, r, c, "silhouette", "mean silhouette (larger is better)"
                        + (r.silhouetteSampled() ? ", sampled" : ""), ChooseK.Row::silhouette);
                case CH -> add(charts, r, c, "calinski-harabasz", "Calinski-Harabasz index (larger is better)",
                        ChooseK.Row::calinskiHarabasz);
                case DB -> add(charts, r, c, "davies-bouldin", "Davies-Bouldin index (smaller is better)",
                        ChooseK.Row::daviesBouldin);
                case GAP -> add(charts, r, c, "gap", "gap statistic (± s_k)", ChooseK.Row::gap);
                case BIC -> add(charts, r, c, "bic", "BIC (larger is better)", ChooseK.Row::bic);
                case HEIGHT -> add(charts, r, c, "height-jump", "jump in merge height above the cut (larger is better)",
                        ChooseK.Row::heightJump);
                default -> {
                }
            }
        }
        return charts;
    }

    private static void add(List<Chart> charts, ChooseK.Result r, ChooseK.Criterion c, String id, String label,
                            Function<ChooseK.Row, Double> value) {
        double[] k = ks(r);
        double[] y = values(r, value);
        boolean any = false;
        for (double v : y) {
            any |= !Double.isNaN(v);
        }
        if (!any) {
            return;
        }
        List<Trace> traces = new ArrayList<>();
        if (c == ChooseK.Criterion.GAP) {
            // the ± s_k band as two dashed-looking thin lines around the gap curve
            double[] sk = values(r, ChooseK.Row::gapSk);
            double[] lo = new double[y.length];
            double[] hi = new double[y.length];
            for (int t = 0; t < y.length; t++) {
                lo[t] = y[t] - sk[t];
                hi[t] = y[t] + sk[t];
            }
            traces.add(new Trace.Scatter("gap − s_k", k, lo, Trace.Mode.LINES, Palette.MUTED, Trace.Symbol.CIRCLE, 1, null,
                    false, Trace.Fill.NONE, null));
            traces.add(new Trace.Scatter("gap + s_k", k, hi, Trace.Mode.LINES, Palette.MUTED, Trace.Symbol.CIRCLE, 1, null,
                    false, Trace.Fill.NONE, null));
        }
        traces.add(Trace.Scatter.line(name(c), k, y, Palette.LINE));
        ChooseK.Recommendation rec = r.recommendations().get(c);
        String note;
        if (rec.k() != null) {
            mark(traces, r, rec.k(), y, "best");
            note = "Recommends k = " + rec.k() + " (" + rule(c) + ").";
        } else {
            note = "No recommendation: " + rec.note() + ".";
        }
        charts.add(new Chart(id, name(c) + " against k", Axis.integer("k (number of clusters)"), Axis.linear(label),
                traces, note));
    }

    private static double[] values(ChooseK.Result r, Function<ChooseK.Row, Double> value) {
        return r.table().stream().mapToDouble(row -> {
            Double v = value.apply(row);
            return v == null ? Double.NaN : v;
        }).toArray();
    }

    static Report.Block.Table table(ChooseK.Result r) {
        ChooseK.Row first = r.table().get(0);
        List<String> header = new ArrayList<>(List.of("k", "inertia"));
        List<Function<ChooseK.Row, Double>> columns = new ArrayList<>();
        columns.add(ChooseK.Row::inertia);
        addColumn(header, columns, first.silhouette(), r.silhouetteSampled() ? "silhouette (sampled)" : "silhouette",
                ChooseK.Row::silhouette);
        addColumn(header, columns, first.calinskiHarabasz(), "CH", ChooseK.Row::calinskiHarabasz);
        addColumn(header, columns, first.daviesBouldin(), "DB", ChooseK.Row::daviesBouldin);
        addColumn(header, columns, first.gap(), "gap", ChooseK.Row::gap);
        addColumn(header, columns, first.gapSk(), "s_k", ChooseK.Row::gapSk);
        addColumn(header, columns, first.bic(), "BIC", ChooseK.Row::bic);
        addColumn(header, columns, first.heightJump(), "height jump", ChooseK.Row::heightJump);
        header.add(r.oneTree() ? "fit / cut time" : "fit time");
        List<List<String>> rows = new ArrayList<>();
        for (ChooseK.Row row : r.table()) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(row.k()));
            for (Function<ChooseK.Row, Double> f : columns) {
                Double v = f.apply(row);
                cells.add(v == null ? "—" : String.format(Locale.ROOT, "%.6g", v));
            }
            cells.add(Numbers.seconds(row.fitSeconds()));
            rows.add(cells);
        }
        return new Report.Block.Table("k-table", header, rows, null);
    }

    private static void addColumn(List<String> header, List<Function<ChooseK.Row, Double>> columns, Double present,
                                  String name, Function<ChooseK.Row, Double> f) {
        if (present != null) {
            header.add(name);
            columns.add(f);
        }
    }

    static String name(ChooseK.Criterion c) {
        return switch (c) {
            case ELBOW -> "elbow (Kneedle)";
            case SILHOUETTE -> "silhouette";
            case CH -> "Calinski-Harabasz";
            case DB -> "Davies-Bouldin";
            case GAP -> "gap statistic";
            case BIC -> "BIC";
            case HEIGHT -> "largest jump in merge height";
        };
    }

    static String rule(ChooseK.Criterion c) {
        return switch (c) {
            case ELBOW -> "knee of the inertia curve (Satopää et al. 2011)";
            case SILHOUETTE, CH, BIC -> "largest value";
            case HEIGHT -> "largest gap between the merge heights on either side of the cut";
            case DB -> "smallest value";
            case GAP -> "smallest k with gap(k) ≥ gap(k+1) − s(k+1) (Tibshirani et al. 2001)";
        };
    }
}

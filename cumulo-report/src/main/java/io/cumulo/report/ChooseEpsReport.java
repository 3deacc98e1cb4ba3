package io.cumulo.report;

import io.cumulo.report.chart.Report;
import io.cumulo.selection.ChooseEps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of {@code cumulo choose-eps}, as a renderer-neutral {@link Report}. Sections (stable anchors):
 * {@code overview} (the suggested eps and why, the data and settings, quantiles of the k-distance, warnings) and
 * {@code k-distance} (the sorted k-distance plot with its knee, {@link KDistanceSection}).
 */
public final class ChooseEpsReport {
    private ChooseEpsReport() {
    }

    public static Report build(String title, String subtitle, Map<String, String> facts, ChooseEps.Result r,
                               List<String> warnings) {
        return new Report(title, subtitle, sections(facts, r, warnings));
    }

    /** The sections in page order, in a mutable list. */
    public static List<Report.Section> sections(Map<String, String> facts, ChooseEps.Result r, List<String> warnings) {
        List<Report.Section> sections = new ArrayList<>();
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(new Report.Block.Text(r.found() ? "Suggested eps = " + Numbers.fmt(r.eps()) + ": " + r.reason() + "."
                : r.reason().substring(0, 1).toUpperCase(Locale.ROOT) + r.reason().substring(1) + ".", false));
        blocks.add(Overview.facts(facts));
        List<List<String>> rows = new ArrayList<>();
        for (double q : new double[] {0.5, 0.9, 0.95, 0.99, 1}) {
            rows.add(List.of(q == 1 ? "largest" : String.format(Locale.ROOT, "%.0f%%", 100 * q), Numbers.fmt(r.quantile(q))));
        }
        blocks.add(new Report.Block.Table("k-distance quantiles", List.of("rows at or below", "k-distance"), rows, null));
        for (String w : warnings == null ? List.<String>of() : warnings) {
            blocks.add(new Report.Block.Text("Warning: " + w, true));
        }
        sections.add(new Report.Section("overview", "Overview", blocks));
        sections.add(KDistanceSection.section(r));
        return sections;
    }
}

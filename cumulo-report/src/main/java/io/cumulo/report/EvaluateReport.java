package io.cumulo.report;

import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.report.chart.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code cumulo evaluate}, as a renderer-neutral {@link Report}: {@code overview} (what was compared),
 * {@code labels} (every external index and the contingency matrix heatmap) and, when the data was given,
 * {@code internal} (the internal indices). {@link #sections} returns a mutable list for later additions.
 */
public final class EvaluateReport {
    private EvaluateReport() {
    }

    /**
     * @param metrics    the external indices and contingency table
     * @param classNames the name of each class index of {@code metrics.table()}
     * @param truthName  what the classes are called (the label column)
     * @param facts      the overview's facts in order
     * @param internal   the internal indices, already formatted, by name; null when no data was given
     */
    public static Report build(String title, ExternalMetrics metrics, List<String> classNames, String truthName,
                               Map<String, String> facts, Map<String, String> internal) {
        return new Report(title, null, sections(metrics, classNames, truthName, facts, internal));
    }

    /** The sections in page order, in a mutable list. */
    public static List<Report.Section> sections(ExternalMetrics metrics, List<String> classNames, String truthName,
                                                Map<String, String> facts, Map<String, String> internal) {
        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Section("overview", "Overview", List.of(Overview.facts(facts))));
        sections.add(LabelsSection.section(metrics, classNames, truthName));
        if (internal != null) {
            sections.add(new Report.Section("internal", "Internal indices", List.of(Overview.facts(internal))));
        }
        return sections;
    }
}

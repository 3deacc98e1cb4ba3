package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.report.chart.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code cumulo profile}, as a renderer-neutral {@link Report}: {@code overview} (the data, where the
 * clusters come from, cluster sizes, the one-line descriptions) and {@code profile} (the SMD heatmap and per-feature
 * box plots, as in {@link ClusterReport}). {@link #sections} returns a mutable list for later additions.
 */
public final class ProfileReport {
    private ProfileReport() {
    }

    /**
     * @param raw     the rows profiled, in their original units
     * @param labels  cluster of each row, -1 for noise
     * @param profile the profile of {@code labels} on {@code raw}
     * @param facts   the overview's facts in order
     */
    public static Report build(String title, Dataset raw, int[] labels, ClusterProfile profile, Map<String, String> facts) {
        return new Report(title, ClusterReport.subtitle(raw), sections(raw, labels, profile, facts));
    }

    /** The sections in page order, in a mutable list. */
    public static List<Report.Section> sections(Dataset raw, int[] labels, ClusterProfile profile, Map<String, String> facts) {
        if (labels.length != raw.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + raw.rows() + " rows");
        }
        List<Report.Block> overview = new ArrayList<>();
        overview.add(Overview.facts(facts));
        overview.add(Overview.clusterSizes(labels));
        if (!profile.descriptions().isEmpty()) {
            overview.add(Overview.descriptions(profile));
        }
        List<Report.Section> sections = new ArrayList<>();
        sections.add(new Report.Section("overview", "Overview", overview));
        sections.add(ProfileSection.section(profile, raw, labels, false));
        return sections;
    }
}

package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What sets each cluster apart, feature by feature: a heatmap of the standardised mean differences of
 * {@link ClusterProfile} (clusters × features, diverging around 0), and per-feature box plots by cluster computed
 * exactly over every row ({@link BoxStatistics}). With many features the charts keep the most telling ones (largest
 * |SMD| in any cluster) and say so.
 */
final class ProfileSection {
    static final String ID = "profile";
    /** Features in the heatmap at most. */
    static final int HEATMAP_FEATURES = 40;
    /** Features with a box plot at most. */
    static final int BOX_FEATURES = 12;

    private ProfileSection() {
    }

    /**
     * @param profile the profile of {@code labels} on {@code raw}
     * @param raw     the rows in their original units (the box plots)
     * @param labels  cluster of each row of {@code raw}, -1 for noise
     * @param describe whether to start with the profile's one-line descriptions (not when the overview has them)
     */
    static Report.Section section(ClusterProfile profile, Dataset raw, int[] labels, boolean describe) {
        List<Report.Block> blocks = new ArrayList<>();
        if (describe && !profile.groups().isEmpty()) {
            blocks.add(Overview.descriptions(profile));
        }
        blocks.add(Report.Block.Charts.of(heatmap(profile)));
        blocks.add(new Report.Block.Charts(boxes(profile, raw, labels), 3));
        return new Report.Section(ID, "Cluster profiles", blocks);
    }

    /** Feature indices by decreasing largest |SMD| over the groups, ties in feature order. */
    static int[] importance(ClusterProfile profile) {
        int d = profile.features().size();
        double[] top = new double[d];
        for (ClusterProfile.Group g : profile.groups()) {
            double[] smd = g.smd();
            for (int j = 0; j < d; j++) {
                if (Math.abs(smd[j]) > top[j] || Double.isNaN(top[j])) {
                    top[j] = Math.abs(smd[j]);
                }
            }
        }
        return IntStream.range(0, d).boxed()
                .sorted((a, b) -> {
                    int c = Double.compare(nanLow(top[b]), nanLow(top[a]));
                    return c != 0 ? c : Integer.compare(a, b);
                }).mapToInt(Integer::intValue).toArray();
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** The features shown out of {@code d}: all, in their order, up to {@code limit}; else the most telling. */
    static int[] shownFeatures(ClusterProfile profile, int limit) {
        int d = profile.features().size();
        if (d <= limit) {
            return IntStream.range(0, d).toArray();
        }
        return Arrays.copyOf(importance(profile), limit);
    }

    static Chart heatmap(ClusterProfile profile) {
        List<ClusterProfile.Group> groups = profile.groups();
        int[] features = shownFeatures(profile, HEATMAP_FEATURES);
        double[][] z = new double[groups.size()][features.length];
        String[][] text = new String[groups.size()][features.length];
        List<String> rowNames = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            double[] smd = groups.get(g).smd();
            rowNames.add(groups.get(g).name());
            for (int f = 0; f < features.length; f++) {
                z[g][f] = smd[features[f]];
                text[g][f] = Double.isFinite(z[g][f]) ? Numbers.cell(z[g][f]) : "";
            }
        }
        List<String> columnNames = new ArrayList<>();
        for (int f : features) {
            columnNames.add(profile.features().get(f));
        }
        int d = profile.features().size();
        String note = "Standardised mean difference of each feature in each cluster against the rest of the rows "
                + "(positive: higher than elsewhere). |SMD| ≥ " + BigDecimal.valueOf(profile.threshold()).stripTrailingZeros().toPlainString()
                + " is called high or low in the descriptions."
                + (features.length < d ? " The " + features.length + " of " + d
                        + " features with the largest |SMD| in any cluster are shown." : "");
        return new Chart("profile-heatmap", "How each cluster differs from the rest, feature by feature",
                Axis.categories("feature", columnNames), Axis.categories("cluster", rowNames),
                List.of(new Trace.Heatmap("standardised mean difference", z, true, text, "SMD")), note);
    }

    static List<Chart> boxes(ClusterProfile profile, Dataset raw, int[] labels) {
        List<ClusterProfile.Group> groups = profile.groups();
        // the rows of each group, in row order
        int top = 0;
        for (ClusterProfile.Group g : groups) {
            top = Math.max(top, g.cluster() + 1);
        }
        int[] groupOfLabel = new int[top + 1]; // index 0: noise, c + 1: cluster c
        Arrays.fill(groupOfLabel, -1);
        for (int g = 0; g < groups.size(); g++) {
            groupOfLabel[groups.get(g).cluster() + 1] = g;
        }
        int[] count = new int[groups.size()];
        for (int l : labels) {
            int g = l + 1 < groupOfLabel.length ? groupOfLabel[l + 1] : -1;
            if (g >= 0) {
                count[g]++;
            }
        }
        int[][] members = new int[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            members[g] = new int[count[g]];
        }
        int[] at = new int[groups.size()];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            int g = l + 1 < groupOfLabel.length ? groupOfLabel[l + 1] : -1;
            if (g >= 0) {
                members[g][at[g]++] = i;
            }
        }
        List<String> names = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        for (ClusterProfile.Group g : groups) {
            names.add(g.name());
            colors.add(Palette.cluster(g.cluster()));
        }
        int d = profile.features().size();
        int[] features = shownFeatures(profile, BOX_FEATURES);
        List<Chart> charts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int f : features) {
            List<Trace.BoxStats> stats = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                double[] v = new double[members[g].length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = raw.get(members[g][i], f);
                }
                stats.add(BoxStatistics.of(v));
            }
            String name = raw.columnName(f);
            String id = "box-" + Numbers.slug(name);
            if (!ids.add(id)) {
                id = "box-" + (f + 1) + "-" + Numbers.slug(name);
                ids.add(id);
            }
            String note = f != features[0] ? null
                    : "Quartiles over every row of each cluster; whiskers at the most extreme values within 1.5 IQR of "
                    + "the box." + (features.length < d ? " The " + features.length + " of " + d
                    + " features with the largest |SMD| in any cluster are shown." : "");
            charts.add(new Chart(id, name + " by cluster", Axis.categories("cluster", names), Axis.linear(name),
                    List.of(new Trace.Boxes(name, stats, colors)), note));
        }
        return charts;
    }
}

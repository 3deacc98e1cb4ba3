package io.cumulo.report;

import io.cumulo.profile.ClusterProfile;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The blocks every report's overview is made of: facts as key/values, the cluster sizes with their colours. */
final class Overview {
    private Overview() {
    }

    /** Facts in order; entries with a null value are left out. */
    static Report.Block.KeyValues facts(Map<String, String> entries) {
        Map<String, String> kept = new LinkedHashMap<>();
        entries.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return new Report.Block.KeyValues(kept);
    }

    /** The profile's one-line descriptions, one row each, with the cluster's colour. */
    static Report.Block.Table descriptions(ClusterProfile profile) {
        List<List<String>> rows = new ArrayList<>();
        List<String> colors = new ArrayList<>();
        for (ClusterProfile.Group g : profile.groups()) {
            rows.add(List.of(g.description()));
            colors.add(Palette.cluster(g.cluster()));
        }
        return new Report.Block.Table("descriptions", List.of("what sets each cluster apart"), rows, colors);
    }

    /** One row per cluster with rows (and noise last), its size and share, each with the cluster's colour. */
    static Report.Block.Table clusterSizes(int[] labels) {
        Groups groups = Groups.of(labels);
        List<List<String>> rows = new ArrayList<>();
        for (int g = 0; g < groups.count(); g++) {
            rows.add(List.of(groups.id(g) < 0 ? "noise" : Integer.toString(groups.id(g)), Integer.toString(groups.size(g)),
                    Numbers.percent((double) groups.size(g) / Math.max(1, groups.rows()))));
        }
        return new Report.Block.Table("cluster-sizes", List.of("cluster", "rows", "share"), rows, groups.colors());
    }
}

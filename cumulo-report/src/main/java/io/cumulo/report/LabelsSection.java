package io.cumulo.report;

import io.cumulo.data.LabelColumn;
import io.cumulo.metrics.ContingencyTable;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The clustering against known classes: every external index of {@link ExternalMetrics} as a table, and the
 * contingency matrix (true classes × clusters) as a heatmap of counts.
 */
final class LabelsSection {
    static final String ID = "labels";
    /** Contingency matrices with more cells are not drawn (they would not be readable); the table has the indices. */
    static final int MAX_CELLS = 10_000;

    private LabelsSection() {
    }

    /** The section for {@code labels} (cluster of each row, -1 noise) against the classes of {@code truth}. */
    static Report.Section section(LabelColumn truth, int[] labels) {
        ExternalMetrics m = ExternalMetrics.of(truth.codes(), labels);
        return section(m, classNames(m.table(), truth), truth.name());
    }

    /** The name of each class index of {@code t}: the text of its code in {@code truth}. */
    static List<String> classNames(ContingencyTable t, LabelColumn truth) {
        List<String> names = new ArrayList<>();
        for (int code : t.classValues()) {
            names.add(truth.categories().get(code));
        }
        return names;
    }

    static Report.Section section(ExternalMetrics m, List<String> classNames, String truthName) {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(metricsTable(m));
        ContingencyTable t = m.table();
        if ((long) t.numClasses() * t.numClusters() <= MAX_CELLS) {
            blocks.add(Report.Block.Charts.of(contingency(t, classNames, truthName)));
        } else {
            blocks.add(new Report.Block.Text("The contingency matrix (" + t.numClasses() + " classes × " + t.numClusters()
                    + " clusters) is too large to draw.", true));
        }
        return new Report.Section(ID, "Against the known classes (" + truthName + ")", blocks);
    }

    static Report.Block.Table metricsTable(ExternalMetrics m) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ARI", Numbers.fmt(m.ari()), "adjusted Rand index: 0 = chance, 1 = identical"));
        rows.add(List.of("Rand", Numbers.fmt(m.rand()), "pairs of rows on which both agree"));
        rows.add(List.of("NMI", Numbers.fmt(m.nmi()), "normalized mutual information, arithmetic mean"));
        rows.add(List.of("AMI", Numbers.fmt(m.ami()), "adjusted mutual information: 0 = chance, 1 = identical"));
        rows.add(List.of("homogeneity", Numbers.fmt(m.homogeneity()), "1 = each cluster holds one class"));
        rows.add(List.of("completeness", Numbers.fmt(m.completeness()), "1 = each class is in one cluster"));
        rows.add(List.of("V-measure", Numbers.fmt(m.vMeasure()), "harmonic mean of homogeneity and completeness"));
        rows.add(List.of("Fowlkes-Mallows", Numbers.fmt(m.fowlkesMallows()), "geometric mean of pair precision and recall"));
        rows.add(List.of("purity", Numbers.fmt(m.purity()), "rows in their cluster's majority class"));
        rows.add(List.of("accuracy", m.accuracy() == null ? "n/a" : Numbers.fmt(m.accuracy()),
                m.accuracy() == null ? "too many classes and clusters for the matching"
                        : "best one-to-one matching of clusters to classes"));
        if (m.noisePoints() > 0) {
            rows.add(List.of("noise rows", Long.toString(m.noisePoints()), "label -1, counted as one more cluster"));
        }
        return new Report.Block.Table("external-metrics", List.of("index", "value", "meaning"), rows, null);
    }

    static Chart contingency(ContingencyTable t, List<String> classNames, String truthName) {
        long[][] counts = t.counts();
        double[][] z = new double[counts.length][];
        String[][] text = new String[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            z[i] = new double[counts[i].length];
            text[i] = new String[counts[i].length];
            for (int c = 0; c < counts[i].length; c++) {
                z[i][c] = counts[i][c];
                text[i][c] = Long.toString(counts[i][c]);
            }
        }
        List<String> clusters = new ArrayList<>();
        for (int c : t.clusterValues()) {
            clusters.add(c == ExternalMetrics.NOISE ? "noise" : Integer.toString(c));
        }
        return new Chart("contingency", "Rows of each class (" + truthName + ") in each cluster",
                Axis.categories("cluster", clusters), Axis.categories(truthName, classNames),
                List.of(new Trace.Heatmap("rows", z, false, text, "rows")),
                "Each cell counts the rows of a class (down) that fell in a cluster (across).");
    }
}

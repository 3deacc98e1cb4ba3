package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The scree plot (Cattell 1966): the share of the variance each principal component explains, as bars, and the
 * running total as a line on the same 0..1 axis, with a line at 95% when the shown components cross it.
 */
final class ScreeSection {
    static final String ID = "pca";
    /** Components shown at most. */
    static final int MAX_COMPONENTS = 20;
    /** The share of the variance people usually want to keep. */
    static final double MARK = 0.95;

    private ScreeSection() {
    }

    /** The PCA whose scree is drawn: the first {@code min(d, n, 20)} components of {@code data}. */
    static PCAModel fit(Dataset data, ExecutionContext ctx) {
        int m = Math.min(MAX_COMPONENTS, Math.min(data.cols(), data.rows()));
        return PCA.withComponents(m).fit(data.withoutLabels(), ctx);
    }

    /** The section of the scree of a PCA ({@link #fit}) of {@code d} features (the space it describes: {@code what}). */
    static Report.Section section(PCAModel pca, int d, String what) {
        String note = "Principal components of " + what + ". "
                + (pca.numComponents() < d ? "The first " + pca.numComponents() + " of " + d + " components shown." : "");
        return new Report.Section(ID, "Principal components", List.of(Report.Block.Charts.of(
                chart("scree", pca.explainedVarianceRatio(), note.trim()))));
    }

    static Chart chart(String id, double[] ratio, String note) {
        int m = ratio.length;
        List<String> names = new ArrayList<>();
        double[] x = new double[m];
        double[] cumulative = new double[m];
        double sum = 0;
        for (int j = 0; j < m; j++) {
            names.add("PC" + (j + 1));
            x[j] = j;
            sum += ratio[j];
            cumulative[j] = sum;
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(new Trace.Bars("explained variance", ratio, Palette.LINE, false));
        traces.add(Trace.Scatter.line("cumulative", x, cumulative, Palette.ACCENT));
        if (m > 1 && cumulative[m - 1] >= MARK && cumulative[0] < MARK) {
            traces.add(new Trace.Rule("95%", false, MARK, Palette.MUTED, true, "95% of the variance"));
        }
        return new Chart(id, "Share of the variance explained by each principal component",
                Axis.categories("component", names), Axis.linear("share of the total variance").withRange(0.0, 1.0),
                traces, note == null || note.isEmpty() ? null : note);
    }
}

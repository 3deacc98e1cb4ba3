package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Palette;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.workflow.InternalScores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The silhouette plot (Rousseeuw 1987): one horizontal bar per row, grouped by cluster and sorted from the largest
 * value down within each cluster, with a line at the mean. Each cluster is one {@link Trace.Scatter} filled to
 * x = 0, its i-th point at y = the bar's position, so a cluster's silhouette reads as one shape.
 *
 * <p>Exact where the indices' silhouette is exact ({@link InternalScores#silhouetteSampleSize}, which bounds the work
 * by rows and features; {@link SilhouetteScore#compute}); otherwise the silhouettes of the same seeded sample, each
 * computed exactly against all rows ({@link SilhouetteScore#estimate}), and the note says so. Noise rows have no
 * silhouette and are not drawn.
 */
final class SilhouetteSection {
    static final String ID = "silhouette";
    /** Empty positions between two clusters' bars. */
    static final int GAP = 2;

    private SilhouetteSection() {
    }

    static Report.Section section(Dataset space, int[] labels, Distance distance, long seed, ExecutionContext ctx) {
        return section(space, labels, distance, seed, null, ctx);
    }

    /**
     * @param given the caller's estimate of the same sample (as many rows, this seed and distance), reused
     *              rather than computed again; null to compute it
     */
    static Report.Section section(Dataset space, int[] labels, Distance distance, long seed,
                                  SilhouetteScore.Estimate given, ExecutionContext ctx) {
        Groups groups = Groups.of(labels);
        Report.Section none = noPlot(groups);
        if (none != null) {
            return none;
        }
        int members = (int) IntStream.of(labels).filter(l -> l >= 0).count();
        int[] rows;
        double[] values;
        double mean;
        String note;
        int sample = InternalScores.silhouetteSampleSize(space.rows(), space.cols());
        if (sample == 0) {
            SilhouetteScore.Result r = SilhouetteScore.compute(space, labels, distance, ctx);
            double[] all = r.samples();
            rows = IntStream.range(0, labels.length).filter(i -> labels[i] >= 0).toArray();
            values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = all[rows[i]];
            }
            mean = r.mean();
            note = "Every row's silhouette, " + distance.id() + " distance; mean " + Numbers.fmt(mean) + ".";
        } else {
            boolean same = given != null && given.seed() == seed && given.distance() == distance
                    && given.population() == members && given.sampleSize() == Math.min(sample, members);
            SilhouetteScore.Estimate e = same ? given
                    : SilhouetteScore.estimate(space, labels, sample, seed, distance, ctx);
            rows = e.sampledRows();
            values = e.sampledValues();
            mean = e.mean();
            note = Numbers.count(rows.length) + " of " + Numbers.count(members) + " rows shown, sampled with seed " + seed
                    + "; each silhouette computed against all rows (" + distance.id() + " distance). Mean of the sample "
                    + Numbers.fmt(mean) + " (standard error " + Numbers.fmt(e.standardError()) + ").";
        }
        return new Report.Section(ID, "Silhouette", List.of(Report.Block.Charts.of(
                chart(rows, values, labels, groups, mean, note))));
    }

    /** The "no silhouette plot" section unless there are 2 to n − 1 clusters among the non-noise rows; else null. */
    private static Report.Section noPlot(Groups groups) {
        int clusters = 0;
        int members = 0;
        for (int g = 0; g < groups.count(); g++) {
            if (groups.id(g) >= 0) {
                clusters++;
                members += groups.size(g);
            }
        }
        if (clusters >= 2 && clusters < members) {
            return null;
        }
        return new Report.Section(ID, "Silhouette", List.of(new Report.Block.Text("No silhouette plot: the silhouette "
                + "needs between 2 and n − 1 clusters, and there " + (clusters == 1 ? "is 1" : "are " + clusters) + ".",
                true)));
    }

    /** The section for a square dissimilarity matrix ({@code metric=precomputed}): every row's exact silhouette. */
    static Report.Section fromDissimilarities(Dataset square, int[] labels, ExecutionContext ctx) {
        Groups groups = Groups.of(labels);
        Report.Section none = noPlot(groups);
        if (none != null) {
            return none;
        }
        SilhouetteScore.Result r = SilhouetteScore.fromDissimilarities(square, labels, ctx);
        double[] all = r.samples();
        int[] rows = IntStream.range(0, labels.length).filter(i -> labels[i] >= 0).toArray();
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = all[rows[i]];
        }
        String note = "Every row's silhouette, from the given dissimilarities; mean " + Numbers.fmt(r.mean()) + ".";
        return new Report.Section(ID, "Silhouette", List.of(Report.Block.Charts.of(
                chart(rows, values, labels, groups, r.mean(), note))));
    }

    /** The bars of {@code rows} (their silhouettes {@code values}), cluster by cluster, each sorted descending. */
    static Chart chart(int[] rows, double[] values, int[] labels, Groups groups, double mean, String note) {
        List<Trace> traces = new ArrayList<>();
        int position = 0;
        int[] group = groups.groupOfRows(labels);
        for (int g = 0; g < groups.count(); g++) {
            if (groups.id(g) < 0) {
                continue;
            }
            int count = 0;
            for (int row : rows) {
                if (group[row] == g) {
                    count++;
                }
            }
            double[] v = new double[count];
            count = 0;
            for (int i = 0; i < rows.length; i++) {
                if (group[rows[i]] == g) {
                    v[count++] = values[i];
                }
            }
            Arrays.sort(v);
            double[] x = new double[v.length];
            double[] y = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                x[i] = v[v.length - 1 - i]; // descending: the best-placed row on top of its cluster's shape
                y[i] = position++;
            }
            position += GAP;
            traces.add(new Trace.Scatter(groups.name(g), x, y, Trace.Mode.LINES, groups.color(g), Trace.Symbol.CIRCLE, 1,
                    null, false, Trace.Fill.TO_ZERO_X, null));
        }
        traces.add(new Trace.Rule("mean silhouette", true, mean, Palette.ACCENT, true, "mean " + Numbers.fmt(mean)));
        return new Chart(ID, "Silhouette of each row, grouped by cluster",
                Axis.linear("silhouette coefficient").withRange(-1.0, 1.0),
                Axis.linear("rows, grouped by cluster, sorted within each"), traces, note);
    }
}

package io.cumulo.report;

import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.Registry;
import io.cumulo.param.ParamValues;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The clusters in a plane: the rows of the clustering space (after scaling and any reduction) projected to 2-D by
 * PCA (the default) or embedded by t-SNE or UMAP, one colour per cluster, the centres as stars.
 *
 * <p>PCA is fitted on every row and the centres are projected by the same PCA (a linear map, so a centroid lands
 * on the mean of its cluster's projected points). t-SNE and UMAP are fitted on the drawn rows only (all of them
 * up to {@link PointMap#MAX_POINTS}, else the seeded sample) and have no image of a centre: the stars are then the
 * mean of each cluster's embedded points, and the note says so.
 */
final class ScatterSection {
    static final String ID = "scatter";
    /** The maps' defaults (t-SNE's perplexity, UMAP's n-neighbors), scaled down for inputs smaller than them. */
    static final int TSNE_PERPLEXITY = 30;
    static final int UMAP_NEIGHBORS = 15;

    private ScatterSection() {
    }

    /**
     * @param space   the data the clustering ran on
     * @param raw     the same rows in their original units (hover texts)
     * @param labels  cluster of each row, -1 for noise
     * @param centres the model's centres in {@code space} ({@code k × space.cols()} row-major), or null
     */
    static Report.Section section(Dataset space, Dataset raw, int[] labels, double[] centres, ReportView view, long seed,
                                  ExecutionContext ctx) {
        return section(space, raw, labels, centres, view, seed, null, ctx);
    }

    /**
     * @param fitted a PCA of {@code space} already fitted (its first two components are the plane; the scree's PCA),
     *               or null to fit one here
     */
    static Report.Section section(Dataset space, Dataset raw, int[] labels, double[] centres, ReportView view, long seed,
                                  PCAModel fitted, ExecutionContext ctx) {
        return section(space, raw, labels, centres, view, seed, fitted, null, ctx);
    }

    /**
     * @param strengths each row's membership strength in [0, 1] (HDBSCAN's probabilities: the points are shaded by
     *                  it), or null
     */
    static Report.Section section(Dataset space, Dataset raw, int[] labels, double[] centres, ReportView view, long seed,
                                  PCAModel fitted, double[] strengths, ExecutionContext ctx) {
        Groups groups = Groups.of(labels);
        int[] group = groups.groupOfRows(labels);
        RowSample sample = RowSample.of(space.rows(), PointMap.MAX_POINTS, seed);
        Dataset drawn = sample.sampled() ? space.selectRows(sample.rows()) : space;
        double[] px = new double[sample.size()];
        double[] py = new double[sample.size()];
        double[][] stars = new double[groups.count()][];
        Axis x;
        Axis y;
        List<String> notes = new ArrayList<>();
        String title;
        if (view == ReportView.PCA && space.cols() >= 2) {
            PCAModel pca = fitted != null && fitted.numComponents() >= 2 ? fitted : PCA.withComponents(2).fit(space, ctx);
            Dataset scores = pca.transform(drawn, ctx);
            for (int s = 0; s < px.length; s++) {
                px[s] = scores.get(s, 0);
                py[s] = scores.get(s, 1);
            }
            double[] ratio = pca.explainedVarianceRatio();
            x = Axis.linear(String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * ratio[0]));
            y = Axis.linear(String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * ratio[1]));
            title = "Clusters in the plane of the first two principal components";
            if (centres != null) {
                int k = centres.length / space.cols();
                Dataset c = Dataset.wrap(centres.clone(), k, space.cols(), space.columnNames(), "centres");
                Dataset projected = pca.transform(c, ctx);
                for (int g = 0; g < groups.count(); g++) {
                    int id = groups.id(g);
                    if (id >= 0 && id < k) {
                        stars[g] = new double[] {projected.get(id, 0), projected.get(id, 1)};
                    }
                }
                notes.add("Stars: the cluster centres, projected by the same PCA.");
            } else {
                meanStars(px, py, sample, group, groups, stars);
                notes.add("Stars: the mean of each cluster's points in this plane.");
            }
        } else if (view == ReportView.PCA) {
            // one feature: nothing to project; the feature across, the cluster up
            for (int s = 0; s < px.length; s++) {
                int r = sample.rows()[s];
                px[s] = space.get(r, 0);
                py[s] = labels[r];
            }
            x = Axis.linear(space.columnName(0));
            y = Axis.integer("cluster");
            title = "Clusters along the only feature";
            meanStars(px, py, sample, group, groups, stars);
            notes.add("Stars: the mean of each cluster's points.");
        } else {
            Registry.Entry<?> method = Registry.reduction(view.id());
            Map<String, String> given = new HashMap<>(Map.of("seed", Long.toString(seed)));
            // the maps' defaults need more rows than a small input has: scale them down rather than fail
            int rows = drawn.rows();
            if (view == ReportView.TSNE && rows <= TSNE_PERPLEXITY) {
                double perplexity = Math.max(1, (rows - 1) / 3.0);
                given.put("perplexity", Numbers.fmt(perplexity));
                notes.add("Perplexity " + Numbers.fmt(perplexity) + " (the default 30 needs more than " + rows + " rows).");
            } else if (view == ReportView.UMAP && rows <= UMAP_NEIGHBORS) {
                int k = Math.max(2, rows - 1);
                given.put("n-neighbors", Integer.toString(k));
                notes.add(k + " neighbours (the default 15 needs more than " + rows + " rows).");
            }
            ParamValues values = method.configure(given, 2, null);
            Dataset embedded;
            try {
                Dataset unlabelled = drawn.withoutLabels();
                embedded = ClusteringPipeline.trainingRows(method.create(values).fit(unlabelled, ctx), unlabelled, ctx);
            } catch (io.cumulo.CumuloException e) {
                throw new io.cumulo.CumuloException("--report-view " + view.id() + ": " + e.getMessage()
                        + " (--report-view pca works on any input)");
            }
            for (int s = 0; s < px.length; s++) {
                px[s] = embedded.get(s, 0);
                py[s] = embedded.get(s, 1);
            }
            String name = view == ReportView.TSNE ? "t-SNE" : "UMAP";
            x = Axis.linear(name + " 1");
            y = Axis.linear(name + " 2");
            title = "Clusters in a " + name + " map of the clustering space";
            meanStars(px, py, sample, group, groups, stars);
            notes.add("Stars: the mean of each cluster's embedded points (" + name + " has no image of a centre). "
                    + name + " fitted with seed " + seed + ".");
        }
        if (sample.sampled()) {
            notes.add(0, sample.note() + ".");
        }
        if (strengths != null) {
            notes.add("Shading: each point's membership strength (faint: a row at the edge of its cluster, solid: in "
                    + "its core).");
        }
        Chart chart = PointMap.chart(ID, title, x, y, px, py, sample, group, groups, raw, stars, strengths,
                String.join(" ", notes));
        return new Report.Section(ID, "Clusters in 2-D", List.of(Report.Block.Charts.of(chart)));
    }

    /** Each group's centre of mass among the drawn points (noise gets none). */
    private static void meanStars(double[] px, double[] py, RowSample sample, int[] group, Groups groups,
                                  double[][] stars) {
        double[] sx = new double[groups.count()];
        double[] sy = new double[groups.count()];
        int[] n = new int[groups.count()];
        for (int s = 0; s < px.length; s++) {
            int g = group[sample.rows()[s]];
            sx[g] += px[s];
            sy[g] += py[s];
            n[g]++;
        }
        for (int g = 0; g < groups.count(); g++) {
            if (groups.id(g) >= 0 && n[g] > 0) {
                stars[g] = new double[] {sx[g] / n[g], sy[g] / n[g]};
            }
        }
    }
}

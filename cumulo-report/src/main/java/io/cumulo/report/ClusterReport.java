package io.cumulo.report;

import io.cumulo.cluster.BisectingKMeansModel;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.cluster.FuzzyCMeansModel;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.cluster.KMedoidsModel;
import io.cumulo.cluster.MiniBatchKMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.report.chart.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report of one clustering ({@code cumulo cluster --report}, {@code cumulo demo}), as a renderer-neutral
 * {@link Report}. Its sections, whose ids are stable page anchors:
 * <ul>
 *   <li>{@code overview}: the data, the algorithm and its parameters, fit time, cluster sizes (with their colours),
 *       every index computed, and the profile's one-line descriptions;</li>
 *   <li>{@code scatter}: the rows in a plane ({@link ReportView}: PCA by default), coloured by cluster, centres as
 *       stars, sampled beyond {@link PointMap#MAX_POINTS} rows;</li>
 *   <li>{@code silhouette}: the silhouette plot (sampled beyond {@link SilhouetteSection#EXACT_MAX} rows);</li>
 *   <li>{@code profile}: the SMD heatmap and per-feature box plots;</li>
 *   <li>{@code labels}: only when the data has a ground-truth label column: external indices and the contingency
 *       matrix;</li>
 *   <li>{@code pca}: the scree plot of the clustering space.</li>
 * </ul>
 * To add a section (a dendrogram, a reachability plot...), take {@link #sections}, which returns a mutable list,
 * add to it, and make the report with {@code new Report(title, subtitle, sections)}.
 */
public final class ClusterReport {
    /**
     * What the report is made from.
     *
     * @param title     the report's title, e.g. "k-means on builtin:iris"
     * @param raw       the rows in their original units (hover texts, box plots, profile), with the ground-truth
     *                  labels when there are some
     * @param space     the same rows in the space the clustering ran in (after scaling and any reduction)
     * @param labels    cluster of each row, -1 for noise
     * @param centres   the model's centres in {@code space} ({@code k × space.cols()}, row-major; see
     *                  {@link #spaceCentres}), or null (the scatter then marks each cluster's mean)
     * @param facts     the overview's facts in order (dataset, scaling, algorithm, parameters, fit time...)
     * @param indices   every index computed, already formatted, by name (silhouette, CH, DB, inertia, BIC, noise)
     * @param profile   the profile of {@code labels} on {@code raw}, or null to compute the default one
     * @param distance  the distance of the clustering (the silhouette's); null for Euclidean
     * @param view      the plane of the scatter
     * @param seed      the run's seed: the samples drawn for large inputs and the t-SNE/UMAP map
     */
    public record Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres,
                        Map<String, String> facts, Map<String, String> indices, ClusterProfile profile,
                        Distance distance, ReportView view, long seed, SilhouetteScore.Estimate silhouette) {
        /** Without a silhouette estimate: the report computes what it draws. */
        public Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres, Map<String, String> facts,
                     Map<String, String> indices, ClusterProfile profile, Distance distance, ReportView view,
                     long seed) {
            this(title, raw, space, labels, centres, facts, indices, profile, distance, view, seed, null);
        }

        public Input {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(space, "space");
            Objects.requireNonNull(labels, "labels");
            if (raw.rows() != labels.length || space.rows() != labels.length) {
                throw new IllegalArgumentException(labels.length + " labels for " + raw.rows() + " rows (" + space.rows()
                        + " in the clustering space)");
            }
            facts = facts == null ? Map.of() : facts;
            indices = indices == null ? Map.of() : indices;
            distance = distance == null ? Distance.EUCLIDEAN : distance;
            view = view == null ? ReportView.PCA : view;
        }
    }

    private ClusterReport() {
    }

    /** The whole report. */
    public static Report build(Input in, ExecutionContext ctx) {
        return new Report(in.title(), subtitle(in.raw()), sections(in, ctx));
    }

    /** "150 rows × 4 features from builtin:iris". */
    static String subtitle(Dataset raw) {
        return Numbers.count(raw.rows()) + " rows × " + raw.cols() + " features from " + raw.source();
    }

    /** The report's sections in page order, in a mutable list (to append sections of later features). */
    public static List<Report.Section> sections(Input in, ExecutionContext ctx) {
        ClusterProfile profile = in.profile() != null ? in.profile()
                : ClusterProfiler.defaults().profile(in.raw(), in.labels(), ctx);
        List<Report.Section> sections = new ArrayList<>();
        sections.add(overview(in, profile));
        // one PCA of the clustering space serves the scatter's plane and the scree plot (on 1,000,000 rows each fit
        // costs a pass over the data)
        PCAModel pca = in.space().cols() >= 2 ? ScreeSection.fit(in.space(), ctx) : null;
        sections.add(ScatterSection.section(in.space(), in.raw(), in.labels(), in.centres(), in.view(), in.seed(), pca,
                ctx));
        sections.add(SilhouetteSection.section(in.space(), in.labels(), in.distance(), in.seed(), in.silhouette(), ctx));
        sections.add(ProfileSection.section(profile, in.raw(), in.labels(), false));
        in.raw().labels().ifPresent(truth -> sections.add(LabelsSection.section(truth, in.labels())));
        if (in.space().cols() >= 2) {
            sections.add(ScreeSection.section(pca, in.space().cols(), "the clustering space"));
        }
        return sections;
    }

    static Report.Section overview(Input in, ClusterProfile profile) {
        List<Report.Block> blocks = new ArrayList<>();
        blocks.add(Overview.facts(in.facts()));
        blocks.add(Overview.clusterSizes(in.labels()));
        if (!in.indices().isEmpty()) {
            blocks.add(Overview.facts(in.indices()));
        }
        if (!profile.descriptions().isEmpty()) {
            blocks.add(Overview.descriptions(profile));
        }
        return new Report.Section("overview", "Overview", blocks);
    }

    /**
     * The centres of a fitted model in its own (scaled, reduced) space, {@code k × d} row-major: k-means,
     * mini-batch and bisecting k-means, fuzzy c-means centres, k-medoids medoids. Null for spherical k-means (its
     * centres are directions, not points) and for models without centres.
     */
    public static double[] spaceCentres(ClusteringModel m) {
        if (m instanceof KMeansModel km) {
            return "cosine".equals(km.params().toJson().get("metric")) ? null : km.centresFlat();
        }
        if (m instanceof MiniBatchKMeansModel mb) {
            return mb.centresFlat();
        }
        if (m instanceof BisectingKMeansModel bk) {
            return bk.centresFlat();
        }
        if (m instanceof FuzzyCMeansModel fc) {
            return fc.centresFlat();
        }
        if (m instanceof KMedoidsModel kd) {
            return kd.medoidsFlat();
        }
        return null;
    }
}

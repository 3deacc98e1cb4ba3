package io.cumulo.report;

import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Centroids;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.DensityHierarchy;
import io.cumulo.estimator.ExplainedVariance;
import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Reachability;
import io.cumulo.estimator.MembershipStrengths;
import io.cumulo.estimator.Restarts;
import io.cumulo.estimator.Transform;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.ClusterResult;
import io.cumulo.workflow.InternalScores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The report of one clustering ({@code cumulo cluster --report}, {@code cumulo demo}), as a renderer-neutral
 * {@link Report}. Its sections, whose ids are stable page anchors:
 * <ul>
 *   <li>{@code overview}: the data, the algorithm and its parameters, fit time, cluster sizes (with their colours),
 *       every index computed, the noise share (and a plain statement first when every row is noise), and the
 *       profile's one-line descriptions;</li>
 *   <li>{@code dendrogram}: for a tree over the rows (hierarchical clustering), the dendrogram coloured by the cut
 *       and the clustermap ({@link DendrogramSection});</li>
 *   <li>{@code reachability}: for OPTICS ({@link Reachability}), the reachability plot coloured by extracted cluster,
 *       noise grey, the DBSCAN cut's eps as a line ({@link ReachabilitySection});</li>
 *   <li>{@code condensed-tree}: for HDBSCAN ({@link DensityHierarchy}), the condensed tree as an icicle plot, the
 *       selected clusters in the scatter's colours ({@link CondensedTreeSection});</li>
 *   <li>{@code scatter}: the rows in a plane ({@link ReportView}: PCA by default), coloured by cluster, centres as
 *       stars, sampled beyond {@link PointMap#MAX_POINTS} rows; shaded by membership strength when the model has
 *       them ({@link MembershipStrengths});</li>
 *   <li>{@code silhouette}: the silhouette plot (sampled where the indices' silhouette is, {@code InternalScores.silhouetteSampleSize});</li>
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
     * @param spaceIsDissimilarities {@code space} is a square dissimilarity matrix ({@code metric=precomputed}): the
     *                  silhouette reads it directly, and its columns, not being features, get no profile
     * @param reachability the OPTICS reachability plot of the rows ({@link ReachabilitySection}), or null
     * @param hierarchy HDBSCAN's condensed tree and selected clusters ({@link CondensedTreeSection}), or null
     * @param strengths each row's membership strength in [0, 1] (the scatter is shaded by it), or null
     */
    public record Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres,
                        Map<String, String> facts, Map<String, String> indices, ClusterProfile profile,
                        Distance distance, ReportView view, long seed, SilhouetteScore.Estimate silhouette,
                        ClusterTree tree, boolean spaceIsDissimilarities, Reachability reachability,
                        DensityHierarchy hierarchy, double[] strengths) {
        /** Without a reachability plot or a density hierarchy. */
        public Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres, Map<String, String> facts,
                     Map<String, String> indices, ClusterProfile profile, Distance distance, ReportView view,
                     long seed, SilhouetteScore.Estimate silhouette, ClusterTree tree, boolean spaceIsDissimilarities) {
            this(title, raw, space, labels, centres, facts, indices, profile, distance, view, seed, silhouette, tree,
                    spaceIsDissimilarities, null, null, null);
        }

        /** Over feature vectors. */
        public Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres, Map<String, String> facts,
                     Map<String, String> indices, ClusterProfile profile, Distance distance, ReportView view,
                     long seed, SilhouetteScore.Estimate silhouette, ClusterTree tree) {
            this(title, raw, space, labels, centres, facts, indices, profile, distance, view, seed, silhouette, tree,
                    false);
        }

        /** Without a tree. */
        public Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres, Map<String, String> facts,
                     Map<String, String> indices, ClusterProfile profile, Distance distance, ReportView view,
                     long seed, SilhouetteScore.Estimate silhouette) {
            this(title, raw, space, labels, centres, facts, indices, profile, distance, view, seed, silhouette, null);
        }

        /** Without a silhouette estimate: the report computes what it draws. */
        public Input(String title, Dataset raw, Dataset space, int[] labels, double[] centres, Map<String, String> facts,
                     Map<String, String> indices, ClusterProfile profile, Distance distance, ReportView view,
                     long seed) {
            this(title, raw, space, labels, centres, facts, indices, profile, distance, view, seed, null, null);
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
            if (tree != null && tree.leaves() != labels.length) {
                tree = null; // a tree over clusters (bisecting k-means), not rows: no dendrogram of the rows
            }
            if (reachability != null && reachability.ordering().length != labels.length) {
                throw new IllegalArgumentException("a reachability plot of " + reachability.ordering().length
                        + " rows for " + labels.length + " labels");
            }
            if (hierarchy != null && hierarchy.condensedTree().rows() != labels.length) {
                throw new IllegalArgumentException("a condensed tree of " + hierarchy.condensedTree().rows()
                        + " rows for " + labels.length + " labels");
            }
            if (strengths != null && strengths.length != labels.length) {
                throw new IllegalArgumentException(strengths.length + " strengths for " + labels.length + " labels");
            }
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
        // a dissimilarity matrix's columns are not features: no profile of them
        ClusterProfile profile = in.profile() != null ? in.profile() : in.spaceIsDissimilarities() ? null
                : ClusterProfiler.defaults().profile(in.raw(), in.labels(), ctx);
        List<Report.Section> sections = new ArrayList<>();
        sections.add(overview(in, profile));
        if (in.tree() != null) {
            sections.add(DendrogramSection.section(in.tree(), in.labels(), in.raw()));
        }
        if (in.reachability() != null) {
            sections.add(ReachabilitySection.section(in.reachability(), in.labels()));
        }
        if (in.hierarchy() != null) {
            sections.add(CondensedTreeSection.section(in.hierarchy(), in.labels()));
        }
        // one PCA of the clustering space serves the scatter's plane and the scree plot (on 1,000,000 rows each fit
        // costs a pass over the data)
        PCAModel pca = in.space().cols() >= 2 ? ScreeSection.fit(in.space(), ctx) : null;
        sections.add(ScatterSection.section(in.space(), in.raw(), in.labels(), in.centres(), in.view(), in.seed(), pca,
                in.strengths(), ctx));
        sections.add(in.spaceIsDissimilarities() ? SilhouetteSection.fromDissimilarities(in.space(), in.labels(), ctx)
                : SilhouetteSection.section(in.space(), in.labels(), in.distance(), in.seed(), in.silhouette(), ctx));
        if (profile != null) {
            sections.add(ProfileSection.section(profile, in.raw(), in.labels(), false));
        }
        in.raw().labels().ifPresent(truth -> sections.add(LabelsSection.section(truth, in.labels())));
        if (in.space().cols() >= 2) {
            sections.add(ScreeSection.section(pca, in.space().cols(), "the clustering space"));
        }
        return sections;
    }

    static Report.Section overview(Input in, ClusterProfile profile) {
        List<Report.Block> blocks = new ArrayList<>();
        boolean allNoise = in.labels().length > 0;
        for (int l : in.labels()) {
            allNoise &= l < 0;
        }
        if (allNoise) {
            blocks.add(new Report.Block.Text("Every row is noise: no cluster was found. The density asked for is higher "
                    + "than anywhere in the data: raise eps or lower min-samples ('cumulo choose-eps' suggests an eps).",
                    false));
        }
        blocks.add(Overview.facts(in.facts()));
        blocks.add(Overview.clusterSizes(in.labels()));
        if (!in.indices().isEmpty()) {
            blocks.add(Overview.facts(in.indices()));
        }
        if (profile != null && !profile.descriptions().isEmpty()) {
            blocks.add(Overview.descriptions(profile));
        }
        return new Report.Section("overview", "Overview", blocks);
    }

    /**
     * The report of a clustering job, with the overview's facts and indices taken from what the job did: the data,
     * the scaling and reduction, the algorithm and its parameters, the fit, every index computed.
     */
    public static Report of(ClusterResult r, ReportView view, ExecutionContext ctx) {
        return build(input(r, view), ctx);
    }

    /** What {@link #of} draws from. */
    public static Input input(ClusterResult r, ReportView view) {
        ClusteringPipelineModel f = r.model();
        ClusteringModel m = r.clustering();
        Dataset data = r.data();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("input", data.source());
        facts.put("rows", Integer.toString(data.rows()));
        facts.put("features", data.cols() + " (" + String.join(", ", data.columnNames().subList(0,
                Math.min(data.cols(), 12))) + (data.cols() > 12 ? ", …" : "") + ")");
        facts.put("scaling", f.scaler().kind());
        f.reduction().ifPresent(red -> facts.put("reduction", red.name() + " to " + ((Transform) red).numComponents()
                + " components" + (red instanceof ExplainedVariance v && v.explainedVarianceRatio().length > 0
                ? String.format(Locale.ROOT, " (%.1f%% of the variance)", 100 * v.explainedVarianceFraction()) : "")));
        facts.put("algorithm", r.task().algorithm().title());
        facts.put("parameters", m.params().toString());
        facts.put("clusters", String.valueOf(m.numClusters()));
        if (m instanceof Iterative it) {
            facts.put("iterations", it.iterations() + (it.converged() ? " (converged)" : " (not converged)"));
        }
        if (m instanceof Restarts restarts) {
            restarts.howChosen().ifPresent(how -> facts.put("chosen as", how));
        }
        facts.put("fit time", String.format(Locale.ROOT, "%.3f s", f.fitSeconds()));
        facts.put("threads", Integer.toString(r.threads()));
        facts.put("seed", Long.toString(r.task().seed()));

        Map<String, String> indices = new LinkedHashMap<>();
        for (KeyFigure k : m.keyFigures()) {
            indices.put(k.label() + (k.note().isEmpty() ? "" : " (" + k.note() + ")"), Numbers.fmt(k.value()));
        }
        InternalScores s = r.scores();
        List<String> notes = s.silhouetteNotes();
        indices.put("silhouette (higher is better)", Numbers.fmt(s.silhouette())
                + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        indices.put("Calinski-Harabasz (higher is better)", Numbers.fmt(s.calinskiHarabasz()));
        indices.put("Davies-Bouldin (lower is better)", Numbers.fmt(s.daviesBouldin()));
        if (s.dbcv() != null) {
            indices.put("DBCV (density-based, higher is better)", Numbers.fmt(s.dbcv())
                    + (s.dbcvSampleSize() > 0 ? " (on " + Numbers.count(s.dbcvSampleSize()) + " sampled rows)" : ""));
        }
        indices.put("BIC (X-means form, higher is better)", Numbers.fmt(s.bic()));
        r.noise().ifPresentOrElse(ns -> indices.put("noise (left out of the indices)", ns.sentence()), () -> {
            if (s.noise() > 0) {
                indices.put("noise rows (left out of the indices)", Long.toString(s.noise()));
            }
        });
        r.agreement().ifPresent(a -> {
            indices.put("ARI against " + a.labelColumn(), Numbers.fmt(a.metrics().ari()));
            indices.put("NMI against " + a.labelColumn(), Numbers.fmt(a.metrics().nmi()));
        });
        return new Input(r.title(), data, r.space(), r.labels(), spaceCentres(m), facts, indices,
                r.profile().orElse(null), m.distance(), view, r.task().seed(), s.silhouetteSampled(),
                m.as(Tree.class).map(Tree::tree).orElse(null), r.task().inputIsDissimilarities(),
                m.as(Reachability.class).orElse(null),
                m.as(DensityHierarchy.class).orElse(null),
                m.as(MembershipStrengths.class).map(MembershipStrengths::strengths).orElse(null));
    }

    /**
     * The representatives of a fitted model in its own (scaled, reduced) space, {@code k × d} row-major: centres and
     * medoids ({@link Centroids}). Null for directions (spherical k-means: not points among the rows) and for models
     * without representatives.
     */
    public static double[] spaceCentres(ClusteringModel m) {
        return m.as(Centroids.class).filter(c -> c.centreKind().isPoint()).map(Centroids::centresFlat).orElse(null);
    }
}

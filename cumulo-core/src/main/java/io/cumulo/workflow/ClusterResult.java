package io.cumulo.workflow;

import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ExplainedVariance;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.estimator.Tree;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.profile.ClusterProfile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link ClusterTask} made: the data as read, the rows in the clustering's space (scaled, then reduced), the
 * fitted pipeline, the labels, the internal indices, the agreement with the data's label column when it has one,
 * and the cluster profile. Immutable; {@link #writeOutputs()} writes the files the task asked for.
 */
public final class ClusterResult {
    private final ClusterTask task;
    private final Dataset data;
    private final Dataset space;
    private final ClusteringPipelineModel model;
    private final int[] labels;
    private final InternalScores scores;
    private final Agreement agreement;
    private final ClusterProfile profile;
    private final int threads;
    private final List<String> warnings;

    ClusterResult(ClusterTask task, Dataset data, Dataset space, ClusteringPipelineModel model, int[] labels,
                  InternalScores scores, Agreement agreement, ClusterProfile profile, int threads,
                  List<String> warnings) {
        this.task = task;
        this.data = data;
        this.space = space;
        this.model = model;
        this.labels = labels;
        this.scores = scores;
        this.agreement = agreement;
        this.profile = profile;
        this.threads = threads;
        this.warnings = List.copyOf(warnings);
    }

    public ClusterTask task() {
        return task;
    }

    /** The rows as read, in the input's units, with the label column and weights when there are some. */
    public Dataset data() {
        return data;
    }

    /**
     * The same rows in the space the clustering was fitted in; for a dissimilarity matrix ({@link
     * ClusterTask#inputIsDissimilarities()}) the square matrix, one row per point.
     */
    public Dataset space() {
        return space;
    }

    public ClusteringPipelineModel model() {
        return model;
    }

    /** The fitted clustering itself (inside {@link #model()}). */
    public ClusteringModel clustering() {
        return model.model();
    }

    /** Cluster of each row, {@code -1} for noise; a copy. */
    public int[] labels() {
        return labels.clone();
    }

    public InternalScores scores() {
        return scores;
    }

    public Optional<Agreement> agreement() {
        return Optional.ofNullable(agreement);
    }

    /** The profile, unless the task turned it off. */
    public Optional<ClusterProfile> profile() {
        return Optional.ofNullable(profile);
    }

    /** Threads the job ran on. */
    public int threads() {
        return threads;
    }

    /** What the job warned about (each also went to the context's warning sink as it happened). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The noise share, for a clustering that can leave rows out as noise ({@link io.cumulo.estimator.Noise}) or whose
     * labels have noise; empty for one that puts every row in a cluster.
     */
    public Optional<NoiseSummary> noise() {
        return NoiseSummary.of(clustering(), labels);
    }

    /** "k-means on builtin:iris". */
    public String title() {
        return task.algorithm().title() + " on " + data.source();
    }

    /** Writes the labels CSV (with soft memberships as extra columns where the model has them) and the model file. */
    public void writeOutputs() {
        if (task.labelsOut() != null) {
            OutputFiles.checkWritable(task.labelsOut(), task.overwrite(), "--out");
            Map<String, double[]> extra = new LinkedHashMap<>(OutputFiles.softColumns(clustering(), null));
            extra.putAll(OutputFiles.scoreColumns(clustering(), null, null));
            OutputFiles.writeLabels(task.labelsOut(), data, labels, extra);
        }
        if (task.modelOut() != null) {
            OutputFiles.checkWritable(task.modelOut(), task.overwrite(), "--model");
            OutputFiles.writeString(task.modelOut(), model.toJsonString());
        }
        if (task.linkageOut() != null) {
            OutputFiles.checkWritable(task.linkageOut(), task.overwrite(), "--linkage-out");
            OutputFiles.writeLinkage(task.linkageOut(), clustering().as(Tree.class).orElseThrow().tree());
        }
    }

    /**
     * The stable {@code cumulo cluster --json} object: the job, the model's summary, the noise share ({@code
     * n_clusters}, {@code n_noise}, {@code noise_fraction}, and a {@code note} when every row is noise) for a
     * clustering that can leave rows out, the fit time, the indices, the
     * agreement, the profile, the threads, the files written ({@code extraOutputs}: those a front wrote beside them,
     * such as the report) and the warnings.
     */
    public Map<String, Object> toJson(Map<String, Path> extraOutputs) {
        ClusteringModel m = clustering();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("algorithm", m.name());
        j.put("params", m.params().toJson());
        j.put("input", task.input());
        j.put("n_samples", data.rows());
        j.put("n_features", data.cols());
        j.put("features", data.columnNames());
        j.put("scale", model.scaler().kind());
        model.reduction().ifPresent(r -> j.put("reduce", reductionJson(r)));
        j.putAll(m.summary());
        noise().ifPresent(ns -> {
            j.putAll(ns.toJson());
            if (ns.allNoise()) {
                j.put("note", ns.sentence());
            }
        });
        j.put("fit_seconds", model.fitSeconds());
        j.putAll(scores.toClusterJson());
        agreement().ifPresent(a -> j.putAll(a.toJson()));
        if (profile != null) {
            j.put("profile", profile.toJson());
        }
        j.put("threads", threads);
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (task.labelsOut() != null) {
            outputs.put("labels", task.labelsOut().toString());
        }
        if (task.modelOut() != null) {
            outputs.put("model", task.modelOut().toString());
        }
        if (task.linkageOut() != null) {
            outputs.put("linkage", task.linkageOut().toString());
        }
        extraOutputs.forEach((name, p) -> outputs.put(name, p.toString()));
        j.put("outputs", outputs);
        j.put("warnings", warnings);
        return j;
    }

    /** The reduction's {@code method}, {@code n_components} and, for PCA, its explained variance ratios. */
    static Map<String, Object> reductionJson(Model r) {
        Map<String, Object> red = new LinkedHashMap<>();
        red.put("method", r.name());
        red.put("n_components", ((Transform) r).numComponents());
        if (r instanceof ExplainedVariance v) {
            red.put("explained_variance_ratio", v.explainedVarianceRatio());
            red.put("cumulative_variance_ratio", v.cumulativeVarianceRatio());
        }
        return red;
    }
}

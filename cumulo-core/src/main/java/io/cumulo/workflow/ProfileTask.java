package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Describing the clusters of a table ({@code cumulo profile}): the clusters come from a saved model (its features
 * read from the input and the rows assigned as predict does) or from a labels file (one cluster per row).
 */
public final class ProfileTask {
    private final String input;
    private final ReadOptions read;
    private final Path modelFile;
    private final Path labelsFile;
    private final ClusterProfiler profiler;

    /**
     * Exactly one of {@code modelFile} and {@code labelsFile}; {@code profiler} sets the threshold and the features
     * named per description.
     */
    public ProfileTask(String input, ReadOptions read, Path modelFile, Path labelsFile, ClusterProfiler profiler) {
        requireOneSource(modelFile, labelsFile);
        this.input = Objects.requireNonNull(input);
        this.read = Objects.requireNonNull(read);
        this.modelFile = modelFile;
        this.labelsFile = labelsFile;
        this.profiler = Objects.requireNonNull(profiler);
    }

    /** Fails unless exactly one of the two sources of clusters is given. */
    public static void requireOneSource(Path modelFile, Path labelsFile) {
        if ((modelFile == null) == (labelsFile == null)) {
            throw new CumuloException(modelFile == null
                    ? "give the clusters to profile: --model FILE (a saved model assigns the rows) or --labels FILE "
                        + "(one cluster per row)"
                    : "give --model or --labels, not both: the clusters come from one of them");
        }
    }

    public Path modelFile() {
        return modelFile;
    }

    public Path labelsFile() {
        return labelsFile;
    }

    public ClusterProfiler profiler() {
        return profiler;
    }

    /**
     * What came of it.
     *
     * @param algorithm the model's algorithm, or null for clusters from a labels file
     */
    public record Result(ProfileTask task, Dataset data, int[] clusters, ClusterProfile profile, String algorithm,
                         double seconds) {
        /** Where the clusters came from: "model FILE" or "labels FILE". */
        public String from() {
            return task.modelFile != null ? "model " + task.modelFile : "labels " + task.labelsFile;
        }

        /** The {@code cumulo profile --json} object. */
        public Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", task.input);
            if (task.modelFile != null) {
                j.put("model", task.modelFile.toString());
                j.put("algorithm", algorithm);
            } else {
                j.put("labels", task.labelsFile.toString());
            }
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.put("profile", profile.toJson());
            j.put("profile_seconds", seconds);
            return j;
        }
    }

    public Result run(ExecutionContext ctx) {
        if (modelFile != null) {
            ClusteringPipelineModel model = ClusteringPipelineModel.read(modelFile);
            Dataset data = ModelFeatures.read(input, read, model, modelFile, ctx);
            long t0 = System.nanoTime();
            int[] labels = model.model().predict(model.transform(data, ctx), ctx);
            ClusterProfile profile = profiler.profile(data, labels, ClusterProfiler.modelCentres(model).orElse(null),
                    null, ctx);
            return new Result(this, data, labels, profile, model.algorithm(), (System.nanoTime() - t0) / 1e9);
        }
        Dataset data = DatasetReader.read(input, read, ctx::note);
        LabelsFile.Labels labels = LabelsFile.read(labelsFile, data, input);
        long t0 = System.nanoTime();
        ClusterProfile profile = profiler.profile(data, labels.clusters(), null, labels.names(), ctx);
        return new Result(this, data, labels.clusters(), profile, null, (System.nanoTime() - t0) / 1e9);
    }
}

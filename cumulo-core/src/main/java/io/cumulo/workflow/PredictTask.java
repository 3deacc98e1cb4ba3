package io.cumulo.workflow;

import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.data.ReadOptions;
import io.cumulo.estimator.Objective;
import io.cumulo.estimator.SoftAssignments;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipelineModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies a saved clustering model to new rows ({@code cumulo predict}): reads the model's features from the input
 * ({@link ModelFeatures}), applies its scaling and reduction, assigns the clusters with the training arithmetic, and
 * writes the labels (with soft memberships where the model has them) when asked.
 */
public final class PredictTask {
    private final Path modelFile;
    private final String input;
    private final ReadOptions read;
    private final Path labelsOut;
    private final boolean overwrite;

    /** @param read how to read the input ({@code columns}: the input's columns holding the model's features) */
    public PredictTask(Path modelFile, String input, ReadOptions read, Path labelsOut, boolean overwrite) {
        this.modelFile = Objects.requireNonNull(modelFile);
        this.input = Objects.requireNonNull(input);
        this.read = Objects.requireNonNull(read);
        this.labelsOut = labelsOut;
        this.overwrite = overwrite;
        OutputFiles.checkWritable(labelsOut, overwrite, "--out");
    }

    /** What came of it. */
    public record Result(PredictTask task, ClusteringPipelineModel model, Dataset data, int[] labels, int[] sizes,
                         Map<String, Object> objective, Agreement agreement, double seconds) {
        /** The {@code cumulo predict --json} object. */
        public Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("algorithm", model.algorithm());
            j.put("model", task.modelFile.toString());
            j.put("input", task.input);
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.put("k", model.model().numClusters());
            j.put("cluster_sizes", sizes);
            j.putAll(objective);
            if (agreement != null) {
                j.putAll(agreement.toJson());
            }
            j.put("predict_seconds", seconds);
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (task.labelsOut != null) {
                outputs.put("labels", task.labelsOut.toString());
            }
            j.put("outputs", outputs);
            return j;
        }
    }

    public Path modelFile() {
        return modelFile;
    }

    public Path labelsOut() {
        return labelsOut;
    }

    /** Reads the model and the input, assigns the rows, writes the labels file if one was asked for. */
    public Result run(ExecutionContext ctx) {
        ClusteringPipelineModel model = ClusteringPipelineModel.read(modelFile);
        Dataset data = ModelFeatures.read(input, read, model, modelFile, ctx);
        long t0 = System.nanoTime();
        Dataset space = model.transform(data, ctx);
        ClusteringModel m = model.model();
        int[] labels = m.predict(space, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (labelsOut != null) {
            // the columns 'cluster --out' writes (soft memberships, strengths, outlier scores), computed for these rows
            double[] soft = OutputFiles.writesSoftColumns(m) ? ((SoftAssignments) m).memberships(space, ctx) : null;
            OutputFiles.softColumnsNote(m).ifPresent(ctx::note);
            OutputFiles.checkWritable(labelsOut, overwrite, "--out");
            Map<String, double[]> extra = new LinkedHashMap<>(OutputFiles.softColumns(m, soft));
            extra.putAll(OutputFiles.scoreColumns(m, space, ctx));
            OutputFiles.writeLabels(labelsOut, data, labels, extra);
        }
        int[] sizes = new int[m.numClusters()];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        Map<String, Object> objective = new LinkedHashMap<>();
        if (m instanceof Objective o) {
            objective.put(o.objectiveKey(), o.objective(space, ctx));
        }
        return new Result(this, model, data, labels, sizes, objective, Agreement.of(data, labels).orElse(null),
                seconds);
    }
}

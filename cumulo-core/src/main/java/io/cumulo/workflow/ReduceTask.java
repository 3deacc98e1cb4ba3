package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.LabelColumn;
import io.cumulo.data.ReadOptions;
import io.cumulo.estimator.Embedding;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.Trustworthiness;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ReductionPipelineModel;
import io.cumulo.model.Registry;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.preprocessing.ScalerModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One reduction job ({@code cumulo reduce}): read the input, scale, fit a reduction (PCA, UMAP, t-SNE), measure a
 * map's trustworthiness, and write the reduced rows ({@code c1..cK}) and the model when asked. {@link Builder#build()}
 * checks every option and the output files before any work.
 */
public final class ReduceTask {
    /** Trustworthiness is computed for maps (t-SNE, UMAP) up to this many rows: it ranks every pair of rows. */
    public static final int TRUSTWORTHINESS_MAX_ROWS = 20_000;

    private final String input;
    private final ReadOptions read;
    private final ReductionSpec reduction;
    private final Scaler scaler;
    private final Path reducedOut;
    private final Path modelOut;
    private final boolean overwrite;

    private ReduceTask(Builder b) {
        Registry.Entry<?> m = Registry.reduction(b.method);
        Map<String, String> params = new LinkedHashMap<>(b.params == null ? Map.of() : b.params);
        if (b.seed != null) {
            if (!m.params().contains("seed")) {
                throw new CumuloException("--seed does not apply to " + m.name());
            }
            String given = params.get("seed");
            if (given != null && !given.trim().equals(b.seed.toString())) {
                throw new CumuloException("--seed " + b.seed + " contradicts --param seed=" + given);
            }
            params.put("seed", b.seed.toString());
        }
        this.reduction = new ReductionSpec(m, m.configure(params, b.components, b.variance));
        if (b.modelOut != null && !m.provides(Transform.class)) {
            throw new CumuloException("--model: " + m.name() + " has no model to save (it cannot place new rows); use "
                    + "--out for the embedding, or --method " + String.join(" or ", Registry.all(Registry.Kind.REDUCTION)
                    .stream().filter(e -> e.provides(Transform.class)).map(Registry.Entry::name).toList())
                    + " for a model");
        }
        this.scaler = Scaler.named(b.scale);
        OutputFiles.checkWritable(b.reducedOut, b.overwrite, "--out");
        OutputFiles.checkWritable(b.modelOut, b.overwrite, "--model");
        this.input = Objects.requireNonNull(b.input, "input");
        this.read = b.read;
        this.reducedOut = b.reducedOut;
        this.modelOut = b.modelOut;
        this.overwrite = b.overwrite;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Registry.Entry<?> method() {
        return reduction.method();
    }

    public ParamValues params() {
        return reduction.params();
    }

    public Scaler scaler() {
        return scaler;
    }

    /** The method's seed (0 for a method without one): also the seed of the samples its report draws. */
    public long seed() {
        ParamValues p = reduction.params();
        return p.paramSet().contains("seed") && p.get(p.paramSet().get("seed")) instanceof Number n ? n.longValue() : 0;
    }

    public Path reducedOut() {
        return reducedOut;
    }

    public Path modelOut() {
        return modelOut;
    }

    /** What came of it: the data as read, the fitted scaling and reduction, the reduced rows. */
    public record Result(ReduceTask task, Dataset data, Dataset scaled, ScalerModel scaling, Model model,
                         Dataset reduced, double seconds, Double trustworthiness, int threads) {
        /** The {@code cumulo reduce --json} object (without the files written). */
        public Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", data.source());
            j.put("method", task.method().name());
            j.put("params", task.params().toJson());
            j.put("scale", task.scaler.name());
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.putAll(model.summary());
            j.put("fit_seconds", seconds);
            if (model instanceof Embedding) {
                j.put("trustworthiness", trustworthiness);
                if (trustworthiness == null) {
                    j.put("trustworthiness_note", "not computed above " + TRUSTWORTHINESS_MAX_ROWS + " rows (it ranks "
                            + "every pair of rows)");
                }
            }
            j.put("threads", threads);
            return j;
        }

        /** Writes the reduced rows and the model file, as the task asked. */
        public void writeOutputs() {
            if (task.reducedOut != null) {
                OutputFiles.checkWritable(task.reducedOut, task.overwrite, "--out");
                writeReduced(task.reducedOut, reduced);
            }
            if (task.modelOut != null) {
                OutputFiles.checkWritable(task.modelOut, task.overwrite, "--model");
                Map<String, Object> training = new LinkedHashMap<>();
                training.put("source", data.source());
                training.put("n_samples", data.rows());
                training.put("n_features", data.cols());
                training.put("fit_seconds", seconds);
                OutputFiles.writeString(task.modelOut,
                        new ReductionPipelineModel(data.columnNames(), scaling, model, training).toJsonString() + "\n");
            }
        }
    }

    /** Reads the input (notes go to the context) and runs the job. */
    public Result run(ExecutionContext ctx) {
        Dataset data = DatasetReader.read(input, read, ctx::note);
        long t0 = System.nanoTime();
        ScalerModel scaling = scaler.fit(data, ctx);
        Dataset scaled = scaling.transform(data);
        ctx.progress().update("reducing: " + reduction.method().name(), 0, 1);
        Model fitted = reduction.method().create(reduction.params()).fit(scaled, ctx);
        Dataset reduced = ClusteringPipeline.trainingRows(fitted, scaled, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Double trust = null;
        if (fitted instanceof Embedding && data.rows() <= TRUSTWORTHINESS_MAX_ROWS) {
            // how well the map keeps each row's neighbours (k = 10); exact, so only up to a size where that is quick
            trust = Trustworthiness.score(scaled, reduced, ctx);
        }
        return new Result(this, data, scaled, scaling, fitted, reduced, seconds, trust, ctx.threads());
    }

    /** The reduced CSV: {@code c1..cK}, then the label column when the input has one. */
    static void writeReduced(Path p, Dataset reduced) {
        LabelColumn truth = reduced.labels().orElse(null);
        List<String> names = reduced.columnNames();
        int c = reduced.cols();
        double[] z = reduced.rawValues();
        OutputFiles.write(p, w -> {
            w.write(String.join(",", names));
            if (truth != null) {
                w.write(',');
                w.write(OutputFiles.csvField(names.contains(truth.name()) ? "label_" + truth.name() : truth.name()));
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder(32 * (c + 1));
            for (int i = 0; i < reduced.rows(); i++) {
                sb.setLength(0);
                for (int l = 0; l < c; l++) {
                    if (l > 0) {
                        sb.append(',');
                    }
                    sb.append(z[i * c + l]); // Double.toString: the shortest text that reads back to the same double
                }
                if (truth != null) {
                    sb.append(',').append(OutputFiles.csvField(truth.value(i)));
                }
                sb.append('\n');
                w.write(sb.toString());
            }
        });
    }

    /** Builds a {@link ReduceTask}; unset options take their defaults (PCA, no scaling). */
    public static final class Builder extends TaskBuilder<Builder> {
        private String method = "pca";
        private Integer components;
        private Double variance;
        private Path reducedOut;
        private Path modelOut;

        private Builder() {
        }

        /** A reduction name of {@link Registry} (default {@code pca}). */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** Components to keep (null: the method's default). */
        public Builder components(Integer components) {
            this.components = components;
            return this;
        }

        /** PCA: the variance fraction to explain, in (0, 1] (null: none). */
        public Builder variance(Double variance) {
            this.variance = variance;
            return this;
        }

        public Builder reducedOut(Path p) {
            this.reducedOut = p;
            return this;
        }

        public Builder modelOut(Path p) {
            this.modelOut = p;
            return this;
        }

        public ReduceTask build() {
            return new ReduceTask(this);
        }
    }
}

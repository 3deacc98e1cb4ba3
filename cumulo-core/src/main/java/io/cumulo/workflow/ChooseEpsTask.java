package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.selection.ChooseEps;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Choosing DBSCAN's {@code eps} ({@code cumulo choose-eps}): read and scale the input, compute every row's distance to
 * its {@code min-samples}-th nearest row (itself counted), sort them and find the knee ({@link ChooseEps}); optionally
 * write the sorted curve as CSV ({@code rank,k_distance}). {@link Builder#build()} checks every option and the output
 * file before any work. The eps suggested is in the scaled space: cluster with the same {@code --scale}.
 */
public final class ChooseEpsTask {
    private final String input;
    private final ReadOptions read;
    private final Scaler scaler;
    private final ChooseEps chooser;
    private final Path out;
    private final boolean overwrite;

    private ChooseEpsTask(Builder b) {
        this.input = Objects.requireNonNull(b.input, "input");
        this.read = b.read;
        this.scaler = Scaler.named(b.scale);
        Distance metric;
        NeighborIndex.Kind index;
        try {
            metric = Distance.parse(b.metric);
        } catch (CumuloException e) {
            throw new CumuloException("--metric: " + e.getMessage());
        }
        try {
            index = NeighborIndex.Kind.parse(b.index);
        } catch (CumuloException e) {
            throw new CumuloException("--index: " + e.getMessage());
        }
        this.chooser = ChooseEps.of(b.minSamples, metric, index);
        OutputFiles.checkWritable(b.out, b.overwrite, "--out");
        this.out = b.out;
        this.overwrite = b.overwrite;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ChooseEps chooser() {
        return chooser;
    }

    public Scaler scaler() {
        return scaler;
    }

    public String input() {
        return input;
    }

    /** Where the sorted curve goes, or null. */
    public Path out() {
        return out;
    }

    /**
     * What came of it.
     *
     * @param data     the rows as read
     * @param warnings what the job warned about
     */
    public record Result(ChooseEpsTask task, Dataset data, ChooseEps.Result choice, List<String> warnings) {
        /** The {@code cumulo choose-eps --json} object. */
        public Map<String, Object> toJson(Map<String, Path> extraOutputs) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", task.input);
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.put("scale", task.scaler.name());
            j.putAll(choice.toJson());
            Map<String, Object> outputs = new LinkedHashMap<>();
            if (task.out != null) {
                outputs.put("curve", task.out.toString());
            }
            extraOutputs.forEach((k, p) -> outputs.put(k, p.toString()));
            j.put("outputs", outputs);
            j.put("warnings", warnings);
            return j;
        }

        /** Writes the sorted curve, if asked: {@code rank,k_distance}, one line per row, ascending. */
        public void writeOutputs() {
            if (task.out == null) {
                return;
            }
            OutputFiles.checkWritable(task.out, task.overwrite, "--out");
            double[] kd = choice.sorted();
            OutputFiles.write(task.out, w -> {
                w.write("rank,k_distance\n");
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < kd.length; i++) {
                    sb.setLength(0);
                    w.write(sb.append(i).append(',').append(kd[i]).append('\n').toString());
                }
            });
        }
    }

    /** Reads the input (notes go to the context), scales it and computes the curve and its knee. */
    public Result run(ExecutionContext outer) {
        Dataset data = DatasetReader.read(input, read, outer::note);
        List<String> warnings = new ArrayList<>();
        ExecutionContext ctx = outer.withWarnings(w -> {
            warnings.add(w);
            outer.warn(w);
        });
        if (data.hasWeights()) {
            ctx.warn("choose-eps counts rows: the sample weights are not used (DBSCAN weighs the neighbourhoods "
                    + "with them, so its core rows can differ from this curve's)");
        }
        Dataset scaled = scaler.fit(data, ctx).transform(data);
        return new Result(this, data, chooser.run(scaled, ctx), warnings);
    }

    /** Builds a {@link ChooseEpsTask}; unset options take their defaults (min-samples 5, Euclidean, no scaling). */
    public static final class Builder extends TaskBuilder<Builder> {
        private int minSamples = 5;
        private String metric = "euclidean";
        private String index = "auto";
        private Path out;

        private Builder() {
        }

        /** k: the row itself counted, as DBSCAN's min-samples (default 5). */
        public Builder minSamples(int k) {
            this.minSamples = k;
            return this;
        }

        public Builder metric(String metric) {
            this.metric = Objects.requireNonNull(metric);
            return this;
        }

        public Builder index(String index) {
            this.index = Objects.requireNonNull(index);
            return this;
        }

        /** Where to write the sorted curve as CSV, or null. */
        public Builder out(Path p) {
            this.out = p;
            return this;
        }

        public ChooseEpsTask build() {
            return new ChooseEpsTask(this);
        }
    }
}

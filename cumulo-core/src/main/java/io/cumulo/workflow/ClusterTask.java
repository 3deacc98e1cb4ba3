package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.estimator.Noise;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.Registry;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One clustering job, as the CLI's {@code cumulo cluster} and the server run it: read the input, scale, optionally
 * reduce, fit the algorithm, compute the internal indices (and the external ones when the data has a label column),
 * profile the clusters, and write the labels and model files asked for. Immutable; {@link Builder#build()}
 * checks every option and parameter (one-line {@link CumuloException}s naming them), and the output files, before
 * any work; {@link #run} does the work and returns a {@link ClusterResult}, which writes the files on
 * {@link ClusterResult#writeOutputs()}.
 */
public final class ClusterTask {
    private final String input;
    private final ReadOptions read;
    private final Registry.Entry<Clusterer<?>> algorithm;
    private final ParamValues params;
    private final Clusterer<?> clusterer;
    private final Scaler scaler;
    private final ReductionSpec reduction;
    private final ClusteringPipeline pipeline;
    private final long seed;
    private final Path labelsOut;
    private final Path modelOut;
    private final Path linkageOut;
    private final boolean overwrite;
    private final boolean profile;

    private ClusterTask(Builder b) {
        OutputFiles.checkWritable(b.labelsOut, b.overwrite, "--out");
        OutputFiles.checkWritable(b.modelOut, b.overwrite, "--model");
        OutputFiles.checkWritable(b.linkageOut, b.overwrite, "--linkage-out");
        this.input = Objects.requireNonNull(b.input, "input");
        this.read = b.read;
        this.algorithm = Registry.clustering(b.algorithm);
        this.params = params(algorithm.params(), b.params, b.k, b.seed);
        if (b.linkageOut != null && !algorithm.provides(Tree.class)) {
            throw new CumuloException("--linkage-out: " + algorithm.name() + " builds no tree; use one of "
                    + String.join(", ", Registry.all(Registry.Kind.CLUSTERING).stream()
                    .filter(e -> e.provides(Tree.class)).map(Registry.Entry::name).toList()));
        }
        this.clusterer = algorithm.create(params);
        this.scaler = Scaler.named(b.scale);
        this.reduction = b.reduce == null ? null : ReductionSpec.parse(b.reduce);
        this.pipeline = new ClusteringPipeline(scaler, reduction == null ? null : reduction.method(),
                reduction == null ? null : reduction.params(), clusterer);
        this.seed = b.seed == null ? 0 : b.seed;
        this.labelsOut = b.labelsOut;
        this.modelOut = b.modelOut;
        this.linkageOut = b.linkageOut;
        this.overwrite = b.overwrite;
        this.profile = b.profile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parameter values from the text pairs, with {@code k} and {@code seed} merged in. */
    static ParamValues params(ParamSet set, Map<String, String> given, Integer k, Long seed) {
        Map<String, String> text = new LinkedHashMap<>(given == null ? Map.of() : given);
        merge(set, text, "k", "--k", k == null ? null : k.toString());
        merge(set, text, "seed", "--seed", seed == null ? null : seed.toString());
        return set.parse(text);
    }

    private static void merge(ParamSet set, Map<String, String> text, String name, String flag, String value) {
        if (value == null) {
            return;
        }
        if (!set.contains(name)) {
            throw new CumuloException(flag + " does not apply to " + set.owner());
        }
        String given = text.get(name);
        if (given != null && !given.trim().equals(value)) {
            throw new CumuloException(flag + " " + value + " contradicts --param " + name + "=" + given);
        }
        text.put(name, value);
    }

    public String input() {
        return input;
    }

    public Registry.Entry<Clusterer<?>> algorithm() {
        return algorithm;
    }

    /** The algorithm's parameters, every one with its value ({@code k} and {@code seed} merged in). */
    public ParamValues params() {
        return params;
    }

    public Scaler scaler() {
        return scaler;
    }

    /** The reduction between scaling and clustering, or null. */
    public ReductionSpec reduction() {
        return reduction;
    }

    /** The run's seed (0 when none was given): the algorithm's, and the samples drawn on large inputs. */
    public long seed() {
        return seed;
    }

    public Path labelsOut() {
        return labelsOut;
    }

    public Path modelOut() {
        return modelOut;
    }

    /** Where to write the tree's linkage matrix ({@link OutputFiles#writeLinkage}), or null. */
    public Path linkageOut() {
        return linkageOut;
    }

    public boolean overwrite() {
        return overwrite;
    }

    /** Whether the task's input is a dissimilarity matrix ({@code metric=precomputed}) rather than feature vectors. */
    public boolean inputIsDissimilarities() {
        return !pipeline.clusterer().takesFeatures();
    }

    /** Reads the input ({@link DatasetReader}; notes go to the context) and runs the job on it. */
    public ClusterResult run(ExecutionContext ctx) {
        ctx.progress().update("reading " + input, 0, 1);
        Dataset data = DatasetReader.read(input, read, ctx::note);
        return run(data, ctx);
    }

    /** Runs the job on data already read (the task's input and read options then only name it). */
    public ClusterResult run(Dataset data, ExecutionContext outer) {
        List<String> warnings = new ArrayList<>();
        ExecutionContext ctx = outer.withWarnings(w -> {
            warnings.add(w);
            outer.warn(w);
        });
        // a condensed dissimilarity matrix becomes the square one here, so that every step below sees one row per point
        Dataset rows = pipeline.clusterer().prepare(data);
        boolean dissimilarities = inputIsDissimilarities();
        ClusteringPipeline.Fitted fitted = pipeline.fitWithSpace(rows, ctx);
        int[] labels = fitted.model().model().labels();
        if (labelsOut != null) {
            OutputFiles.softColumnsNote(fitted.model().model()).ifPresent(ctx::note);
        }
        ctx.checkCancelled();
        ctx.progress().update("evaluating", 0, 1);
        InternalScores scores = dissimilarities ? InternalScores.ofDissimilarities(rows, labels, ctx)
                : InternalScores.of(fitted.space(), labels, fitted.model().model().distance(), seed, false,
                        fitted.model().model().as(Noise.class).isPresent(), ctx);
        ClusterProfile profiled = null;
        if (profile && dissimilarities) {
            ctx.note("profile: not made for a dissimilarity matrix (metric=precomputed): its columns are not features");
        } else if (profile) {
            ctx.checkCancelled();
            // each cluster in the input's units (the "profile" block of --json, the descriptions of the summary)
            profiled = ClusterProfiler.defaults().profile(rows, labels,
                    ClusterProfiler.modelCentres(fitted.model()).orElse(null), null,
                    ctx.withProgress(ProgressListener.NONE));
        }
        return new ClusterResult(this, rows, fitted.space(), fitted.model(), labels, scores,
                Agreement.of(rows, labels).orElse(null), profiled, ctx.threads(), warnings);
    }

    /** Builds a {@link ClusterTask}; unset options take their defaults (k-means, no scaling, seed 0). */
    public static final class Builder extends TaskBuilder<Builder> {
        private String algorithm = "kmeans";
        private Integer k;
        private String reduce;
        private Path labelsOut;
        private Path modelOut;
        private Path linkageOut;
        private boolean profile = true;

        private Builder() {
        }

        /** A clustering name of {@link Registry} (default {@code kmeans}). */
        public Builder algorithm(String name) {
            this.algorithm = Objects.requireNonNull(name);
            return this;
        }

        /** The number of clusters (null: the parameter's own value, if any). */
        public Builder k(Integer k) {
            this.k = k;
            return this;
        }

        /** {@code METHOD[:N]} ({@link ReductionSpec#parse}), or null for none. */
        public Builder reduce(String reduce) {
            this.reduce = reduce;
            return this;
        }

        /** Where to write the labels CSV, or null. */
        public Builder labelsOut(Path p) {
            this.labelsOut = p;
            return this;
        }

        /** Where to write the model file, or null. */
        public Builder modelOut(Path p) {
            this.modelOut = p;
            return this;
        }

        /** Where to write the linkage matrix of a model with a {@link Tree} (CSV, or .npy by the name), or null. */
        public Builder linkageOut(Path p) {
            this.linkageOut = p;
            return this;
        }

        /** Whether to profile the clusters (default true; on wide data it costs about as much as a k-means fit). */
        public Builder profile(boolean profile) {
            this.profile = profile;
            return this;
        }

        public ClusterTask build() {
            return new ClusterTask(this);
        }
    }
}

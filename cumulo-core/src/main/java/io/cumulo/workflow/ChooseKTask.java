package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.model.Registry;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.selection.ChooseK;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Choosing the number of clusters ({@code cumulo choose-k}): read and scale the input, fit the algorithm for every k
 * of a range, and compute the criteria ({@link ChooseK}). {@link Builder#build()} checks every option and the
 * algorithm's parameters (for the first k) before any work.
 */
public final class ChooseKTask {
    private final String input;
    private final ReadOptions read;
    private final Registry.Entry<Clusterer<?>> algorithm;
    private final Map<String, String> base;
    private final ParamValues first;
    private final Scaler scaler;
    private final ChooseK chooser;
    private final long seed;
    private final int kMin;
    private final int kMax;

    private ChooseKTask(Builder b) {
        this.input = Objects.requireNonNull(b.input, "input");
        this.read = b.read;
        this.algorithm = Registry.clustering(b.algorithm);
        if (!algorithm.params().contains("k")) {
            throw new CumuloException("--algorithm " + b.algorithm + " has no k parameter; choose-k works with "
                    + String.join(", ", Registry.all(Registry.Kind.CLUSTERING).stream()
                    .filter(e -> e.params().contains("k")).map(Registry.Entry::name).toList()));
        }
        if (b.params.containsKey("k")) {
            throw new CumuloException("--param k: k is what choose-k varies; give the range with --k-range");
        }
        if (b.criteria != null && b.criteria.contains(ChooseK.Criterion.HEIGHT) && !algorithm.provides(Tree.class)) {
            throw new CumuloException("criterion height: needs a tree over the rows (agglomerative, diana); "
                    + algorithm.name() + " builds none");
        }
        this.seed = b.seed == null ? 0 : b.seed;
        this.base = new LinkedHashMap<>(b.params);
        if (algorithm.params().contains("seed")) {
            base.put("seed", Long.toString(seed));
        }
        this.kMin = b.kMin;
        this.kMax = b.kMax;
        this.first = algorithm.params().parse(withK(kMin)); // bad parameters fail here, before reading
        this.scaler = Scaler.named(b.scale);
        ChooseK.Builder chooser = ChooseK.builder().kRange(kMin, kMax).gapReferences(b.gapReferences)
                .gapReference(b.gapReference).seed(seed).silhouetteDistance(algorithm.create(first).distance());
        if (b.criteria != null) {
            chooser.criteria(b.criteria);
        }
        this.chooser = chooser.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private Map<String, String> withK(int k) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put("k", Integer.toString(k));
        return m;
    }

    public Registry.Entry<Clusterer<?>> algorithm() {
        return algorithm;
    }

    /** The parameters of the first fit (k = the range's smallest). */
    public ParamValues firstParams() {
        return first;
    }

    public Scaler scaler() {
        return scaler;
    }

    public long seed() {
        return seed;
    }

    public int kMin() {
        return kMin;
    }

    public int kMax() {
        return kMax;
    }

    /**
     * What came of it.
     *
     * @param warnings each warning of the fits once, with how many fits gave it (one per fit would drown the table)
     */
    public record Result(ChooseKTask task, Dataset data, ChooseK.Result choice, Map<String, Integer> warnings) {
        /** The {@code cumulo choose-k --json} object. */
        public Map<String, Object> toJson(String input) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("algorithm", task.algorithm.name());
            j.put("input", input);
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.put("scale", task.scaler.name());
            j.putAll(choice.toJson());
            return j;
        }
    }

    /** Reads the input (notes go to the context), scales it and runs the criteria over the range. */
    public Result run(ExecutionContext outer) {
        Dataset data = DatasetReader.read(input, read, outer::note);
        Map<String, Integer> warnings = new LinkedHashMap<>();
        ExecutionContext ctx = outer.withWarnings(w -> warnings.merge(w, 1, Integer::sum));
        Dataset scaled = scaler.fit(data, ctx).transform(data);
        ProgressListener progress = ctx.progress();
        ExecutionContext quiet = ctx.withProgress(ProgressListener.NONE);
        ChooseK.Result result = chooser.run(scaled, k -> {
            progress.update("choose-k: " + algorithm.name() + " k=" + k, k - kMin, kMax - kMin + 1);
            return algorithm.create(algorithm.params().parse(withK(k)));
        }, quiet);
        return new Result(this, data, result, warnings);
    }

    /** Builds a {@link ChooseKTask}; unset options take their defaults (k-means, k from 2 to 15, every criterion). */
    public static final class Builder extends TaskBuilder<Builder> {
        private String algorithm = "kmeans";
        private int kMin = 2;
        private int kMax = 15;
        private Set<ChooseK.Criterion> criteria; // null: every criterion that applies
        private int gapReferences = 10;
        private String gapReference = "pca";

        private Builder() {
        }

        public Builder algorithm(String name) {
            this.algorithm = Objects.requireNonNull(name);
            return this;
        }

        public Builder kRange(int min, int max) {
            this.kMin = min;
            this.kMax = max;
            return this;
        }

        /** The criteria to compute (default, or null: every one that applies to the algorithm). */
        public Builder criteria(Set<ChooseK.Criterion> criteria) {
            if (criteria == null) {
                this.criteria = null;
                return this;
            }
            this.criteria = EnumSet.noneOf(ChooseK.Criterion.class);
            this.criteria.addAll(criteria);
            return this;
        }

        public Builder gapReferences(int b) {
            this.gapReferences = b;
            return this;
        }

        public Builder gapReference(String how) {
            this.gapReference = Objects.requireNonNull(how);
            return this;
        }

        public ChooseKTask build() {
            return new ChooseKTask(this);
        }
    }
}

package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.cluster.BisectingKMeans;
import io.cumulo.cluster.BisectingKMeansModel;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.FuzzyCMeans;
import io.cumulo.cluster.FuzzyCMeansModel;
import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.cluster.KMedoids;
import io.cumulo.cluster.KMedoidsModel;
import io.cumulo.cluster.MiniBatchKMeans;
import io.cumulo.cluster.MiniBatchKMeansModel;
import io.cumulo.cluster.density.DBSCAN;
import io.cumulo.cluster.density.DBSCANModel;
import io.cumulo.cluster.density.OPTICS;
import io.cumulo.cluster.density.OPTICSModel;
import io.cumulo.cluster.density.HDBSCAN;
import io.cumulo.cluster.density.HDBSCANModel;
import io.cumulo.cluster.hierarchical.Agglomerative;
import io.cumulo.cluster.hierarchical.AgglomerativeModel;
import io.cumulo.cluster.hierarchical.Diana;
import io.cumulo.cluster.hierarchical.DianaModel;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.estimator.Estimator;
import io.cumulo.estimator.Model;
import io.cumulo.json.JsonObject;
import io.cumulo.manifold.TSNE;
import io.cumulo.manifold.TSNEModel;
import io.cumulo.manifold.UMAP;
import io.cumulo.manifold.UMAPModel;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.preprocessing.ScalerModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every method Cumulo knows, by kind and name: how to build it from parameter values, what its fitted model can do,
 * and how to read that model back from a model file. The CLI ({@code --algorithm}, {@code --method},
 * {@code --scale}, {@code --param}, {@code cumulo params}), the model files, the docs and the dashboard's forms all
 * read this one list. A new method is one {@code register} line here.
 */
public final class Registry {
    /** What a method is for; names are unique within a kind. */
    public enum Kind {
        CLUSTERING("clustering", "cumulo cluster --algorithm"),
        REDUCTION("reduction", "cumulo reduce --method"),
        SCALING("scaling", "--scale");

        private final String id;
        private final String usedBy;

        Kind(String id, String usedBy) {
            this.id = id;
            this.usedBy = usedBy;
        }

        public String id() {
            return id;
        }

        /** Where a user names a method of this kind. */
        public String usedBy() {
            return usedBy;
        }
    }

    /** Rebuilds a fitted model from a model file's blocks. */
    @FunctionalInterface
    public interface ModelReader {
        /**
         * @param params   the method's parameters, read from the file
         * @param model    the method's {@code model} block
         * @param training the file's {@code training} block (empty when absent)
         * @param features the names of the columns the model takes, in order
         */
        Model read(ParamValues params, JsonObject model, JsonObject training, List<String> features);
    }

    /**
     * How a reduction's generic options become its parameters: {@code --components} (a count) and {@code --variance}
     * (a fraction, PCA only), beside {@code --param} pairs. Errors name the option.
     */
    @FunctionalInterface
    public interface ReductionConfigurer {
        ParamValues configure(Map<String, String> params, Integer components, Double variance);
    }

    /** A configurer that also takes {@code --variance}. */
    @FunctionalInterface
    private interface VarianceFraction extends ReductionConfigurer {
    }

    /**
     * One registered method.
     *
     * @param <E> the estimator it builds
     */
    public static final class Entry<E extends Estimator<?>> {
        private final Kind kind;
        private final String name;
        private final String title;
        private final String description;
        private final ParamSet params;
        private final Function<ParamValues, E> factory;
        private final Class<? extends Model> modelType;
        private final ModelReader reader;
        private final ReductionConfigurer configurer;

        Entry(Kind kind, String name, String title, String description, ParamSet params, Function<ParamValues, E> factory,
              Class<? extends Model> modelType, ModelReader reader, ReductionConfigurer configurer) {
            this.kind = kind;
            this.name = name;
            this.title = title;
            this.description = description;
            this.params = params;
            this.factory = factory;
            this.modelType = modelType;
            this.reader = reader;
            this.configurer = configurer;
        }

        public Kind kind() {
            return kind;
        }

        public String name() {
            return name;
        }

        /** The name as written for people ("k-means", "t-SNE"), in summaries and reports. */
        public String title() {
            return title;
        }

        public String description() {
            return description;
        }

        public ParamSet params() {
            return params;
        }

        /** The configured estimator; cross-parameter rules are checked here. */
        public E create(ParamValues values) {
            return factory.apply(values);
        }

        /** Parses {@code --param} text pairs and builds the estimator. */
        public E create(Map<String, String> text) {
            return create(params.parse(text));
        }

        /** The class of the fitted model. */
        public Class<? extends Model> modelType() {
            return modelType;
        }

        /** Whether the fitted model has {@code capability} (one of the interfaces of {@link io.cumulo.estimator}). */
        public boolean provides(Class<?> capability) {
            return capability.isAssignableFrom(modelType);
        }

        /** Whether a model file can hold this method's fitted model (t-SNE's cannot: it places no new rows). */
        public boolean readable() {
            return reader != null;
        }

        /** Rebuilds a fitted model from a model file's blocks; problems are one-line {@link CumuloException}s. */
        public Model read(ParamValues values, JsonObject model, JsonObject training, List<String> features) {
            if (reader == null) {
                throw new CumuloException(name + " has no model file: it embeds only the rows it was fitted on");
            }
            return reader.read(values, model, training, features);
        }

        /** A reduction's parameters from the generic options ({@link ReductionConfigurer}). */
        public ParamValues configure(Map<String, String> text, Integer components, Double variance) {
            if (configurer == null) {
                throw new IllegalStateException(name + " is not a reduction");
            }
            return configurer.configure(text, components, variance);
        }

        /** Whether {@code --variance} (a variance fraction) can choose the number of components. */
        public boolean acceptsVarianceFraction() {
            return configurer instanceof VarianceFraction;
        }

        @Override
        public String toString() {
            return kind.id() + " " + name;
        }
    }

    private static final Map<Kind, Map<String, Entry<?>>> ENTRIES = new LinkedHashMap<>();

    static {
        for (Kind k : Kind.values()) {
            ENTRIES.put(k, new LinkedHashMap<>());
        }
        clustering(KMeans.NAME, "k-means", "k-means: exact Lloyd, Elkan, Hamerly or Yinyang iterations; k-means++ or k-means|| "
                + "seeding; restarts; random swap", KMeans.PARAMS, KMeans::of, KMeansModel.class, KMeansModel::fromJson);
        clustering(KMedoids.NAME, "k-medoids", "k-medoids (FasterPAM, PAM, CLARA, FasterCLARA; medoids are rows; any distance)",
                KMedoids.PARAMS, KMedoids::of, KMedoidsModel.class, KMedoidsModel::fromJson);
        clustering(MiniBatchKMeans.NAME, MiniBatchKMeans.NAME, "mini-batch k-means (Sculley 2010; small-cluster reassignment, early "
                + "stopping, streaming with partialFit)", MiniBatchKMeans.PARAMS, MiniBatchKMeans::of,
                MiniBatchKMeansModel.class, MiniBatchKMeansModel::fromJson);
        clustering(BisectingKMeans.NAME, BisectingKMeans.NAME, "bisecting k-means (repeated 2-means splits; the split tree is kept)",
                BisectingKMeans.PARAMS, BisectingKMeans::of, BisectingKMeansModel.class, BisectingKMeansModel::fromJson);
        clustering(FuzzyCMeans.NAME, FuzzyCMeans.NAME, "fuzzy c-means (Bezdek; memberships, partition coefficient and entropy)",
                FuzzyCMeans.PARAMS, FuzzyCMeans::of, FuzzyCMeansModel.class, FuzzyCMeansModel::fromJson);

        clustering(Agglomerative.NAME, "agglomerative", "agglomerative hierarchical clustering (single, complete, "
                + "average, weighted, Ward, centroid, median linkage; the whole tree, cut at k or a height; no "
                + "dissimilarity matrix for single, Ward, centroid and median)", Agglomerative.PARAMS, Agglomerative::of,
                AgglomerativeModel.class, AgglomerativeModel::fromJson);
        clustering(Diana.NAME, "DIANA", "divisive analysis, DIANA (Kaufman & Rousseeuw 1990): the widest cluster split "
                + "by a splinter group until every row is alone; the whole tree and the divisive coefficient",
                Diana.PARAMS, Diana::of, DianaModel.class, DianaModel::fromJson);
        clustering(HDBSCAN.NAME, "HDBSCAN", "HDBSCAN* (Campello et al. 2013): clusters of any shape and density as the "
                + "most stable regions of a density hierarchy, noise as -1; membership strengths, GLOSH outlier scores, "
                + "soft memberships and predict for new rows", HDBSCAN.PARAMS, HDBSCAN::of, HDBSCANModel.class,
                HDBSCANModel::fromJson);

        clustering(DBSCAN.NAME, "DBSCAN", "DBSCAN (Ester et al. 1996): clusters of dense rows joined within eps, any "
                + "shape, the rest noise; scikit-learn's labels exactly, neighbourhoods never stored; predict by the "
                + "nearest core row", DBSCAN.PARAMS, DBSCAN::of, DBSCANModel.class, DBSCANModel::fromJson);
        clustering(OPTICS.NAME, "OPTICS", "OPTICS (Ankerst et al. 1999): the reachability ordering, clusters by xi-steep "
                + "areas or a DBSCAN cut (scikit-learn's OPTICS); predict by the extracted clusters' core rows",
                OPTICS.PARAMS, OPTICS::of, OPTICSModel.class, OPTICSModel::fromJson);

        register(new Entry<>(Kind.REDUCTION, PCA.NAME, "PCA", "principal component analysis: exact (covariance or Gram "
                + "eigen-decomposition) or randomized", PCA.PARAMS, PCA::of, PCAModel.class,
                (p, m, t, features) -> PCAModel.fromJson(p, m, features), (VarianceFraction) Registry::configurePca));
        register(new Entry<>(Kind.REDUCTION, UMAP.NAME, "UMAP", "UMAP (McInnes et al. 2018): a 2-D (or k-D) map keeping each "
                + "row's neighbours near; maps new rows", UMAP.PARAMS, UMAP::of, UMAPModel.class,
                Registry::readUmap, (p, c, v) -> configureMap(UMAP.NAME, UMAP.PARAMS, UMAP.N_COMPONENTS, p, c, v,
                UMAP::of)));
        register(new Entry<>(Kind.REDUCTION, TSNE.NAME, "t-SNE", "t-SNE (van der Maaten & Hinton 2008; Barnes-Hut, FIt-SNE or "
                + "exact): a 2-D map of the rows for looking at clusters; embeds the fitted rows only", TSNE.PARAMS,
                TSNE::of, TSNEModel.class, null, (p, c, v) -> configureMap(TSNE.NAME, TSNE.PARAMS, TSNE.N_COMPONENTS, p,
                c, v, TSNE::of)));

        for (String name : Scaler.NAMES) {
            Scaler scaler = Scaler.named(name);
            register(new Entry<>(Kind.SCALING, name, name, scaler.description(), scaler.params().paramSet(),
                    v -> Scaler.named(name), ScalerModel.class,
                    (p, m, t, features) -> ScalerModel.fromJson(m, features.size()), null));
        }
    }

    private Registry() {
    }

    private static <E extends Clusterer<?>> void clustering(String name, String title, String description,
                                                            ParamSet params,
                                                            Function<ParamValues, E> factory,
                                                            Class<? extends Model> modelType, ClusteringReader reader) {
        register(new Entry<>(Kind.CLUSTERING, name, title, description, params, factory, modelType,
                (p, m, t, features) -> reader.read(p, m, t, features.size()), null));
    }

    /** The clustering models' readers take the number of features. */
    @FunctionalInterface
    private interface ClusteringReader {
        Model read(ParamValues params, JsonObject model, JsonObject training, int features);
    }

    private static void register(Entry<?> e) {
        if (ENTRIES.get(e.kind()).put(e.name(), e) != null) {
            throw new IllegalStateException("two " + e.kind().id() + " methods are called " + e.name());
        }
    }

    /** Every method, by kind in declaration order. */
    public static List<Entry<?>> all() {
        List<Entry<?>> out = new ArrayList<>();
        ENTRIES.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** The methods of one kind, in declaration order. */
    public static List<Entry<?>> all(Kind kind) {
        return List.copyOf(ENTRIES.get(kind).values());
    }

    /** Their names. */
    public static List<String> names(Kind kind) {
        return List.copyOf(ENTRIES.get(kind).keySet());
    }

    /** The method of that kind and name, if there is one. */
    public static Optional<Entry<?>> find(Kind kind, String name) {
        return Optional.ofNullable(name == null ? null : ENTRIES.get(kind).get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Every method of any kind called {@code name} ({@code cumulo params NAME}). */
    public static List<Entry<?>> named(String name) {
        List<Entry<?>> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            find(k, name).ifPresent(out::add);
        }
        return out;
    }

    /** The clustering algorithm called {@code name}; an unknown name lists the known ones. */
    @SuppressWarnings("unchecked")
    public static Entry<Clusterer<?>> clustering(String name) {
        return (Entry<Clusterer<?>>) find(Kind.CLUSTERING, name).orElseThrow(() -> new CumuloException(
                "unknown algorithm '" + name + "'; available: " + String.join(", ", names(Kind.CLUSTERING))));
    }

    /** The reduction method called {@code name}; an unknown name is an error naming {@code --method}. */
    public static Entry<?> reduction(String name) {
        return find(Kind.REDUCTION, name).orElseThrow(() -> new CumuloException("--method: expected one of "
                + String.join(", ", names(Kind.REDUCTION)) + ", got '" + name + "'"));
    }

    /** The scaler called {@code name}; an unknown name is an error naming {@code --scale}. */
    public static Scaler scaler(String name) {
        return Scaler.named(name);
    }

    // ---- how the reductions read their generic options ----

    /** Sets the text parameters, each checked against its {@link Param}. */
    private static ParamValues.Builder fromText(ParamSet set, Map<String, String> params) {
        ParamValues.Builder b = set.builder();
        if (params != null) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                b.setText(e.getKey(), e.getValue());
            }
        }
        return b;
    }

    /** PCA: {@code --components} or {@code --variance} set {@code n-components}. */
    private static ParamValues configurePca(Map<String, String> params, Integer components, Double variance) {
        if (components != null && variance != null) {
            throw new CumuloException("--components and --variance: give one or the other, not both");
        }
        boolean inParams = params != null && params.containsKey(PCA.N_COMPONENTS.name());
        if (inParams && (components != null || variance != null)) {
            throw new CumuloException("--param n-components and --" + (components != null ? "components" : "variance")
                    + ": give one or the other, not both");
        }
        ParamValues.Builder b = fromText(PCA.PARAMS, params);
        if (components != null) {
            if (components < 1) {
                throw new CumuloException("--components: expected a count >= 1, got " + components);
            }
            b.set(PCA.N_COMPONENTS, (double) components);
        }
        if (variance != null) {
            if (!(variance > 0 && variance <= 1)) {
                throw new CumuloException("--variance: expected a fraction in (0, 1], got " + variance);
            }
            b.set(PCA.N_COMPONENTS, PCA.withVariance(variance).params().get(PCA.N_COMPONENTS));
        }
        ParamValues v = b.build();
        PCA.of(v); // the cross-parameter checks
        return v;
    }

    /** A map (UMAP, t-SNE): {@code --components} sets {@code n-components}; {@code --variance} is PCA's alone. */
    private static ParamValues configureMap(String method, ParamSet set, Param<Integer> nComponents,
                                            Map<String, String> params, Integer components, Double variance,
                                            Function<ParamValues, ?> check) {
        if (variance != null) {
            throw new CumuloException("--variance: a variance fraction applies to pca only; give " + method
                    + " --components");
        }
        if (params != null && params.containsKey(nComponents.name()) && components != null) {
            throw new CumuloException("--param n-components and --components: give one or the other, not both");
        }
        ParamValues.Builder b = fromText(set, params);
        if (components != null) {
            if (components < 1) {
                throw new CumuloException("--components: expected a count >= 1, got " + components);
            }
            b.set(nComponents, components);
        }
        ParamValues v = b.build();
        check.apply(v); // the cross-parameter checks
        return v;
    }

    private static Model readUmap(ParamValues params, JsonObject model, JsonObject training, List<String> features) {
        UMAPModel m = UMAPModel.fromJson(model);
        if (!m.featureNames().equals(features)) {
            throw new CumuloException("the UMAP block's features " + m.featureNames() + " differ from the model file's "
                    + features);
        }
        return m;
    }
}

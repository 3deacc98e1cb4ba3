package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.Version;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.ScalerModel;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fitted scaling + clustering over named features: what a model file holds and what {@code predict}
 * applies to new data. Model files are versioned JSON; see docs/model-format.md.
 */
public final class ClusteringPipelineModel {
    /**
     * The newest model-file format this version reads. Files are written as version 1 unless they hold a reduction
     * (version 2), so that an older Cumulo refuses a file it would misapply instead of ignoring the reduction.
     */
    public static final int FORMAT_VERSION = 2;
    static final String FORMAT = "cumulo-model";

    private final List<String> features;
    private final double[] featureMeans;
    private final ScalerModel scaler;
    /** Between scaling and clustering (a {@link Transform}), or null. */
    private final Model reduction;
    private final ClusteringModel model;
    private final Map<String, Object> training;
    private final String created;
    private final String libraryVersion;

    ClusteringPipelineModel(List<String> features, double[] featureMeans, ScalerModel scaler, Model reduction,
                            ClusteringModel model, Map<String, Object> training) {
        this(features, featureMeans, scaler, reduction, model, training,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Version.get());
    }

    private ClusteringPipelineModel(List<String> features, double[] featureMeans, ScalerModel scaler,
                                    Model reduction, ClusteringModel model, Map<String, Object> training,
                                    String created, String libraryVersion) {
        this.features = List.copyOf(features);
        if (reduction != null && !(reduction instanceof Transform)) {
            throw new IllegalArgumentException(reduction.name() + " cannot place new rows");
        }
        this.featureMeans = featureMeans.clone();
        this.scaler = scaler;
        this.reduction = reduction;
        this.model = model;
        this.training = Map.copyOf(training.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        this.trainingOrder = List.copyOf(training.keySet());
        this.created = created;
        this.libraryVersion = libraryVersion;
    }

    private final List<String> trainingOrder;

    public List<String> features() {
        return features;
    }

    /** Means of the raw training features (used to fill missing values with {@code --missing mean}). */
    public double[] featureMeans() {
        return featureMeans.clone();
    }

    public ScalerModel scaler() {
        return scaler;
    }

    public ClusteringModel model() {
        return model;
    }

    /** The reduction between scaling and clustering (a {@link Transform}), if there is one. */
    public Optional<Model> reduction() {
        return Optional.ofNullable(reduction);
    }

    public String algorithm() {
        return model.name();
    }

    public ParamValues params() {
        return model.params();
    }

    /** Training summary (source, sizes, objective, fit time...), in insertion order. */
    public Map<String, Object> training() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : trainingOrder) {
            if (training.containsKey(k)) {
                m.put(k, training.get(k));
            }
        }
        return m;
    }

    /** Seconds spent fitting the clustering (scaling excluded), or NaN for a model read from a file. */
    public double fitSeconds() {
        Object v = training.get("fit_seconds");
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    /**
     * Checks that {@code data} has exactly the model's features, in order, by name (the caller selects them
     * from wider inputs); names do not count for inputs without names of their own (.npy).
     */
    public void requireFeatures(Dataset data, String modelSource) {
        if (data.cols() != features.size()) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " features but " + modelSource
                    + " expects " + features.size() + " (" + String.join(", ", features) + ")");
        }
        for (int j = 0; j < features.size(); j++) {
            if (!data.columnName(j).equals(features.get(j))) {
                throw new CumuloException(data.source() + ": feature " + (j + 1) + " is '" + data.columnName(j) + "' but "
                        + modelSource + " expects '" + features.get(j) + "'");
            }
        }
    }

    /** The data in the model's space: scaled, then reduced if the model has a reduction. */
    public Dataset transform(Dataset data) {
        return transform(data, ExecutionContext.defaults());
    }

    public Dataset transform(Dataset data, ExecutionContext ctx) {
        Dataset scaled = scaler.transform(data);
        return reduction == null ? scaled : ((Transform) reduction).transform(scaled, ctx);
    }

    /** Clusters of new rows given with the model's features (unscaled). */
    public int[] predict(Dataset data) {
        requireFeatures(data, "the model");
        return model.predict(transform(data));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", reduction == null ? 1 : 2);
        m.put("library_version", libraryVersion);
        m.put("created", created);
        m.put("algorithm", model.name());
        m.put("params", model.params().toJson());
        m.put("features", features);
        m.put("feature_means", featureMeans);
        m.put("scaler", scaler.toJson());
        if (reduction != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("method", reduction.name());
            r.put("params", reduction.params().toJson());
            r.put("model", reduction.toJson());
            m.put("reduction", r);
        }
        m.put("model", model.toJson());
        m.put("training", training());
        return m;
    }

    public String toJsonString() {
        return Json.writePretty(toJson());
    }

    /** Reads a model file; every problem is a one-line {@link CumuloException} naming the file. */
    public static ClusteringPipelineModel read(Path path) {
        return fromJson(ModelFiles.readText(path), path.toString());
    }

    public static ClusteringPipelineModel fromJson(String text, String source) {
        JsonObject j = ModelFiles.parse(text, source);
        int version = j.getInt("format_version");
        if (version > FORMAT_VERSION) {
            throw new CumuloException(source + ": model format version " + version + " (written by Cumulo "
                    + j.getString("library_version", "?") + ") is newer than this Cumulo " + Version.get()
                    + " reads (up to " + FORMAT_VERSION + "); upgrade Cumulo");
        }
        if (version < 1) {
            throw new CumuloException(source + ": invalid model format version " + version);
        }
        if (j.has("kind")) {
            throw new CumuloException(source + ": a " + j.getString("kind", "?") + " model (from 'cumulo reduce'), not "
                    + "a clustering model");
        }
        try {
            Registry.Entry<?> algo = Registry.clustering(j.getString("algorithm"));
            ParamValues params = algo.params().fromJson(j.getObject("params"));
            List<String> features = j.getStringList("features");
            if (features.isEmpty()) {
                throw new CumuloException("model has no features");
            }
            double[] means = j.getDoubleArray("feature_means");
            if (means.length != features.size()) {
                throw new CumuloException("'feature_means' has " + means.length + " values for " + features.size()
                        + " features");
            }
            ScalerModel scaler = ScalerModel.fromJson(j.getObject("scaler"), features.size());
            Model reduction = null;
            List<String> space = features;
            JsonObject none = JsonObject.of(Map.of(), source);
            if (j.has("reduction")) {
                JsonObject r = j.getObject("reduction");
                Registry.Entry<?> method = Registry.reduction(r.getString("method"));
                reduction = method.read(method.params().fromJson(r.getObject("params")), r.getObject("model"), none,
                        features);
                if (!(reduction instanceof Transform t)) {
                    throw new CumuloException("reduction " + method.name() + " cannot place new rows");
                }
                space = Transform.componentNames(t.numComponents());
            }
            JsonObject training = j.has("training") ? j.getObject("training") : none;
            ClusteringModel model = (ClusteringModel) algo.read(params, j.getObject("model"), training, space);
            return new ClusteringPipelineModel(features, means, scaler, reduction, model, training.asMap(),
                    j.getString("created", ""), j.getString("library_version", "?"));
        } catch (CumuloException e) {
            String msg = e.getMessage();
            throw new CumuloException(msg.startsWith(source) ? msg : source + ": " + msg);
        }
    }
}

package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.Version;
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

/**
 * A fitted scaling + dimensionality reduction: what {@code cumulo reduce --model} writes. The file has the envelope
 * of a clustering model file ({@code format}, {@code format_version}, docs/model-format.md) with {@code "kind":
 * "reduction"} and the method's name under {@code method}; {@link #transform} applies the chain to new rows.
 */
public final class ReductionPipelineModel {
    public static final String KIND = "reduction";

    private final List<String> features;
    private final ScalerModel scaler;
    private final Model model;
    private final Map<String, Object> training;
    private final String created;
    private final String libraryVersion;

    public ReductionPipelineModel(List<String> features, ScalerModel scaler, Model model, Map<String, Object> training) {
        this(features, scaler, model, training, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Version.get());
    }

    private ReductionPipelineModel(List<String> features, ScalerModel scaler, Model model, Map<String, Object> training,
                                   String created, String libraryVersion) {
        if (!(model instanceof Transform)) {
            throw new CumuloException("--model: " + model.name() + " has no model to save (it cannot place new rows); "
                    + "use --out for the embedding, or --method " + String.join(" or ",
                    Registry.all(Registry.Kind.REDUCTION).stream().filter(e -> e.provides(Transform.class))
                            .map(Registry.Entry::name).toList()) + " for a model");
        }
        this.features = List.copyOf(features);
        this.scaler = scaler;
        this.model = model;
        this.training = new LinkedHashMap<>(training);
        this.created = created;
        this.libraryVersion = libraryVersion;
    }

    public List<String> features() {
        return features;
    }

    public ScalerModel scaler() {
        return scaler;
    }

    /** The fitted reduction: a {@link Transform}. */
    public Model model() {
        return model;
    }

    /** Scales {@code data} (its columns the training features, in order) and reduces it. */
    public Dataset transform(Dataset data, ExecutionContext ctx) {
        if (data.cols() != features.size()) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " features but the model was fitted on "
                    + features.size());
        }
        return ((Transform) model).transform(scaler.transform(data), ctx);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ClusteringPipelineModel.FORMAT);
        m.put("format_version", ClusteringPipelineModel.FORMAT_VERSION);
        m.put("kind", KIND);
        m.put("library_version", libraryVersion);
        m.put("created", created);
        m.put("method", model.name());
        m.put("params", model.params().toJson());
        m.put("features", features);
        m.put("scaler", scaler.toJson());
        m.put("model", model.toJson());
        m.put("training", training);
        return m;
    }

    public String toJsonString() {
        return Json.writePretty(toJson());
    }

    /** Reads a reduction model file; every problem is a one-line {@link CumuloException} naming the file. */
    public static ReductionPipelineModel read(Path path) {
        return fromJson(ModelFiles.readText(path), path.toString());
    }

    public static ReductionPipelineModel fromJson(String text, String source) {
        JsonObject j = ModelFiles.parse(text, source);
        int version = j.getInt("format_version");
        if (version > ClusteringPipelineModel.FORMAT_VERSION || version < 1) {
            throw new CumuloException(source + ": model format version " + version + " is not one this Cumulo "
                    + Version.get() + " reads (1 to " + ClusteringPipelineModel.FORMAT_VERSION + ")");
        }
        if (!KIND.equals(j.getString("kind", ""))) {
            throw new CumuloException(source + ": not a reduction model (no \"kind\": \"reduction\"); clustering models "
                    + "are read by 'cumulo predict'");
        }
        try {
            Registry.Entry<?> method = Registry.reduction(j.getString("method"));
            ParamValues params = method.params().fromJson(j.getObject("params"));
            List<String> features = j.getStringList("features");
            if (features.isEmpty()) {
                throw new CumuloException("model has no features");
            }
            ScalerModel scaler = ScalerModel.fromJson(j.getObject("scaler"), features.size());
            JsonObject training = j.has("training") ? j.getObject("training") : JsonObject.of(Map.of(), source);
            Model model = method.read(params, j.getObject("model"), training, features);
            return new ReductionPipelineModel(features, scaler, model, training.asMap(), j.getString("created", ""),
                    j.getString("library_version", "?"));
        } catch (CumuloException e) {
            String msg = e.getMessage();
            throw new CumuloException(msg.startsWith(source) ? msg : source + ": " + msg);
        }
    }
}

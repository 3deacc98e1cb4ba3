package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dimensionality-reduction methods Cumulo knows by name, as {@link Algorithms} lists the clusterers: how to
 * configure each from the generic options ({@code --components}, {@code --variance}, {@code --param}), fit it, and
 * read its model back. {@code cumulo reduce --method NAME} goes through here; a new method (t-SNE, UMAP) is one
 * more {@link Method} in {@link #METHODS}.
 */
public final class Reducers {
    /** One registered method. */
    public interface Method {
        String name();

        String description();

        ParamSet params();

        /** Whether a variance fraction ({@code --variance}) can choose the number of components. */
        default boolean acceptsVarianceFraction() {
            return false;
        }

        /**
         * Parameter values from {@code --param name=value} pairs (may be null) and the generic options (null when not
         * given; {@code variance} in (0, 1]). Errors name the option or parameter.
         */
        ParamValues configure(Map<String, String> params, Integer components, Double variance);

        ReductionModel fit(ParamValues params, Dataset data, ExecutionContext ctx);

        /** Whether a fit can be saved as a model file and applied to new rows (t-SNE's cannot). */
        default boolean hasModel() {
            return true;
        }

        /** Rebuilds a fitted model from the {@code model} block of a model file. */
        ReductionModel read(ParamValues params, JsonObject model, List<String> features);
    }

    /** A method's name, description and parameters, given once by its constructor. */
    abstract static class Described implements Method {
        private final String name;
        private final String description;
        private final ParamSet params;

        Described(String name, String description, ParamSet params) {
            this.name = name;
            this.description = description;
            this.params = params;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final String description() {
            return description;
        }

        @Override
        public final ParamSet params() {
            return params;
        }
    }

    private static final Map<String, Method> METHODS = new LinkedHashMap<>();

    static {
        register(new PcaMethod());
        register(new UmapMethod());
        register(new TsneMethod());
    }

    private Reducers() {
    }

    private static void register(Method m) {
        METHODS.put(m.name(), m);
    }

    public static List<String> names() {
        return List.copyOf(METHODS.keySet());
    }

    public static Method get(String name) {
        Method m = name == null ? null : METHODS.get(name.trim().toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new CumuloException("--method: expected one of " + String.join(", ", METHODS.keySet()) + ", got '"
                    + name + "'");
        }
        return m;
    }

    /** Sets the text parameters, each checked against its {@link io.cumulo.param.Param}. */
    static ParamValues.Builder fromText(ParamSet set, Map<String, String> params) {
        ParamValues.Builder b = set.builder();
        if (params != null) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                b.setText(e.getKey(), e.getValue());
            }
        }
        return b;
    }

    /**
     * Parameter values of a map (UMAP, t-SNE): {@code --components} sets {@code nComponents}; {@code --variance} is
     * PCA's alone. Errors name the option.
     */
    static ParamValues.Builder mapParams(String method, ParamSet set, io.cumulo.param.Param<Integer> nComponents,
                                         Map<String, String> params, Integer components, Double variance) {
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
        return b;
    }

    /** Exact PCA ({@link PCA}). */
    private static final class PcaMethod extends Described {
        PcaMethod() {
            super(PCA.NAME, "principal component analysis: exact (covariance or Gram eigen-decomposition) or randomized",
                    PCA.PARAMS);
        }

        @Override
        public boolean acceptsVarianceFraction() {
            return true;
        }

        @Override
        public ParamValues configure(Map<String, String> params, Integer components, Double variance) {
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

        @Override
        public ReductionModel fit(ParamValues params, Dataset data, ExecutionContext ctx) {
            PCAModel m = PCA.of(params).fit(data, ctx);
            return new Pca(m, m.transform(data, ctx));
        }

        @Override
        public ReductionModel read(ParamValues params, JsonObject model, List<String> features) {
            return new Pca(PCAModel.fromJson(params, model, features), null);
        }
    }

    /** A fitted PCA seen as a {@link ReductionModel}. */
    private static final class Pca extends FittedReduction {
        private final PCAModel model;

        Pca(PCAModel model, Dataset reduced) {
            super(PCA.NAME, model.params(), model.numComponents(), reduced);
            this.model = model;
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            int c = model.numComponents();
            int d = model.numFeatures();
            m.put("n_components", c);
            m.put("explained_variance", model.explainedVariance());
            m.put("explained_variance_ratio", model.explainedVarianceRatio());
            m.put("cumulative_variance_ratio", model.cumulativeVarianceRatio());
            m.put("noise_variance", model.noiseVariance());
            m.put("total_variance", model.totalVariance());
            m.put("whiten", model.whitened());
            m.put("features", model.featureNames());
            double[] comp = model.components();
            double[][] rows = new double[c][];
            for (int j = 0; j < c; j++) {
                rows[j] = java.util.Arrays.copyOfRange(comp, j * d, (j + 1) * d);
            }
            m.put("components", rows);
            m.put("mean", model.mean());
            return m;
        }

        @Override
        public Map<String, Object> toJson() {
            return model.toJson();
        }

        @Override
        public boolean canTransform() {
            return true;
        }

        @Override
        public Dataset transform(Dataset data, ExecutionContext ctx) {
            return model.transform(data, ctx);
        }
    }
}

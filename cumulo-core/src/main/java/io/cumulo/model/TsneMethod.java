package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.manifold.TSNE;
import io.cumulo.manifold.TSNEModel;
import io.cumulo.param.ParamValues;

import java.util.List;
import java.util.Map;

/**
 * t-SNE ({@link TSNE}) as a {@link Reducers.Method}: {@code cumulo reduce --method tsne}. It embeds the rows it is
 * fitted on and no others, so it has no model file.
 */
final class TsneMethod extends Reducers.Described {
    TsneMethod() {
        super(TSNE.NAME, "t-SNE (van der Maaten & Hinton 2008; Barnes-Hut, FIt-SNE or exact): a 2-D map of the rows "
                + "for looking at clusters; embeds the fitted rows only", TSNE.PARAMS);
    }

    @Override
    public ParamValues configure(Map<String, String> params, Integer components, Double variance) {
        ParamValues.Builder b = Reducers.mapParams(name(), TSNE.PARAMS, TSNE.N_COMPONENTS, params, components, variance);
        ParamValues v = b.build();
        TSNE.of(v); // the cross-parameter checks (Barnes-Hut needs 2 components)
        return v;
    }

    @Override
    public ReductionModel fit(ParamValues params, Dataset data, ExecutionContext ctx) {
        TSNEModel m = TSNE.of(params).fit(data, ctx);
        Dataset e = m.embedding();
        return new Fitted(m, data.withValues(e.rawValues(), e.cols(), e.columnNames()));
    }

    @Override
    public boolean hasModel() {
        return false;
    }

    @Override
    public ReductionModel read(ParamValues params, JsonObject model, List<String> features) {
        throw new CumuloException("t-SNE has no model file: it embeds only the rows it was fitted on");
    }

    /** A fitted t-SNE seen as a {@link ReductionModel}. */
    static final class Fitted extends FittedReduction {
        private final TSNEModel model;

        Fitted(TSNEModel model, Dataset reduced) {
            super(TSNE.NAME, model.params(), model.components(), reduced);
            this.model = model;
        }

        @Override
        public Map<String, Object> summary() {
            // "method" names the reduction in the CLI's output; t-SNE's own (exact or barnes-hut) goes under "gradient"
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            model.summary().forEach((key, v) -> m.put(key.equals("method") ? "gradient" : key, v));
            return m;
        }

        @Override
        public Map<String, Object> toJson() {
            throw new CumuloException("--model: t-SNE has no model to save (it cannot place new rows); use --out for "
                    + "the embedding, or --method umap or pca for a model");
        }
    }
}

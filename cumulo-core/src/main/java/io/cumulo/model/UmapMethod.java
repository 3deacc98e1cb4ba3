package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.manifold.UMAP;
import io.cumulo.manifold.UMAPModel;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UMAP ({@link UMAP}) as a {@link Reducers.Method}: {@code cumulo reduce --method umap}. */
final class UmapMethod extends Reducers.Described {
    UmapMethod() {
        super(UMAP.NAME, "UMAP (McInnes et al. 2018): a 2-D (or k-D) map keeping each row's neighbours near; maps new "
                + "rows", UMAP.PARAMS);
    }

    @Override
    public ParamValues configure(Map<String, String> params, Integer components, Double variance) {
        ParamValues.Builder b = Reducers.mapParams(name(), UMAP.PARAMS, UMAP.N_COMPONENTS, params, components, variance);
        ParamValues v = b.build();
        UMAP.of(v); // the cross-parameter checks
        return v;
    }

    @Override
    public ReductionModel fit(ParamValues params, Dataset data, ExecutionContext ctx) {
        UMAPModel m = UMAP.of(params).fit(data, ctx);
        return new Fitted(m, m.embeddingDataset(data));
    }

    @Override
    public ReductionModel read(ParamValues params, JsonObject model, List<String> features) {
        UMAPModel m = UMAPModel.fromJson(model);
        if (!m.featureNames().equals(features)) {
            throw new CumuloException("the UMAP block's features " + m.featureNames() + " differ from the model file's "
                    + features);
        }
        return new Fitted(m, null);
    }

    /** A fitted UMAP seen as a {@link ReductionModel}. */
    static final class Fitted extends FittedReduction {
        private final UMAPModel model;

        Fitted(UMAPModel model, Dataset reduced) {
            super(UMAP.NAME, model.params(), model.numComponents(), reduced);
            this.model = model;
        }

        @Override
        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n_components", model.numComponents());
            m.put("a", model.a());
            m.put("b", model.b());
            m.put("n_epochs", model.epochs());
            m.put("neighbor_search", model.neighborSearch());
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
            double[] e = model.transform(data, ctx);
            List<String> names = new ArrayList<>();
            for (int c = 1; c <= model.numComponents(); c++) {
                names.add("c" + c);
            }
            return data.withValues(e, model.numComponents(), names);
        }
    }
}

package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Embedding;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.ColumnStats;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.preprocessing.ScalerModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scaling, optionally a reduction (a method whose model places new rows: PCA, UMAP), then clustering: what
 * {@code cumulo cluster} fits and what a model file holds once fitted.
 */
public final class ClusteringPipeline {
    private final Scaler scaler;
    private final Clusterer<?> clusterer;
    private final Registry.Entry<?> reduction;
    private final ParamValues reductionParams;

    public ClusteringPipeline(Scaler scaler, Clusterer<?> clusterer) {
        this(scaler, null, null, clusterer);
    }

    /** With a reduction between scaling and clustering ({@code reduction} null: none). */
    public ClusteringPipeline(Scaler scaler, Registry.Entry<?> reduction, ParamValues reductionParams,
                              Clusterer<?> clusterer) {
        if (reduction != null && !reduction.provides(Transform.class)) {
            throw new CumuloException("--reduce: " + reduction.name() + " cannot place new rows, so a model could not "
                    + "apply it; reduce with " + String.join(" or ", Registry.all(Registry.Kind.REDUCTION).stream()
                    .filter(e -> e.provides(Transform.class)).map(Registry.Entry::name).toList()));
        }
        if (!clusterer.takesFeatures() && (reduction != null || !scaler.name().equals("none"))) {
            throw new CumuloException((reduction != null ? "--reduce" : "--scale") + ": " + clusterer.name()
                    + " is given dissimilarities, not features, which " + (reduction != null ? "a reduction" : "scaling")
                    + " would change; leave it out");
        }
        if (reduction != null && clusterer.holdsInputUnits()) {
            throw new CumuloException("--reduce: initial centres are given in the input's units, which a reduction "
                    + "does not keep; leave out one or the other");
        }
        this.scaler = scaler;
        this.clusterer = clusterer;
        this.reduction = reduction;
        this.reductionParams = reductionParams;
    }

    public Scaler scaler() {
        return scaler;
    }

    public Clusterer<?> clusterer() {
        return clusterer;
    }

    /** A fitted pipeline and the training rows in the space its clustering was fitted in. */
    public record Fitted(ClusteringPipelineModel model, Dataset space) {
    }

    /**
     * Fits the scaler, the reduction if any, then the clusterer on the result. {@link ClusteringPipelineModel#fitSeconds()}
     * times the clustering alone.
     */
    public ClusteringPipelineModel fit(Dataset data, ExecutionContext ctx) {
        return fitWithSpace(data, ctx).model();
    }

    /**
     * As {@link #fit}, also returning the rows the clusterer saw (scaled, then reduced: for UMAP its own layout of the
     * rows, which its transform of the same rows does not reproduce exactly).
     */
    public Fitted fitWithSpace(Dataset input, ExecutionContext ctx) {
        Dataset data = clusterer.prepare(input);
        ctx.progress().update("scaling", 0, 1);
        ScalerModel sm = scaler.fit(data, ctx);
        Dataset space = sm.transform(data);
        Model reduced = null;
        double reduceSeconds = 0;
        if (reduction != null) {
            ctx.progress().update("reducing: " + reduction.name(), 0, 1);
            long r0 = System.nanoTime();
            reduced = reduction.create(reductionParams).fit(space, ctx);
            space = trainingRows(reduced, space, ctx);
            reduceSeconds = (System.nanoTime() - r0) / 1e9;
        }
        ctx.checkCancelled();
        Clusterer<?> c = reduction == null ? clusterer.inScaledSpace(sm) : clusterer;
        long t0 = System.nanoTime();
        ClusteringModel model = c.fit(space, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("source", data.source());
        training.put("n_samples", data.rows());
        training.put("n_features", data.cols());
        training.put("weighted", data.hasWeights());
        training.put("fit_seconds", seconds);
        training.put("threads", ctx.threads());
        if (reduced != null) {
            training.put("reduce_seconds", reduceSeconds);
        }
        training.putAll(model.summary());
        return new Fitted(new ClusteringPipelineModel(data.columnNames(), ColumnStats.means(data.rawValues(), data.rows(),
                data.cols()), sm, reduced, model, training), space);
    }

    /**
     * The training rows in a fitted reduction's space, labels and weights kept: the model's own layout of them where
     * it has one ({@link Embedding}: UMAP, t-SNE), else its {@link Transform} of them (PCA).
     */
    public static Dataset trainingRows(Model reduction, Dataset fittedOn, ExecutionContext ctx) {
        if (reduction instanceof Embedding e) {
            return fittedOn.withValues(e.embeddingValues(), e.numComponents(),
                    Transform.componentNames(e.numComponents()));
        }
        if (reduction instanceof Transform t) {
            return t.transform(fittedOn, ctx);
        }
        throw new IllegalArgumentException(reduction.name() + " is not a reduction");
    }
}

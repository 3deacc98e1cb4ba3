package io.cumulo.model;

import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.preprocessing.ScalerModel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scaling, optionally a reduction (PCA or UMAP: methods that place new rows), then clustering: what
 * {@code cumulo cluster} fits and what a model file holds once fitted.
 */
public final class ClusteringPipeline {
    private final Scaler scaler;
    private final Clusterer<?> clusterer;
    private final Reducers.Method reduction;
    private final io.cumulo.param.ParamValues reductionParams;

    public ClusteringPipeline(Scaler scaler, Clusterer<?> clusterer) {
        this(scaler, null, null, clusterer);
    }

    /** With a reduction between scaling and clustering ({@code method} null: none). */
    public ClusteringPipeline(Scaler scaler, Reducers.Method method, io.cumulo.param.ParamValues params,
                              Clusterer<?> clusterer) {
        if (method != null && !method.hasModel()) {
            throw new io.cumulo.CumuloException("--reduce: " + method.name() + " cannot place new rows, so a model "
                    + "could not apply it; reduce with pca or umap");
        }
        if (method != null && clusterer instanceof io.cumulo.cluster.KMeans km && km.initialCentres() != null) {
            throw new io.cumulo.CumuloException("--reduce: initial centres are given in the input's units, which a "
                    + "reduction does not keep; leave out one or the other");
        }
        this.scaler = scaler;
        this.clusterer = clusterer;
        this.reduction = method;
        this.reductionParams = params;
    }

    public Scaler scaler() {
        return scaler;
    }

    public Clusterer<?> clusterer() {
        return clusterer;
    }

    /**
     * Fits the scaler, then the clusterer on the scaled data. {@link ClusteringPipelineModel#fitSeconds()}
     * times the clustering alone.
     */
    public ClusteringPipelineModel fit(Dataset data, ExecutionContext ctx) {
        ScalerModel sm = scaler.fit(data, ctx);
        Dataset scaled = sm.transform(data);
        ReductionModel reduced = null;
        double reduceSeconds = 0;
        if (reduction != null) {
            long r0 = System.nanoTime();
            reduced = reduction.fit(reductionParams, scaled, ctx);
            scaled = reduced.reduced();
            reduceSeconds = (System.nanoTime() - r0) / 1e9;
        }
        Clusterer<?> c = reduction == null ? clusterer.inScaledSpace(sm) : clusterer;
        long t0 = System.nanoTime();
        ClusteringModel model = c.fit(scaled, ctx);
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
        return new ClusteringPipelineModel(data.columnNames(), columnMeans(data), sm, reduced, model, training);
    }

    static double[] columnMeans(Dataset data) {
        return io.cumulo.linalg.ColumnStats.means(data.rawValues(), data.rows(), data.cols());
    }
}

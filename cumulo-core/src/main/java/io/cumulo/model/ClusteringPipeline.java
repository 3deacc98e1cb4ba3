package io.cumulo.model;

import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.preprocessing.ScalerModel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Scaling followed by clustering: what {@code cumulo cluster} fits and what a model file holds once fitted. */
public final class ClusteringPipeline {
    private final Scaler scaler;
    private final Clusterer<?> clusterer;

    public ClusteringPipeline(Scaler scaler, Clusterer<?> clusterer) {
        this.scaler = scaler;
        this.clusterer = clusterer;
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
        Clusterer<?> c = clusterer.inScaledSpace(sm);
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
        training.putAll(model.summary());
        return new ClusteringPipelineModel(data.columnNames(), columnMeans(data), sm, model, training);
    }

    static double[] columnMeans(Dataset data) {
        return io.cumulo.linalg.ColumnStats.means(data.rawValues(), data.rows(), data.cols());
    }
}

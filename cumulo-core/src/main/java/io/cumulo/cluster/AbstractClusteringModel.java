package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamValues;

import java.util.Arrays;

/**
 * What every fitted clustering here holds and answers alike: its estimator's name and parameters, the number of
 * features and clusters, the training labels (none for a model read from a file) and the cluster sizes; the
 * feature-count check on new data; reading matrices back from a model file.
 */
public abstract class AbstractClusteringModel implements ClusteringModel {
    private final String name;
    private final ParamValues params;
    private final int features;
    private final int clusters;
    /** Null for a model read from a file. */
    private final int[] labels;
    private final int[] sizes;

    protected AbstractClusteringModel(String name, ParamValues params, int features, int clusters, int[] labels,
                                      int[] sizes) {
        this.name = name;
        this.params = params;
        this.features = features;
        this.clusters = clusters;
        this.labels = labels;
        this.sizes = sizes.clone();
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ParamValues params() {
        return params;
    }

    @Override
    public final int numFeatures() {
        return features;
    }

    @Override
    public final int numClusters() {
        return clusters;
    }

    @Override
    public final int[] labels() {
        return labels == null ? null : labels.clone();
    }

    @Override
    public final int[] clusterSizes() {
        return sizes.clone();
    }

    /** Fails with a one-line message unless {@code data} has the features the model was fitted on. */
    protected final void requireFeatures(Dataset data) {
        requireFeatures(data, features);
    }

    static void requireFeatures(Dataset data, int d) {
        if (data.cols() != d) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " features but the model was fitted on " + d);
        }
    }

    /** The {@code k} rows of a row-major {@code k × d} matrix, each a copy. */
    static double[][] rows(double[] flat, int k, int d) {
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
        }
        return out;
    }

    /**
     * The {@code k × features} matrix stored under {@code key} in a model file's {@code model} block, row-major;
     * fails with "model: KEY must be finite numbers" if a value is not.
     */
    static double[] finiteMatrix(JsonObject model, String key, int k, int features) {
        double[] m = model.getMatrix(key, k, features);
        for (double v : m) {
            if (!Double.isFinite(v)) {
                throw new CumuloException("model: " + key + " must be finite numbers");
            }
        }
        return m;
    }
}

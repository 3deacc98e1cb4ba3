package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.json.JsonObject;

import java.util.Arrays;

/** What every fitted clustering model does the same way: checking new data, reading centres back from a file. */
final class ModelSupport {
    private ModelSupport() {
    }

    /** Fails with a one-line message unless {@code data} has the {@code d} features the model was fitted on. */
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

package io.cumulo.preprocessing;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

import java.util.Arrays;

/** Maps each column's range onto [0, 1]. */
public final class MinMaxScaler implements Scaler {
    @Override
    public String description() {
        return "map each column's range onto [0, 1]";
    }

    @Override
    public String name() {
        return "minmax";
    }

    @Override
    public ScalerModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues();
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = max[j] - min[j];
        }
        Scaler.fixZeroScales(name(), scale, data, ctx);
        return new ScalerModel(name(), min, scale);
    }
}

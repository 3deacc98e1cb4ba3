package io.cumulo.preprocessing;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.ColumnStats;

/** Centres each column on its mean and divides by its standard deviation (population, ddof = 0). */
public final class StandardScaler implements Scaler {
    @Override
    public String description() {
        return "centre each column on its mean and divide by its standard deviation (population)";
    }

    @Override
    public String name() {
        return "standard";
    }

    @Override
    public ScalerModel fit(Dataset data, ExecutionContext ctx) {
        double[] x = data.rawValues();
        double[] mean = ColumnStats.means(x, data.rows(), data.cols());
        double[] var = ColumnStats.variances(x, data.rows(), data.cols(), mean);
        double[] scale = new double[var.length];
        for (int j = 0; j < var.length; j++) {
            scale[j] = Math.sqrt(var[j]);
        }
        Scaler.fixZeroScales(name(), scale, data, ctx);
        return new ScalerModel(name(), mean, scale);
    }
}

package io.cumulo.preprocessing;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/** Centres each column on its mean and divides by its standard deviation (population, ddof = 0). */
public final class StandardScaler implements Scaler {
    @Override
    public String name() {
        return "standard";
    }

    @Override
    public ScalerModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // two passes (mean, then squared deviations) for accuracy when the mean is large
        double[] var = new double[d];
        double[] corr = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double dev = x[i * d + j] - mean[j];
                var[j] += dev * dev;
                corr[j] += dev;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            // corrected two-pass formula (Chan, Golub & LeVeque) removes the rounding left in the mean
            double v = (var[j] - corr[j] * corr[j] / n) / n;
            scale[j] = Math.sqrt(Math.max(v, 0));
        }
        Scaler.fixZeroScales(name(), scale, data, ctx);
        return new ScalerModel(name(), mean, scale);
    }
}

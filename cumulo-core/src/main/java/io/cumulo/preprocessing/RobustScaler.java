package io.cumulo.preprocessing;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

import java.util.Arrays;

/**
 * Centres each column on its median and divides by its interquartile range (25th to 75th percentile, linear
 * interpolation as NumPy's default), so outliers do not set the scale.
 */
public final class RobustScaler implements Scaler {
    @Override
    public String description() {
        return "centre each column on its median and divide by its interquartile range";
    }

    @Override
    public String name() {
        return "robust";
    }

    @Override
    public ScalerModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        double[] center = new double[d];
        double[] scale = new double[d];
        double[] col = new double[n];
        double[] x = data.rawValues();
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                col[i] = x[i * d + j];
            }
            Arrays.sort(col);
            center[j] = percentile(col, 0.5);
            scale[j] = percentile(col, 0.75) - percentile(col, 0.25);
        }
        Scaler.fixZeroScales(name(), scale, data, ctx);
        return new ScalerModel(name(), center, scale);
    }

    /** Linear-interpolation percentile of sorted values ({@code q} in [0, 1]). */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}

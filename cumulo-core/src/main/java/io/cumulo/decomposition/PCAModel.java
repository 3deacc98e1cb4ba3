package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.List;

/** A fitted PCA: mean, components (rows), explained variance and its ratio. Immutable. */
public final class PCAModel {
    private final ParamValues params;
    private final double[] mean;
    private final double[] components;
    private final double[] variance;
    private final double[] ratio;
    private final int c;
    private final int d;
    private final List<String> features;

    PCAModel(ParamValues params, double[] mean, double[] components, double[] variance, double[] ratio, int c, int d,
             List<String> features) {
        this.params = params;
        this.mean = mean;
        this.components = components;
        this.variance = variance;
        this.ratio = ratio;
        this.c = c;
        this.d = d;
        this.features = List.copyOf(features);
    }

    public ParamValues params() {
        return params;
    }

    public int numComponents() {
        return c;
    }

    /** Components as rows ({@code c × d}, row-major copy). */
    public double[] components() {
        return components.clone();
    }

    public double[] explainedVariance() {
        return variance.clone();
    }

    public double[] explainedVarianceRatio() {
        return ratio.clone();
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Scores: {@code (x − mean) · componentsᵀ}, as a dataset with columns PC1, PC2, ... */
    public Dataset transform(Dataset data) {
        if (data.cols() != d) {
            throw new CumuloException(data.source() + ": has " + data.cols() + " features but the PCA was fitted on " + d);
        }
        int n = data.rows();
        double[] x = data.rawValues();
        double[] out = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += (x[i * d + l] - mean[l]) * components[j * d + l];
                }
                out[i * c + j] = s;
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < c; j++) {
            names.add("PC" + (j + 1));
        }
        return data.withValues(out, c, names);
    }

    public List<String> featureNames() {
        return features;
    }
}

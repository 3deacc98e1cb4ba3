package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/** A model of the data's probability density (a Gaussian mixture, a kernel density). */
public interface Density {
    /** The natural log of the density at each row. */
    double[] logDensity(Dataset data, ExecutionContext ctx);
}

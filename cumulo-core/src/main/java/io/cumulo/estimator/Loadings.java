package io.cumulo.estimator;

import java.util.List;

/** A linear reduction whose components are weights on the input features (PCA's loadings). */
public interface Loadings {
    /** One row per component, one column per input feature (a copy). */
    double[][] loadings();

    /** The input features, in column order. */
    List<String> featureNames();
}

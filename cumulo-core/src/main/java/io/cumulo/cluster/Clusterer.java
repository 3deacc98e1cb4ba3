package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.ParamValues;

/**
 * A clustering algorithm with its parameters: an immutable configuration, validated when built, whose
 * {@link #fit} returns an immutable fitted model.
 *
 * @param <M> the fitted model type
 */
public interface Clusterer<M extends ClusteringModel> {
    /** Registry name, as given to {@code --algorithm} and written in model files. */
    String algorithm();

    /** Every parameter with its effective value. */
    ParamValues params();

    /** Fits to {@code data} (already scaled as wanted); threads and progress come from {@code ctx}. */
    M fit(Dataset data, ExecutionContext ctx);

    /**
     * This configuration for data scaled by {@code scaler}: anything given in the input's units (such as
     * explicit initial centres) is scaled the same way. Most algorithms have nothing to adjust.
     */
    default Clusterer<M> inScaledSpace(io.cumulo.preprocessing.ScalerModel scaler) {
        return this;
    }

    /** Fits with all processors, no progress reporting. */
    default M fit(Dataset data) {
        return fit(data, ExecutionContext.defaults());
    }
}

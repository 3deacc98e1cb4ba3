package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.ParamValues;

/**
 * Anything Cumulo fits to data (a clustering, a reduction, a scaling, later an anomaly detector): an immutable
 * configuration, validated when it is built, whose {@link #fit} returns an immutable {@link Model}. The
 * configuration's parameters are described once ({@link io.cumulo.param.Param}); the same descriptions give the
 * builders, {@code --param}, {@code cumulo params}, the docs and the model files.
 *
 * @param <M> the fitted model
 */
public interface Estimator<M extends Model> {
    /** The name in {@link io.cumulo.model.Registry}, as given on the command line and written in model files. */
    String name();

    /** Every parameter with its effective value. */
    ParamValues params();

    /** Fits to {@code data}; threads, progress, warnings and cancellation come from {@code ctx}. */
    M fit(Dataset data, ExecutionContext ctx);

    /** Fits with all processors, no progress reporting. */
    default M fit(Dataset data) {
        return fit(data, ExecutionContext.defaults());
    }
}

package io.cumulo.preprocessing;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/** Leaves the features as they are. */
public final class NoScaling implements Scaler {
    @Override
    public String description() {
        return "leave the features as they are";
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public ScalerModel fit(Dataset data, ExecutionContext ctx) {
        return ScalerModel.identity(data.cols());
    }
}

package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/** A model with an objective that can be evaluated on new rows: k-means' inertia, k-medoids' loss. */
public interface Objective {
    /** Its key in the model's summary and in {@code --json} ({@code inertia}, {@code loss}). */
    String objectiveKey();

    /** The objective on {@code data} (the model's features, in the space it was fitted in). */
    double objective(Dataset data, ExecutionContext ctx);
}

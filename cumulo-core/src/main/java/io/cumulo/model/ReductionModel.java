package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.param.ParamValues;

import java.util.Map;

/**
 * A fitted dimensionality reduction, as {@link Reducers} hands it out: whatever the method (PCA now; t-SNE and UMAP
 * are meant to register the same way), the CLI and the model files see this.
 */
public interface ReductionModel {
    /** Registry name of the method ({@link Reducers}). */
    String method();

    ParamValues params();

    /** Number of output columns ({@code c1 .. cK}). */
    int numComponents();

    /** The training rows, reduced: columns {@code c1 .. cK}, labels and weights kept. */
    Dataset reduced();

    /** Statistics of the fit under stable JSON keys (e.g. {@code explained_variance} for PCA). */
    Map<String, Object> summary();

    /** The {@code model} block of a model file; {@link Reducers.Method#read} reads it back. */
    Map<String, Object> toJson();

    /** Whether {@link #transform} maps new rows (PCA does; a plain t-SNE embedding does not). */
    default boolean canTransform() {
        return false;
    }

    /** New rows (the training features, in the training scaling) into the reduced space. */
    default Dataset transform(Dataset data, ExecutionContext ctx) {
        throw new CumuloException(method() + " cannot reduce new rows: it only embeds the rows it was fitted on");
    }
}

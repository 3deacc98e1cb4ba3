package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/**
 * A clustering that says how firmly each row belongs to its cluster: a strength in [0, 1], 0 for noise (HDBSCAN's
 * {@code probabilities}). The labels file writes it as the column {@code probability}; the report shades the scatter
 * by it.
 */
public interface MembershipStrengths {
    /** The training rows' strengths, a copy; {@code null} for a model read from a file that keeps no rows. */
    double[] strengths();

    /** Strengths of new rows, in the space the model was fitted in. */
    double[] strengths(Dataset data, ExecutionContext ctx);
}

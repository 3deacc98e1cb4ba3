package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/** An anomaly detector: one score per row, higher for more anomalous rows. */
public interface OutlierScores {
    /** The training rows' scores, a copy; {@code null} for a model read from a file. */
    double[] trainingScores();

    /** Scores of new rows. */
    double[] scores(Dataset data, ExecutionContext ctx);
}

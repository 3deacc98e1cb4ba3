package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

/**
 * A model that gives each row a degree of membership in every cluster (fuzzy c-means' memberships, a mixture's
 * responsibilities), each row summing to 1. The CLI writes them as columns {@code PREFIX_0 .. PREFIX_{k−1}} of the
 * labels file, after {@code cluster} and after {@code predict} alike.
 */
public interface SoftAssignments {
    /** The training rows' memberships, {@code rows × k} row-major, a copy; {@code null} for a model read from a file. */
    double[] memberships();

    /** Memberships of new rows, {@code rows × k} row-major. */
    double[] memberships(Dataset data, ExecutionContext ctx);

    /** The column prefix: {@code membership} (fuzzy c-means), {@code probability} (mixtures). */
    default String membershipName() {
        return "membership";
    }
}

package io.cumulo.estimator;

import io.cumulo.param.ParamValues;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted {@link Estimator}: immutable. What a model can do beyond this is told by the small capability interfaces
 * it implements ({@link Labels}, {@link Centroids}, {@link SoftAssignments}, {@link Transform}, {@link Embedding},
 * {@link Objective}, {@link Iterative}, {@link Restarts}, {@link Tree}, {@link OutlierScores}, {@link Density}):
 * reports, profiles, the CLI and the server ask for those, never for a concrete class.
 */
public interface Model {
    /** The name of the estimator that made it. */
    String name();

    /** The estimator's parameters, every one with its effective value. */
    ParamValues params();

    /** Columns of the data it was fitted on, and that it takes. */
    int numFeatures();

    /** Statistics of the fit under stable JSON keys (sizes, objective, iterations, ...). */
    Map<String, Object> summary();

    /**
     * What a model file stores to rebuild this model (its {@code model} block); the file's envelope
     * ({@code format_version}, docs/model-format.md) versions it.
     */
    Map<String, Object> toJson();

    /**
     * The figures a person reads first, with their labels, in the order to show them (the CLI's summary and the
     * report's overview print these): inertia for k-means, the loss for k-medoids, the partition coefficient and
     * entropy for fuzzy c-means. Each also appears in {@link #summary()} under its {@link KeyFigure#key()}.
     */
    default List<KeyFigure> keyFigures() {
        return List.of();
    }

    /** The model as {@code capability} if it has it (an {@code instanceof} test on the interface, as an Optional). */
    default <C> Optional<C> as(Class<C> capability) {
        return capability.isInstance(this) ? Optional.of(capability.cast(this)) : Optional.empty();
    }
}

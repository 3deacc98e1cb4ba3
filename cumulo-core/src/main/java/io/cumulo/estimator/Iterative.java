package io.cumulo.estimator;

/** A model fitted by iterating until a stopping rule: how many iterations ran and whether the rule was met. */
public interface Iterative {
    int iterations();

    boolean converged();
}

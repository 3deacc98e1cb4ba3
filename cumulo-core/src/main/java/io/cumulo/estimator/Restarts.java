package io.cumulo.estimator;

import java.util.Optional;

/** A model picked among several candidates (restarts, samples, initialisations). */
public interface Restarts {
    /**
     * How the result was picked and by which criterion ("best of 10 runs by inertia"), from what the fit did; empty
     * when there was one candidate.
     */
    Optional<String> howChosen();
}

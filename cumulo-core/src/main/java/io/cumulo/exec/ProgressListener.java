package io.cumulo.exec;

/** Receives progress of long computations; the CLI draws a bar from it. Calls come from the fitting thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (task, done, total) -> { };

    /**
     * @param task  short description of the current stage ("k-means restart 3/10")
     * @param done  work units done so far
     * @param total work units in all (may grow, e.g. when a fit converges early and the rest is skipped)
     */
    void update(String task, long done, long total);
}

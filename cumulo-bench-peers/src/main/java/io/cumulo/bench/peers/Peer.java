package io.cumulo.bench.peers;

/**
 * One k-means implementation of another JVM library, run by {@link PeerBench}. The harness calls
 * {@link #prepare} once per workload (untimed: converting the data to the library's own format, as reading a
 * file into it would), then {@link #fit} for every warm-up and timed fit (timed: only this), then
 * {@link #result} after the clock has stopped.
 */
interface Peer {
    /** Short id used on the command line, e.g. {@code elki-hamerly}. */
    String id();

    /** Library name and version, e.g. {@code ELKI 0.8.0}. */
    String library();

    /** The algorithm or API used, e.g. {@code HamerlyKMeans}. */
    String variant();

    /** Threads the fit uses (1 for single-threaded implementations, whatever was asked). */
    int threads(int requested);

    /**
     * Whether the fit starts from the workload's initial centres and runs the same Lloyd iterations as
     * scikit-learn, so that its objective must equal the reference's. False where the library cannot be given
     * initial centres: its objective is then not comparable ("n/a").
     */
    boolean sameStart();

    /** How the library is configured, for the {@code detail} field. */
    String config(PeerBench.Workload w, int threads);

    /** Untimed: the data in the library's own form, plus anything else that is not part of a fit. */
    Object prepare(PeerBench.Workload w, int threads) throws Exception;

    /** Timed: one k-means fit, from the workload's centres where the library allows, returning its model. */
    Object fit(Object prepared, PeerBench.Workload w, int threads) throws Exception;

    /** Untimed: the final centres (k × d, row-major) and the iteration count of the model {@link #fit} returned. */
    Result result(Object model, PeerBench.Workload w) throws Exception;

    /** Untimed: releases what {@link #prepare} made (e.g. stops Spark). */
    default void close(Object prepared) throws Exception {
    }

    /**
     * A fit's outcome. {@code iterations} counts Lloyd iterations (centre updates), as scikit-learn's
     * {@code n_iter_} does; {@code note} says where the count came from when the library does not report it.
     */
    record Result(double[] centres, int k, int iterations, String note) {
    }
}

package io.cumulo.exec;

/** Thrown out of a computation whose {@link ExecutionContext} was cancelled; it is not an error in the input. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}

package io.cumulo.exec;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * How a computation runs, as opposed to what it computes: number of threads, where progress and warnings go, and
 * whether it has been cancelled. Nothing here changes a result: estimators split work into chunks that depend only
 * on the data size, and combine the chunks' results in chunk order, so the same seed gives bit-identical output for
 * any thread count.
 */
public final class ExecutionContext {
    private final int threads;
    private final ProgressListener progress;
    private final Consumer<String> warnings;
    private final Consumer<String> notes;
    /** Null when the computation cannot be cancelled (the common case: nothing to check). */
    private final BooleanSupplier cancelled;

    private ExecutionContext(int threads, ProgressListener progress, Consumer<String> warnings, Consumer<String> notes,
                             BooleanSupplier cancelled) {
        if (threads < 1) {
            throw new io.cumulo.CumuloException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.progress = Objects.requireNonNull(progress);
        this.warnings = Objects.requireNonNull(warnings);
        this.notes = Objects.requireNonNull(notes);
        this.cancelled = cancelled;
    }

    /** All available processors, no progress, warnings dropped. */
    public static ExecutionContext defaults() {
        return new ExecutionContext(Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, w -> { }, w -> { }, null);
    }

    public static ExecutionContext singleThreaded() {
        return defaults().withThreads(1);
    }

    public ExecutionContext withThreads(int n) {
        return new ExecutionContext(n, progress, warnings, notes, cancelled);
    }

    public ExecutionContext withProgress(ProgressListener p) {
        return new ExecutionContext(threads, p, warnings, notes, cancelled);
    }

    public ExecutionContext withWarnings(Consumer<String> sink) {
        return new ExecutionContext(threads, progress, sink, notes, cancelled);
    }

    /** Where notes go: facts about what was done that the user may want to know (rows left out, columns used). */
    public ExecutionContext withNotes(Consumer<String> sink) {
        return new ExecutionContext(threads, progress, warnings, sink, cancelled);
    }

    /**
     * The same context, cancelled once {@code cancelled} answers true (a server's cancel button, a time limit):
     * {@link #parallelFor} checks it before every task, and the estimators' iteration loops between iterations, so
     * the computation stops within about one task or iteration with a {@link CancelledException}. A cancelled
     * computation returns nothing, so cancelling cannot change a result that is returned.
     */
    public ExecutionContext withCancellation(BooleanSupplier cancelled) {
        return new ExecutionContext(threads, progress, warnings, notes, Objects.requireNonNull(cancelled));
    }

    /** Whether the computation has been asked to stop. */
    public boolean isCancelled() {
        return cancelled != null && cancelled.getAsBoolean();
    }

    /** Throws {@link CancelledException} if the computation has been asked to stop. */
    public void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    public int threads() {
        return threads;
    }

    public ProgressListener progress() {
        return progress;
    }

    /** Reports something the user should know but that does not stop the computation. */
    public void warn(String message) {
        warnings.accept(message);
    }

    /** Reports a fact about what was done (not a problem). */
    public void note(String message) {
        notes.accept(message);
    }

    /**
     * Runs {@code body} for every task index in {@code [0, tasks)}, on up to {@link #threads()} threads, and
     * returns when all are done. Tasks must write only to their own slots; the first exception is rethrown.
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (cancelled != null) {
            IntConsumer inner = body;
            body = i -> {
                checkCancelled();
                inner.accept(i);
            };
        }
        int workers = Math.min(threads, tasks);
        if (workers <= 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        WorkerPool.SHARED.run(tasks, body, workers - 1);
    }
}

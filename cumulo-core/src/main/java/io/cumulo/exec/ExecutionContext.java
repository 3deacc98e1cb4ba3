package io.cumulo.exec;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * How a computation runs, as opposed to what it computes: number of threads, where progress and warnings go.
 * Nothing here changes a result: estimators split work into chunks that depend only on the data size, and
 * combine the chunks' results in chunk order, so the same seed gives bit-identical output for any thread
 * count.
 */
public final class ExecutionContext {
    private final int threads;
    private final ProgressListener progress;
    private final Consumer<String> warnings;

    private ExecutionContext(int threads, ProgressListener progress, Consumer<String> warnings) {
        if (threads < 1) {
            throw new io.cumulo.CumuloException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.progress = Objects.requireNonNull(progress);
        this.warnings = Objects.requireNonNull(warnings);
    }

    /** All available processors, no progress, warnings dropped. */
    public static ExecutionContext defaults() {
        return new ExecutionContext(Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, w -> { });
    }

    public static ExecutionContext singleThreaded() {
        return defaults().withThreads(1);
    }

    public ExecutionContext withThreads(int n) {
        return new ExecutionContext(n, progress, warnings);
    }

    public ExecutionContext withProgress(ProgressListener p) {
        return new ExecutionContext(threads, p, warnings);
    }

    public ExecutionContext withWarnings(Consumer<String> sink) {
        return new ExecutionContext(threads, progress, sink);
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

    /**
     * Runs {@code body} for every task index in {@code [0, tasks)}, on up to {@link #threads()} threads, and
     * returns when all are done. Tasks must write only to their own slots; the first exception is rethrown.
     */
    public void parallelFor(int tasks, IntConsumer body) {
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

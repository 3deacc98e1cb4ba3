package io.cumulo.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * How a computation runs, as opposed to what it computes: number of threads, where progress and warnings go.
 * Nothing here changes a result: estimators split work into chunks that depend only on the data size, and
 * combine the chunks' results in chunk order, so the same seed gives bit-identical output for any thread
 * count.
 */
public final class ExecutionContext {
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cumulo-worker");
        t.setDaemon(true);
        return t;
    });

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
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < tasks) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        CountDownLatch done = new CountDownLatch(workers - 1);
        List<Runnable> helpers = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            helpers.add(() -> {
                try {
                    worker.run();
                } finally {
                    done.countDown();
                }
            });
        }
        helpers.forEach(WORKERS::execute);
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}

package io.cumulo.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads behind {@link ExecutionContext#parallelFor}. Iterative algorithms call it many times a second
 * (k-means: twice an iteration, mini-batch k-means: once a step), so the hand-over must be cheap: a worker that
 * finished a loop spins for a while ({@link #SPIN_NANOS}) before it parks, and the caller spins while the
 * last tasks finish. Waking a parked thread took ~40 µs here (a virtual machine), spinning hand-over ~1 µs;
 * OpenMP runtimes make the same trade. Workers are daemon threads, created when first needed.
 *
 * <p>Any thread may start a loop at any time, loops may nest: a loop takes the idle workers it can get (none
 * if all are busy) and the calling thread always works on it too, so it completes whatever the pool is doing.
 * Which thread runs which task never changes a result: tasks write only to their own slots.
 */
final class WorkerPool {
    /** How long an idle worker keeps looking for work before it parks. */
    static final long SPIN_NANOS = 1_000_000;

    static final WorkerPool SHARED = new WorkerPool();

    /** A loop being run: tasks are taken one by one from {@code next}. */
    static final class Loop {
        final int tasks;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        /** Workers still on this loop (the caller not counted). */
        final AtomicInteger helpers = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread caller = Thread.currentThread();
        volatile boolean callerParked;

        Loop(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
        }

        void work() {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < tasks) {
                try {
                    body.accept(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        }
    }

    private final class Worker extends Thread {
        /** Set by a caller that claimed this worker; cleared by the worker when the loop is done. */
        volatile Loop loop;
        /** Claimed by a caller (true) or free (false). */
        final AtomicBoolean busy = new AtomicBoolean();

        Worker(int index) {
            super("cumulo-worker-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                Loop l = awaitLoop();
                l.work();
                loop = null;
                busy.set(false);
                if (l.helpers.decrementAndGet() == 0 && l.callerParked) {
                    LockSupport.unpark(l.caller);
                }
            }
        }

        private Loop awaitLoop() {
            long start = System.nanoTime();
            Loop l;
            while ((l = loop) == null) {
                long waited = System.nanoTime() - start;
                if (waited < SPIN_NANOS) {
                    pause(waited);
                } else {
                    LockSupport.park(this);
                }
            }
            return l;
        }
    }

    /**
     * One step of a busy wait: a CPU pause at first, then a yield, so that with more threads than cores (nested or
     * concurrent loops) the waiting threads give their core to those with work.
     */
    private static void pause(long waitedNanos) {
        if (waitedNanos < 20_000) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }

    private final List<Worker> workers = new ArrayList<>();

    /** Up to {@code wanted} idle workers, claimed; new ones are started while there are fewer than {@code limit}. */
    private synchronized List<Worker> claim(int wanted, int limit) {
        List<Worker> got = new ArrayList<>(wanted);
        for (Worker w : workers) {
            if (got.size() == wanted) {
                return got;
            }
            if (w.busy.compareAndSet(false, true)) {
                got.add(w);
            }
        }
        while (got.size() < wanted && workers.size() < limit) {
            Worker w = new Worker(workers.size());
            w.busy.set(true);
            workers.add(w);
            w.start();
            got.add(w);
        }
        return got;
    }

    /** Runs {@code body} for every index in {@code [0, tasks)} on the calling thread and up to {@code helpers} workers. */
    void run(int tasks, IntConsumer body, int helpers) {
        Loop l = new Loop(tasks, body);
        // a bounded pool: callers that find every worker busy (nested or concurrent loops) run on their own
        List<Worker> got = claim(helpers, 4 * Runtime.getRuntime().availableProcessors() + 16);
        l.helpers.set(got.size());
        for (Worker w : got) {
            w.loop = l;
            LockSupport.unpark(w);
        }
        l.work();
        long start = System.nanoTime();
        while (l.helpers.get() > 0) {
            long waited = System.nanoTime() - start;
            if (waited < SPIN_NANOS) {
                pause(waited);
            } else {
                l.callerParked = true;
                if (l.helpers.get() > 0) {
                    LockSupport.park(this);
                }
            }
        }
        Throwable t = l.failure.get();
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

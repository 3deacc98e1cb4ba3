package io.cumulo.exec;

import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.json.Json;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** parallelFor runs every task exactly once, nested and from concurrent callers, and reports failures. */
class ExecutionContextTest {
    @Test
    void everyTaskRunsOnceWhateverTheThreads() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
            for (int tasks : new int[] {0, 1, 2, 7, 1000}) {
                for (int rep = 0; rep < 50; rep++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
                    ctx.parallelFor(tasks, runs::incrementAndGet);
                    for (int i = 0; i < tasks; i++) {
                        assertEquals(1, runs.get(i), threads + " threads, " + tasks + " tasks, task " + i);
                    }
                }
            }
        }
    }

    @Test
    void nestedAndConcurrentLoopsComplete() throws Exception {
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(4);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            Future<?>[] done = new Future<?>[6];
            for (int c = 0; c < done.length; c++) {
                done[c] = callers.submit(() -> {
                    for (int rep = 0; rep < 200; rep++) {
                        AtomicIntegerArray runs = new AtomicIntegerArray(16 * 16);
                        ctx.parallelFor(16, a -> ctx.parallelFor(16, b -> runs.incrementAndGet(a * 16 + b)));
                        for (int i = 0; i < runs.length(); i++) {
                            assertEquals(1, runs.get(i));
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theFirstFailureReachesTheCaller() {
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ctx.parallelFor(100, i -> {
            if (i == 42) {
                throw new IllegalArgumentException("task 42");
            }
        }));
        assertEquals("task 42", e.getMessage());
        // and the pool still works afterwards
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        ctx.parallelFor(10, runs::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertEquals(1, runs.get(i));
        }
    }

    @Test
    void aCancelledContextStopsAFitPartWayAndLeavesOthersAlone() {
        Dataset data = Fixtures.blobs(20_000, 8, 10, 10, 3);
        AtomicInteger checks = new AtomicInteger();
        // cancelled after the 50th check: some work has run, the fit has not finished
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(2)
                .withCancellation(() -> checks.incrementAndGet() > 50);
        KMeans km = KMeans.builder().k(10).nInit(5).seed(1).build();
        Assertions.assertThrows(CancelledException.class, () -> km.fit(data, ctx));
        assertTrue(checks.get() > 50);
        // the same configuration on a context that is not cancelled is unaffected
        assertEquals(Json.write(km.fit(data, ExecutionContext.defaults().withThreads(2)).toJson()),
                Json.write(km.fit(data, ExecutionContext.defaults().withCancellation(() -> false)).toJson()));
    }

    @Test
    void notesAndWarningsGoToTheirOwnSinks() {
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ExecutionContext ctx = ExecutionContext.defaults().withNotes(notes::add).withWarnings(warnings::add);
        ctx.note("n");
        ctx.warn("w");
        assertEquals(List.of("n"), notes);
        assertEquals(List.of("w"), warnings);
    }
}

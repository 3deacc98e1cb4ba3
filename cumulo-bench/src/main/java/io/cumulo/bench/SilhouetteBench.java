package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times Cumulo's exact silhouette ({@link SilhouetteScore#compute}, Euclidean) on the workloads written by
 * {@code bench/silhouette_sklearn.py gen}, so that its figures can be set beside scikit-learn's
 * {@code silhouette_score} on the same data and labels (see {@code docs/benchmarks.md}, "Silhouette").
 *
 * <p>Usage: {@code SilhouetteBench DATA_DIR NAME REPS THREADS [--warmup=N]}. Reads {@code NAME.meta},
 * {@code NAME.f64} (little-endian float64, row-major) and {@code NAME.labels.i32}; runs N untimed computations
 * (default 1) on the first 5,000 rows so the JIT has compiled the loops, then REPS timed ones on all rows, and
 * prints one JSON line per timed run: seconds, the score, and the heap: {@code heap_before_mb} (in use after a
 * full collection, before the run: the data and labels) and {@code heap_peak_mb} (the largest heap in use during
 * the run, summed over the heap pools' peaks, garbage included).
 */
public final class SilhouetteBench {
    private SilhouetteBench() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = 1;
        List<String> pos = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4) {
            System.err.println("usage: SilhouetteBench DATA_DIR NAME REPS THREADS [--warmup=N]");
            System.exit(2);
        }
        Path dir = Path.of(pos.get(0));
        String name = pos.get(1);
        int reps = Integer.parseInt(pos.get(2));
        int threads = Integer.parseInt(pos.get(3));
        Workload workload = Workload.read(dir, name);
        Dataset data = workload.data();
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues();
        int[] labels = readI32(dir.resolve(name + ".labels.i32"), n);
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        int w = Math.min(n, 5000);
        Dataset head = Dataset.wrap(Arrays.copyOf(x, w * d), w, d, Dataset.defaultNames(d), name);
        int[] headLabels = Arrays.copyOf(labels, w);
        for (int i = 0; i < warmup; i++) {
            SilhouetteScore.compute(head, headLabels, Distance.EUCLIDEAN, ctx);
        }
        for (int rep = 0; rep < reps; rep++) {
            System.gc();
            double before = heapUsedMb();
            resetPeaks();
            long t0 = System.nanoTime();
            double s = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx).mean();
            long t1 = System.nanoTime();
            double peak = heapPeakMb();
            System.out.println(String.format(Locale.ROOT, "{\"contender\": \"cumulo-%s\", \"java\": \"%s\", "
                            + "\"kernels\": \"%s\", \"workload\": \"%s\", \"rep\": %d, \"n\": %d, \"d\": %d, "
                            + "\"threads\": %d, \"seconds\": %.6f, \"silhouette\": %s, \"heap_before_mb\": %.1f, "
                            + "\"heap_peak_mb\": %.1f}",
                    Version.get(), System.getProperty("java.version"), VectorKernels.get().name(), name, rep, n, d,
                    threads, (t1 - t0) / 1e9, Double.toString(s), before, peak));
            System.out.flush();
        }
    }

    static int[] readI32(Path file, int n) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length != 4L * n) {
            throw new IOException(file + ": " + b.length + " bytes, expected " + 4L * n + " (" + n + " int32 labels)");
        }
        int[] out = new int[n];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    private static double heapUsedMb() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                used += p.getUsage().getUsed();
            }
        }
        return used / 1048576.0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static double heapPeakMb() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }
}

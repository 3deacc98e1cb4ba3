package io.cumulo.bench;

import io.cumulo.cluster.MiniBatchKMeans;
import io.cumulo.cluster.MiniBatchKMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times Cumulo's mini-batch k-means on a k-means workload of {@code gen_data.py} (KM-A by default), for a list of
 * seeds, so that it can be set beside scikit-learn's {@code MiniBatchKMeans} on the same seeds
 * ({@code bench/minibatch_sklearn.py}; both run by {@code bench/minibatch.sh}, see docs/benchmarks.md).
 *
 * <p>Usage: {@code MiniBatchBench DATA_DIR NAME SEEDS THREADS [--warmup=N] [--batch-size=B] [--n-init=R]}, with
 * {@code SEEDS} such as {@code 0-9} or {@code 0,3,7}. Each seed's fit ({@code k} from {@code NAME.meta},
 * batch size 1024 and 3 initialisations by default, as scikit-learn 1.2's defaults with {@code n_init=3}) is
 * timed once, after {@code N} untimed warm-up fits (default 3, seeds 1000+) so the JIT has compiled the hot loops.
 * Only building the estimator and {@code fit} are timed (every row's final label and the exact inertia are part of
 * the fit, as in scikit-learn with {@code compute_labels=True}). One JSON line per seed: {@code seconds},
 * {@code inertia} (the model's), {@code objective} (the same sum recomputed after the clock stops with
 * {@code bench_sklearn.py}'s formula), {@code steps}, {@code stop}.
 */
public final class MiniBatchBench {
    private MiniBatchBench() {
    }

    public static void main(String[] args) throws IOException {
        List<String> pos = new ArrayList<>();
        int warmup = 3;
        int batch = 1024;
        int nInit = 3;
        for (String a : args) {
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--batch-size=")) {
                batch = Integer.parseInt(a.substring("--batch-size=".length()));
            } else if (a.startsWith("--n-init=")) {
                nInit = Integer.parseInt(a.substring("--n-init=".length()));
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4) {
            System.err.println("usage: MiniBatchBench DATA_DIR NAME SEEDS THREADS [--warmup=N] [--batch-size=B] "
                    + "[--n-init=R]\n  SEEDS: 0-9 or 0,3,7; prints one JSON line per seed");
            System.exit(2);
        }
        Path dir = Path.of(pos.get(0));
        String name = pos.get(1);
        List<Long> seeds = seeds(pos.get(2));
        int threads = Integer.parseInt(pos.get(3));
        Workload workload = Workload.read(dir, name);
        Dataset data = workload.data();
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues();
        int k = workload.intValue("k");
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        for (int i = 0; i < warmup; i++) {
            fit(data, k, batch, nInit, 1000 + i, ctx);
        }
        for (long seed : seeds) {
            System.gc();
            long t0 = System.nanoTime();
            MiniBatchKMeansModel m = fit(data, k, batch, nInit, seed, ctx);
            long t1 = System.nanoTime();
            double objective = KMeansBench.sse(x, n, d, m.centresFlat(), k);
            StringBuilder s = new StringBuilder("{");
            s.append("\"contender\": \"cumulo\", \"runtime\": \"java ").append(Runtime.version()).append("\"");
            s.append(", \"kernels\": \"").append(VectorKernels.get().name()).append("\"");
            s.append(", \"workload\": \"").append(name).append("\", \"seed\": ").append(seed);
            s.append(", \"threads\": ").append(threads).append(", \"batch_size\": ").append(batch);
            s.append(", \"n_init\": ").append(nInit);
            s.append(String.format(Locale.ROOT, ", \"seconds\": %.6f", (t1 - t0) / 1e9));
            s.append(String.format(Locale.ROOT, ", \"inertia\": %.10e, \"objective\": %.10e", m.inertia(), objective));
            s.append(", \"steps\": ").append(m.steps()).append(", \"n_iter\": ").append(m.iterations());
            s.append(", \"stop\": \"").append(m.stopReason()).append("\"");
            s.append(", \"peak_rss_mb\": ").append(KMeansBench.peakRssMb()).append("}");
            System.out.println(s);
            System.out.flush();
        }
    }

    private static MiniBatchKMeansModel fit(Dataset data, int k, int batch, int nInit, long seed, ExecutionContext ctx) {
        return MiniBatchKMeans.builder().k(k).batchSize(batch).nInit(nInit).seed(seed).build().fit(data, ctx);
    }

    static List<Long> seeds(String spec) {
        List<Long> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            int dash = part.indexOf('-', 1);
            if (dash > 0) {
                long a = Long.parseLong(part.substring(0, dash).trim());
                long b = Long.parseLong(part.substring(dash + 1).trim());
                for (long s = a; s <= b; s++) {
                    out.add(s);
                }
            } else {
                out.add(Long.parseLong(part.trim()));
            }
        }
        return out;
    }
}

package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.manifold.TSNE;
import io.cumulo.manifold.TSNEModel;
import io.cumulo.metrics.Trustworthiness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times Cumulo's Barnes-Hut t-SNE ({@link TSNE} with its defaults, seed 0) on the workloads written by
 * {@code bench/tsne_sklearn.py gen}, to set beside scikit-learn's {@code TSNE} on the same data (see
 * {@code docs/benchmarks.md}, "t-SNE").
 *
 * <p>Usage: {@code TSNEBench DATA_DIR NAME REPS THREADS [--warmup=N] [--trust] [--method=M] [--max-iter=N]}
 * ({@code --method}: barnes-hut, the default, exact or fft; {@code --max-iter}: default 1,000). Reads {@code NAME.meta} and
 * {@code NAME.f64} (little-endian float64, row-major); runs N untimed fits (default 1) on the first 2,000 rows so
 * the JIT has compiled the loops, then REPS timed fits on all rows, and prints one JSON line per timed fit:
 * seconds, the final KL divergence, the iterations and, with {@code --trust}, the trustworthiness (k = 10) of the
 * embedding (computed after the clock stops).
 */
public final class TSNEBench {
    private TSNEBench() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = 1;
        boolean trust = false;
        String method = "barnes-hut";
        int maxIter = 1000;
        List<String> pos = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--method=")) {
                method = a.substring("--method=".length());
            } else if (a.startsWith("--max-iter=")) {
                maxIter = Integer.parseInt(a.substring("--max-iter=".length()));
            } else if (a.equals("--trust")) {
                trust = true;
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4) {
            System.err.println("usage: TSNEBench DATA_DIR NAME REPS THREADS [--warmup=N] [--trust] [--method=M] "
                    + "[--max-iter=N]");
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
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        TSNE tsne = TSNE.builder().seed(0).method(method).maxIter(maxIter).build();
        int w = Math.min(n, 2000);
        Dataset head = Dataset.wrap(Arrays.copyOf(x, w * d), w, d, Dataset.defaultNames(d), name);
        for (int i = 0; i < warmup; i++) {
            tsne.fit(head, ctx);
        }
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            TSNEModel m = tsne.fit(data, ctx);
            long t1 = System.nanoTime();
            String tw = trust ? Double.toString(Trustworthiness.score(data, m.embedding(), ctx)) : "null";
            System.out.println(String.format(Locale.ROOT, "{\"contender\": \"cumulo-%s\", \"java\": \"%s\", "
                            + "\"kernels\": \"%s\", \"workload\": \"%s\", \"rep\": %d, \"n\": %d, \"d\": %d, "
                            + "\"threads\": %d, \"method\": \"%s\", \"seconds\": %.6f, \"kl_divergence\": %s, "
                            + "\"n_iter\": %d, \"trustworthiness_10\": %s}",
                    Version.get(), System.getProperty("java.version"), VectorKernels.get().name(), name, rep, n, d,
                    threads, method, (t1 - t0) / 1e9, Double.toString(m.klDivergence()), m.iterations(), tw));
            System.out.flush();
        }
    }
}

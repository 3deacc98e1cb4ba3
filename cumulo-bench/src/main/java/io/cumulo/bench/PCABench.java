package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.ParamValues;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Times Cumulo's exact PCA ({@link PCA#fit}) on the {@code pca} workload of the shared benchmarks
 * ({@code gen_data.py}: 100,000 × 200, rank-20 signal plus noise, 10 components), so that its figures can be set
 * beside scikit-learn's {@code PCA(10, svd_solver="full")} (see {@code docs/benchmarks.md}, "PCA").
 *
 * <p>Usage: {@code PCABench DATA_DIR NAME REPS THREADS [--warmup=N] [--solver=exact|randomized] [--power-iterations=Q]}. Reads {@code NAME.meta} (n, d, components)
 * and {@code NAME.f64}; runs N untimed fits (default 2) so the JIT has compiled the loops, then REPS timed ones,
 * printing one JSON line each with the seconds and the explained-variance ratios (exact float64 text).
 */
public final class PCABench {
    private PCABench() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = 2;
        String solver = "exact";
        Integer power = null;
        List<String> pos = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--solver=")) {
                solver = a.substring("--solver=".length());
            } else if (a.startsWith("--power-iterations=")) {
                power = Integer.parseInt(a.substring("--power-iterations=".length()));
            } else if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4) {
            System.err.println("usage: PCABench DATA_DIR NAME REPS THREADS [--warmup=N] [--solver=exact|randomized] [--power-iterations=Q]");
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
        int k = workload.intValue("components");
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        ParamValues params = PCA.withComponents(k).params().with(PCA.SOLVER, solver);
        if (power != null) {
            params = params.with(PCA.POWER_ITERATIONS, power);
        }
        PCA pca = PCA.of(params);
        for (int i = 0; i < warmup; i++) {
            pca.fit(data, ctx);
        }
        for (int rep = 0; rep < reps; rep++) {
            System.gc();
            long t0 = System.nanoTime();
            PCAModel m = pca.fit(data, ctx);
            long t1 = System.nanoTime();
            String ratios = Arrays.stream(m.explainedVarianceRatio()).mapToObj(Double::toString)
                    .collect(Collectors.joining(", "));
            System.out.println(String.format(Locale.ROOT, "{\"contender\": \"cumulo-%s-%s\", \"java\": \"%s\", "
                            + "\"kernels\": \"%s\", \"workload\": \"%s\", \"rep\": %d, \"n\": %d, \"d\": %d, "
                            + "\"components\": %d, \"threads\": %d, \"seconds\": %.6f, \"ratios\": [%s]}",
                    Version.get(), solver + (power == null ? "" : "-q" + power), System.getProperty("java.version"),
                    VectorKernels.get().name(), name, rep, n, d,
                    k, threads, (t1 - t0) / 1e9, ratios));
            System.out.flush();
        }
    }
}

package io.cumulo.bench;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.profile.ClusterProfile;
import io.cumulo.profile.ClusterProfiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link ClusterProfiler} (what {@code cumulo profile} and every {@code cumulo cluster} run compute), on
 * seeded Gaussian blobs of the shape of a k-means workload (KM-A by default: 500,000 × 16, 16 blobs), labelled by
 * their blob.
 *
 * <p>Usage: {@code ProfileBench [ROWS [FEATURES [K [THREADS]]]] [--warmup=N] [--runs=R]}. After {@code N} untimed
 * runs (default 3), {@code R} timed runs (default 5), each printed as one JSON line with {@code seconds}; the
 * data are generated before the clock starts.
 */
public final class ProfileBench {
    private ProfileBench() {
    }

    public static void main(String[] args) {
        List<String> pos = new ArrayList<>();
        int warmup = 3;
        int runs = 5;
        for (String a : args) {
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring("--runs=".length()));
            } else {
                pos.add(a);
            }
        }
        int n = pos.size() > 0 ? Integer.parseInt(pos.get(0)) : 500_000;
        int d = pos.size() > 1 ? Integer.parseInt(pos.get(1)) : 16;
        int k = pos.size() > 2 ? Integer.parseInt(pos.get(2)) : 16;
        int threads = pos.size() > 3 ? Integer.parseInt(pos.get(3)) : Runtime.getRuntime().availableProcessors();
        SplittableRandom rng = new SplittableRandom(20261201);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (rng.nextDouble() * 2 - 1) * 10;
        }
        double[] x = new double[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                // Box-Muller: one normal deviate per pair of uniforms is enough here
                double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
                x[i * d + j] = centres[labels[i] * d + j] + g;
            }
        }
        Dataset data = Dataset.wrap(x, n, d, Dataset.defaultNames(d), "blobs");
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        for (int w = 0; w < warmup; w++) {
            ClusterProfiler.defaults().profile(data, labels, ctx);
        }
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            ClusterProfile p = ClusterProfiler.defaults().profile(data, labels, ctx);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "{\"rows\":%d,\"features\":%d,\"k\":%d,\"threads\":%d,\"seconds\":%.4f,"
                    + "\"groups\":%d}%n", n, d, k, threads, seconds, p.groups().size());
        }
    }
}

package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.cluster.KMedoids;
import io.cumulo.cluster.KMedoidsModel;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.exec.Sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times k-medoids fits (see the k-medoids section of {@code docs/benchmarks.md}). Workloads:
 * {@code digits} (builtin:digits, 1797 × 64, k = 10), {@code blobs10k} (10,000 × 16, 10 Gaussian blobs,
 * k = 10), {@code blobs10k-k100} (the same rows, k = 100) and {@code blobs200k} (200,000 × 2, 100 blobs,
 * k = 100; sampled methods only). Each (workload, method) pair runs one untimed fit, then {@code REPS}
 * timed fits of {@code build + fit}; one line per timed fit: workload, method, init, seconds, loss, rounds,
 * swaps.
 *
 * <p>Usage: {@code KMedoidsBench WORKLOADS METHODS REPS THREADS [--init=build|random] [--samples=N]
 * [--sample-size=N]}, e.g. {@code KMedoidsBench digits,blobs10k pam,fasterpam 3 2}. A method written
 * {@code fasterpam@M} runs FasterPAM on a seeded sample of M rows and reports the loss of its medoids on all
 * rows (a reference for the sampled methods).
 */
public final class KMedoidsBench {
    private KMedoidsBench() {
    }

    public static void main(String[] args) {
        List<String> pos = new ArrayList<>();
        String init = "build";
        Integer samples = null;
        Integer sampleSize = null;
        for (String a : args) {
            if (a.startsWith("--init=")) {
                init = a.substring("--init=".length());
            } else if (a.startsWith("--samples=")) {
                samples = Integer.valueOf(a.substring("--samples=".length()));
            } else if (a.startsWith("--sample-size=")) {
                sampleSize = Integer.valueOf(a.substring("--sample-size=".length()));
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 4) {
            System.err.println("usage: KMedoidsBench WORKLOADS METHODS REPS THREADS [--init=build|random]");
            System.exit(2);
        }
        int reps = Integer.parseInt(pos.get(2));
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(Integer.parseInt(pos.get(3)));
        System.out.printf(Locale.ROOT, "# Cumulo %s, Java %s, %d threads%n", Version.get(),
                System.getProperty("java.version"), ctx.threads());
        for (String w : pos.get(0).split(",")) {
            Dataset data = workload(w);
            int k = w.equals("digits") || w.equals("blobs10k") ? 10 : 100;
            for (String method : pos.get(1).split(",")) {
                String algo = method.contains("@") ? method.substring(0, method.indexOf('@')) : method;
                Dataset fitData = method.contains("@") ? data.selectRows(Sampling.sortedSample(
                        data.rows(), Integer.parseInt(method.substring(method.indexOf('@') + 1)), 1)) : data;
                KMedoids.Builder b = KMedoids.builder().k(k).method(algo).init(init);
                if (samples != null) {
                    b.samples(samples);
                }
                if (sampleSize != null) {
                    b.sampleSize(sampleSize);
                }
                KMedoids km = b.build();
                km.fit(fitData, ctx); // JIT warm-up
                double[] secs = new double[reps];
                for (int r = 0; r < reps; r++) {
                    System.gc();
                    Phases phases = new Phases();
                    long t0 = System.nanoTime();
                    phases.start(t0);
                    KMedoidsModel m = b.build().fit(fitData, ctx.withProgress(phases));
                    long t1 = System.nanoTime();
                    secs[r] = (t1 - t0) / 1e9;
                    System.out.println("  phases: " + phases.report(t1));
                    System.out.printf(Locale.ROOT, "%s n=%d d=%d k=%d %s init=%s: %.3f s, loss %.6f, %d rounds, "
                                    + "%d swaps%s%n", w, data.rows(), data.cols(), k, method, init, secs[r],
                            fitData == data ? m.loss() : m.loss(data),
                            m.iterations(), m.swaps(), m.summary().containsKey("sample_size")
                                    ? ", " + m.summary().get("samples") + " samples of " + m.summary().get("sample_size")
                                    : "");
                }
                Arrays.sort(secs);
                System.out.printf(Locale.ROOT, "%s %s init=%s: median %.3f s%n", w, method, init, secs[reps / 2]);
            }
        }
    }

    /** Time spent per phase, from the progress messages (their text up to a comma or digit). */
    static final class Phases implements ProgressListener {
        private final Map<String, Long> spent = new LinkedHashMap<>();
        private String current;
        private long since;

        void start(long t) {
            since = t;
            current = "setup";
        }

        @Override
        public void update(String task, long done, long total) {
            String phase = task.replaceAll("[,0-9/].*$", "").trim();
            long now = System.nanoTime();
            if (!phase.equals(current)) {
                spent.merge(current, now - since, Long::sum);
                current = phase;
                since = now;
            }
        }

        String report(long end) {
            spent.merge(current, end - since, Long::sum);
            StringBuilder sb = new StringBuilder();
            spent.forEach((p, ns) -> sb.append(String.format(Locale.ROOT, "%s %.3f s; ", p, ns / 1e9)));
            return sb.toString();
        }
    }

    static Dataset workload(String name) {
        switch (name) {
            case "digits":
                return DatasetReader.read("builtin:digits", ReadOptions.defaults()).withoutLabels();
            case "blobs10k":
            case "blobs10k-k100":
                return blobs(10_000, 16, 10, 10, 1);
            case "blobs200k":
                return blobs(200_000, 2, 100, 100, 2);
            default:
                throw new IllegalArgumentException("unknown workload " + name);
        }
    }

    /** {@code k} unit-variance Gaussian blobs around centres drawn uniformly in [-box, box]^d. */
    static Dataset blobs(int n, int d, int k, double box, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (rng.nextDouble() * 2 - 1) * box;
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                double u = rng.nextDouble();
                double v = rng.nextDouble();
                x[i * d + j] = centres[c * d + j] + Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
            }
        }
        return Dataset.wrap(x, n, d, Dataset.defaultNames(d), name(n, d));
    }

    private static String name(int n, int d) {
        return "blobs " + n + "x" + d;
    }
}

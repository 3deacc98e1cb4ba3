package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.metrics.AdjustedMutualInformation;
import io.cumulo.metrics.ClusteringAccuracy;
import io.cumulo.metrics.ContingencyTable;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.metrics.HungarianAlgorithm;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Times the external indices (see "External indices" in {@code docs/benchmarks.md}). Labelings come from the
 * generator of {@code tools/reference/make_external_metrics_reference.py} (splitmix64 draws; row i's class is draw
 * 3i mod classes, its cluster the class mod clusters with probability AGREE %, else draw 3i+2 mod clusters), so
 * {@code bench/external_metrics_sklearn.py} times scikit-learn on the very same labels. Workloads
 * {@code N:CLASSES:CLUSTERS:AGREE}, e.g. {@code 100000:100:100:30}; {@code singletons:N:CLASSES} (every row its
 * own cluster); {@code hungarian:S} (the matching alone on an S × S matrix of random counts 0..999) and
 * {@code hungarian-ij:S} (the same with weights i·j, the slowest kind of matrix found).
 *
 * <p>For each workload: one untimed run, then REPS timed runs of the contingency table, the AMI (its expected
 * mutual information included), the accuracy (Hungarian matching), and everything ({@link ExternalMetrics#of}).
 * Prints the median of each and the values, one line per workload.
 *
 * <p>Usage: {@code ExternalMetricsBench WORKLOADS REPS}, e.g.
 * {@code ExternalMetricsBench 100000:100:100:30,1000000:100:100:30 5}.
 */
public final class ExternalMetricsBench {
    private ExternalMetricsBench() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ExternalMetricsBench WORKLOADS REPS");
            System.exit(2);
        }
        int reps = Integer.parseInt(args[1]);
        System.out.printf(Locale.ROOT, "# Cumulo %s, Java %s; medians of %d runs after one untimed run%n", Version.get(),
                System.getProperty("java.version"), reps);
        for (String w : args[0].split(",")) {
            String[] f = w.split(":");
            if (f[0].equals("hungarian") || f[0].equals("hungarian-ij")) {
                hungarian(Integer.parseInt(f[1]), f[0].equals("hungarian-ij"), reps);
                continue;
            }
            int[][] tp = f[0].equals("singletons") ? singletons(Integer.parseInt(f[1]), Integer.parseInt(f[2]))
                    : generate(Integer.parseInt(f[0]), 1, Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                            Integer.parseInt(f[3]));
            int[] t = tp[0];
            int[] p = tp[1];
            ContingencyTable table = ContingencyTable.of(t, p);
            double tableMs = median(reps, () -> ContingencyTable.of(t, p));
            double amiMs = median(reps, () -> AdjustedMutualInformation.score(table));
            double accMs = ClusteringAccuracy.isTractable(table) ? median(reps, () -> ClusteringAccuracy.score(table)) : Double.NaN;
            double allMs = median(reps, () -> ExternalMetrics.of(t, p));
            ExternalMetrics m = ExternalMetrics.of(t, p);
            System.out.printf(Locale.ROOT, "%s n=%d classes=%d clusters=%d: table %.2f ms, ami %.2f ms, accuracy %.2f ms, "
                            + "all %.2f ms; ari %.10f ami %.10f accuracy %s%n", w, t.length, table.numClasses(),
                    table.numClusters(), tableMs, amiMs, accMs, allMs, m.ari(), m.ami(), m.accuracy());
        }
    }

    private static double median(int reps, Supplier<Object> run) {
        Object keep = run.get(); // warm-up
        double[] ms = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            keep = run.get();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        if (keep == null) {
            throw new AssertionError();
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    /** The matching alone: random counts 0..999, or (the slowest kind found) weights i·j. */
    private static void hungarian(int s, boolean product, int reps) {
        SplittableRandom rnd = new SplittableRandom(s);
        long[][] w = new long[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                w[i][j] = product ? (long) i * j : rnd.nextInt(1000);
            }
        }
        double ms = median(reps, () -> HungarianAlgorithm.maximumWeight(w));
        System.out.printf(Locale.ROOT, "hungarian %d x %d, %s: %.1f ms (s^3 = %.1e)%n", s, s,
                product ? "weights i*j" : "random counts", ms, (double) s * s * s);
    }

    /** As ExternalMetricsReferenceTest.generate, with offsets 0 and strides 1. */
    static int[][] generate(int n, long seed, long classes, long clusters, long agreePercent) {
        long base = seed << 32;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            long c = Long.remainderUnsigned(splitmix64(base + 3L * i), classes);
            t[i] = (int) c;
            p[i] = (int) (Long.remainderUnsigned(splitmix64(base + 3L * i + 1), 100) < agreePercent
                    ? c % clusters : Long.remainderUnsigned(splitmix64(base + 3L * i + 2), clusters));
        }
        return new int[][] {t, p};
    }

    static int[][] singletons(int n, long classes) {
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = (int) Long.remainderUnsigned(splitmix64(3L * i), classes);
            p[i] = i;
        }
        return new int[][] {t, p};
    }

    static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.KnnGraph;
import io.cumulo.neighbors.NeighborIndex;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times Cumulo's neighbour indexes on the workloads of {@code bench/neighbors.sh} (written by
 * {@code bench/neighbors_sklearn.py gen} and {@code gen_data.py dbscan}), so that its figures can be set beside
 * scikit-learn's {@code KDTree}, {@code BallTree} and {@code NearestNeighbors} on the same rows and queries (see
 * {@code docs/benchmarks.md}, "Nearest neighbours").
 *
 * <p>Usage: {@code NeighborsBench DATA_DIR NAME TASK INDEX REPS THREADS [--answers=FILE] [--metric=M] [--warmup=N]}.
 * TASK is {@code knn:K} (the K nearest of every row, the row itself included: {@code NeighborIndex.nearest} on the
 * indexed rows) or {@code radius:R} (how many rows lie within R of every row: {@code countWithin}); INDEX is
 * {@code auto}, {@code kd-tree}, {@code ball-tree} or {@code brute}. N untimed runs (default 1) on the first 20,000
 * rows warm the JIT; then REPS timed runs on all rows, one JSON line each with the build and query seconds. With
 * {@code --answers} (scikit-learn's answers, int32, as {@code neighbors_sklearn.py} writes them) each run also reports
 * how many answers agree: for kNN the neighbour ids slot by slot, a differing id counted as a tie when its distance
 * equals the one in that slot (scikit-learn does not order equal distances by row); for radius counts, the counts.
 */
public final class NeighborsBench {
    private NeighborsBench() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = 1;
        String answers = null;
        Distance metric = Distance.EUCLIDEAN;
        List<String> pos = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--warmup=")) {
                warmup = Integer.parseInt(a.substring("--warmup=".length()));
            } else if (a.startsWith("--answers=")) {
                answers = a.substring("--answers=".length());
            } else if (a.startsWith("--metric=")) {
                metric = Distance.parse(a.substring("--metric=".length()));
            } else {
                pos.add(a);
            }
        }
        if (pos.size() != 6) {
            System.err.println("usage: NeighborsBench DATA_DIR NAME knn:K|radius:R auto|kd-tree|ball-tree|brute REPS "
                    + "THREADS [--answers=FILE] [--metric=M] [--warmup=N]");
            System.exit(2);
        }
        Path dir = Path.of(pos.get(0));
        String name = pos.get(1);
        String task = pos.get(2);
        NeighborIndex.Kind kind = NeighborIndex.Kind.parse(pos.get(3));
        int reps = Integer.parseInt(pos.get(4));
        int threads = Integer.parseInt(pos.get(5));
        Workload workload = Workload.read(dir, name);
        int n = workload.data().rows();
        int d = workload.data().cols();
        double[] x = workload.data().rawValues();
        boolean knn = task.startsWith("knn:");
        int k = knn ? Integer.parseInt(task.substring(4)) : 0;
        double r = knn ? 0 : Double.parseDouble(task.substring("radius:".length()));
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads);
        int w = Math.min(n, 20000);
        double[] head = Arrays.copyOf(x, w * d);
        for (int i = 0; i < warmup; i++) {
            NeighborIndex index = NeighborIndex.build(head, w, d, metric, kind, ctx);
            if (knn) {
                index.nearest(head, w, Math.min(k, w), ctx);
            } else {
                index.countWithin(head, w, r, ctx);
            }
        }
        int[] expected = answers == null ? null : SilhouetteBench.readI32(Path.of(answers), knn ? n * k : n);
        for (int rep = 0; rep < reps; rep++) {
            System.gc();
            long t0 = System.nanoTime();
            NeighborIndex index = NeighborIndex.build(x, n, d, metric, kind, ctx);
            long t1 = System.nanoTime();
            KnnGraph g = null;
            int[] counts = null;
            if (knn) {
                g = index.nearest(x, n, k, ctx);
            } else {
                counts = index.countWithin(x, n, r, ctx);
            }
            long t2 = System.nanoTime();
            String agreement = "";
            if (expected != null) {
                agreement = knn ? knnAgreement(g, expected, x, d, metric) : countAgreement(counts, expected);
            }
            long total = 0;
            if (!knn) {
                for (int c : counts) {
                    total += c;
                }
            }
            System.out.println(String.format(Locale.ROOT, "{\"contender\": \"cumulo-%s\", \"structure\": \"%s\", "
                            + "\"java\": \"%s\", \"kernels\": \"%s\", \"workload\": \"%s\", \"task\": \"%s\", "
                            + "\"rep\": %d, \"n\": %d, \"d\": %d, \"threads\": %d, \"build_seconds\": %.6f, "
                            + "\"query_seconds\": %.6f, \"seconds\": %.6f%s%s}",
                    Version.get(), index.kind().id(), System.getProperty("java.version"), VectorKernels.get().name(),
                    name, task, rep, n, d, threads, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t2 - t0) / 1e9,
                    knn ? "" : ", \"total_count\": " + total, agreement));
            System.out.flush();
        }
    }

    private static String knnAgreement(KnnGraph g, int[] expected, double[] x, int d, Distance metric) {
        int k = g.k();
        long same = 0;
        long ties = 0;
        long other = 0;
        for (int i = 0; i < g.rows(); i++) {
            for (int j = 0; j < k; j++) {
                int theirs = expected[i * k + j];
                if (theirs == g.index(i, j)) {
                    same++;
                } else if (metric.between(x, i * d, x, theirs * d, d) == g.distance(i, j)) {
                    ties++;
                } else {
                    other++;
                }
            }
        }
        return String.format(Locale.ROOT, ", \"ids_same\": %d, \"ids_tied\": %d, \"ids_differ\": %d", same, ties, other);
    }

    private static String countAgreement(int[] counts, int[] expected) {
        long same = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == expected[i]) {
                same++;
            }
        }
        return String.format(Locale.ROOT, ", \"counts_same\": %d, \"counts_differ\": %d", same, counts.length - same);
    }
}

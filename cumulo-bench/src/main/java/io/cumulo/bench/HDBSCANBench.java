package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.cluster.density.HDBSCAN;
import io.cumulo.cluster.density.HDBSCANModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Times HDBSCAN's fit (core distances, spanning tree, condensed tree, selection, labels, strengths and outlier
 * scores: what R's {@code dbscan::hdbscan} returns) on a shared workload ({@code NAME.f64} + {@code NAME.meta}, see
 * {@link Workload}). One untimed fit, then REPS timed ones (a negative REPS: |REPS| timed fits and no untimed one, for
 * the large inputs); one JSON line per timed fit with {@code seconds}, the seconds of each stage (from the progress
 * messages), {@code n_clusters}, {@code n_noise}, the spanning tree algorithm and {@code heap_mb} (in use after the
 * fit), then the median on stderr.
 *
 * <p>Usage: {@code HDBSCANBench DIR NAME REPS THREADS MIN_CLUSTER_SIZE MIN_SAMPLES [INDEX [ROWS]]}, e.g.
 * {@code HDBSCANBench bench-data hdbscan 5 2 25 10 auto}; ROWS &gt; 0 takes the workload's first ROWS rows only (the
 * sizes R can be timed at).
 */
public final class HDBSCANBench {
    private HDBSCANBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: HDBSCANBench DIR NAME REPS THREADS MIN_CLUSTER_SIZE MIN_SAMPLES [INDEX [ROWS]]");
            System.exit(2);
        }
        Workload w = Workload.read(Path.of(args[0]), args[1]);
        Dataset data = w.data();
        int rows = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        if (rows > 0 && rows < data.rows()) {
            int[] first = new int[rows];
            for (int i = 0; i < rows; i++) {
                first[i] = i;
            }
            data = data.selectRows(first);
        }
        int given = Integer.parseInt(args[2]);
        int reps = Math.abs(given);
        int threads = Integer.parseInt(args[3]);
        HDBSCAN h = HDBSCAN.builder().minClusterSize(Integer.parseInt(args[4])).minSamples(Integer.parseInt(args[5]))
                .index(args.length > 6 ? args[6] : "auto").build();
        System.err.printf(Locale.ROOT, "# Cumulo %s, Java %s, %d threads, %s: %d x %d, %s%n", Version.get(),
                System.getProperty("java.version"), threads, w.name(), data.rows(), data.cols(), h);
        if (given > 0) {
            h.fit(data, ExecutionContext.defaults().withThreads(threads));
        }
        double[] secs = new double[reps];
        for (int r = 0; r < reps; r++) {
            Map<String, Double> stages = new LinkedHashMap<>();
            long[] last = {System.nanoTime()};
            String[] current = {null};
            ExecutionContext ctx = ExecutionContext.defaults().withThreads(threads).withProgress((task, done, total) -> {
                String stage = task.startsWith("hdbscan: Borůvka") ? "hdbscan: spanning tree" : task;
                if (!stage.equals(current[0])) {
                    long now = System.nanoTime();
                    if (current[0] != null) {
                        stages.merge(current[0], (now - last[0]) / 1e9, Double::sum);
                    }
                    current[0] = stage;
                    last[0] = now;
                }
            });
            long t0 = System.nanoTime();
            HDBSCANModel m = h.fit(data, ctx);
            long t1 = System.nanoTime();
            if (current[0] != null) {
                stages.merge(current[0], (t1 - last[0]) / 1e9, Double::sum);
            }
            secs[r] = (t1 - t0) / 1e9;
            int noise = (int) Arrays.stream(m.labels()).filter(l -> l < 0).count();
            StringBuilder sb = new StringBuilder();
            stages.forEach((k, v) -> sb.append(String.format(Locale.ROOT, ",\"%s\":%.4f",
                    k.replace("hdbscan: ", "").replace(' ', '_'), v)));
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "{\"tool\":\"cumulo\",\"workload\":\"%s\",\"rows\":%d,\"seconds\":%.4f%s,"
                            + "\"n_clusters\":%d,\"n_noise\":%d,\"mst\":\"%s\",\"heap_mb\":%d}%n", w.name(),
                    data.rows(), secs[r], sb, m.numClusters(), noise, m.spanningTreeAlgorithm(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
        Arrays.sort(secs);
        System.err.printf(Locale.ROOT, "%s: median %.4f s over %d fits%n", w.name(), secs[reps / 2], reps);
    }
}

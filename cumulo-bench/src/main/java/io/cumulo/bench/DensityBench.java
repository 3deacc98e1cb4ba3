package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.cluster.Clusterer;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.estimator.Reachability;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.Registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Times a density clustering ({@code dbscan}, {@code optics}) on a {@code .npy} or CSV input: the fit alone, no file
 * reading. One untimed fit unless REPS is negative, then |REPS| timed ones; one JSON line per timed fit: {@code
 * algorithm}, {@code rows}, {@code seconds}, {@code clusters}, {@code noise}, {@code heap_mb} (heap in use after the
 * fit), {@code index}. With {@code labels=FILE} the last fit's labels are written there, one per line, for the bench
 * script to compare with scikit-learn's; with {@code ordering=FILE} (optics) the OPTICS ordering likewise.
 *
 * <p>Usage: {@code DensityBench INPUT ALGORITHM REPS THREADS [NAME=VALUE ...] [labels=FILE] [ordering=FILE]}, e.g.
 * {@code DensityBench bench-data/dbscan.npy dbscan 3 2 eps=0.3 min-samples=10 labels=/tmp/labels.txt}.
 */
public final class DensityBench {
    private DensityBench() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: DensityBench INPUT dbscan|optics REPS THREADS [NAME=VALUE ...] [labels=FILE]");
            System.exit(2);
        }
        Dataset data = DatasetReader.read(args[0], ReadOptions.defaults());
        String algorithm = args[1];
        int given = Integer.parseInt(args[2]);
        int reps = Math.abs(given);
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(Integer.parseInt(args[3]));
        Map<String, String> params = new LinkedHashMap<>();
        Path labelsOut = null;
        Path orderingOut = null;
        for (int i = 4; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv[0].equals("labels")) {
                labelsOut = Path.of(kv[1]);
            } else if (kv[0].equals("ordering")) {
                orderingOut = Path.of(kv[1]);
            } else {
                params.put(kv[0], kv[1]);
            }
        }
        Clusterer<?> c = Registry.clustering(algorithm).create(params);
        System.err.printf(Locale.ROOT, "# Cumulo %s, Java %s, %d threads, %d x %d, %s %s%n", Version.get(),
                System.getProperty("java.version"), ctx.threads(), data.rows(), data.cols(), algorithm, c.params());
        if (given > 0) {
            c.fit(data, ctx);
        }
        double[] secs = new double[reps];
        ClusteringModel m = null;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            m = c.fit(data, ctx);
            secs[r] = (System.nanoTime() - t0) / 1e9;
            int[] labels = m.labels();
            long noise = Arrays.stream(labels).filter(l -> l < 0).count();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "{\"contender\":\"cumulo\",\"algorithm\":\"%s\",\"rows\":%d,\"seconds\":%.4f,"
                            + "\"clusters\":%d,\"noise\":%d,\"heap_mb\":%d,\"threads\":%d,\"params\":\"%s\"}%n", algorithm,
                    data.rows(), secs[r], m.numClusters(), noise, (rt.totalMemory() - rt.freeMemory()) >> 20,
                    ctx.threads(), c.params());
        }
        Arrays.sort(secs);
        System.err.printf(Locale.ROOT, "%s: median %.4f s%n", algorithm, secs[reps / 2]);
        if (labelsOut != null && m != null) {
            write(labelsOut, m.labels());
        }
        if (orderingOut != null && m != null) {
            write(orderingOut, m.as(Reachability.class).orElseThrow().ordering());
        }
    }

    private static void write(Path p, int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(v).append('\n');
        }
        try {
            Files.writeString(p, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

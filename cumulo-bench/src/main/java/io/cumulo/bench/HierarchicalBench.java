package io.cumulo.bench;

import io.cumulo.Version;
import io.cumulo.cluster.hierarchical.Agglomerative;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.ExecutionContext;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times the agglomerative tree (SciPy's linkage matrix, no cut, no cophenetic correlation: what fastcluster's
 * {@code linkage} computes) on a {@code .npy} or CSV input. One untimed fit, then REPS timed ones; one JSON line per
 * timed fit: {@code linkage}, {@code route}, {@code seconds}, {@code top_height}, {@code heap_mb} (the heap in use
 * after the fit), and the median.
 *
 * <p>Usage: {@code HierarchicalBench INPUT LINKAGES REPS THREADS [ROUTE]}, e.g.
 * {@code HierarchicalBench bench-data/ward.npy ward,single,average 5 2 auto}. A negative REPS times |REPS| fits with
 * no untimed fit first (the large inputs of the scaling curve, where one fit is minutes).
 */
public final class HierarchicalBench {
    private HierarchicalBench() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: HierarchicalBench INPUT LINKAGES REPS THREADS [auto|matrix]");
            System.exit(2);
        }
        Dataset data = DatasetReader.read(args[0], ReadOptions.defaults());
        int given = Integer.parseInt(args[2]);
        int reps = Math.abs(given);
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(Integer.parseInt(args[3]));
        String route = args.length > 4 ? args[4] : "auto";
        System.err.printf(Locale.ROOT, "# Cumulo %s, Java %s, %d threads, %d x %d%n", Version.get(),
                System.getProperty("java.version"), ctx.threads(), data.rows(), data.cols());
        for (String linkage : args[1].split(",")) {
            Agglomerative a = Agglomerative.builder().k(2).linkage(linkage).route(route).build();
            if (given > 0) {
                a.tree(data, ctx);
            }
            double[] secs = new double[reps];
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                ClusterTree t = a.tree(data, ctx);
                secs[r] = (System.nanoTime() - t0) / 1e9;
                Runtime rt = Runtime.getRuntime();
                System.out.printf(Locale.ROOT, "{\"linkage\":\"%s\",\"route\":\"%s\",\"rows\":%d,\"seconds\":%.4f,"
                                + "\"top_height\":%s,\"heap_mb\":%d}%n", linkage, route, data.rows(), secs[r],
                        Double.toString(t.height(t.merges() - 1)), (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
            Arrays.sort(secs);
            System.err.printf(Locale.ROOT, "%s %s: median %.4f s%n", linkage, route, secs[reps / 2]);
        }
    }
}

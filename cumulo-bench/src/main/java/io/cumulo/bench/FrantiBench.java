package io.cumulo.bench;

import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.CentroidIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Solution quality on P. Fränti's clustering benchmark sets: the centroid index (CI) of k-means against the
 * sets' ground-truth centroids, with restarts alone and with random-swap refinement. The sets are not in the
 * repository (their licence does not allow it); pass the folder holding them.
 *
 * <p>Usage: {@code FrantiBench DIR [SEEDS] [TRIALS] [SETS]}: for each set and seed 0..SEEDS−1, prints one line with
 * CI, SSE and time for k-means++ with 10 restarts, and for the same plus {@code refine=swap} with TRIALS trials.
 */
public final class FrantiBench {
    private FrantiBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/franti");
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int trials = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        ExecutionContext ctx = ExecutionContext.defaults();
        List<String> names = args.length > 3 ? List.of(args[3].split(","))
                : List.of("s1", "s2", "s3", "s4", "a1", "a2", "a3", "unbalance", "birch1", "birch2", "dim032", "dim064",
                        "dim128", "dim256", "dim512");
        for (String name : names) {
            Path data = dir.resolve(name + ".csv");
            Path gt = dir.resolve(name + "_centroids.csv");
            if (!Files.exists(data)) {
                System.out.println(name + ": missing, skipped");
                continue;
            }
            String label = Files.readAllLines(data).get(0).replaceAll(".*,", "");
            Dataset x = DatasetReader.read(data.toString(), ReadOptions.builder().labelColumn(label).build());
            // ground truth: the published centroids, else (DIM-64 and up) the mean of each labelled cluster
            double[] truthCentres = Files.exists(gt) ? DatasetReader.read(gt.toString(), ReadOptions.defaults()).rawValues()
                    : labelMeans(x);
            int k = truthCentres.length / x.cols();
            for (int seed = 0; seed < seeds; seed++) {
                for (String refine : new String[] {"none", "swap"}) {
                    long t0 = System.nanoTime();
                    KMeansModel m = KMeans.builder().k(k).nInit(10).seed(seed).refine(refine).swapTrials(trials).build()
                            .fit(x, ctx);
                    double s = (System.nanoTime() - t0) / 1e9;
                    int ci = CentroidIndex.of(m.centresFlat(), k, truthCentres, k, x.cols());
                    System.out.printf(Locale.ROOT, "%-10s k=%3d seed=%d refine=%-4s CI=%d SSE=%.6e %.2f s%n", name, k, seed,
                            refine, ci, m.inertia(), s);
                }
            }
        }
    }

    private static double[] labelMeans(Dataset x) {
        int[] codes = x.labels().orElseThrow().codes();
        int k = x.labels().orElseThrow().categories().size();
        int d = x.cols();
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int i = 0; i < x.rows(); i++) {
            counts[codes[i]]++;
            for (int l = 0; l < d; l++) {
                sums[codes[i] * d + l] += x.get(i, l);
            }
        }
        for (int c = 0; c < k; c++) {
            for (int l = 0; l < d; l++) {
                sums[c * d + l] /= counts[c];
            }
        }
        return sums;
    }
}

package io.cumulo.cluster;

import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.linalg.VectorKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means‖ seeding (B. Bahmani, B. Moseley, A. Vattani, R. Kumar, S. Vassilvitskii, "Scalable k-means++",
 * PVLDB 5(7), 2012): instead of k sequential draws, a few rounds each sample every row independently with
 * probability {@code min(1, ℓ·w·D²/φ)} (oversampling {@code ℓ = 2k}, 5 rounds as the paper recommends); the
 * candidates are weighted by how many rows they attract and reduced to k by weighted k-means++ and Lloyd.
 * Its passes over the data are independent of each other's order, which is what a distributed engine needs.
 *
 * <p>Each row's coin comes from a generator seeded by the round and the row's fixed chunk, so the result does
 * not depend on threads.
 */
final class KMeansParallelInit {
    static final int ROUNDS = 5;

    private KMeansParallelInit() {
    }

    static double[] seed(double[] x, int n, int d, double[] w, int k, SplittableRandom rng, Chunks chunks,
                         ExecutionContext ctx, String source) {
        VectorKernels kernels = VectorKernels.get();
        double oversampling = 2.0 * k;
        List<Integer> candidates = new ArrayList<>();
        candidates.add(w == null ? rng.nextInt(n) : KMeansPlusPlus.sampleByWeight(w, rng.nextDouble()));
        double[] closest = new double[n];
        Arrays.fill(closest, Double.POSITIVE_INFINITY);
        int nc = chunks.count();
        double[] chunkPot = new double[nc];
        int[] near = new int[n];
        int from = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            // distance to the nearest of the candidates added last round (found by the nearest-centre kernel, then
            // measured exactly), and the potential φ
            int[] fresh = candidates.subList(from, candidates.size()).stream().mapToInt(Integer::intValue).toArray();
            double[] freshRows = new double[fresh.length * d];
            for (int t = 0; t < fresh.length; t++) {
                System.arraycopy(x, fresh[t] * d, freshRows, t * d, d);
            }
            CentreTable table = new CentreTable(freshRows, fresh.length, d, kernels);
            ctx.parallelFor(nc, c -> {
                table.assign(kernels, x, chunks.start(c), chunks.end(c), near);
                double s = 0;
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    double dd = kernels.squaredDistance(x, i * d, freshRows, near[i] * d, d);
                    if (dd < closest[i]) {
                        closest[i] = dd;
                    }
                    s += (w == null ? 1 : w[i]) * closest[i];
                }
                chunkPot[c] = s;
            });
            from = candidates.size();
            if (round == ROUNDS) {
                break;
            }
            double phi = 0;
            for (double v : chunkPot) {
                phi += v;
            }
            if (!(phi > 0)) {
                break; // every row coincides with a candidate
            }
            long roundSeed = rng.nextLong();
            List<List<Integer>> picked = new ArrayList<>();
            for (int c = 0; c < nc; c++) {
                picked.add(new ArrayList<>());
            }
            final double p = phi;
            ctx.parallelFor(nc, c -> {
                SplittableRandom coins = new SplittableRandom(roundSeed ^ (0x9E3779B97F4A7C15L * (c + 1)));
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    double prob = oversampling * (w == null ? 1 : w[i]) * closest[i] / p;
                    if (coins.nextDouble() < prob) {
                        picked.get(c).add(i);
                    }
                }
            });
            for (List<Integer> l : picked) {
                candidates.addAll(l);
            }
        }
        int m = candidates.size();
        if (m <= k) {
            // too few candidates to choose from: fall back to k-means++ on the data (which reports too few distinct rows)
            return KMeansPlusPlus.seed(x, n, d, w, k, rng, chunks, ctx, source);
        }
        // weight of each candidate: the rows (weights) nearest to it
        double[] cand = new double[m * d];
        for (int t = 0; t < m; t++) {
            System.arraycopy(x, candidates.get(t) * d, cand, t * d, d);
        }
        double[][] chunkWeights = new double[nc][m];
        CentreTable table = new CentreTable(cand, m, d, kernels);
        ctx.parallelFor(nc, c -> {
            table.assign(kernels, x, chunks.start(c), chunks.end(c), near);
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                chunkWeights[c][near[i]] += w == null ? 1 : w[i];
            }
        });
        double[] cw = new double[m];
        for (double[] row : chunkWeights) {
            for (int t = 0; t < m; t++) {
                cw[t] += row[t];
            }
        }
        Dataset weighted = Dataset.wrap(cand, m, d, Dataset.defaultNames(d), source + " (k-means|| candidates)")
                .withWeights(cw, "weight");
        KMeansModel reduced = KMeans.builder().k(k).nInit(1).seed(rng.nextLong()).build()
                .fit(weighted, ctx.withProgress(ProgressListener.NONE));
        return reduced.centresFlat();
    }
}

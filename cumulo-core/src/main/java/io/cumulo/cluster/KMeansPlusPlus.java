package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding: each new centre is the best (lowest resulting potential) of
 * {@code 2 + ⌊ln k⌋} candidates drawn with probability proportional to weight × squared distance to the
 * nearest centre chosen so far. Arthur &amp; Vassilvitskii, "k-means++: the advantages of careful seeding"
 * (SODA 2007), section 6 for the greedy variant; the number of trials follows scikit-learn.
 *
 * <p>Work is split into fixed chunks and reduced in chunk order, so the result does not depend on threads.
 */
final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    static double[] seed(double[] x, int n, int d, double[] w, int k, SplittableRandom rng, Chunks chunks,
                         ExecutionContext ctx, String source) {
        VectorKernels kernels = VectorKernels.get();
        int trials = 2 + (int) StrictMath.log(k);
        double[] centres = new double[k * d];
        int first = w == null ? rng.nextInt(n) : sampleByWeight(w, rng.nextDouble());
        System.arraycopy(x, first * d, centres, 0, d);
        double[] closest = new double[n];
        int nc = chunks.count();
        double[] chunkPot = new double[nc];
        ctx.parallelFor(nc, c -> {
            double s = 0;
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                closest[i] = kernels.squaredDistance(x, i * d, centres, 0, d);
                s += w == null ? closest[i] : w[i] * closest[i];
            }
            chunkPot[c] = s;
        });
        double pot = sum(chunkPot);
        int[] candidates = new int[trials];
        double[] candPot = new double[nc * trials];
        for (int c = 1; c < k; c++) {
            if (!(pot > 0)) {
                throw fewerDistinctRows(k, source);
            }
            for (int t = 0; t < trials; t++) {
                candidates[t] = sample(closest, w, chunkPot, chunks, rng.nextDouble() * pot);
            }
            ctx.parallelFor(nc, ch -> {
                for (int t = 0; t < trials; t++) {
                    int cand = candidates[t];
                    double s = 0;
                    for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                        double dist = Math.min(closest[i], kernels.squaredDistance(x, i * d, x, cand * d, d));
                        s += w == null ? dist : w[i] * dist;
                    }
                    candPot[ch * trials + t] = s;
                }
            });
            int best = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double s = 0;
                for (int ch = 0; ch < nc; ch++) {
                    s += candPot[ch * trials + t];
                }
                if (s < bestPot) {
                    bestPot = s;
                    best = t;
                }
            }
            int chosen = candidates[best];
            int offset = c * d;
            System.arraycopy(x, chosen * d, centres, offset, d);
            ctx.parallelFor(nc, ch -> {
                double s = 0;
                for (int i = chunks.start(ch); i < chunks.end(ch); i++) {
                    double dist = kernels.squaredDistance(x, i * d, centres, offset, d);
                    if (dist < closest[i]) {
                        closest[i] = dist;
                    }
                    s += w == null ? closest[i] : w[i] * closest[i];
                }
                chunkPot[ch] = s;
            });
            pot = sum(chunkPot);
        }
        return centres;
    }

    static CumuloException fewerDistinctRows(int k, String source) {
        return new CumuloException("k=" + k + " but " + source + " has fewer than " + k
                + " distinct rows, so some clusters would be empty or identical; choose a smaller k");
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /** Index drawn with probability ∝ w·closest, given the target {@code r} in [0, total potential). */
    private static int sample(double[] closest, double[] w, double[] chunkPot, Chunks chunks, double r) {
        int nc = chunks.count();
        int c = 0;
        double acc = 0;
        while (c < nc - 1 && acc + chunkPot[c] <= r) {
            acc += chunkPot[c];
            c++;
        }
        int last = -1;
        for (int i = chunks.start(c); i < chunks.end(c); i++) {
            double m = w == null ? closest[i] : w[i] * closest[i];
            if (m > 0) {
                acc += m;
                last = i;
                if (acc > r) {
                    return i;
                }
            }
        }
        if (last >= 0) {
            return last; // rounding left the running sum just short of r
        }
        // this chunk has no mass left (possible only through rounding): take the last point with mass anywhere
        for (int i = closest.length - 1; i >= 0; i--) {
            if ((w == null ? closest[i] : w[i] * closest[i]) > 0) {
                return i;
            }
        }
        return 0;
    }

    static int sampleByWeight(double[] w, double u) {
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double r = u * total;
        double acc = 0;
        int last = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                acc += w[i];
                last = i;
                if (acc > r) {
                    return i;
                }
            }
        }
        return last;
    }

    /**
     * Random seeding: {@code k} distinct rows, uniformly (or with probability ∝ weight, without replacement,
     * by Efraimidis–Spirakis keys).
     */
    static double[] randomRows(double[] x, int n, int d, double[] w, int k, SplittableRandom rng, String source) {
        int[] chosen = new int[k];
        if (w == null) {
            chosen = Sampling.withoutReplacement(n, k, rng);
        } else {
            int positive = 0;
            for (double v : w) {
                if (v > 0) {
                    positive++;
                }
            }
            if (positive < k) {
                throw new CumuloException("k=" + k + " but only " + positive + " rows of " + source
                        + " have a positive weight");
            }
            double[] keys = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rng.nextDouble();
                keys[i] = w[i] > 0 ? Math.log(1 - u) / w[i] : Double.NEGATIVE_INFINITY;
            }
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            Arrays.sort(idx, (a, b) -> {
                int cmp = Double.compare(keys[b], keys[a]);
                return cmp != 0 ? cmp : Integer.compare(a, b);
            });
            for (int i = 0; i < k; i++) {
                chosen[i] = idx[i];
            }
        }
        double[] centres = new double[k * d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(x, chosen[i] * d, centres, i * d, d);
        }
        return centres;
    }
}

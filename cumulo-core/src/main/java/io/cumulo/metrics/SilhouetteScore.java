package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;

/**
 * Silhouette (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of cluster
 * analysis", J. Comput. Appl. Math. 20, 1987) under a {@link Distance} (Euclidean unless given): for each row,
 * {@code a} is its mean distance to the other members of its cluster, {@code b} the smallest mean distance to
 * another cluster, {@code s = (b − a) / max(a, b)}, and 0 for rows alone in their cluster. Rows labelled
 * {@code -1} (noise) are left out. A clustering made under another distance (k-medoids with {@code metric})
 * should be judged under that distance. Exact computation streams over the rows, so memory stays
 * O(n + threads × k).
 */
public final class SilhouetteScore {
    private SilhouetteScore() {
    }

    /** Mean Euclidean silhouette over all (non-noise) rows. */
    public static double score(Dataset data, int[] labels, ExecutionContext ctx) {
        return score(data, labels, Distance.EUCLIDEAN, ctx);
    }

    /** Mean silhouette under {@code distance} over all (non-noise) rows. */
    public static double score(Dataset data, int[] labels, Distance distance, ExecutionContext ctx) {
        double[] s = samples(data, labels, distance, ctx);
        double sum = 0;
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (labels[i] >= 0) {
                sum += s[i];
                m++;
            }
        }
        return sum / m;
    }

    /**
     * Silhouette of a seeded random sample of {@code sampleSize} rows, computed among those rows only (as
     * scikit-learn's {@code sample_size}); exact when {@code sampleSize ≥ rows}.
     */
    public static double sampledScore(Dataset data, int[] labels, int sampleSize, long seed, ExecutionContext ctx) {
        return sampledScore(data, labels, sampleSize, seed, Distance.EUCLIDEAN, ctx);
    }

    /** As {@link #sampledScore(Dataset, int[], int, long, ExecutionContext)}, under {@code distance}. */
    public static double sampledScore(Dataset data, int[] labels, int sampleSize, long seed, Distance distance,
                                      ExecutionContext ctx) {
        int n = data.rows();
        if (sampleSize >= n) {
            return score(data, labels, distance, ctx);
        }
        int[] pick = io.cumulo.exec.Sampling.sortedSample(n, sampleSize, seed);
        int[] sub = new int[sampleSize];
        for (int i = 0; i < sampleSize; i++) {
            sub[i] = labels[pick[i]];
        }
        return score(data.selectRows(pick), sub, distance, ctx);
    }

    /** Euclidean silhouette of every row (0 for noise rows, which do not take part). */
    public static double[] samples(Dataset data, int[] labels, ExecutionContext ctx) {
        return samples(data, labels, Distance.EUCLIDEAN, ctx);
    }

    /** Silhouette of every row under {@code distance} (0 for noise rows, which do not take part). */
    public static double[] samples(Dataset data, int[] labels, Distance distance, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        if (labels.length != n) {
            throw new CumuloException("silhouette: " + labels.length + " labels for " + n + " rows");
        }
        int k = 0;
        int members = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
            if (l >= 0) {
                members++;
            }
        }
        int[] sizes = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        int used = 0;
        for (int s : sizes) {
            if (s > 0) {
                used++;
            }
        }
        if (used < 2 || used > members - 1) {
            throw new CumuloException("silhouette needs between 2 and n-1 clusters; found " + used + " clusters for "
                    + members + " rows");
        }
        distance.requireDefined(data);
        double[] x = data.rawValues();
        double[] out = new double[n];
        final int kk = k;
        Chunks chunks = Chunks.of(n, 64, 4096);
        ctx.parallelFor(chunks.count(), c -> {
            double[] sums = new double[kk];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int li = labels[i];
                if (li < 0) {
                    continue;
                }
                java.util.Arrays.fill(sums, 0);
                for (int j = 0; j < n; j++) {
                    int lj = labels[j];
                    if (lj >= 0 && j != i) {
                        sums[lj] += distance.between(x, i * d, x, j * d, d);
                    }
                }
                if (sizes[li] <= 1) {
                    out[i] = 0;
                    continue;
                }
                double a = sums[li] / (sizes[li] - 1);
                double b = Double.POSITIVE_INFINITY;
                for (int m = 0; m < kk; m++) {
                    if (m != li && sizes[m] > 0) {
                        b = Math.min(b, sums[m] / sizes[m]);
                    }
                }
                double den = Math.max(a, b);
                out[i] = den == 0 ? 0 : (b - a) / den;
            }
        });
        return out;
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;

import java.util.SplittableRandom;

/**
 * Cophenetic distances of a tree over rows (the height of the merge that first joins two rows) and the cophenetic
 * correlation (Sokal &amp; Rohlf 1962): the Pearson correlation, over all pairs of rows, between their dissimilarity
 * and their cophenetic distance, as SciPy's {@code cophenet}. In the dendrogram's leaf order every merge covers a
 * run of consecutive leaves, so the merge joining two leaves is the latest of the merges between neighbouring
 * leaves from one to the other: a range-maximum query, answered in O(1) from a sparse table of O(n log n) ints.
 */
public final class Cophenetic {
    /** All pairs up to this many rows; above, a seeded sample of {@link #SAMPLED_PAIRS} pairs. */
    public static final int EXACT_MAX_ROWS = 20_000;
    public static final int SAMPLED_PAIRS = 1_000_000;

    private final ClusterTree tree;
    private final int[] position;
    /** table[j][p]: the latest merge among the gaps p .. p + 2^j − 1 (gap p lies between leaf positions p and p+1). */
    private final int[][] table;

    public Cophenetic(ClusterTree tree) {
        this.tree = tree;
        int n = tree.leaves();
        int[] order = tree.leafOrder();
        this.position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        int gaps = Math.max(0, n - 1);
        int[] gap = new int[gaps];
        // the merge that joins leaves p and p+1 of the order: the one whose left subtree ends at p
        int[] first = new int[n + tree.merges()];
        int[] last = new int[n + tree.merges()];
        for (int i = 0; i < n; i++) {
            first[i] = position[i];
            last[i] = position[i];
        }
        for (int m = 0; m < tree.merges(); m++) {
            int a = tree.left(m);
            int b = tree.right(m);
            first[n + m] = Math.min(first[a], first[b]);
            last[n + m] = Math.max(last[a], last[b]);
            int boundary = first[a] < first[b] ? last[a] : last[b];
            gap[boundary] = m;
        }
        int levels = 1;
        while ((1 << levels) <= gaps) {
            levels++;
        }
        table = new int[levels][];
        table[0] = gap;
        for (int j = 1; j < levels; j++) {
            int len = gaps - (1 << j) + 1;
            int[] prev = table[j - 1];
            int[] cur = new int[Math.max(0, len)];
            for (int p = 0; p < len; p++) {
                cur[p] = Math.max(prev[p], prev[p + (1 << (j - 1))]);
            }
            table[j] = cur;
        }
    }

    /** The index of the merge that first joins rows {@code i ≠ j}. */
    public int joiningMerge(int i, int j) {
        int p = Math.min(position[i], position[j]);
        int q = Math.max(position[i], position[j]); // gaps p .. q−1
        int len = q - p;
        int lev = 31 - Integer.numberOfLeadingZeros(len);
        return Math.max(table[lev][p], table[lev][q - (1 << lev)]);
    }

    /** The cophenetic distance between rows {@code i} and {@code j} (0 for i = j). */
    public double distance(int i, int j) {
        return i == j ? 0 : tree.height(joiningMerge(i, j));
    }

    /** The dissimilarity between two rows, as the tree was built from. */
    public interface Dissimilarity {
        double between(int i, int j);
    }

    /**
     * The cophenetic correlation over all pairs, or above {@link #EXACT_MAX_ROWS} rows over {@link #SAMPLED_PAIRS}
     * pairs drawn with {@code seed}; NaN when either side has no spread. Two passes (the means, then the centred
     * sums, for accuracy), each summed in fixed blocks added in block order, so the value does not depend on the
     * thread count.
     */
    public double correlation(Dissimilarity d, long seed, ExecutionContext ctx) {
        int n = tree.leaves();
        if (n < 3) {
            return Double.NaN;
        }
        boolean exact = n <= EXACT_MAX_ROWS;
        Chunks chunks = exact ? Chunks.of(n, 64, Integer.MAX_VALUE) : Chunks.of(SAMPLED_PAIRS, 65_536, Integer.MAX_VALUE);
        double[] mean = pass(d, chunks, exact, seed, null, ctx);
        double[] s = pass(d, chunks, exact, seed, mean, ctx);
        return s[0] > 0 && s[1] > 0 ? s[2] / Math.sqrt(s[0] * s[1]) : Double.NaN;
    }

    /** Without {@code mean}: the two means; with it: Σ(x−x̄)², Σ(y−ȳ)², Σ(x−x̄)(y−ȳ). */
    private double[] pass(Dissimilarity d, Chunks chunks, boolean exact, long seed, double[] mean,
                          ExecutionContext ctx) {
        int n = tree.leaves();
        double[][] sums = new double[chunks.count()][];
        ctx.parallelFor(chunks.count(), c -> {
            double[] acc = new double[4];
            if (exact) {
                for (int i = chunks.start(c); i < chunks.end(c); i++) {
                    for (int j = i + 1; j < n; j++) {
                        add(acc, d.between(i, j), distance(i, j), mean);
                    }
                }
            } else {
                SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + c);
                for (int t = chunks.start(c); t < chunks.end(c); t++) {
                    int i = rng.nextInt(n);
                    int j = rng.nextInt(n - 1);
                    if (j >= i) {
                        j++;
                    }
                    add(acc, d.between(i, j), distance(i, j), mean);
                }
            }
            sums[c] = acc;
        });
        double[] total = new double[4];
        for (double[] s : sums) {
            for (int t = 0; t < 4; t++) {
                total[t] += s[t];
            }
        }
        return mean == null ? new double[] {total[0] / total[3], total[1] / total[3]} : total;
    }

    private static void add(double[] acc, double x, double y, double[] mean) {
        if (mean == null) {
            acc[0] += x;
            acc[1] += y;
        } else {
            double dx = x - mean[0];
            double dy = y - mean[1];
            acc[0] += dx * dx;
            acc[1] += dy * dy;
            acc[2] += dx * dy;
        }
        acc[3]++;
    }
}

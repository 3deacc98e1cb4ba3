package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;

/**
 * Trustworthiness of an embedding (J. Venna and S. Kaski, "Neighborhood preservation in nonlinear projection
 * methods: an experimental study", ICANN 2001), with scikit-learn's {@code sklearn.manifold.trustworthiness}
 * definition under Euclidean distance:
 *
 * <pre>T(k) = 1 − 2 / (n·k·(2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k(i)} max(0, r(i, j) − k)</pre>
 *
 * where {@code N_k(i)} are the k nearest neighbours of row i in the embedding and {@code r(i, j)} is the rank
 * of j among the rows ordered by their distance to i in the original space (the nearest other row has rank 1).
 * It penalises points that the embedding brings close but that were far apart; 1 is perfect. Defined for
 * {@code 1 ≤ k < n/2}, as in scikit-learn. The default {@value #DEFAULT_K} is what the t-SNE literature and
 * Cumulo report; scikit-learn's function defaults to 5.
 *
 * <p>Ties (equal distances) are broken by row index in both spaces; scikit-learn's {@code argsort} breaks them
 * in no documented order, so on data with tied distances the two can differ in the last digits. The
 * computation is exact and uses no n² memory: for each row its distances to all rows in both spaces (O(n·d)),
 * then the k embedding neighbours, then each neighbour's rank by counting the rows that are nearer (O(n·k)); in
 * all O(n²·(d + k)). Rows are split into chunks that depend on n only; each chunk's sum is an integer, and the
 * chunks are added in order, so the result does not depend on the thread count.
 */
public final class Trustworthiness {
    /** The number of neighbours used when none is given. */
    public static final int DEFAULT_K = 10;

    private Trustworthiness() {
    }

    /** Trustworthiness with {@value #DEFAULT_K} neighbours. */
    public static double score(Dataset data, Dataset embedding, ExecutionContext ctx) {
        return score(data, embedding, DEFAULT_K, ctx);
    }

    /** Trustworthiness of {@code embedding} (one row per row of {@code data}) with {@code k} neighbours. */
    public static double score(Dataset data, Dataset embedding, int k, ExecutionContext ctx) {
        if (embedding.rows() != data.rows()) {
            throw new CumuloException("trustworthiness: the embedding has " + embedding.rows() + " rows but "
                    + data.source() + " has " + data.rows());
        }
        return score(data.rawValues(), data.cols(), embedding.rawValues(), embedding.cols(), data.rows(), k, ctx);
    }

    /**
     * Trustworthiness from row-major arrays: {@code x} is n × d, {@code y} is n × dy.
     *
     * @throws CumuloException when k is not in [1, n/2) or the arrays do not hold n rows
     */
    public static double score(double[] x, int d, double[] y, int dy, int n, int k, ExecutionContext ctx) {
        if (k < 1 || k >= n / 2.0) {
            throw new CumuloException("trustworthiness: the number of neighbours k must be at least 1 and less than"
                    + " half the rows (n = " + n + "), got " + k);
        }
        if (x.length != (long) n * d || y.length != (long) n * dy) {
            throw new CumuloException("trustworthiness: expected " + n + " rows of " + d + " and " + dy
                    + " values");
        }
        Chunks chunks = Chunks.of(n, 64, 4096);
        long[] partial = new long[chunks.count()];
        ctx.parallelFor(chunks.count(), c -> {
            double[] dx = new double[n];
            double[] de = new double[n];
            int[] nearest = new int[k];
            long sum = 0;
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                squaredDistances(x, d, n, i, dx);
                squaredDistances(y, dy, n, i, de);
                kNearest(de, i, k, nearest);
                for (int t = 0; t < k; t++) {
                    long rank = rank(dx, i, nearest[t]);
                    if (rank > k) {
                        sum += rank - k;
                    }
                }
            }
            partial[c] = sum;
        });
        long total = 0;
        for (long p : partial) {
            total += p;
        }
        // the same order of operations as scikit-learn, so equal ranks give the same float64
        double scale = 2.0 / ((double) ((long) n * k) * (2.0 * n - 3.0 * k - 1.0));
        return 1.0 - total * scale;
    }

    /** Squared Euclidean distances from row i to every row, summed from the differences (no cancellation). */
    private static void squaredDistances(double[] v, int d, int n, int i, double[] out) {
        int oi = i * d;
        for (int j = 0; j < n; j++) {
            int oj = j * d;
            double s = 0;
            for (int l = 0; l < d; l++) {
                double diff = v[oi + l] - v[oj + l];
                s += diff * diff;
            }
            out[j] = s;
        }
    }

    /** Whether row a comes before row b in the order by (distance, index). */
    private static boolean before(double[] dist, int a, int b) {
        return dist[a] < dist[b] || (dist[a] == dist[b] && a < b);
    }

    /** The k rows other than i nearest in {@code dist}, by a bounded insertion sort (k is small). */
    private static void kNearest(double[] dist, int i, int k, int[] out) {
        int size = 0;
        for (int j = 0; j < dist.length; j++) {
            if (j == i || (size == k && !before(dist, j, out[k - 1]))) {
                continue;
            }
            int p = size == k ? k - 1 : size++;
            while (p > 0 && before(dist, j, out[p - 1])) {
                out[p] = out[p - 1];
                p--;
            }
            out[p] = j;
        }
    }

    /** Rank of row j among the rows other than i ordered by (distance to i, index): 1 for the nearest. */
    private static long rank(double[] dist, int i, int j) {
        long r = 1;
        for (int l = 0; l < dist.length; l++) {
            if (l != i && l != j && before(dist, l, j)) {
                r++;
            }
        }
        return r;
    }
}

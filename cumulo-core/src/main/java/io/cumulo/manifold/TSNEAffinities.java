package io.cumulo.manifold;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.ExactNeighbors;
import io.cumulo.neighbors.KnnGraph;

import java.util.Arrays;

/**
 * The input-space affinities of t-SNE (van der Maaten & Hinton 2008, section 2): for each row i a Gaussian over
 * its neighbours whose precision β_i is found by bisection so that the entropy of {@code p_{j|i}} is
 * {@code log(perplexity)}, then the symmetrised joint {@code p_ij = (p_{j|i} + p_{i|j}) / Σ}. As in scikit-learn,
 * the Gaussian is over squared Euclidean distances, the bisection starts at β = 1, doubles or halves until the
 * target is bracketed, stops within 10⁻⁵ nats or after 100 steps.
 *
 * <p>Barnes-Hut (van der Maaten 2014, section 4.1) keeps only the {@code k = min(n − 1, ⌊3·perplexity + 1⌋)}
 * nearest neighbours of each row, found by {@link ExactNeighbors} (blocked and GEMM-shaped, exact up to ties within
 * rounding). The joint P is stored as a symmetric sparse matrix (compressed rows, columns increasing).
 */
final class TSNEAffinities {
    private static final double ENTROPY_TOL = 1e-5;
    private static final int STEPS = 100;
    /** scikit-learn's EPSILON_DBL: the smallest sum of a row's Gaussian. */
    private static final double MIN_SUM = 1e-8;
    static final double MACHINE_EPSILON = Math.ulp(1.0);

    /** Sparse symmetric P: row i's entries are {@code cols/vals[start[i] .. start[i+1])}. */
    static final class Sparse {
        final int[] start;
        final int[] cols;
        final double[] vals;

        Sparse(int[] start, int[] cols, double[] vals) {
            this.start = start;
            this.cols = cols;
            this.vals = vals;
        }
    }

    private TSNEAffinities() {
    }

    /** Barnes-Hut's sparse joint P over the {@code ⌊3·perplexity + 1⌋} nearest neighbours. */
    static Sparse sparse(double[] x, int n, int d, double perplexity, ExecutionContext ctx) {
        int k = Math.min(n - 1, (int) (3.0 * perplexity + 1));
        int[] nbr = new int[n * k];
        double[] dist = new double[n * k];
        nearestNeighbours(x, n, d, k, nbr, dist, ctx);
        double[] cond = new double[n * k];
        Chunks chunks = Chunks.of(n, 64, 1024);
        ctx.parallelFor(chunks.count(), c -> {
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                calibrate(dist, i * k, k, perplexity, cond, i * k);
            }
        });
        return symmetrise(nbr, cond, n, k);
    }

    /** The dense joint P (n × n) of the exact method, floored at machine epsilon as scikit-learn's. */
    static double[] dense(double[] x, int n, int d, double perplexity, ExecutionContext ctx) {
        double[] p = new double[n * n];
        Chunks chunks = Chunks.of(n, 16, 1024);
        ctx.parallelFor(chunks.count(), c -> {
            double[] dist = new double[n - 1];
            double[] cond = new double[n - 1];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                for (int j = 0, t = 0; j < n; j++) {
                    if (j != i) {
                        dist[t++] = squaredDistance(x, d, i, j);
                    }
                }
                calibrate(dist, 0, n - 1, perplexity, cond, 0);
                for (int j = 0, t = 0; j < n; j++) {
                    if (j != i) {
                        p[i * n + j] = cond[t++];
                    }
                }
            }
        });
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = p[i * n + j] + p[j * n + i];
                p[i * n + j] = s;
                p[j * n + i] = s;
                sum += 2 * s;
            }
        }
        double total = Math.max(sum, MACHINE_EPSILON);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i * n + j] = i == j ? 0 : Math.max(p[i * n + j] / total, MACHINE_EPSILON);
            }
        }
        return p;
    }

    /**
     * Bisection on β for one row: {@code dist[off .. off+m)} squared distances in, {@code p[pOff ..]} the
     * conditional probabilities out (summing to 1).
     */
    static void calibrate(double[] dist, int off, int m, double perplexity, double[] p, int pOff) {
        double target = Math.log(perplexity);
        double beta = 1;
        double betaMin = Double.NEGATIVE_INFINITY;
        double betaMax = Double.POSITIVE_INFINITY;
        for (int step = 0; step < STEPS; step++) {
            double sum = 0;
            for (int t = 0; t < m; t++) {
                double v = Math.exp(-dist[off + t] * beta);
                p[pOff + t] = v;
                sum += v;
            }
            if (sum == 0) {
                sum = MIN_SUM;
            }
            double weighted = 0;
            for (int t = 0; t < m; t++) {
                p[pOff + t] /= sum;
                weighted += dist[off + t] * p[pOff + t];
            }
            double diff = Math.log(sum) + beta * weighted - target;
            if (Math.abs(diff) <= ENTROPY_TOL) {
                break;
            }
            if (diff > 0) {
                betaMin = beta;
                beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
            } else {
                betaMax = beta;
                beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
            }
        }
    }

    /** P + Pᵀ over the union of the neighbour lists, divided by its sum; columns increasing in each row. */
    static Sparse symmetrise(int[] nbr, double[] cond, int n, int k) {
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            count[i] += k;
            for (int t = 0; t < k; t++) {
                count[nbr[i * k + t]]++;
            }
        }
        int[] fill = new int[n + 1];
        for (int i = 0; i < n; i++) {
            fill[i + 1] = fill[i] + count[i];
        }
        long[] keys = new long[fill[n]];
        double[] raw = new double[fill[n]];
        int[] pos = Arrays.copyOf(fill, n);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                int j = nbr[i * k + t];
                double v = cond[i * k + t];
                keys[pos[i]] = j;
                raw[pos[i]++] = v;
                keys[pos[j]] = i;
                raw[pos[j]++] = v;
            }
        }
        // per row: sort the entries by column (stable through the packed key), then merge equal columns
        int[] start = new int[n + 1];
        int[] cols = new int[fill[n]];
        double[] vals = new double[fill[n]];
        int out = 0;
        long[] packed = new long[0];
        for (int i = 0; i < n; i++) {
            int lo = fill[i];
            int m = fill[i + 1] - lo;
            if (packed.length < m) {
                packed = new long[m];
            }
            for (int t = 0; t < m; t++) {
                packed[t] = (keys[lo + t] << 32) | t;
            }
            Arrays.sort(packed, 0, m);
            start[i] = out;
            for (int t = 0; t < m; t++) {
                int col = (int) (packed[t] >>> 32);
                double v = raw[lo + (int) (packed[t] & 0xffffffffL)];
                if (out > start[i] && cols[out - 1] == col) {
                    vals[out - 1] += v;
                } else {
                    cols[out] = col;
                    vals[out++] = v;
                }
            }
        }
        start[n] = out;
        double sum = 0;
        for (int t = 0; t < out; t++) {
            sum += vals[t];
        }
        double total = Math.max(sum, MACHINE_EPSILON);
        for (int t = 0; t < out; t++) {
            vals[t] /= total;
        }
        return new Sparse(start, Arrays.copyOf(cols, out), Arrays.copyOf(vals, out));
    }

    /** The k nearest other rows of each row and their squared distances, nearest first ({@link ExactNeighbors}). */
    static void nearestNeighbours(double[] x, int n, int d, int k, int[] nbr, double[] dist, ExecutionContext ctx) {
        KnnGraph g = ExactNeighbors.squaredEuclidean(x, n, d, x, n, k + 1, true, ctx);
        int[] gi = g.indices();
        double[] gd = g.distances();
        for (int i = 0; i < n; i++) {
            System.arraycopy(gi, i * (k + 1) + 1, nbr, i * k, k);
            System.arraycopy(gd, i * (k + 1) + 1, dist, i * k, k);
        }
    }

    private static double squaredDistance(double[] x, int d, int i, int j) {
        double s = 0;
        for (int l = 0; l < d; l++) {
            double diff = x[i * d + l] - x[j * d + l];
            s += diff * diff;
        }
        return s;
    }
}

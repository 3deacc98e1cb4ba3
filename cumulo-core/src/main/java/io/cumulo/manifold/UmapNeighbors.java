package io.cumulo.manifold;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;

/**
 * The k nearest neighbours of each query row, nearest first: {@code index[i·k + j]}, {@code distance[i·k + j]}.
 * When the queries are the training rows themselves, slot 0 is the row itself (distance 0), as UMAP counts
 * it among its {@code n-neighbors}. Exact search here; approximate search in {@link NearestNeighborDescent}.
 */
final class UmapNeighbors {
    /** Query rows per task: the split depends on the number of queries only. */
    private static final int QUERY_BLOCK = 64;
    /** Training rows per transposed table: 64 × d doubles, reused by the 16 four-row groups of a query block. */
    private static final int POINT_BLOCK = 64;

    final int[] index;
    final double[] distance;
    final int k;

    UmapNeighbors(int[] index, double[] distance, int k) {
        this.index = index;
        this.distance = distance;
        this.k = k;
    }

    /**
     * The rows of {@code data} as the search sees them: a copy, unit-normalised for the cosine metric (the
     * Euclidean distance between unit vectors orders neighbours as the cosine distance does). Refuses
     * non-finite values and, for cosine, rows of zeros, naming the row.
     */
    static double[] prepare(Dataset data, boolean cosine) {
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues().clone();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++) {
                double v = x[i * d + l];
                if (!Double.isFinite(v)) {
                    throw new CumuloException(data.source() + ": row " + i + ", column '" + data.columnName(l)
                            + "' is " + v + "; UMAP needs finite numbers");
                }
                s += v * v;
            }
            if (cosine) {
                if (s == 0) {
                    throw new CumuloException(data.source() + ": row " + i + " is all zeros; the cosine distance "
                            + "needs rows of non-zero length (use metric=euclidean)");
                }
                double inv = 1 / Math.sqrt(s);
                for (int l = 0; l < d; l++) {
                    x[i * d + l] *= inv;
                }
            }
        }
        return x;
    }

    /** Turns Euclidean distances between unit vectors into cosine distances {@code 1 − cos = e²/2}. */
    void toCosine() {
        for (int i = 0; i < distance.length; i++) {
            distance[i] = distance[i] * distance[i] / 2;
        }
    }

    /**
     * Exact search of the {@code k} nearest among the {@code n} rows of {@code x} for each of the {@code m}
     * rows of {@code q}. Candidates are ranked by {@code ‖y‖² − 2 q·y} from one GEMM-shaped product per block
     * ({@link VectorKernels#scoresTransposed}); the distances kept are then recomputed from the differences.
     * With {@code self} ({@code q == x}) row i is put in slot 0 and the others fill slots 1..k−1. Each query's
     * answer depends only on that query, so the result is the same for any thread count; on equal scores the
     * lower row index wins.
     */
    static UmapNeighbors exact(double[] x, int n, int d, double[] q, int m, int k, boolean self, ExecutionContext ctx) {
        VectorKernels kernels = VectorKernels.get();
        int lanes = kernels.lanes();
        int stride = ((POINT_BLOCK + lanes - 1) / lanes) * lanes;
        int blocks = (n + POINT_BLOCK - 1) / POINT_BLOCK;
        double[][] tables = new double[blocks][];
        double[][] biases = new double[blocks][];
        for (int b = 0; b < blocks; b++) {
            int from = b * POINT_BLOCK;
            int to = Math.min(n, from + POINT_BLOCK);
            double[] t = new double[d * stride];
            double[] bias = new double[stride];
            Arrays.fill(bias, Double.POSITIVE_INFINITY);
            for (int j = from; j < to; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    double v = x[j * d + l];
                    t[l * stride + (j - from)] = -2 * v;
                    s += v * v;
                }
                bias[j - from] = s;
            }
            tables[b] = t;
            biases[b] = bias;
        }
        int[] index = new int[m * k];
        double[] distance = new double[m * k];
        int kept = self ? k - 1 : k;
        int at = self ? 1 : 0;
        Chunks chunks = Chunks.of(m, QUERY_BLOCK, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            int from = chunks.start(c);
            int to = chunks.end(c);
            int rows = to - from;
            double[] scores = new double[rows * stride];
            double[] best = new double[rows * kept];
            int[] bestIdx = new int[rows * kept];
            Arrays.fill(best, Double.POSITIVE_INFINITY);
            Arrays.fill(bestIdx, -1);
            for (int b = 0; b < blocks; b++) {
                kernels.scoresTransposed(q, d, from, to, tables[b], biases[b], stride, scores);
                int base = b * POINT_BLOCK;
                int count = Math.min(POINT_BLOCK, n - base);
                for (int r = 0; r < rows; r++) {
                    int o = r * kept;
                    int s0 = r * stride;
                    double worst = best[o + kept - 1];
                    for (int j = 0; j < count; j++) {
                        double s = scores[s0 + j];
                        if (s < worst && !(self && base + j == from + r)) {
                            insert(best, bestIdx, o, kept, s, base + j);
                            worst = best[o + kept - 1];
                        }
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                int i = from + r;
                int o = i * k;
                if (self) {
                    index[o] = i;
                    distance[o] = 0;
                }
                for (int j = 0; j < kept; j++) {
                    int p = bestIdx[r * kept + j];
                    index[o + at + j] = p;
                    distance[o + at + j] = Math.sqrt(kernels.squaredDistance(q, i * d, x, p * d, d));
                }
                sortByDistance(index, distance, o + at, kept);
            }
        });
        return new UmapNeighbors(index, distance, k);
    }

    /** Inserts (s, p) into the ascending list {@code v[o .. o+len)}, dropping its last entry; ties keep order. */
    static void insert(double[] v, int[] idx, int o, int len, double s, int p) {
        int j = o + len - 1;
        while (j > o && v[j - 1] > s) {
            v[j] = v[j - 1];
            idx[j] = idx[j - 1];
            j--;
        }
        v[j] = s;
        idx[j] = p;
    }

    /**
     * Re-sorts a short list by its recomputed distances (insertion sort, stable, then by index on equal
     * distances) so that ρ, the first positive distance, is read from the right slot.
     */
    static void sortByDistance(int[] idx, double[] dist, int o, int len) {
        for (int a = o + 1; a < o + len; a++) {
            double dv = dist[a];
            int iv = idx[a];
            int b = a - 1;
            while (b >= o && (dist[b] > dv || (dist[b] == dv && idx[b] > iv))) {
                dist[b + 1] = dist[b];
                idx[b + 1] = idx[b];
                b--;
            }
            dist[b + 1] = dv;
            idx[b + 1] = iv;
        }
    }
}

package io.cumulo.neighbors;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.ColumnStats;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;

/**
 * Exact Euclidean k-nearest-neighbour search, blocked so that it runs at matrix-product speed: the data are
 * centred (on the searched rows' mean, which keeps the expansion's rounding small), the squared distances of a
 * block of query rows to a tile of searched rows come from one GEMM-shaped product
 * ({@link VectorKernels#scoresTransposed}: {@code ‖y‖² − 2 q·y}), the {@code k + }{@value #SPARE} smallest per
 * query are kept in a heap, then their distances are recomputed from the differences and the k smallest taken
 * (equal distances: the lower row first). The spare candidates absorb the expansion's rounding (about 10⁻¹⁵ of the
 * data's squared spread), so the neighbours are the exact ones unless two distances agree to that precision.
 *
 * <p>Each query's answer depends only on that query, so the result is the same for any thread count. Cost:
 * {@code m·n·d} multiply-adds for m queries over n rows; memory {@code (n + m)·d} doubles for the centred copies.
 * Cosine search is Euclidean search on unit-normalised rows ({@link KnnGraph#unitEuclideanToCosine}).
 */
public final class ExactNeighbors {
    /** Candidates kept beyond k before the exact re-ranking. */
    static final int SPARE = 8;
    /** Query rows per block (measured best of 32 to 256 on MNIST's 784 and on 50 columns, 2026-12-06). */
    private static final int ROWS = 128;
    /** Bytes of one packed tile of searched rows. */
    private static final int TILE_BYTES = 128 * 1024;

    private ExactNeighbors() {
    }

    /**
     * The {@code k} nearest of the {@code n} rows of {@code x} ({@code d} columns, row-major) to each of the
     * {@code m} rows of {@code q}, with Euclidean distances. With {@code self} ({@code q} is {@code x}, {@code m = n})
     * row i is its own neighbour in slot 0 (distance 0) and the other slots hold the {@code k − 1} nearest other rows.
     */
    public static KnnGraph euclidean(double[] x, int n, int d, double[] q, int m, int k, boolean self,
                                     ExecutionContext ctx) {
        KnnGraph g = squaredEuclidean(x, n, d, q, m, k, self, ctx);
        double[] dist = g.distances();
        for (int i = 0; i < dist.length; i++) {
            dist[i] = Math.sqrt(dist[i]);
        }
        return g;
    }

    /** As {@link #euclidean}, with squared Euclidean distances (summed from the differences, not the expansion). */
    public static KnnGraph squaredEuclidean(double[] x, int n, int d, double[] q, int m, int k, boolean self,
                                            ExecutionContext ctx) {
        if (self && (q != x || m != n)) {
            throw new IllegalArgumentException("a search that includes each row itself must query the searched rows");
        }
        int others = self ? k - 1 : k;
        if (k < 1 || others > (self ? n - 1 : n)) {
            throw new IllegalArgumentException(k + " neighbours asked of " + n + " rows" + (self ? " (itself included)"
                    : ""));
        }
        VectorKernels kernels = VectorKernels.get();
        double[] mean = ColumnStats.means(x, n, d);
        double[] xc = centred(x, n, d, mean);
        double[] qc = self ? xc : centred(q, m, d, mean);
        double[] norms = new double[n];
        double[] qNorms = self ? norms : new double[m];
        squaredNorms(xc, n, d, norms);
        if (!self) {
            squaredNorms(qc, m, d, qNorms);
        }
        int lanes = kernels.lanes();
        int tile = tileRows(d);
        int stride = (tile + lanes - 1) / lanes * lanes;
        int tiles = (n + tile - 1) / tile;
        // every tile packed once: −2·x_j transposed, bias ‖x_j‖² (+∞ on padding)
        double[][] packedT = new double[tiles][];
        double[][] bias = new double[tiles][];
        ctx.parallelFor(tiles, t -> {
            double[] p = new double[d * stride];
            double[] b = new double[stride];
            Arrays.fill(b, Double.POSITIVE_INFINITY);
            for (int j = t * tile, c = 0; j < Math.min(n, (t + 1) * tile); j++, c++) {
                b[c] = norms[j];
                for (int l = 0; l < d; l++) {
                    p[l * stride + c] = -2 * xc[j * d + l];
                }
            }
            packedT[t] = p;
            bias[t] = b;
        });
        int available = self ? n - 1 : n;
        int keep = Math.min(available, others + SPARE);
        int[] index = new int[m * k];
        double[] distance = new double[m * k];
        int at = self ? 1 : 0;
        Chunks chunks = Chunks.of(m, ROWS, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), blk -> {
            int from = chunks.start(blk);
            int to = chunks.end(blk);
            int rows = to - from;
            double[] scores = new double[rows * stride];
            double[] heapD = new double[rows * keep];
            int[] heapI = new int[rows * keep];
            int[] size = new int[rows];
            if (keep > 0) {
                for (int t = 0; t < tiles; t++) {
                    kernels.scoresTransposed(qc, d, from, to, packedT[t], bias[t], stride, scores);
                    int j0 = t * tile;
                    int j1 = Math.min(n, j0 + tile);
                    for (int r = 0; r < rows; r++) {
                        int i = from + r;
                        int off = r * keep;
                        double qn = qNorms[i];
                        for (int j = j0; j < j1; j++) {
                            if (self && j == i) {
                                continue;
                            }
                            double s = scores[r * stride + (j - j0)] + qn;
                            if (size[r] < keep) {
                                heapPush(heapD, heapI, off, size[r]++, s, j);
                            } else if (s < heapD[off]) {
                                heapReplaceTop(heapD, heapI, off, keep, s, j);
                            }
                        }
                    }
                }
            }
            double[] exact = new double[keep];
            int[] order = new int[keep];
            for (int r = 0; r < rows; r++) {
                int i = from + r;
                int off = r * keep;
                for (int t = 0; t < keep; t++) {
                    exact[t] = squaredDistance(q, i, x, heapI[off + t], d);
                    order[t] = heapI[off + t];
                }
                KnnGraph.sortByDistance(order, exact, 0, keep);
                int o = i * k;
                if (self) {
                    index[o] = i;
                    distance[o] = 0;
                }
                System.arraycopy(order, 0, index, o + at, others);
                System.arraycopy(exact, 0, distance, o + at, others);
            }
        });
        return new KnnGraph(index, distance, k);
    }

    /**
     * Searched rows per tile: the packed tile ({@code d × tile} doubles) is re-read for every block of queries, so
     * it should stay in the core's L2 cache (128 KiB: 256 rows up to 64 columns, 16 at MNIST's 784 pixels).
     */
    static int tileRows(int d) {
        int rows = TILE_BYTES / (8 * Math.max(1, d));
        return Math.max(16, Math.min(256, rows / 8 * 8));
    }

    private static double[] centred(double[] x, int n, int d, double[] mean) {
        double[] c = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                c[i * d + l] = x[i * d + l] - mean[l];
            }
        }
        return c;
    }

    private static void squaredNorms(double[] x, int n, int d, double[] out) {
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int l = 0; l < d; l++) {
                double v = x[i * d + l];
                s += v * v;
            }
            out[i] = s;
        }
    }

    private static double squaredDistance(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int l = 0; l < d; l++) {
            double diff = a[i * d + l] - b[j * d + l];
            s += diff * diff;
        }
        return s;
    }

    /** Max-heap on (score, index) in {@code [off, off + size)}: the worst candidate on top. */
    private static boolean worse(double da, int ia, double db, int ib) {
        return da > db || (da == db && ia > ib);
    }

    private static void heapPush(double[] hd, int[] hi, int off, int size, double s, int j) {
        int c = size;
        while (c > 0) {
            int parent = (c - 1) >>> 1;
            if (!worse(s, j, hd[off + parent], hi[off + parent])) {
                break;
            }
            hd[off + c] = hd[off + parent];
            hi[off + c] = hi[off + parent];
            c = parent;
        }
        hd[off + c] = s;
        hi[off + c] = j;
    }

    private static void heapReplaceTop(double[] hd, int[] hi, int off, int size, double s, int j) {
        int c = 0;
        while (true) {
            int l = 2 * c + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int big = r < size && worse(hd[off + r], hi[off + r], hd[off + l], hi[off + l]) ? r : l;
            if (!worse(hd[off + big], hi[off + big], s, j)) {
                break;
            }
            hd[off + c] = hd[off + big];
            hi[off + c] = hi[off + big];
            c = big;
        }
        hd[off + c] = s;
        hi[off + c] = j;
    }
}

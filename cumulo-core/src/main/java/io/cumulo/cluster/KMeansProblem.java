package io.cumulo.cluster;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * What every k-means iteration variant shares: the data, the fixed split of the rows into blocks, and each
 * block's partial sums (per centre: weighted sum of its rows and their weight).
 *
 * <p>New centres are always the block partials added in block order, whatever the variant, so two variants
 * that agree on the labels produce bit-identical centres. A block whose labels did not change keeps its
 * partials, which are exactly what recomputing them would give: accelerated variants re-read only the rows
 * of blocks where something moved. The split depends only on n, k and d (never on threads), and the partials
 * take at most {@code max(4n, 2^20)} doubles beside the data: O(n + k·d), never n × k.
 */
final class KMeansProblem {
    private static final int MIN_BLOCK_ROWS = 256;

    /** The rows, row-major; null when they are stored as float32 ({@link #xf}). */
    final double[] x;
    /** The rows rounded to float32 (half the memory traffic), or null; read through {@link #rows}. */
    final float[] xf;
    final int n;
    final int d;
    final int k;
    final double[] w;
    final ExecutionContext ctx;
    final VectorKernels kernels;
    final String source;
    final int blockRows;
    final int blocks;
    /** Per block: k × d weighted sums, then k weights. */
    final double[][] partials;
    /** A second set, for passes that rebuild partials while reading the old labels. */
    final double[][] spare;
    final boolean[] changed;
    /** Spherical k-means: the rows are unit vectors and every centre is put back on the unit sphere. */
    boolean sphere;

    KMeansProblem(double[] x, int n, int d, int k, double[] w, ExecutionContext ctx, VectorKernels kernels, String source) {
        this(x, null, n, d, k, w, ctx, kernels, source);
    }

    /** Exactly one of {@code x} (float64 rows) and {@code xf} (float32 rows) is given. */
    KMeansProblem(double[] x, float[] xf, int n, int d, int k, double[] w, ExecutionContext ctx, VectorKernels kernels,
                  String source) {
        if ((x == null) == (xf == null)) {
            throw new IllegalArgumentException("exactly one of the float64 and float32 rows");
        }
        this.x = x;
        this.xf = xf;
        this.n = n;
        this.d = d;
        this.k = k;
        this.w = w;
        this.ctx = ctx;
        this.kernels = kernels;
        this.source = source;
        this.blockRows = blockRows(n, k, d);
        this.blocks = (n + blockRows - 1) / blockRows;
        int size = k * d + k;
        this.partials = new double[blocks][size];
        this.spare = new double[blocks][size];
        this.changed = new boolean[blocks];
    }

    static int blockRows(int n, int k, int d) {
        long budget = Math.max(4L * n, 1L << 20); // doubles for partials, per set
        long perBlock = (long) k * d + k;
        long maxBlocks = Math.max(1, budget / perBlock);
        long rows = Math.max(MIN_BLOCK_ROWS, (n + maxBlocks - 1) / maxBlocks);
        return (int) Math.min(rows, Math.max(1, n));
    }

    int start(int b) {
        return b * blockRows;
    }

    int end(int b) {
        return Math.min(n, (b + 1) * blockRows);
    }

    double weight(int i) {
        return w == null ? 1.0 : w[i];
    }

    /**
     * Rows of the data as the double kernels read them: row {@code i} at {@code x[at(i)..]}. With float64 storage
     * that is the data itself; with float32 storage a few rows widened into a small reused tile (kept in the first
     * or second level cache), so the kernels and every variant do the same double arithmetic on the rounded values
     * and read half the bytes from memory. Not shared between threads.
     */
    static final class Window {
        private final int d;
        double[] x;
        /** Weights of the rows, indexed as the rows ({@code (i − base)}); null for unit weights. */
        double[] w;
        /** The first row of the window sits at {@code x[0]} (0 when the window is the data itself). */
        int base;
        private double[] tile = new double[0];
        private double[] wTile = new double[0];

        Window(int d) {
            this.d = d;
        }

        /** Where row {@code i} starts in {@link #x}. */
        int at(int i) {
            return (i - base) * d;
        }
    }

    Window newWindow() {
        return new Window(d);
    }

    /** Rows {@code [from, to)} as doubles in {@code r} (see {@link Window}); returns {@code r}. */
    Window rows(int from, int to, Window r) {
        if (xf == null) {
            r.x = x;
            r.w = w;
            r.base = 0;
            return r;
        }
        int len = (to - from) * d;
        if (r.tile.length < len) {
            r.tile = new double[Math.max(len, 2 * r.tile.length)];
        }
        double[] t = r.tile;
        float[] src = xf;
        int off = from * d;
        for (int q = 0; q < len; q++) {
            t[q] = src[off + q];
        }
        if (w != null) {
            if (r.wTile.length < to - from) {
                r.wTile = new double[Math.max(to - from, 2 * r.wTile.length)];
            }
            System.arraycopy(w, from, r.wTile, 0, to - from);
            r.w = r.wTile;
        } else {
            r.w = null;
        }
        r.x = t;
        r.base = from;
        return r;
    }

    /** Rows widened at a time when float32 rows are read in chunks: ~16 KB of doubles, at least 8 rows. */
    int chunkRows() {
        return Math.max(8, 2048 / Math.max(1, d));
    }

    /** Exact squared distance from row {@code i} to {@code c[cOff..]} (through window {@code r}). */
    double squaredDistance(int i, double[] c, int cOff, Window r) {
        rows(i, i + 1, r);
        return kernels.squaredDistance(r.x, r.at(i), c, cOff, d);
    }

    /**
     * Partial sums of block {@code b} from scratch into {@code into}. Rows are grouped by centre (a counting
     * sort, keeping row order within each centre), so each centre's sums stay in registers while its rows are
     * added: the same additions in the same order as one {@code axpy} per row, several times faster.
     */
    void accumulate(int b, int[] labels, double[] into) {
        Arrays.fill(into, 0);
        Window r = newWindow();
        // float32 rows are widened a chunk at a time: consecutive ranges add up to what one call gives
        int chunk = xf == null ? end(b) - start(b) : chunkRows();
        int[] offsets = new int[k + 1];
        int[] order = new int[Math.min(chunk, end(b) - start(b))];
        for (int s = start(b); s < end(b); s += chunk) {
            int e = Math.min(end(b), s + chunk);
            accumulateRows(rows(s, e, r), s, e, labels, into, offsets, order);
        }
    }

    /**
     * Adds rows {@code [from, to)} (read through {@code r}, which holds them) to the partials {@code into},
     * grouped by centre (row order kept within each). Adding consecutive row ranges one after the other gives
     * exactly what one call over their union gives. {@code offsets} ({@code k + 1}) and {@code order}
     * ({@code to − from}) are scratch.
     */
    void accumulateRows(Window r, int from, int to, int[] labels, double[] into, int[] offsets, int[] order) {
        Arrays.fill(offsets, 0);
        for (int i = from; i < to; i++) {
            offsets[labels[i] + 1]++;
        }
        for (int j = 0; j < k; j++) {
            offsets[j + 1] += offsets[j];
        }
        for (int i = from; i < to; i++) {
            order[offsets[labels[i]]++] = i - r.base;
        }
        // offsets[j] now ends group j; groups start at offsets[j - 1]
        int kd = k * d;
        int begin = 0;
        for (int j = 0; j < k; j++) {
            int end = offsets[j];
            if (end > begin) {
                kernels.addRows(r.x, d, order, begin, end, r.w, into, j * d);
                double ws = into[kd + j];
                double[] rw = r.w;
                for (int t = begin; t < end; t++) {
                    ws += rw == null ? 1.0 : rw[order[t]];
                }
                into[kd + j] = ws;
            }
            begin = end;
        }
    }

    /** Rebuilds the partials of every block marked changed (and clears the marks). */
    void recomputeChanged(int[] labels) {
        ctx.parallelFor(blocks, b -> {
            if (changed[b]) {
                accumulate(b, labels, partials[b]);
                changed[b] = false;
            }
        });
    }

    /**
     * New centres into {@code next} from the partials; an empty cluster takes the row farthest from its
     * centre (distances from {@code dist}, computed if {@code null}), as scikit-learn does; a cluster left
     * without weight keeps its centre. Returns whether a cluster was re-seeded.
     */
    boolean update(double[] centres, double[] next, int[] labels, double[] dist, String sourceName) {
        int kd = k * d;
        double[] total = new double[kd + k];
        // add the blocks in order; parallel over the k·d entries, each summed over blocks in block order
        int cols = kd + k;
        int tasks = Math.max(1, Math.min(64, cols / 512));
        int per = (cols + tasks - 1) / tasks;
        ctx.parallelFor(tasks, t -> {
            int from = t * per;
            int to = Math.min(cols, from + per);
            for (int b = 0; b < blocks; b++) {
                double[] p = partials[b];
                for (int c = from; c < to; c++) {
                    total[c] += p[c];
                }
            }
        });
        System.arraycopy(total, 0, next, 0, kd);
        double[] wsum = Arrays.copyOfRange(total, kd, kd + k);
        boolean relocated = false;
        int empty = 0;
        for (int j = 0; j < k; j++) {
            if (wsum[j] == 0) {
                empty++;
            }
        }
        if (empty > 0) {
            double[] dd = dist != null ? dist : distances(labels, centres);
            relocate(next, wsum, labels, dd, empty, sourceName);
            relocated = true;
        }
        for (int j = 0; j < k; j++) {
            if (wsum[j] > 0) {
                double inv = 1.0 / wsum[j];
                for (int l = 0; l < d; l++) {
                    next[j * d + l] *= inv;
                }
            } else {
                System.arraycopy(centres, j * d, next, j * d, d);
            }
        }
        if (sphere) {
            normalizeRows(next, k, d);
        }
        return relocated;
    }

    private void relocate(double[] sums, double[] wsum, int[] labels, double[] dist, int empty, String sourceName) {
        int[] far = farthest(dist, empty);
        int f = 0;
        for (int j = 0; j < k; j++) {
            if (wsum[j] != 0) {
                continue;
            }
            int p = far[f++];
            if (!(dist[p] > 0)) {
                throw KMeansPlusPlus.fewerDistinctRows(k, sourceName);
            }
            int old = labels[p];
            double wp = weight(p);
            Window r = rows(p, p + 1, newWindow());
            double[] x = r.x;
            int at = r.at(p);
            if (wp > 0) {
                for (int l = 0; l < d; l++) {
                    sums[old * d + l] -= wp * x[at + l];
                    sums[j * d + l] = wp * x[at + l];
                }
                wsum[old] -= wp;
                wsum[j] = wp;
            } else {
                for (int l = 0; l < d; l++) {
                    sums[j * d + l] = x[at + l];
                }
                wsum[j] = 1.0;
            }
        }
    }

    /** Scales each of the {@code k} rows of {@code c} to unit length (a zero row stays zero). */
    static void normalizeRows(double[] c, int k, int d) {
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int l = 0; l < d; l++) {
                s += c[j * d + l] * c[j * d + l];
            }
            if (s > 0) {
                double inv = 1 / Math.sqrt(s);
                for (int l = 0; l < d; l++) {
                    c[j * d + l] *= inv;
                }
            }
        }
    }

    /** Indices of the {@code m} largest values, largest first, ties to the lower index. */
    static int[] farthest(double[] dist, int m) {
        int[] best = new int[m];
        Arrays.fill(best, -1);
        for (int i = 0; i < dist.length; i++) {
            double v = dist[i];
            if (best[m - 1] >= 0 && !(v > dist[best[m - 1]])) {
                continue;
            }
            int pos = m - 1;
            while (pos > 0 && (best[pos - 1] < 0 || v > dist[best[pos - 1]])) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = i;
        }
        return best;
    }

    /** Exact squared distance of every row to its centre (from differences). */
    double[] distances(int[] labels, double[] centres) {
        double[] dist = new double[n];
        ctx.parallelFor(blocks, b -> {
            Window r = newWindow();
            for (int i = start(b); i < end(b); i++) {
                dist[i] = squaredDistance(i, centres, labels[i] * d, r);
            }
        });
        return dist;
    }

    /** Weighted sum of exact squared distances to the assigned centres, added block by block in order. */
    double inertia(int[] labels, double[] centres) {
        return sumByBlock(b -> {
            double s = 0;
            Window r = newWindow();
            for (int i = start(b); i < end(b); i++) {
                s += weight(i) * squaredDistance(i, centres, labels[i] * d, r);
            }
            return s;
        });
    }

    /**
     * {@code perBlock} of every block, computed in parallel and added in block order: the same total whatever the
     * number of threads.
     */
    double sumByBlock(IntToDoubleFunction perBlock) {
        double[] values = new double[blocks];
        ctx.parallelFor(blocks, b -> values[b] = perBlock.applyAsDouble(b));
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Euclidean distances between centres ({@code k × k}) and, per centre, half the distance to the nearest other. */
    double[] centreDistances(double[] centres, double[] halfNearest) {
        double[] cc = new double[k * k];
        Arrays.fill(halfNearest, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double v = Math.sqrt(kernels.squaredDistance(centres, a * d, centres, b * d, d));
                cc[a * k + b] = v;
                cc[b * k + a] = v;
                halfNearest[a] = Math.min(halfNearest[a], v / 2);
                halfNearest[b] = Math.min(halfNearest[b], v / 2);
            }
        }
        return cc;
    }

    /** How far each centre moved. */
    double[] drifts(double[] before, double[] after) {
        double[] p = new double[k];
        for (int j = 0; j < k; j++) {
            p[j] = Math.sqrt(kernels.squaredDistance(before, j * d, after, j * d, d));
        }
        return p;
    }
}

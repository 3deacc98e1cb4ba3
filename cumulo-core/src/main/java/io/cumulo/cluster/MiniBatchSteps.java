package io.cumulo.cluster;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The mutable state of mini-batch k-means between steps (centres, per-centre weight counts, steps done, rows
 * seen since the last reassignment check) and one step's arithmetic. Used by {@link MiniBatchKMeans#fit} and by
 * the streaming {@code partialFit}; the models keep immutable copies.
 *
 * <p>One step (D. Sculley, "Web-scale k-means clustering", WWW 2010, algorithm 1, with scikit-learn's
 * weighting and reassignment): assign every batch row to its nearest centre; then each centre {@code j} that
 * received batch weight {@code b_j} (sum of the weights of its rows, the batch sum {@code s_j}) moves to
 * {@code (c_j·n_j + s_j) / (n_j + b_j)} and {@code n_j += b_j}. That is Sculley's per-centre learning rate
 * {@code 1/n_j} applied to the batch at once (the same as his row-by-row update with the labels cached at the
 * start of the batch). Then, when due, centres whose count is below {@code reassignment-ratio × max count} are
 * moved to random rows of the batch and their counts raised to the smallest count kept.
 *
 * <p>Centres are ranked with {@link CentreTable}, the kernels of {@link KMeans}. Batch rows drawn at random are
 * first packed into a contiguous block per chunk, because the table's kernels read contiguous rows. The batch
 * inertia is summed from exact distances to the chosen centres. Batches are split into fixed chunks of
 * {@value #CHUNK_ROWS} rows whose partial sums are added in chunk order, so a step gives the same result on any
 * number of threads.
 */
final class MiniBatchSteps {
    /** Rows per chunk of a batch (a batch of at most this many rows is one task). */
    static final int CHUNK_ROWS = 512;
    /** Batches of fewer chunks than this are processed on the calling thread. */
    static final int PARALLEL_CHUNKS = 4;
    private static final ExecutionContext SERIAL = ExecutionContext.singleThreaded();

    final int k;
    final int d;
    final double[] centres;
    final double[] counts;
    long steps;
    long rowsSinceReassignment;
    private final double reassignmentRatio;
    private final VectorKernels kernels = VectorKernels.get();

    private Chunk[] chunks = new Chunk[0];
    private final double[] sums;
    private final double[] batchWeight;
    private final double[] before;

    /** Squared change of the centres in the last step (when asked for), including reassigned centres. */
    double lastShift;
    /** Centres moved by the last reassignment. */
    int lastReassigned;

    /** Working space for ranking rows with a {@link CentreTable} of a given shape; one per thread. */
    static final class Scratch {
        final double[] scores;
        final int[] best;

        Scratch(CentreTable table, VectorKernels kernels) {
            scores = table.fused() ? table.newNearestScratch(kernels) : table.newScratch();
            best = new int[table.blockRows()];
        }
    }

    /**
     * Nearest centre of rows {@code [from, to)} of {@code x} into {@code labels[labelsAt + i − from]}; returns the
     * sum of the exact squared distances to those centres (from differences, weighted by {@code w} if not
     * {@code null}), added in row order. Works a block of {@link CentreTable#blockRows()} rows at a time, so the
     * distances are computed while the rows are still in the first-level cache.
     */
    static double nearestExact(CentreTable table, VectorKernels kernels, double[] x, double[] w, int from, int to,
                               int[] labels, int labelsAt, Scratch s) {
        int d = table.d;
        double[] centres = table.centres;
        int block = table.blockRows();
        boolean fused = table.fused();
        double sum = 0;
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block);
            if (fused) {
                table.nearest(kernels, x, start, end, s.best, null, s.scores);
            } else {
                table.scores(kernels, x, start, end, s.scores);
                for (int i = start; i < end; i++) {
                    s.best[i - start] = kernels.argmin(s.scores, (i - start) * table.stride, table.k);
                }
            }
            for (int i = start; i < end; i++) {
                int j = s.best[i - start];
                labels[labelsAt + i - from] = j;
                double dd = kernels.squaredDistance(x, i * d, centres, j * d, d);
                sum += w == null ? dd : w[i] * dd;
            }
        }
        return sum;
    }

    /** One chunk's working space and partial results. */
    private static final class Chunk {
        final Scratch scratch;
        /** The chunk's rows packed contiguously when the batch is made of scattered rows, and their weights. */
        final double[] packed;
        final double[] packedWeights = new double[CHUNK_ROWS];
        final int[] labels = new int[CHUNK_ROWS];
        final int[] order = new int[CHUNK_ROWS];
        final int[] offsets;
        final double[] sums;
        final double[] weight;
        double inertia;

        Chunk(Scratch scratch, int k, int d) {
            this.scratch = scratch;
            this.packed = new double[CHUNK_ROWS * d];
            this.offsets = new int[k + 1];
            this.sums = new double[k * d];
            this.weight = new double[k];
        }
    }

    MiniBatchSteps(double[] centres, double[] counts, int k, int d, long steps, long rowsSinceReassignment,
                   double reassignmentRatio) {
        this.k = k;
        this.d = d;
        this.centres = centres.clone();
        this.counts = counts.clone();
        this.steps = steps;
        this.rowsSinceReassignment = rowsSinceReassignment;
        this.reassignmentRatio = reassignmentRatio;
        this.sums = new double[k * d];
        this.batchWeight = new double[k];
        this.before = new double[k * d];
    }

    /**
     * Whether the coming step of {@code batchRows} rows should reassign small clusters: when a centre has count
     * 0, or when at least 10·k rows were seen since the last time (scikit-learn's schedule).
     */
    boolean reassignmentDue(int batchRows) {
        rowsSinceReassignment += batchRows;
        boolean empty = false;
        for (double c : counts) {
            if (c == 0) {
                empty = true;
                break;
            }
        }
        if (empty || rowsSinceReassignment >= 10L * k) {
            rowsSinceReassignment = 0;
            return true;
        }
        return false;
    }

    /**
     * One step on the batch {@code xb} ({@code b × d} row-major, weights {@code wb} or {@code null}). Returns the
     * batch inertia at the centres before the update (weighted sum of squared distances).
     */
    double step(double[] xb, double[] wb, int b, SplittableRandom rng, boolean reassign, boolean measureShift,
                ExecutionContext ctx) {
        return step(xb, wb, null, b, rng, reassign, measureShift, ctx);
    }

    /**
     * One step on the batch made of rows {@code rows[0], ..., rows[b−1]} of {@code x} (weights from {@code w}, or
     * none); with {@code rows == null}, on rows {@code 0, ..., b−1} of {@code x}. Returns the batch inertia at the
     * centres before the update.
     */
    double step(double[] x, double[] w, int[] rows, int b, SplittableRandom rng, boolean reassign,
                boolean measureShift, ExecutionContext ctx) {
        int nc = (b + CHUNK_ROWS - 1) / CHUNK_ROWS;
        CentreTable table = new CentreTable(centres, k, d, kernels); // read by the chunks only, before the update
        if (chunks.length < nc) {
            Chunk[] more = Arrays.copyOf(chunks, nc);
            for (int c = chunks.length; c < nc; c++) {
                more[c] = new Chunk(new Scratch(table, kernels), k, d);
            }
            chunks = more;
        }
        if (measureShift) {
            System.arraycopy(centres, 0, before, 0, k * d);
        }
        // Small batches stay on the calling thread: handing a 512-row chunk to another thread costs about as much as
        // computing it (waking a parked thread takes tens of microseconds, more on a busy machine). The chunks and
        // the order of their sums are the same either way, so the result does not change.
        (nc >= PARALLEL_CHUNKS ? ctx : SERIAL).parallelFor(nc,
                c -> chunk(table, chunks[c], x, w, rows, c * CHUNK_ROWS, Math.min(b, (c + 1) * CHUNK_ROWS)));
        double inertia = 0;
        double[] s = sums;
        double[] bw = batchWeight;
        if (nc == 1) {
            s = chunks[0].sums;
            bw = chunks[0].weight;
            inertia = chunks[0].inertia;
        } else {
            Arrays.fill(s, 0);
            Arrays.fill(bw, 0);
            for (int c = 0; c < nc; c++) {
                double[] cs = chunks[c].sums;
                for (int i = 0; i < k * d; i++) {
                    s[i] += cs[i];
                }
                double[] cw = chunks[c].weight;
                for (int j = 0; j < k; j++) {
                    bw[j] += cw[j];
                }
                inertia += chunks[c].inertia;
            }
        }
        for (int j = 0; j < k; j++) {
            if (bw[j] > 0) {
                double old = counts[j];
                double now = old + bw[j];
                double inv = 1.0 / now;
                int o = j * d;
                for (int l = 0; l < d; l++) {
                    centres[o + l] = (centres[o + l] * old + s[o + l]) * inv;
                }
                counts[j] = now;
            }
        }
        lastReassigned = reassign && reassignmentRatio > 0 ? reassignSmall(x, rows, b, rng) : 0;
        if (measureShift) {
            double shift = 0;
            for (int i = 0; i < k * d; i++) {
                double diff = centres[i] - before[i];
                shift += diff * diff;
            }
            lastShift = shift;
        }
        steps++;
        return inertia;
    }

    /** Rows {@code [from, to)} of the batch: nearest centres, their weighted sums and the chunk's inertia. */
    private void chunk(CentreTable table, Chunk c, double[] x, double[] w, int[] rows, int from, int to) {
        int m = to - from;
        // the rows the table reads: the batch itself when contiguous, else the chunk's rows packed
        double[] src = x;
        double[] srcW = w;
        int first = from;
        if (rows != null) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(x, rows[from + i] * d, c.packed, i * d, d);
            }
            if (w != null) {
                for (int i = 0; i < m; i++) {
                    c.packedWeights[i] = w[rows[from + i]];
                }
            }
            src = c.packed;
            srcW = w == null ? null : c.packedWeights;
            first = 0;
        }
        int[] label = c.labels;
        c.inertia = nearestExact(table, kernels, src, srcW, first, first + m, label, 0, c.scratch);
        double[] weight = c.weight;
        Arrays.fill(weight, 0);
        for (int i = 0; i < m; i++) {
            weight[label[i]] += srcW == null ? 1.0 : srcW[first + i];
        }
        // rows grouped by centre (row order kept within each), so each centre's sum stays in registers
        int[] offsets = c.offsets;
        int[] order = c.order;
        Arrays.fill(offsets, 0);
        for (int i = 0; i < m; i++) {
            offsets[label[i] + 1]++;
        }
        for (int j = 0; j < k; j++) {
            offsets[j + 1] += offsets[j];
        }
        for (int i = 0; i < m; i++) {
            order[offsets[label[i]]++] = first + i;
        }
        double[] sums = c.sums;
        Arrays.fill(sums, 0);
        int begin = 0;
        for (int j = 0; j < k; j++) {
            int end = offsets[j]; // offsets[j] now ends group j
            if (end > begin) {
                kernels.addRows(src, d, order, begin, end, srcW, sums, j * d);
            }
            begin = end;
        }
    }

    /**
     * Moves the centres whose count is below {@code ratio × max count} to distinct random rows of the batch (at
     * most half the batch size of them: the smallest counts first, ties to the lower index) and raises every such
     * count to the smallest count kept, so that they are not reassigned again at once. Returns how many moved.
     */
    private int reassignSmall(double[] x, int[] rows, int b, SplittableRandom rng) {
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        double threshold = reassignmentRatio * max;
        boolean[] move = new boolean[k];
        int moving = 0;
        for (int j = 0; j < k; j++) {
            if (counts[j] < threshold) {
                move[j] = true;
                moving++;
            }
        }
        int cap = (int) (0.5 * b);
        if (moving > cap) {
            Integer[] order = new Integer[k];
            for (int j = 0; j < k; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, c) -> {
                int cmp = Double.compare(counts[a], counts[c]);
                return cmp != 0 ? cmp : Integer.compare(a, c);
            });
            for (int r = cap; r < k; r++) {
                move[order[r]] = false;
            }
            moving = cap;
        }
        if (moving == 0) {
            return 0;
        }
        double keptMin = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            if (!move[j]) {
                keptMin = Math.min(keptMin, counts[j]);
            }
        }
        int[] picks = Sampling.withoutReplacement(b, moving, rng);
        int r = 0;
        for (int j = 0; j < k; j++) {
            if (move[j]) {
                int p = picks[r++];
                int row = rows == null ? p : rows[p];
                System.arraycopy(x, row * d, centres, j * d, d);
                counts[j] = keptMin;
            }
        }
        return moving;
    }
}

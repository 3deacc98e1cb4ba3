package io.cumulo.cluster;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;

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
 * <p>Batches are split into fixed chunks of {@value #CHUNK_ROWS} rows whose partial sums are added in chunk
 * order, so a step gives the same result on any number of threads. Each chunk ranks the centres with
 * {@link NearestCentres} (one tile), and its batch inertia, used only by the stopping rule, is
 * {@code ‖x − μ‖² + score}; the final labels and inertia of a fit are computed apart, from differences.
 */
final class MiniBatchSteps {
    /** Rows per chunk of a batch (a batch of at most this many rows is one task): one tile. */
    static final int CHUNK_ROWS = NearestCentres.TILE;
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

    private Chunk[] chunks = new Chunk[0];
    private final double[] sums;
    private final double[] batchWeight;
    private final double[] before;

    /** Squared change of the centres in the last step (when asked for), including reassigned centres. */
    double lastShift;
    /** Centres moved by the last reassignment. */
    int lastReassigned;

    /** One chunk's working space and partial results. */
    private static final class Chunk {
        final NearestCentres.Tile tile;
        final double[] w = new double[CHUNK_ROWS];
        final double[] sums;
        final double[] weight;
        double inertia;

        Chunk(NearestCentres.Tile tile, int k, int d) {
            this.tile = tile;
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
        NearestCentres table = new NearestCentres(centres, k, d);
        if (chunks.length < nc) {
            Chunk[] more = Arrays.copyOf(chunks, nc);
            for (int c = chunks.length; c < nc; c++) {
                more[c] = new Chunk(table.newTile(), k, d);
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
    private void chunk(NearestCentres table, Chunk c, double[] x, double[] w, int[] rows, int from, int to) {
        int m = to - from;
        NearestCentres.Tile t = c.tile;
        table.load(t, x, rows, from, m);
        table.rank(t, m);
        table.normsAboutMean(t, m);
        double[] sw = c.w;
        for (int i = 0; i < m; i++) {
            sw[i] = w == null ? 1.0 : w[rows == null ? from + i : rows[from + i]];
        }
        double[] sums = c.sums;
        double[] weight = c.weight;
        Arrays.fill(sums, 0);
        Arrays.fill(weight, 0);
        int[] label = t.label;
        double inertia = 0;
        for (int i = 0; i < m; i++) {
            inertia += sw[i] * Math.max(0, t.norm[i] + t.best[i]);
            weight[label[i]] += sw[i];
        }
        for (int l = 0; l < d; l++) {
            double[] xl = t.xT[l];
            for (int i = 0; i < m; i++) {
                sums[label[i] * d + l] += sw[i] * xl[i];
            }
        }
        c.inertia = inertia;
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

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
 * <p>Large batches are split into fixed chunks of {@value #CHUNK_ROWS} rows whose partial sums are added in
 * chunk order, so a step gives the same result on any number of threads.
 */
final class MiniBatchSteps {
    /** Rows per chunk of a batch (a batch of at most this many rows is one task). */
    static final int CHUNK_ROWS = 512;

    final int k;
    final int d;
    final double[] centres;
    final double[] counts;
    long steps;
    long rowsSinceReassignment;
    private final double reassignmentRatio;
    private final VectorKernels kernels = VectorKernels.get();

    // buffers reused between steps
    private int[] labels = new int[0];
    private double[] gathered = new double[0];
    private double[] gatheredWeights = new double[0];
    private double[][] chunkSums = new double[0][];
    private double[][] chunkWeights = new double[0][];
    private double[] chunkInertia = new double[0];
    private final double[] sums;
    private final double[] batchWeight;
    private final double[] before;

    /** Squared change of the centres in the last step (when asked for), including reassigned centres. */
    double lastShift;
    /** Centres moved by the last reassignment. */
    int lastReassigned;

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
     * One step on the batch made of rows {@code rows[0..b)} of {@code x} (weights from {@code w}, or none); with
     * {@code rows == null}, rows {@code 0..b} of {@code x} (exclusive). Each chunk gathers its own rows, so the gathering is
     * spread over the threads too.
     */
    double step(double[] x, double[] w, int[] rows, int b, SplittableRandom rng, boolean reassign,
                boolean measureShift, ExecutionContext ctx) {
        int nc = (b + CHUNK_ROWS - 1) / CHUNK_ROWS;
        ensureBuffers(b, nc);
        double[] xb = x;
        double[] wb = w;
        if (rows != null) {
            if (gathered.length < b * d) {
                gathered = new double[b * d];
            }
            xb = gathered;
            if (w != null) {
                if (gatheredWeights.length < b) {
                    gatheredWeights = new double[b];
                }
                wb = gatheredWeights;
            }
        }
        if (measureShift) {
            System.arraycopy(centres, 0, before, 0, k * d);
        }
        NearestCentres table = new NearestCentres(centres, k, d);
        int[] lab = labels;
        double[] bx = xb;
        double[] bwt = wb;
        ctx.parallelFor(nc, c -> {
            int from = c * CHUNK_ROWS;
            int to = Math.min(b, from + CHUNK_ROWS);
            if (rows != null) {
                for (int i = from; i < to; i++) {
                    System.arraycopy(x, rows[i] * d, bx, i * d, d);
                }
                if (w != null) {
                    for (int i = from; i < to; i++) {
                        bwt[i] = w[rows[i]];
                    }
                }
            }
            double[] s = chunkSums[c];
            double[] sw = chunkWeights[c];
            Arrays.fill(s, 0);
            Arrays.fill(sw, 0);
            chunkInertia[c] = table.assign(kernels, bx, bwt, from, to, lab, null);
            for (int i = from; i < to; i++) {
                int j = lab[i];
                double wi = bwt == null ? 1.0 : bwt[i];
                int so = j * d;
                int xo = i * d;
                for (int l = 0; l < d; l++) {
                    s[so + l] += wi * bx[xo + l];
                }
                sw[j] += wi;
            }
        });
        double inertia = 0;
        double[] s = sums;
        double[] bw = batchWeight;
        if (nc == 1) {
            s = chunkSums[0];
            bw = chunkWeights[0];
            inertia = chunkInertia[0];
        } else {
            Arrays.fill(s, 0);
            Arrays.fill(bw, 0);
            for (int c = 0; c < nc; c++) {
                double[] cs = chunkSums[c];
                for (int i = 0; i < k * d; i++) {
                    s[i] += cs[i];
                }
                double[] cw = chunkWeights[c];
                for (int j = 0; j < k; j++) {
                    bw[j] += cw[j];
                }
                inertia += chunkInertia[c];
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
        lastReassigned = reassign && reassignmentRatio > 0 ? reassignSmall(xb, b, rng) : 0;
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

    /**
     * Moves the centres whose count is below {@code ratio × max count} to distinct random rows of the batch (at
     * most half the batch size of them: the smallest counts first, ties to the lower index) and raises every such
     * count to the smallest count kept, so that they are not reassigned again at once. Returns how many moved.
     */
    private int reassignSmall(double[] xb, int b, SplittableRandom rng) {
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
        int[] rows = Sampling.withoutReplacement(b, moving, rng);
        int r = 0;
        for (int j = 0; j < k; j++) {
            if (move[j]) {
                System.arraycopy(xb, rows[r++] * d, centres, j * d, d);
                counts[j] = keptMin;
            }
        }
        return moving;
    }

    private void ensureBuffers(int b, int nc) {
        if (labels.length < b) {
            labels = new int[b];
        }
        if (chunkSums.length < nc) {
            chunkSums = Arrays.copyOf(chunkSums, nc);
            chunkWeights = Arrays.copyOf(chunkWeights, nc);
            chunkInertia = new double[nc];
            for (int c = 0; c < nc; c++) {
                if (chunkSums[c] == null) {
                    chunkSums[c] = new double[k * d];
                    chunkWeights[c] = new double[k];
                }
            }
        }
    }
}

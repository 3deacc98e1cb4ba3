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
 * order, so a step gives the same result on any number of threads. Each chunk copies its rows into a transposed
 * block (one array per feature) and ranks the centres with loops over the rows that HotSpot vectorises
 * ({@code score[i] += a · x_l[i]}, then the minimum over a block of centres); on a mini-batch this is about twice
 * as fast as the row-blocked kernel of {@link io.cumulo.linalg.VectorKernels#nearest} that scalar HotSpot code
 * gets today. The ranking is {@code ‖c'‖² + 2μ·c' − 2x·c'} with
 * the centres shifted by their mean μ (as {@link NearestCentres}), and the batch inertia, used only by the stopping
 * rule, is {@code ‖x − μ‖² + score}. The final labels and inertia of a fit are computed apart, exactly.
 */
final class MiniBatchSteps {
    /** Rows per chunk of a batch (a batch of at most this many rows is one task). */
    static final int CHUNK_ROWS = 512;
    /** Centres scored together before their minimum is taken. */
    private static final int BLOCK = 16;

    final int k;
    final int d;
    final double[] centres;
    final double[] counts;
    long steps;
    long rowsSinceReassignment;
    private final double reassignmentRatio;

    private Scratch[] scratch = new Scratch[0];
    private final double[] sums;
    private final double[] batchWeight;
    private final double[] before;
    private final double[] shifted;
    private final double[] bias;
    private final double[] mean;

    /** Squared change of the centres in the last step (when asked for), including reassigned centres. */
    double lastShift;
    /** Centres moved by the last reassignment. */
    int lastReassigned;

    /** One chunk's working space and partial results. */
    private static final class Scratch {
        final double[] rows;
        final double[][] xT;
        final double[] w;
        final double[][] score;
        final double[] best;
        final double[] blockBest;
        final int[] blockLabel;
        final double[] norm;
        final int[] label;
        final double[] sums;
        final double[] weight;
        double inertia;

        Scratch(int k, int d) {
            rows = new double[CHUNK_ROWS * d];
            xT = new double[d][CHUNK_ROWS];
            w = new double[CHUNK_ROWS];
            score = new double[Math.min(BLOCK, k)][CHUNK_ROWS];
            best = new double[CHUNK_ROWS];
            blockBest = new double[CHUNK_ROWS];
            blockLabel = new int[CHUNK_ROWS];
            norm = new double[CHUNK_ROWS];
            label = new int[CHUNK_ROWS];
            sums = new double[k * d];
            weight = new double[k];
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
        this.shifted = new double[k * d];
        this.bias = new double[k];
        this.mean = new double[d];
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
        if (scratch.length < nc) {
            Scratch[] more = Arrays.copyOf(scratch, nc);
            for (int c = scratch.length; c < nc; c++) {
                more[c] = new Scratch(k, d);
            }
            scratch = more;
        }
        if (measureShift) {
            System.arraycopy(centres, 0, before, 0, k * d);
        }
        prepareRanking();
        ctx.parallelFor(nc, c -> chunk(scratch[c], x, w, rows, c * CHUNK_ROWS, Math.min(b, (c + 1) * CHUNK_ROWS)));
        double inertia = 0;
        double[] s = sums;
        double[] bw = batchWeight;
        if (nc == 1) {
            s = scratch[0].sums;
            bw = scratch[0].weight;
            inertia = scratch[0].inertia;
        } else {
            Arrays.fill(s, 0);
            Arrays.fill(bw, 0);
            for (int c = 0; c < nc; c++) {
                double[] cs = scratch[c].sums;
                for (int i = 0; i < k * d; i++) {
                    s[i] += cs[i];
                }
                double[] cw = scratch[c].weight;
                for (int j = 0; j < k; j++) {
                    bw[j] += cw[j];
                }
                inertia += scratch[c].inertia;
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

    /** The centres shifted by their mean μ, and {@code bias_j = ‖c'_j‖² + 2μ·c'_j}. */
    private void prepareRanking() {
        Arrays.fill(mean, 0);
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                mean[l] += centres[j * d + l];
            }
        }
        for (int l = 0; l < d; l++) {
            mean[l] /= k;
        }
        for (int j = 0; j < k; j++) {
            double norm = 0;
            double cross = 0;
            for (int l = 0; l < d; l++) {
                double c = centres[j * d + l] - mean[l];
                shifted[j * d + l] = c;
                norm += c * c;
                cross += mean[l] * c;
            }
            bias[j] = norm + 2 * cross;
        }
    }

    /** Rows {@code [from, to)} of the batch: nearest centres, their weighted sums and the chunk's inertia. */
    private void chunk(Scratch s, double[] x, double[] w, int[] rows, int from, int to) {
        int m = to - from;
        double[][] xT = s.xT;
        double[] sw = s.w;
        // copy the rows first (independent loads, so the memory system overlaps them), then transpose in cache:
        // about twice as fast as writing the transposed block straight from randomly placed rows
        double[] xr = s.rows;
        for (int i = 0; i < m; i++) {
            int row = rows == null ? from + i : rows[from + i];
            System.arraycopy(x, row * d, xr, i * d, d);
            sw[i] = w == null ? 1.0 : w[row];
        }
        for (int i = 0; i < m; i++) {
            int src = i * d;
            for (int l = 0; l < d; l++) {
                xT[l][i] = xr[src + l];
            }
        }
        double[] norm = s.norm;
        Arrays.fill(norm, 0, m, 0);
        for (int l = 0; l < d; l++) {
            addSquaredDeviation(xT[l], mean[l], norm, m);
        }
        double[] best = s.best;
        int[] label = s.label;
        double[][] score = s.score;
        // centres in blocks of BLOCK: the scores of a block, their minimum (vectorised), then the first centre
        // reaching it (a rarely taken branch); an earlier block keeps its centre on a tie
        for (int jb = 0; jb < k; jb += BLOCK) {
            int nb = Math.min(BLOCK, k - jb);
            for (int t = 0; t < nb; t++) {
                int j = jb + t;
                Arrays.fill(score[t], 0, m, bias[j]);
                for (int l = 0; l < d; l++) {
                    axpy(-2 * shifted[j * d + l], xT[l], score[t], m);
                }
            }
            double[] bb = jb == 0 ? best : s.blockBest;
            int[] bl = jb == 0 ? label : s.blockLabel;
            Arrays.fill(bb, 0, m, Double.POSITIVE_INFINITY);
            for (int t = 0; t < nb; t++) {
                minInto(score[t], bb, m);
            }
            for (int t = nb - 1; t >= 0; t--) {
                labelWhereEqual(score[t], bb, bl, jb + t, m);
            }
            if (jb > 0) {
                keepSmaller(bb, bl, best, label, m);
            }
        }
        double[] sums = s.sums;
        double[] weight = s.weight;
        Arrays.fill(sums, 0);
        Arrays.fill(weight, 0);
        double inertia = 0;
        for (int i = 0; i < m; i++) {
            double dist = Math.max(0, norm[i] + best[i]);
            inertia += sw[i] * dist;
            weight[label[i]] += sw[i];
        }
        for (int l = 0; l < d; l++) {
            double[] xl = xT[l];
            for (int i = 0; i < m; i++) {
                sums[label[i] * d + l] += sw[i] * xl[i];
            }
        }
        s.inertia = inertia;
    }

    /** {@code y[i] += a · x[i]} for {@code i < m}: same indices on both arrays, so HotSpot vectorises it. */
    private static void axpy(double a, double[] x, double[] y, int m) {
        for (int i = 0; i < m; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code norm[i] += (x[i] − mu)²} for {@code i < m}. */
    private static void addSquaredDeviation(double[] x, double mu, double[] norm, int m) {
        for (int i = 0; i < m; i++) {
            double t = x[i] - mu;
            norm[i] += t * t;
        }
    }

    /** {@code best[i] = min(best[i], s[i])} for {@code i < m} (vectorised). */
    private static void minInto(double[] s, double[] best, int m) {
        for (int i = 0; i < m; i++) {
            best[i] = Math.min(best[i], s[i]);
        }
    }

    /** {@code label[i] = j} where {@code s[i]} is the minimum. */
    private static void labelWhereEqual(double[] s, double[] best, int[] label, int j, int m) {
        for (int i = 0; i < m; i++) {
            if (s[i] == best[i]) {
                label[i] = j;
            }
        }
    }

    /** Where the block's minimum is smaller than the best so far, it and its centre replace them. */
    private static void keepSmaller(double[] blockBest, int[] blockLabel, double[] best, int[] label, int m) {
        for (int i = 0; i < m; i++) {
            if (blockBest[i] < best[i]) {
                best[i] = blockBest[i];
                label[i] = blockLabel[i];
            }
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

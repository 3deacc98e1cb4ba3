package io.cumulo.cluster;

import java.util.Arrays;

/**
 * Hamerly's accelerated k-means (G. Hamerly, "Making k-means even faster", SIAM SDM 2010): each row keeps an
 * upper bound on the distance to its centre and one lower bound on the distance to every other centre. A row
 * is skipped while {@code upper ≤ max(lower, s/2)}, s being its centre's distance to the nearest other
 * centre; otherwise the upper bound is tightened, and only if the test still fails are all centres scored
 * (by the same kernel Lloyd uses, so the choice is the same). Memory O(n); exact.
 */
final class HamerlyIterations extends KMeansIterations implements LloydIterations.RowBounds {
    /**
     * Share of a block's rows still failing after tightening above which the whole block gets a Lloyd pass.
     * Scoring a row costs ~k·d, re-reading it for the partials ~d, so the share grows with k: measured best
     * near 0.15 on KM-A (k = 16) and at 1 (never) on KM-C (k = 100); docs/benchmarks.md.
     */
    private final double denseAfterTightening;

    /** Blocks per task of a bounded pass (measured: larger groups amortise the scoring of scattered rows). */
    static final int GROUP = 8;
    private final double[] upper;
    private final double[] lower;
    /** Lloyd passes over whole blocks, setting the bounds as they go. */
    private final LloydIterations dense;

    HamerlyIterations(KMeansProblem p) {
        super(p);
        upper = new double[p.n];
        lower = new double[p.n];
        dense = new LloydIterations(p, this);
        denseAfterTightening = Math.min(1, p.k / 100.0);
    }

    @Override
    String name() {
        return "hamerly";
    }

    /** Lloyd passes that leave the bounds set, so switching to bounded passes costs nothing. */
    @Override
    LloydIterations densePass() {
        return dense;
    }

    @Override
    int assign(CentreTable table, int[] labels, boolean first, double[] drifts) {
        int k = p.k;
        int d = p.d;
        double[] centres = table.centres;
        double[] half = new double[k];
        if (k > 1) {
            p.centreDistances(centres, half);
        }
        // every lower bound drops by the largest drift of another centre than its row's own
        double[] lowerDrift = null;
        if (drifts != null) {
            double maxDrift = 0;
            double secondDrift = 0;
            int maxAt = -1;
            for (int j = 0; j < k; j++) {
                if (drifts[j] > maxDrift) {
                    secondDrift = maxDrift;
                    maxDrift = drifts[j];
                    maxAt = j;
                } else if (drifts[j] > secondDrift) {
                    secondDrift = drifts[j];
                }
            }
            lowerDrift = new double[k];
            for (int j = 0; j < k; j++) {
                lowerDrift[j] = j == maxAt ? secondDrift : maxDrift;
            }
        }
        final double[] ld = lowerDrift;
        // blocks are taken GROUP at a time, so the few rows left to score in each block are scored together
        int groups = (p.blocks + GROUP - 1) / GROUP;
        return sumOverTasks(groups, grp -> {
            int[] pending = new int[Math.min(p.n, GROUP * p.blockRows)];
            KMeansProblem.Window r = p.newWindow();
            int count = 0;
            int changed = 0;
            for (int b = grp * GROUP; b < Math.min(p.blocks, (grp + 1) * GROUP); b++) {
                int from = p.start(b);
                int to = p.end(b);
                int[] failing = new int[to - from];
                int f;
                // 1. bounds only, no row data touched: which rows might have changed centre?
                if (first) {
                    f = to - from;
                } else {
                    f = p.kernels.boundFilter(labels, upper, lower, drifts, ld, half, 1 - MARGIN, from, to, failing);
                }
                if (f == 0) {
                    continue;
                }
                if (2 * f > to - from) {
                    // 2a. most of the block: a Lloyd pass over it, which also rebuilds its partial sums while the
                    // rows are in cache (rows that passed get fresh bounds too)
                    changed += dense.block(table, b, labels);
                    continue;
                }
                // 2b. a few rows: tighten their upper bounds in a loop of independent distance computations (the
                // rows are scattered, so this keeps many cache misses in flight); what still fails is scored later
                double[] tight = new double[f];
                for (int t = 0; t < f; t++) {
                    int i = failing[t];
                    tight[t] = p.squaredDistance(i, centres, labels[i] * d, r);
                }
                int g = 0;
                for (int t = 0; t < f; t++) {
                    int i = failing[t];
                    int a = labels[i];
                    upper[i] = Math.sqrt(tight[t]);
                    if (upper[i] > Math.max(half[a], lower[i]) * (1 - MARGIN)) {
                        failing[g++] = i;
                    }
                }
                if (g > denseAfterTightening * (to - from)) {
                    // still many: scoring them scattered, then re-reading the block for its partials, costs more
                    changed += dense.block(table, b, labels);
                    continue;
                }
                System.arraycopy(failing, 0, pending, count, g);
                count += g;
            }
            // 3. the rows still failing in the group's blocks, scored together; a block where a label changed has
            // its partial sums rebuilt after the pass
            if (count > 0) {
                changed += rescoreRows(table, pending, count, labels);
            }
            return changed;
        });
    }

    /**
     * Scores scattered rows against all centres (copied together first, so the kernel sees a block); labels and
     * both bounds from the result.
     */
    private int rescoreRows(CentreTable table, int[] rows, int count, int[] labels) {
        int d = p.d;
        int block = table.blockRows();
        double[] packed = new double[Math.min(block, count) * d]; // typically a few rows: no 8 KB to clear per block
        Scratch s = new Scratch(table, Math.min(block, count));
        int changed = 0;
        KMeansProblem.Window r = p.newWindow();
        for (int start = 0; start < count; start += block) {
            int end = Math.min(count, start + block);
            for (int t = start; t < end; t++) {
                p.rows(rows[t], rows[t] + 1, r);
                System.arraycopy(r.x, r.at(rows[t]), packed, (t - start) * d, d);
            }
            int[] which = Arrays.copyOfRange(rows, start, end);
            changed += settle(table, packed, 0, end - start, which, labels, s);
        }
        return changed;
    }

    private final class Scratch {
        final double[] scores;
        final int[] best;
        final double[] up;
        final double[] lo;

        /** For blocks of up to {@code rows} rows (at most {@link CentreTable#blockRows()}). */
        Scratch(CentreTable table, int rows) {
            scores = table.fused() ? table.newNearestScratch(p.kernels) : new double[rows * table.stride];
            best = new int[rows];
            up = new double[rows];
            lo = new double[rows];
        }
    }

    /**
     * Rows {@code [from, to)} of {@code x} (data rows {@code rows[r − from]}) go to their nearest centre, by the
     * kernel Lloyd uses, with fresh bounds; returns how many labels changed.
     */
    private int settle(CentreTable table, double[] x, int from, int to, int[] rows, int[] labels, Scratch s) {
        int d = p.d;
        int changed = 0;
        if (table.fused()) {
            table.nearestBounds(p.kernels, x, from, to, s.best, s.up, s.lo, 0, s.scores);
        } else {
            table.scores(p.kernels, x, from, to, s.scores);
        }
        for (int r = from; r < to; r++) {
            int i = rows[r - from];
            int best;
            if (table.fused()) {
                int t = r - from;
                best = s.best[t];
                upper[i] = s.up[t];
                lower[i] = s.lo[t];
            } else {
                int o = (r - from) * table.stride;
                best = p.kernels.argmin(s.scores, o, p.k);
                set(table, i, x, r * d, s.scores, o, best);
            }
            if (labels[i] != best) {
                labels[i] = best;
                p.changed[i / p.blockRows] = true;
                changed++;
            }
        }
        return changed;
    }

    @Override
    public double[] upper() {
        return upper;
    }

    @Override
    public double[] lower() {
        return lower;
    }

    /**
     * Bounds of row {@code i} (values at {@code x[off..]}) just assigned to {@code best} from its scores: the upper
     * one is the exact distance; the lower one is {@code ‖x − c_j‖² = offset + score_j} minimised over the other
     * centres, with the offset taken from the best centre's exact distance, less what rounding could have added,
     * so it never exceeds the true distance.
     */
    @Override
    public void set(CentreTable table, int i, double[] x, int off, double[] scores, int o, int best) {
        int d = p.d;
        double exactBest = p.kernels.squaredDistance(x, off, table.centres, best * d, d);
        upper[i] = Math.sqrt(exactBest);
        if (p.k == 1) {
            lower[i] = Double.POSITIVE_INFINITY;
        } else {
            double xNorm = Math.sqrt(p.kernels.dot(x, off, x, off, d));
            double sq = exactBest - scores[o + best] + p.kernels.minExcept(scores, o, p.k, best)
                    - table.scoreError(best, xNorm) - table.maxScoreError(xNorm);
            lower[i] = Math.sqrt(Math.max(sq, 0)) * (1 - MARGIN);
        }
    }
}

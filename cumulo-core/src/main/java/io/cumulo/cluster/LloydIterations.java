package io.cumulo.cluster;

import java.util.Arrays;

/**
 * Lloyd's algorithm (S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982):
 * every iteration scores every row against every centre. One pass over the data does the assignment and the
 * block partial sums: with many features each row is added to its centre's sums as soon as it is assigned
 * (while in cache, and a row is long enough to amortise the call); with few, a block's rows are grouped by
 * centre after the block is assigned (see {@link KMeansProblem#accumulate}). Both add the same rows in the same
 * order, so the sums are identical.
 */
final class LloydIterations extends KMeansIterations {
    /**
     * Told each row's outcome while its scores are at hand, so a bounded variant can run Lloyd passes that
     * leave its bounds ready.
     */
    interface RowBounds {
        /** Row {@code i} (values at {@code x[off..]}) goes to {@code best}; its scores are in {@code scores[o..]}. */
        void set(CentreTable table, int i, double[] x, int off, double[] scores, int o, int best);

        /** Where the fused kernel writes the bounds, indexed by row (see {@link CentreTable#nearestBounds}). */
        double[] upper();

        /** As {@link #upper()}, the lower bounds. */
        double[] lower();
    }

    private final RowBounds bounds;

    LloydIterations(KMeansProblem p) {
        this(p, null);
    }

    LloydIterations(KMeansProblem p, RowBounds bounds) {
        super(p);
        this.bounds = bounds;
    }

    /** Whether a pass leaves the bounds of the variant that gave {@link RowBounds} valid for its centres. */
    boolean setsBounds() {
        return bounds != null;
    }

    @Override
    String name() {
        return "lloyd";
    }

    @Override
    boolean bounded() {
        return false;
    }

    /** From this many features on, rows are added one by one while in cache (measured, docs/benchmarks.md). */
    static final int ROW_BY_ROW_FEATURES = 64;

    @Override
    int assign(CentreTable table, int[] labels, boolean first, double[] drifts) {
        return sumOverTasks(p.blocks, b -> block(table, b, labels));
    }

    /**
     * One Lloyd pass over block {@code b}: its labels, its partial sums rebuilt (so it needs no recomputation)
     * and, if this pass sets bounds, its rows' bounds. Returns how many labels changed.
     */
    int block(CentreTable table, int b, int[] labels) {
        int d = p.d;
        int kd = p.k * d;
        boolean rowByRow = d >= ROW_BY_ROW_FEATURES;
        // grouping rows by centre costs O(k) per call: with small sub-blocks and many centres, group the block once
        boolean perSubBlock = table.blockRows() >= 2 * p.k;
        boolean fused = table.fused();
        double[] scratch = fused ? table.newNearestScratch(p.kernels) : table.newScratch();
        int[] best = new int[table.blockRows()];
        double[] fresh = p.spare[b];
        Arrays.fill(fresh, 0);
        int[] offsets = new int[p.k + 1];
        int blockLen = p.end(b) - p.start(b);
        int sub = table.blockRows();
        // float32 rows are widened a chunk (whole sub-blocks) at a time; float64 rows are read in place
        int chunk = p.xf == null ? blockLen : Math.max(sub, p.chunkRows() / sub * sub);
        int[] order = new int[perSubBlock ? sub : Math.min(chunk, blockLen)];
        int changed = 0;
        KMeansProblem.Window r = p.newWindow();
        for (int cs = p.start(b); cs < p.end(b); cs += chunk) {
            int ce = Math.min(p.end(b), cs + chunk);
            p.rows(cs, ce, r);
            double[] x = r.x;
            for (int from = cs; from < ce; from += sub) {
                int to = Math.min(ce, from + sub);
                int lo = from - r.base;
                int hi = to - r.base;
                if (fused && bounds != null) {
                    table.nearestBounds(p.kernels, x, lo, hi, best, bounds.upper(), bounds.lower(), from, scratch);
                } else if (fused) {
                    table.nearest(p.kernels, x, lo, hi, best, null, scratch);
                } else {
                    table.scores(p.kernels, x, lo, hi, scratch);
                    for (int i = from; i < to; i++) {
                        int o = (i - from) * table.stride;
                        best[i - from] = p.kernels.argmin(scratch, o, p.k);
                        if (bounds != null) {
                            bounds.set(table, i, x, r.at(i), scratch, o, best[i - from]);
                        }
                    }
                }
                for (int i = from; i < to; i++) {
                    int j = best[i - from];
                    if (j != labels[i]) {
                        changed++;
                        labels[i] = j;
                    }
                    if (rowByRow) {
                        double wi = p.weight(i);
                        p.kernels.axpy(wi, x, r.at(i), fresh, j * d, d);
                        fresh[kd + j] += wi;
                    }
                }
                if (!rowByRow && perSubBlock) {
                    p.accumulateRows(r, from, to, labels, fresh, offsets, order); // while the rows are in cache
                }
            }
            if (!rowByRow && !perSubBlock) {
                p.accumulateRows(r, cs, ce, labels, fresh, offsets, order);
            }
        }
        // the rebuilt partials are what a recomputation would give; swap them in
        p.spare[b] = p.partials[b];
        p.partials[b] = fresh;
        p.changed[b] = false;
        return changed;
    }
}

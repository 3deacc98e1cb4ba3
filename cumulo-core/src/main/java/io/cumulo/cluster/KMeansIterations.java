package io.cumulo.cluster;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * The outer loop shared by every k-means variant (Lloyd and the exact accelerations): assign, update the
 * centres from the block partials, stop as scikit-learn does. A variant only says how rows get assigned;
 * all variants produce the same iterates (labels, then centres bit for bit) up to ties within rounding.
 *
 * <p>Stopping: when no label changed (strict convergence) or when the total squared centre shift is at most
 * {@code tol}; after a stop on the shift or at {@code max-iter}, one more assignment makes the labels match
 * the final centres.
 */
abstract class KMeansIterations {
    /** Accelerated variants skip a bound test only when it holds by this relative margin, far above rounding. */
    static final double MARGIN = 1e-9;

    /**
     * While more than this share of labels changed in the last iteration, bounds would prune little (the
     * centres still move a lot) and cost more than they save: plain Lloyd passes run instead, and the bounds
     * are built once the labels settle.
     */
    static final double DENSE_SHARE = 0.1;

    /** Dense passes set the bounds once the last one changed at most this many times the dense share of labels. */
    static final double BOUNDS_AHEAD = 2.5;

    /** The share used by this run; tests set 0 to exercise the bounds from the second iteration on. */
    double denseShare = DENSE_SHARE;

    static final class Result {
        final double[] centres;
        final int[] labels;
        final double inertia;
        final int iterations;
        final boolean converged;

        Result(double[] centres, int[] labels, double inertia, int iterations, boolean converged) {
            this.centres = centres;
            this.labels = labels;
            this.inertia = inertia;
            this.iterations = iterations;
            this.converged = converged;
        }
    }

    final KMeansProblem p;

    KMeansIterations(KMeansProblem p) {
        this.p = p;
    }

    /** Short name, as the {@code algorithm} parameter takes it. */
    abstract String name();

    /** The Lloyd passes this variant runs while labels change a lot (they may also set its bounds). */
    LloydIterations densePass() {
        return new LloydIterations(p);
    }

    /** Whether this variant keeps bounds (Lloyd does not, and never switches). */
    boolean bounded() {
        return true;
    }

    /**
     * Assigns every row for the centres {@code centres}, updating {@code labels} in place and marking the
     * blocks where a label changed (or, for a pass that rebuilds partials itself, leaving them rebuilt).
     * {@code first}: no labels yet. {@code drifts}: how far each centre moved in the last update (null on the
     * first pass). Returns the number of labels changed.
     */
    abstract int assign(CentreTable table, int[] labels, boolean first, double[] drifts);

    /**
     * Runs {@code pass} for tasks {@code 0 .. tasks−1} (blocks, or groups of them) in parallel and returns the sum of
     * what it returns: the labels changed.
     */
    int sumOverTasks(int tasks, IntUnaryOperator pass) {
        int[] perTask = new int[tasks];
        p.ctx.parallelFor(tasks, t -> perTask[t] = pass.applyAsInt(t));
        int total = 0;
        for (int c : perTask) {
            total += c;
        }
        return total;
    }

    /** What a bound-keeping variant does with one row of its first pass, all centres scored. */
    interface ScoredRow {
        /**
         * Sets the bounds of row {@code i} (its values at {@code r.x[r.at(i)..]}) from its scores
         * {@code scores[o .. o+k)} (squared distance minus {@code ‖x‖²}), {@code best} being the lowest.
         */
        void bounds(int i, double[] scores, int o, int best, KMeansProblem.Window r);
    }

    /** What a bound-keeping variant does with one row of a later pass. */
    interface BoundedRow {
        /**
         * Returns the nearest centre of row {@code i} (currently labelled {@code a}), updating its bounds; it
         * loads the row into {@code r} ({@code p.rows(i, i + 1, r)}) only when the bounds do not settle it.
         */
        int nearest(int i, int a, KMeansProblem.Window r);
    }

    /**
     * The assignment step of the variants that keep bounds per row (Elkan, Yinyang), written once: one task
     * per block; on the {@code first} pass every centre is scored for the rows of the block in sub-blocks (labels
     * as Lloyd's) and {@code scored} sets the bounds; later passes ask the row step {@code bounded} makes for each
     * task (holding that task's scratch arrays) for each row's centre. Relabels the rows, marks the blocks where a
     * label changed and returns the number changed.
     */
    final int boundedPass(CentreTable table, int[] labels, boolean first, ScoredRow scored,
                          Supplier<BoundedRow> bounded) {
        return sumOverTasks(p.blocks, b -> {
            int changed = 0;
            KMeansProblem.Window r = p.newWindow();
            if (first) {
                double[] scratch = table.newScratch();
                int sub = table.blockRows();
                for (int from = p.start(b); from < p.end(b); from += sub) {
                    int to = Math.min(p.end(b), from + sub);
                    p.rows(from, to, r);
                    table.scores(p.kernels, r.x, from - r.base, to - r.base, scratch);
                    for (int i = from; i < to; i++) {
                        int o = (i - from) * table.stride;
                        int best = p.kernels.argmin(scratch, o, p.k);
                        scored.bounds(i, scratch, o, best, r);
                        if (labels[i] != best) {
                            labels[i] = best;
                            changed++;
                        }
                    }
                }
            } else {
                BoundedRow step = bounded.get();
                for (int i = p.start(b); i < p.end(b); i++) {
                    int a = labels[i];
                    int best = step.nearest(i, a, r);
                    if (best != a) {
                        labels[i] = best;
                        changed++;
                    }
                }
            }
            if (changed > 0) {
                p.changed[b] = true;
            }
            return changed;
        });
    }

    Result run(double[] init, int maxIter, double tol, IntConsumer onStep) {
        int k = p.k;
        int d = p.d;
        double[] centres = init.clone();
        double[] next = new double[k * d];
        int[] labels = new int[p.n];
        Arrays.fill(labels, -1);
        boolean strict = false;
        boolean converged = false;
        double[] drifts = null;
        int iter = 0;
        LloydIterations dense = bounded() ? densePass() : null;
        KMeansIterations lloyd = dense != null ? dense : this;
        // setting bounds costs a little per row: only in the dense passes likely to be followed by a bounded one
        // (the share of changed labels roughly halves from one iteration to the next)
        KMeansIterations early = dense != null && dense.setsBounds() ? new LloydIterations(p) : lloyd;
        boolean boundsBuilt = false;
        int changedLabels = p.n;
        while (iter < maxIter) {
            CentreTable table = new CentreTable(centres, k, d, p.kernels);
            if (changedLabels > denseShare * p.n) {
                boolean soon = changedLabels <= BOUNDS_AHEAD * denseShare * p.n;
                changedLabels = (soon ? lloyd : early).assign(table, labels, iter == 0, drifts);
                boundsBuilt = soon && dense != null && dense.setsBounds();
            } else {
                changedLabels = assign(table, labels, !boundsBuilt, boundsBuilt ? drifts : null);
                boundsBuilt = true;
            }
            p.recomputeChanged(labels);
            boolean relocated = p.update(centres, next, labels, null, p.source);
            double shift = 0;
            for (int i = 0; i < k * d; i++) {
                double diff = next[i] - centres[i];
                shift += diff * diff;
            }
            drifts = p.drifts(centres, next);
            double[] t = centres;
            centres = next;
            next = t;
            iter++;
            onStep.accept(iter);
            if (changedLabels == 0 && !relocated) {
                strict = true;
                converged = true;
                break;
            }
            if (shift <= tol) {
                converged = true;
                break;
            }
        }
        if (!strict) {
            CentreTable table = new CentreTable(centres, k, d, p.kernels);
            if (boundsBuilt) {
                assign(table, labels, false, drifts);
            } else {
                lloyd.assign(table, labels, false, drifts);
            }
        }
        return new Result(centres, labels, p.inertia(labels, centres), iter, converged);
    }
}

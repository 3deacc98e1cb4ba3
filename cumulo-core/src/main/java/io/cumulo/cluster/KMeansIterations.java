package io.cumulo.cluster;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

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

package io.cumulo.cluster;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;

/**
 * Lloyd's algorithm (Lloyd 1957/1982): assign every row to its nearest centre, move each centre to the
 * (weighted) mean of its rows, repeat. One pass over the data per iteration does both steps: each chunk
 * assigns its rows and accumulates its own partial sums, and the partial sums are added in chunk order.
 *
 * <p>Stopping follows scikit-learn exactly: stop when no label changed ("strict" convergence) or when the
 * total squared centre shift is at most {@code tol}; after stopping on the shift, one more assignment makes
 * the labels match the final centres. Empty clusters are re-seeded, deterministically, with the rows farthest
 * from their centres.
 */
final class LloydIterations {
    /** Rows per chunk at least; chunk buffers hold k·d sums each, so their number is bounded too. */
    private static final int MIN_CHUNK_ROWS = 2048;
    private static final long CHUNK_BUFFER_BUDGET = 1L << 24; // doubles over all chunks

    static final class Result {
        final double[] centres;
        final int[] labels;
        final double inertia;
        final int iterations;
        final boolean converged;
        final double[] history;

        Result(double[] centres, int[] labels, double inertia, int iterations, boolean converged, double[] history) {
            this.centres = centres;
            this.labels = labels;
            this.inertia = inertia;
            this.iterations = iterations;
            this.converged = converged;
            this.history = history;
        }
    }

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] w;
    private final Chunks chunks;
    private final ExecutionContext ctx;
    private final VectorKernels kernels = VectorKernels.get();
    private final String source;

    // per-chunk partial results
    private final double[][] chunkSums;
    private final double[][] chunkWeights;
    private final int[][] chunkCounts;
    private final double[] chunkInertia;
    private final int[] chunkChanged;

    LloydIterations(double[] x, int n, int d, int k, double[] w, ExecutionContext ctx, String source) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.w = w;
        this.ctx = ctx;
        this.source = source;
        this.chunks = chunksFor(n, k, d);
        int nc = chunks.count();
        chunkSums = new double[nc][k * d];
        chunkWeights = new double[nc][k];
        chunkCounts = new int[nc][k];
        chunkInertia = new double[nc];
        chunkChanged = new int[nc];
    }

    static Chunks chunksFor(int n, int k, int d) {
        int maxChunks = (int) Math.max(1, Math.min(256, CHUNK_BUFFER_BUDGET / Math.max(1L, (long) k * d)));
        return Chunks.of(n, MIN_CHUNK_ROWS, maxChunks);
    }

    Chunks chunks() {
        return chunks;
    }

    /**
     * Runs from {@code init} (k × d, not modified).
     *
     * @param tol     absolute tolerance on the total squared centre shift
     * @param onStep  called after each iteration with its number (for progress)
     */
    Result run(double[] init, int maxIter, double tol, java.util.function.IntConsumer onStep) {
        double[] centres = init.clone();
        double[] next = new double[k * d];
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int[] fresh = new int[n];
        double[] dist = new double[n];
        double[] history = new double[maxIter];
        boolean strict = false;
        boolean converged = false;
        int iter = 0;
        double inertia = Double.NaN;
        while (iter < maxIter) {
            CentreTable table = new CentreTable(centres, k, d);
            int changed = assignAndAccumulate(table, labels, fresh, dist, true);
            inertia = sum(chunkInertia);
            history[iter] = inertia;
            boolean relocated = update(centres, next, fresh, dist);
            double shift = 0;
            for (int i = 0; i < k * d; i++) {
                double diff = next[i] - centres[i];
                shift += diff * diff;
            }
            double[] t = centres;
            centres = next;
            next = t;
            int[] tl = labels;
            labels = fresh;
            fresh = tl;
            iter++;
            onStep.accept(iter);
            if (changed == 0 && !relocated) {
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
            // labels belong to the centres before the last update: assign once more to the final centres
            CentreTable table = new CentreTable(centres, k, d);
            assignAndAccumulate(table, labels, fresh, dist, false);
            labels = fresh;
            inertia = sum(chunkInertia);
        }
        return new Result(centres, labels, inertia, iter, converged, Arrays.copyOf(history, iter));
    }

    /**
     * Assigns rows to {@code table}'s centres into {@code fresh}, with the exact squared distance to the chosen
     * centre in {@code dist}; accumulates per-chunk sums when {@code accumulate}. Returns how many labels differ
     * from {@code labels}.
     */
    int assignAndAccumulate(CentreTable table, int[] labels, int[] fresh, double[] dist, boolean accumulate) {
        double[] centres = table.centres;
        ctx.parallelFor(chunks.count(), c -> {
            int from = chunks.start(c);
            int to = chunks.end(c);
            table.assign(kernels, x, from, to, fresh);
            double[] sums = chunkSums[c];
            double[] wsum = chunkWeights[c];
            int[] counts = chunkCounts[c];
            if (accumulate) {
                Arrays.fill(sums, 0);
                Arrays.fill(wsum, 0);
                Arrays.fill(counts, 0);
            }
            double inertia = 0;
            int changed = 0;
            for (int i = from; i < to; i++) {
                int j = fresh[i];
                int xo = i * d;
                double dd = kernels.squaredDistance(x, xo, centres, j * d, d);
                dist[i] = dd;
                double wi = w == null ? 1.0 : w[i];
                inertia += wi * dd;
                if (j != labels[i]) {
                    changed++;
                }
                if (accumulate) {
                    int so = j * d;
                    for (int l = 0; l < d; l++) {
                        sums[so + l] += wi * x[xo + l];
                    }
                    wsum[j] += wi;
                    counts[j]++;
                }
            }
            chunkInertia[c] = inertia;
            chunkChanged[c] = changed;
        });
        int changed = 0;
        for (int c : chunkChanged) {
            changed += c;
        }
        return changed;
    }

    /** New centres into {@code next} from the chunk sums; returns whether an empty cluster was re-seeded. */
    private boolean update(double[] centres, double[] next, int[] labels, double[] dist) {
        Arrays.fill(next, 0);
        double[] wsum = new double[k];
        for (int c = 0; c < chunks.count(); c++) {
            double[] s = chunkSums[c];
            for (int i = 0; i < k * d; i++) {
                next[i] += s[i];
            }
            double[] cw = chunkWeights[c];
            for (int j = 0; j < k; j++) {
                wsum[j] += cw[j];
            }
        }
        boolean relocated = relocateEmpty(next, wsum, labels, dist);
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
        return relocated;
    }

    /**
     * Gives each empty cluster one of the rows farthest from their centre (farthest first, ties to the lower
     * row), taking that row's weight out of its old cluster's sums, as scikit-learn does.
     */
    private boolean relocateEmpty(double[] sums, double[] wsum, int[] labels, double[] dist) {
        int empty = 0;
        for (int j = 0; j < k; j++) {
            if (wsum[j] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return false;
        }
        int[] far = farthest(dist, empty);
        int f = 0;
        for (int j = 0; j < k; j++) {
            if (wsum[j] != 0) {
                continue;
            }
            int p = far[f++];
            if (!(dist[p] > 0)) {
                throw KMeansPlusPlus.fewerDistinctRows(k, source);
            }
            int old = labels[p];
            double wp = w == null ? 1.0 : w[p];
            if (wp > 0) {
                for (int l = 0; l < d; l++) {
                    sums[old * d + l] -= wp * x[p * d + l];
                    sums[j * d + l] = wp * x[p * d + l];
                }
                wsum[old] -= wp;
                wsum[j] = wp;
            } else {
                for (int l = 0; l < d; l++) {
                    sums[j * d + l] = x[p * d + l];
                }
                wsum[j] = 1.0;
            }
        }
        return true;
    }

    /** Indices of the {@code m} largest values, largest first, ties to the lower index. */
    private static int[] farthest(double[] dist, int m) {
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

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}

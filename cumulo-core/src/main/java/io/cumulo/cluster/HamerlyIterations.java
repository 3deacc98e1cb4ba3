package io.cumulo.cluster;

/**
 * Hamerly's accelerated k-means (G. Hamerly, "Making k-means even faster", SIAM SDM 2010): each row keeps an
 * upper bound on the distance to its centre and one lower bound on the distance to every other centre. A row
 * is skipped while {@code upper ≤ max(lower, s/2)}, s being its centre's distance to the nearest other
 * centre; otherwise the upper bound is tightened, and only if the test still fails are all centres scored
 * (by the same kernel Lloyd uses, so the choice is the same). Memory O(n); exact.
 */
final class HamerlyIterations extends KMeansIterations {
    private double[] upper;
    private double[] lower;

    HamerlyIterations(KMeansProblem p) {
        super(p);
    }

    @Override
    String name() {
        return "hamerly";
    }

    @Override
    int assign(CentreTable table, int[] labels, boolean first, double[] drifts) {
        if (upper == null) {
            upper = new double[p.n];
            lower = new double[p.n];
        }
        int k = p.k;
        int d = p.d;
        double[] centres = table.centres;
        double[] half = new double[k];
        if (k > 1) {
            p.centreDistances(centres, half);
        }
        double maxDrift = 0;
        double secondDrift = 0;
        int maxAt = -1;
        if (drifts != null) {
            for (int j = 0; j < k; j++) {
                if (drifts[j] > maxDrift) {
                    secondDrift = maxDrift;
                    maxDrift = drifts[j];
                    maxAt = j;
                } else if (drifts[j] > secondDrift) {
                    secondDrift = drifts[j];
                }
            }
        }
        final double md = maxDrift;
        final double sd = secondDrift;
        final int ma = maxAt;
        int[] changedPerBlock = new int[p.blocks];
        p.ctx.parallelFor(p.blocks, b -> {
            int from = p.start(b);
            int to = p.end(b);
            int[] failing = new int[to - from];
            int f = 0;
            // 1. bounds only, no row data touched: which rows might have changed centre?
            for (int i = from; i < to; i++) {
                if (first) {
                    failing[f++] = i;
                    continue;
                }
                int a = labels[i];
                if (drifts != null) {
                    upper[i] += drifts[a];
                    lower[i] -= a == ma ? sd : md;
                }
                if (upper[i] > Math.max(half[a], lower[i]) * (1 - MARGIN)) {
                    failing[f++] = i;
                }
            }
            int changed;
            if (f == 0) {
                changed = 0;
            } else if (2 * f > to - from) {
                // 2a. most of the block: score it all in place, as Lloyd does (rows that passed are refreshed too)
                changed = rescoreRange(table, from, to, labels);
            } else {
                // 2b. a few rows: tighten their upper bounds in a loop of independent distance computations (the
                // rows are scattered, so this keeps many cache misses in flight), then score what still fails
                double[] tight = new double[f];
                for (int t = 0; t < f; t++) {
                    int i = failing[t];
                    tight[t] = p.kernels.squaredDistance(p.x, i * d, centres, labels[i] * d, d);
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
                changed = g == 0 ? 0 : rescoreRows(table, failing, g, labels);
            }
            if (changed > 0) {
                p.changed[b] = true;
            }
            changedPerBlock[b] = changed;
        });
        int changed = 0;
        for (int c : changedPerBlock) {
            changed += c;
        }
        return changed;
    }

    /** Scores rows {@code [from, to)} in place against all centres; labels and both bounds from the result. */
    private int rescoreRange(CentreTable table, int from, int to, int[] labels) {
        int block = table.blockRows();
        int[] bestOf = new int[block];
        int[] secondOf = new int[block];
        double[] scratch = table.fused() ? table.newNearestScratch(p.kernels) : table.newScratch();
        int changed = 0;
        for (int s = from; s < to; s += block) {
            int e = Math.min(to, s + block);
            nearestTwo(table, p.x, s, e, scratch, bestOf, secondOf);
            for (int i = s; i < e; i++) {
                changed += settle(table, i, p.x, i * p.d, bestOf[i - s], secondOf[i - s], labels);
            }
        }
        return changed;
    }

    /** As {@link #rescoreRange} for scattered rows: copied together first, so the kernel sees a block. */
    private int rescoreRows(CentreTable table, int[] rows, int count, int[] labels) {
        int d = p.d;
        int block = table.blockRows();
        double[] packed = new double[block * d];
        int[] bestOf = new int[block];
        int[] secondOf = new int[block];
        double[] scratch = table.fused() ? table.newNearestScratch(p.kernels) : table.newScratch();
        int changed = 0;
        for (int s = 0; s < count; s += block) {
            int e = Math.min(count, s + block);
            for (int t = s; t < e; t++) {
                System.arraycopy(p.x, rows[t] * d, packed, (t - s) * d, d);
            }
            nearestTwo(table, packed, 0, e - s, scratch, bestOf, secondOf);
            for (int t = s; t < e; t++) {
                changed += settle(table, rows[t], packed, (t - s) * d, bestOf[t - s], secondOf[t - s], labels);
            }
        }
        return changed;
    }

    /** Nearest and second-nearest centres of rows {@code [from, to)} of {@code x}, by the table's faster way. */
    private void nearestTwo(CentreTable table, double[] x, int from, int to, double[] scratch, int[] bestOf,
                            int[] secondOf) {
        int k = p.k;
        if (table.fused()) {
            table.nearest(p.kernels, x, from, to, bestOf, secondOf, scratch);
            return;
        }
        table.scores(p.kernels, x, from, to, scratch);
        for (int r = 0; r < to - from; r++) {
            int o = r * table.stride;
            int best = p.kernels.argmin(scratch, o, k);
            int second = -1;
            for (int j = 0; j < k; j++) {
                if (j != best && (second < 0 || scratch[o + j] < scratch[o + second])) {
                    second = j;
                }
            }
            bestOf[r] = best;
            secondOf[r] = second;
        }
    }

    /** Row {@code i} (its values at {@code x[off..]}) goes to {@code best}; bounds are its exact distances. */
    private int settle(CentreTable table, int i, double[] x, int off, int best, int second, int[] labels) {
        int d = p.d;
        upper[i] = Math.sqrt(p.kernels.squaredDistance(x, off, table.centres, best * d, d));
        lower[i] = p.k == 1 ? Double.POSITIVE_INFINITY
                : Math.sqrt(p.kernels.squaredDistance(x, off, table.centres, second * d, d));
        if (labels[i] != best) {
            labels[i] = best;
            return 1;
        }
        return 0;
    }
}

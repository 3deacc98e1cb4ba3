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
            int block = table.blockRows();
            double[] packed = new double[block * d];
            int[] rows = new int[block];
            double[] scratch = table.fused() ? table.newNearestScratch(p.kernels) : table.newScratch();
            int[] bestOf = new int[block];
            int[] secondOf = new int[block];
            int count = 0;
            int changed = 0;
            for (int i = p.start(b); i < p.end(b); i++) {
                if (!first) {
                    int a = labels[i];
                    if (drifts != null) {
                        upper[i] += drifts[a];
                        lower[i] -= a == ma ? sd : md;
                    }
                    double bound = Math.max(half[a], lower[i]) * (1 - MARGIN);
                    if (upper[i] <= bound) {
                        continue;
                    }
                    upper[i] = Math.sqrt(p.kernels.squaredDistance(p.x, i * d, centres, a * d, d));
                    if (upper[i] <= bound) {
                        continue;
                    }
                }
                System.arraycopy(p.x, i * d, packed, count * d, d);
                rows[count++] = i;
                if (count == block) {
                    changed += rescore(table, packed, rows, count, labels, scratch, bestOf, secondOf);
                    count = 0;
                }
            }
            if (count > 0) {
                changed += rescore(table, packed, rows, count, labels, scratch, bestOf, secondOf);
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

    /** Finds the nearest two centres of packed rows; sets label, upper and lower bounds; returns labels changed. */
    private int rescore(CentreTable table, double[] packed, int[] rows, int count, int[] labels, double[] scratch,
                        int[] bestOf, int[] secondOf) {
        int k = p.k;
        int d = p.d;
        if (table.fused()) {
            table.nearest(p.kernels, packed, 0, count, bestOf, secondOf, scratch);
        } else {
            table.scores(p.kernels, packed, 0, count, scratch);
            for (int r = 0; r < count; r++) {
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
        int changed = 0;
        for (int r = 0; r < count; r++) {
            int i = rows[r];
            int best = bestOf[r];
            upper[i] = Math.sqrt(p.kernels.squaredDistance(packed, r * d, table.centres, best * d, d));
            lower[i] = k == 1 ? Double.POSITIVE_INFINITY
                    : Math.sqrt(p.kernels.squaredDistance(packed, r * d, table.centres, secondOf[r] * d, d));
            if (labels[i] != best) {
                labels[i] = best;
                changed++;
            }
        }
        return changed;
    }
}

package io.cumulo.cluster;

/**
 * Elkan's accelerated k-means (C. Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003):
 * each row keeps an upper bound on the distance to its centre and a lower bound on its distance to every
 * centre; centre-to-centre distances rule out most candidates without touching the row. Prunes the most
 * distance computations, which pays when a distance is expensive (many features); the bounds take n × k
 * doubles. Exact.
 */
final class ElkanIterations extends KMeansIterations {
    private double[] upper;
    private double[] lower;

    ElkanIterations(KMeansProblem p) {
        super(p);
    }

    @Override
    String name() {
        return "elkan";
    }

    @Override
    int assign(CentreTable table, int[] labels, boolean first, double[] drifts) {
        int n = p.n;
        int k = p.k;
        int d = p.d;
        if (upper == null) {
            upper = new double[n];
            lower = new double[n * k];
        }
        double[] centres = table.centres;
        double[] half = new double[k];
        double[] cc = k > 1 ? p.centreDistances(centres, half) : new double[1];
        return sumOverTasks(p.blocks, b -> {
            int changed = 0;
            if (first) {
                changed = firstPass(table, b, labels);
            } else {
                KMeansProblem.Window r = p.newWindow();
                for (int i = p.start(b); i < p.end(b); i++) {
                    int a = labels[i];
                    int lo = i * k;
                    if (drifts != null) {
                        upper[i] += drifts[a];
                        for (int j = 0; j < k; j++) {
                            lower[lo + j] = Math.max(lower[lo + j] - drifts[j], 0);
                        }
                    }
                    double u = upper[i];
                    if (u <= half[a] * (1 - MARGIN)) {
                        continue;
                    }
                    boolean tight = false;
                    int best = a;
                    p.rows(i, i + 1, r);
                    int at = r.at(i);
                    for (int j = 0; j < k; j++) {
                        if (j == best) {
                            continue;
                        }
                        double z = Math.max(lower[lo + j], cc[best * k + j] / 2) * (1 - MARGIN);
                        if (u <= z) {
                            continue;
                        }
                        if (!tight) {
                            u = Math.sqrt(p.kernels.squaredDistance(r.x, at, centres, best * d, d));
                            lower[lo + best] = u;
                            tight = true;
                            if (u <= z) {
                                continue;
                            }
                        }
                        double dj = Math.sqrt(p.kernels.squaredDistance(r.x, at, centres, j * d, d));
                        lower[lo + j] = dj;
                        if (dj < u || (dj == u && j < best)) {
                            best = j;
                            u = dj;
                        }
                    }
                    upper[i] = u;
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

    /** All centres scored for every row of block {@code b}: labels as Lloyd's, bounds from the scores. */
    private int firstPass(CentreTable table, int b, int[] labels) {
        int k = p.k;
        int d = p.d;
        double[] scratch = table.newScratch();
        int sub = table.blockRows();
        int changed = 0;
        KMeansProblem.Window r = p.newWindow();
        for (int from = p.start(b); from < p.end(b); from += sub) {
            int to = Math.min(p.end(b), from + sub);
            p.rows(from, to, r);
            table.scores(p.kernels, r.x, from - r.base, to - r.base, scratch);
            for (int i = from; i < to; i++) {
                int o = (i - from) * table.stride;
                int best = p.kernels.argmin(scratch, o, k);
                // squared distance = ‖x − μ‖² + score; the offset is the exact distance to the best minus its score
                double exactBest = p.kernels.squaredDistance(r.x, r.at(i), table.centres, best * d, d);
                double offset = exactBest - scratch[o + best];
                double xNorm = Math.sqrt(p.kernels.dot(r.x, r.at(i), r.x, r.at(i), d));
                double offsetError = table.scoreError(best, xNorm);
                int lo = i * k;
                for (int j = 0; j < k; j++) {
                    // a lower bound must not exceed the true distance: take off what rounding could have added
                    double sq = offset + scratch[o + j] - offsetError - table.scoreError(j, xNorm);
                    lower[lo + j] = Math.sqrt(Math.max(sq, 0)) * (1 - MARGIN);
                }
                upper[i] = Math.sqrt(exactBest);
                lower[lo + best] = upper[i];
                if (labels[i] != best) {
                    labels[i] = best;
                    changed++;
                }
            }
        }
        return changed;
    }
}

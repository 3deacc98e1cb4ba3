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
        return boundedPass(table, labels, first, (i, scores, o, best, r) -> {
            // squared distance = ‖x − μ‖² + score; the offset is the exact distance to the best minus its score
            double exactBest = p.kernels.squaredDistance(r.x, r.at(i), centres, best * d, d);
            double offset = exactBest - scores[o + best];
            double xNorm = Math.sqrt(p.kernels.dot(r.x, r.at(i), r.x, r.at(i), d));
            double offsetError = table.scoreError(best, xNorm);
            int lo = i * k;
            for (int j = 0; j < k; j++) {
                // a lower bound must not exceed the true distance: take off what rounding could have added
                double sq = offset + scores[o + j] - offsetError - table.scoreError(j, xNorm);
                lower[lo + j] = Math.sqrt(Math.max(sq, 0)) * (1 - MARGIN);
            }
            upper[i] = Math.sqrt(exactBest);
            lower[lo + best] = upper[i];
        }, () -> (i, a, r) -> {
            int lo = i * k;
            if (drifts != null) {
                upper[i] += drifts[a];
                for (int j = 0; j < k; j++) {
                    lower[lo + j] = Math.max(lower[lo + j] - drifts[j], 0);
                }
            }
            double u = upper[i];
            if (u <= half[a] * (1 - MARGIN)) {
                return a;
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
            return best;
        });
    }
}

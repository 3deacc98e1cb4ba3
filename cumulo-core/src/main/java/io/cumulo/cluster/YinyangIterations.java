package io.cumulo.cluster;

import java.util.Arrays;

/**
 * Yinyang k-means (Y. Ding, Y. Zhao, X. Shen, M. Musuvathi, T. Mytkowicz, "Yinyang K-Means: a drop-in
 * replacement of the classic k-means with consistent speedup", ICML 2015). The centres are put in
 * {@code t ≈ k/10} groups (by a few k-means steps on the initial centres); each row keeps an upper bound on
 * the distance to its centre and one lower bound per group. A row is skipped when its upper bound is below
 * every group's bound (global filter); otherwise only groups whose bound is below the upper bound are opened
 * (group filter), and within them a centre that moved too little to come closer is not measured (local
 * filter). Between Hamerly's one bound and Elkan's k, with n·t memory. Exact.
 */
final class YinyangIterations extends KMeansIterations {
    private int groups;
    private int[] groupOf;
    private int[][] members;
    private double[] upper;
    private double[] lower;

    YinyangIterations(KMeansProblem p) {
        super(p);
    }

    @Override
    String name() {
        return "yinyang";
    }

    /** Groups of the initial centres: k-means with t = max(1, k/10) clusters on the centres, 5 steps. */
    private void makeGroups(double[] centres) {
        int k = p.k;
        int d = p.d;
        groups = Math.max(1, k / 10);
        groupOf = new int[k];
        if (groups > 1) {
            double[] g = new double[groups * d];
            for (int c = 0; c < groups; c++) {
                // evenly spaced centres as seeds: deterministic and spread out in the given order
                System.arraycopy(centres, (int) ((long) c * k / groups) * d, g, c * d, d);
            }
            for (int step = 0; step < 5; step++) {
                for (int j = 0; j < k; j++) {
                    int best = 0;
                    double bd = Double.POSITIVE_INFINITY;
                    for (int c = 0; c < groups; c++) {
                        double dd = p.kernels.squaredDistance(centres, j * d, g, c * d, d);
                        if (dd < bd) {
                            bd = dd;
                            best = c;
                        }
                    }
                    groupOf[j] = best;
                }
                double[] sum = new double[groups * d];
                int[] count = new int[groups];
                for (int j = 0; j < k; j++) {
                    count[groupOf[j]]++;
                    for (int l = 0; l < d; l++) {
                        sum[groupOf[j] * d + l] += centres[j * d + l];
                    }
                }
                for (int c = 0; c < groups; c++) {
                    if (count[c] > 0) {
                        for (int l = 0; l < d; l++) {
                            g[c * d + l] = sum[c * d + l] / count[c];
                        }
                    }
                }
            }
        }
        int[] sizes = new int[groups];
        for (int j = 0; j < k; j++) {
            sizes[groupOf[j]]++;
        }
        members = new int[groups][];
        for (int c = 0; c < groups; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] fill = new int[groups];
        for (int j = 0; j < k; j++) {
            members[groupOf[j]][fill[groupOf[j]]++] = j;
        }
    }

    @Override
    int assign(CentreTable table, int[] labels, boolean first, double[] drifts) {
        int n = p.n;
        int d = p.d;
        int k = p.k;
        if (upper == null) {
            makeGroups(table.centres);
            upper = new double[n];
            lower = new double[n * groups];
        }
        double[] centres = table.centres;
        double[] groupDrift = new double[groups];
        if (drifts != null) {
            for (int j = 0; j < k; j++) {
                groupDrift[groupOf[j]] = Math.max(groupDrift[groupOf[j]], drifts[j]);
            }
        }
        return boundedPass(table, labels, first, (i, scores, o, best, r) -> {
            // bounds from exact distances
            int lo = i * groups;
            for (int g = 0; g < groups; g++) {
                lower[lo + g] = Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < k; j++) {
                double dj = Math.sqrt(p.kernels.squaredDistance(r.x, r.at(i), centres, j * d, d));
                if (j == best) {
                    upper[i] = dj;
                } else {
                    lower[lo + groupOf[j]] = Math.min(lower[lo + groupOf[j]], dj);
                }
            }
        }, () -> {
            // each task's scratch
            double[] oldLower = new double[groups];
            double[] estimate = new double[k];
            boolean[] opened = new boolean[groups];
            return (i, a, r) -> {
                int lo = i * groups;
                double global = Double.POSITIVE_INFINITY;
                for (int g = 0; g < groups; g++) {
                    oldLower[g] = lower[lo + g];
                    if (drifts != null) {
                        lower[lo + g] -= groupDrift[g];
                    }
                    global = Math.min(global, lower[lo + g]);
                }
                if (drifts != null) {
                    upper[i] += drifts[a];
                }
                if (upper[i] <= global * (1 - MARGIN)) {
                    return a;
                }
                p.rows(i, i + 1, r);
                int at = r.at(i);
                double u = Math.sqrt(p.kernels.squaredDistance(r.x, at, centres, a * d, d));
                upper[i] = u;
                if (u <= global * (1 - MARGIN)) {
                    return a;
                }
                int best = a;
                double bestD = u;
                Arrays.fill(opened, false);
                for (int g = 0; g < groups; g++) {
                    if (lower[lo + g] >= bestD * (1 + MARGIN)) {
                        continue; // no centre of g can be nearer
                    }
                    opened[g] = true;
                    for (int j : members[g]) {
                        if (j == a) {
                            estimate[j] = u;
                            continue;
                        }
                        double bound = drifts == null ? 0 : oldLower[g] - drifts[j];
                        if (bound >= bestD * (1 + MARGIN)) {
                            estimate[j] = bound; // moved too little to come nearer
                            continue;
                        }
                        double dj = Math.sqrt(p.kernels.squaredDistance(r.x, at, centres, j * d, d));
                        estimate[j] = dj;
                        if (dj < bestD || (dj == bestD && j < best)) {
                            best = j;
                            bestD = dj;
                        }
                    }
                }
                // new bounds: each opened group from its estimates without the assigned centre; an unopened group
                // that holds the former centre now has that centre among its others
                for (int g = 0; g < groups; g++) {
                    if (opened[g]) {
                        double m = Double.POSITIVE_INFINITY;
                        for (int j : members[g]) {
                            if (j != best) {
                                m = Math.min(m, estimate[j]);
                            }
                        }
                        lower[lo + g] = m;
                    }
                }
                if (best != a && !opened[groupOf[a]]) {
                    lower[lo + groupOf[a]] = Math.min(lower[lo + groupOf[a]], u);
                }
                upper[i] = bestD;
                return best;
            };
        });
    }
}

package io.cumulo.metrics;

import io.cumulo.CumuloException;

/**
 * Centroid index (P. Fränti, M. Rezaei, Q. Zhao, "Centroid index: cluster level similarity measure", Pattern
 * Recognition 47(9), 2014): how many clusters are wrongly placed. Each centroid of one solution is mapped to
 * its nearest centroid in the other; centroids of the other that receive no mapping are orphans.
 * {@code CI = max(orphans(A→B), orphans(B→A))}: 0 when both solutions have the same cluster structure, and
 * each missing or doubled cluster adds one.
 */
public final class CentroidIndex {
    private CentroidIndex() {
    }

    /**
     * @param a  centroids of solution A, row-major {@code ka × d}
     * @param b  centroids of solution B, row-major {@code kb × d}
     */
    public static int of(double[] a, int ka, double[] b, int kb, int d) {
        if (a.length != ka * d || b.length != kb * d) {
            throw new CumuloException("centroid index: centroid arrays do not match their shapes");
        }
        if (ka == 0 || kb == 0) {
            throw new CumuloException("centroid index: both solutions need at least one centroid");
        }
        return Math.max(orphans(a, ka, b, kb, d), orphans(b, kb, a, ka, d));
    }

    /** Centroids of {@code b} that are nobody's nearest among the centroids of {@code a}. */
    static int orphans(double[] a, int ka, double[] b, int kb, int d) {
        boolean[] hit = new boolean[kb];
        for (int i = 0; i < ka; i++) {
            int best = 0;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < kb; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    double t = a[i * d + l] - b[j * d + l];
                    s += t * t;
                }
                if (s < bd) {
                    bd = s;
                    best = j;
                }
            }
            hit[best] = true;
        }
        int orphans = 0;
        for (boolean h : hit) {
            if (!h) {
                orphans++;
            }
        }
        return orphans;
    }
}

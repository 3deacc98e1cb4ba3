package io.cumulo.metrics;

import java.util.Locale;

/**
 * Normalized mutual information between two labelings: {@code MI(U, V) / mean(H(U), H(V))}, with the mean
 * arithmetic (scikit-learn's default), geometric, min or max (Vinh, Epps &amp; Bailey, JMLR 11, 2010). Natural
 * logarithms; 1.0 when both labelings put everything in one group, as scikit-learn.
 */
public final class NormalizedMutualInformation {
    /** How the two entropies are averaged in the denominator. */
    public enum Average { ARITHMETIC, GEOMETRIC, MIN, MAX;
        public static Average parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    private NormalizedMutualInformation() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted), Average.ARITHMETIC);
    }

    public static double score(ContingencyTable t, Average average) {
        if ((t.numClasses() == 1 && t.numClusters() == 1) || t.n() == 0) {
            return 1.0;
        }
        double mi = mutualInformation(t);
        if (mi == 0) {
            return 0.0;
        }
        double hu = entropy(t.rowSums(), t.n());
        double hv = entropy(t.columnSums(), t.n());
        double norm;
        switch (average) {
            case GEOMETRIC: norm = Math.sqrt(hu * hv); break;
            case MIN: norm = Math.min(hu, hv); break;
            case MAX: norm = Math.max(hu, hv); break;
            default: norm = (hu + hv) / 2;
        }
        // guard as scikit-learn does against a denominator rounding below the numerator
        norm = Math.max(norm, Math.ulp(1.0));
        return mi / norm;
    }

    /** Mutual information in nats. */
    public static double mutualInformation(ContingencyTable t) {
        double n = t.n();
        long[] a = t.rowSums();
        long[] b = t.columnSums();
        double mi = 0;
        for (int i = 0; i < t.numClasses(); i++) {
            for (int j = 0; j < t.numClusters(); j++) {
                double nij = t.count(i, j);
                if (nij > 0) {
                    mi += nij / n * (Math.log(nij * n) - Math.log((double) a[i] * b[j]));
                }
            }
        }
        return Math.max(mi, 0.0);
    }

    /** Entropy in nats of a distribution given by counts. */
    static double entropy(long[] counts, long n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }
}

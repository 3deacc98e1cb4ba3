package io.cumulo.metrics;

import io.cumulo.CumuloException;

import java.util.Locale;

/**
 * Normalized mutual information between two labelings: {@code MI(U, V) / mean(H(U), H(V))}, with the mean
 * arithmetic (scikit-learn's default), geometric, min or max (Vinh, Epps &amp; Bailey, "Information theoretic
 * measures for clusterings comparison", JMLR 11, 2010). Natural logarithms. As scikit-learn's
 * {@code normalized_mutual_info_score}: 1.0 when both labelings put everything in one group (or there are no
 * rows), 0.0 when the mutual information is 0. Not corrected for chance: see {@link AdjustedMutualInformation}.
 */
public final class NormalizedMutualInformation {
    /** How the two entropies are averaged in the denominator. */
    public enum Average { ARITHMETIC, GEOMETRIC, MIN, MAX;
        /** {@code arithmetic}, {@code geometric}, {@code min} or {@code max}, in any case. */
        public static Average parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CumuloException("average: expected arithmetic, geometric, min or max, got '" + s + "'");
            }
        }

        /** The mean of two entropies this way. */
        double of(double hu, double hv) {
            switch (this) {
                case GEOMETRIC: return Math.sqrt(hu * hv);
                case MIN: return Math.min(hu, hv);
                case MAX: return Math.max(hu, hv);
                default: return (hu + hv) / 2;
            }
        }
    }

    private NormalizedMutualInformation() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted), Average.ARITHMETIC);
    }

    public static double score(ContingencyTable t, Average average) {
        if (bothSingleGroup(t)) {
            return 1.0;
        }
        double mi = mutualInformation(t);
        if (mi == 0) {
            // not a perfect match (that case was above): independent labelings, whatever the normalisation
            return 0.0;
        }
        return mi / average.of(entropy(t.rowSums(), t.n()), entropy(t.columnSums(), t.n()));
    }

    /** Both labelings one group (or none): scikit-learn's perfect-match special case of NMI and AMI. */
    static boolean bothSingleGroup(ContingencyTable t) {
        return t.numClasses() <= 1 && t.numClusters() <= 1;
    }

    /**
     * Mutual information in nats, {@code Σ (nᵢⱼ/n) log(n·nᵢⱼ / (aᵢ bⱼ))} over the non-zero cells. Each term is
     * formed as scikit-learn's {@code mutual_info_score} forms it, terms below the double epsilon in size count as
     * 0 (so labelings that are exactly independent give exactly 0), and a sum rounded below 0 is clipped to 0.
     */
    public static double mutualInformation(ContingencyTable t) {
        if (t.numClasses() <= 1 || t.numClusters() <= 1) {
            // MI ≤ min(H(U), H(V)) and a single group has no entropy
            return 0.0;
        }
        double n = t.n();
        double logN = Math.log(n);
        long[] a = t.rowSums();
        long[] b = t.columnSums();
        double mi = 0;
        for (int i = 0; i < t.numClasses(); i++) {
            for (int c = t.firstCell(i); c < t.firstCell(i + 1); c++) {
                double nij = t.cellCount(c);
                double p = nij / n;
                double logOuter = -Math.log((double) (a[i] * b[t.cellCluster(c)])) + logN + logN;
                double term = p * (Math.log(nij) - logN) + p * logOuter;
                if (Math.abs(term) >= Math.ulp(1.0)) {
                    mi += term;
                }
            }
        }
        return Math.max(mi, 0.0);
    }

    /**
     * Entropy in nats of a distribution given by counts, {@code −Σ (c/n)(log c − log n)}; 0 for a single group,
     * as scikit-learn's {@code entropy}.
     */
    static double entropy(long[] counts, long n) {
        int groups = 0;
        for (long c : counts) {
            if (c > 0) {
                groups++;
            }
        }
        if (groups <= 1) {
            return 0.0;
        }
        double logN = Math.log(n);
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                h -= (double) c / n * (Math.log(c) - logN);
            }
        }
        return h;
    }
}

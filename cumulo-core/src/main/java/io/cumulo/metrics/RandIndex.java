package io.cumulo.metrics;

/**
 * Rand index (W. M. Rand, "Objective criteria for the evaluation of clustering methods", JASA 66, 1971): the
 * fraction of pairs of rows on which two labelings agree (both put the pair together, or both apart). In
 * [0, 1]; not corrected for chance, so random labelings with many clusters score high (see
 * {@link AdjustedRandIndex}). As scikit-learn's {@code rand_score}: 1.0 when there are no pairs (n ≤ 1).
 */
public final class RandIndex {
    private RandIndex() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        PairConfusion p = PairConfusion.of(t);
        long agree = p.bothTogether() + p.bothApart();
        long pairs = p.total();
        if (agree == pairs || pairs == 0) {
            return 1.0;
        }
        return (double) agree / (double) pairs;
    }
}

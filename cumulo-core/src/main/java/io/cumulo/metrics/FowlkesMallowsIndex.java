package io.cumulo.metrics;

/**
 * Fowlkes-Mallows index (Fowlkes &amp; Mallows, "A method for comparing two hierarchical clusterings", JASA 78,
 * 1983): the geometric mean of pair precision and pair recall, {@code TP / sqrt((TP + FP)(TP + FN))}, where a
 * pair of rows is a positive when the clustering puts it together and a true positive when the classes do too.
 * In [0, 1]; 0 when no pair is together in both (including n = 1), as scikit-learn's
 * {@code fowlkes_mallows_score}.
 */
public final class FowlkesMallowsIndex {
    private FowlkesMallowsIndex() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        PairConfusion p = PairConfusion.of(t);
        long tp = p.bothTogether();
        if (tp == 0) {
            return 0.0;
        }
        double togetherInCluster = tp + p.togetherInClusterOnly();
        double togetherInClass = tp + p.togetherInClassOnly();
        // two square roots rather than one of the product: scikit-learn's arithmetic, so the doubles agree
        return Math.sqrt(tp / togetherInCluster) * Math.sqrt(tp / togetherInClass);
    }
}

package io.cumulo.metrics;

/**
 * Completeness (Rosenberg &amp; Hirschberg, "V-Measure: a conditional entropy-based external cluster evaluation
 * measure", EMNLP-CoNLL 2007): 1 when all rows of each class are in a single cluster, {@code 1 − H(K|C)/H(K)}
 * otherwise, which equals {@code MI(C, K) / H(K)}; homogeneity with the roles of classes and clusters swapped.
 * In [0, 1]; 1.0 when there is only one cluster, as scikit-learn's {@code completeness_score}.
 */
public final class Completeness {
    private Completeness() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        double hClusters = NormalizedMutualInformation.entropy(t.columnSums(), t.n());
        return hClusters == 0 ? 1.0 : NormalizedMutualInformation.mutualInformation(t) / hClusters;
    }
}

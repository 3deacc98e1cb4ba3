package io.cumulo.metrics;

/**
 * Homogeneity (Rosenberg &amp; Hirschberg, "V-Measure: a conditional entropy-based external cluster evaluation
 * measure", EMNLP-CoNLL 2007): 1 when every cluster holds rows of a single class, {@code 1 − H(C|K)/H(C)}
 * otherwise, which equals {@code MI(C, K) / H(C)}. In [0, 1]; 1.0 when there is only one class (nothing to mix),
 * as scikit-learn's {@code homogeneity_score}. Splitting clusters never lowers it: all singletons score 1.
 */
public final class Homogeneity {
    private Homogeneity() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        double hClasses = NormalizedMutualInformation.entropy(t.rowSums(), t.n());
        return hClasses == 0 ? 1.0 : NormalizedMutualInformation.mutualInformation(t) / hClasses;
    }
}

package io.cumulo.metrics;

import io.cumulo.CumuloException;

/**
 * V-measure (Rosenberg &amp; Hirschberg, "V-Measure: a conditional entropy-based external cluster evaluation
 * measure", EMNLP-CoNLL 2007): the weighted harmonic mean of {@link Homogeneity} h and {@link Completeness} c,
 * {@code (1 + β) h c / (β h + c)}; β &gt; 1 weighs completeness more, β &lt; 1 homogeneity. With β = 1 it equals
 * NMI with arithmetic averaging. 0 when h + c = 0, as scikit-learn's {@code v_measure_score}.
 */
public final class VMeasure {
    private VMeasure() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted), 1.0);
    }

    public static double score(ContingencyTable t, double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new CumuloException("beta: expected a finite number >= 0, got " + beta);
        }
        return combine(Homogeneity.score(t), Completeness.score(t), beta);
    }

    /** The V-measure of given homogeneity and completeness. */
    static double combine(double homogeneity, double completeness, double beta) {
        if (homogeneity + completeness == 0) {
            return 0.0;
        }
        return (1 + beta) * homogeneity * completeness / (beta * homogeneity + completeness);
    }
}

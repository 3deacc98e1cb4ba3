package io.cumulo.metrics;

import java.math.BigInteger;

/**
 * Adjusted Rand index (Hubert &amp; Arabie, "Comparing partitions", J. Classification 2, 1985): agreement of two
 * labelings over all pairs of rows, corrected for chance; 1 for identical partitions, about 0 for random
 * ones, negative when they agree less than chance. Computed from the pair counts ({@link PairConfusion}) as
 * scikit-learn's {@code adjusted_rand_score}, including its special case (1.0 when neither labeling splits any
 * pair the other joins, which covers n ≤ 1).
 *
 * <p>{@code ARI = 2 (TP·TN − FN·FP) / ((TP + FN)(FN + TN) + (TP + FP)(FP + TN))}. The products reach n⁴, beyond
 * a long (and beyond exact doubles) from n ≈ 55,000, so numerator and denominator are formed exactly as big
 * integers and only then rounded to doubles, as scikit-learn does with Python integers; the result is the
 * same double.
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        PairConfusion p = PairConfusion.of(t);
        if (p.togetherInClassOnly() == 0 && p.togetherInClusterOnly() == 0) {
            return 1.0;
        }
        BigInteger tp = BigInteger.valueOf(p.bothTogether());
        BigInteger tn = BigInteger.valueOf(p.bothApart());
        BigInteger fp = BigInteger.valueOf(p.togetherInClusterOnly());
        BigInteger fn = BigInteger.valueOf(p.togetherInClassOnly());
        BigInteger numerator = tp.multiply(tn).subtract(fn.multiply(fp));
        BigInteger denominator = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
        // BigInteger.doubleValue rounds to nearest, as Python's int-to-float conversion
        return 2.0 * numerator.doubleValue() / denominator.doubleValue();
    }
}

package io.cumulo.metrics;

import java.util.Arrays;

/**
 * Adjusted mutual information (Vinh, Epps &amp; Bailey, "Information theoretic measures for clusterings
 * comparison: variants, properties, normalization and correction for chance", JMLR 11, 2010):
 * {@code AMI = (MI − E[MI]) / (mean(H(U), H(V)) − E[MI])}, where {@code E[MI]} is the expected mutual
 * information of two random labelings with the same group sizes (the hypergeometric, or permutation, model).
 * 1 for identical partitions, about 0 for independent ones. The mean of the entropies is arithmetic by default,
 * as scikit-learn's {@code adjusted_mutual_info_score}, whose special cases this follows: 1.0 when both
 * labelings are one group, 0.0 when just one is; a denominator below one epsilon in size is kept one epsilon
 * away from zero, with its sign. One difference: when the expectation equals the mean of the entropies (up to
 * rounding), every labeling with these group sizes has the same MI, the formula is 0/0, and scikit-learn's
 * result is whatever the rounding gives (0.0 for two identical labelings of two singletons, 1.0 for 25); here it
 * is 1.0, the "perfect match" scikit-learn's comment intends for that case.
 *
 * <p>The expectation (Vinh et al., eq. 24a) is, over every pair of class size {@code a} and cluster size {@code b},
 * {@code Σₖ (k/n) log(n·k / (a·b)) · P(k)}, where {@code P(k)} is the hypergeometric probability that a class of
 * {@code a} rows and a cluster of {@code b} rows drawn at random share {@code k} rows, for {@code k} from
 * {@code max(1, a + b − n)} to {@code min(a, b)}. The usual way evaluates each {@code P(k)} from nine log-gamma
 * values of size up to {@code log n!}; at n = 100,000 those are about 10⁶, so each exponent carries an absolute
 * rounding error near 10⁻¹⁰. Here the probabilities come instead from the ratio of consecutive terms,
 * {@code P(k+1)/P(k) = (a−k)(b−k) / ((k+1)(n−a−b+k+1))}, walked both ways from the mode (where the weight is set
 * to 1, so nothing overflows) and normalised by their sum, which is exactly 1 for the true probabilities: no
 * factorials at all, relative error about 10⁻¹³ whatever n. The walk stops on each side once the next weight
 * times the number of terms left on that side is below 10⁻²⁰ of the sum (beyond the mode the weights only
 * decrease), so only the few standard deviations around the mode are visited. Pairs of equal sizes share one
 * sum, so n singletons cost one sum, not n². For n = 100,000 and 100 × 100 groups the whole expectation takes
 * milliseconds.
 */
public final class AdjustedMutualInformation {
    /** The walk stops when what is left of a side cannot add this much (relative to the weights' sum). */
    private static final double NEGLIGIBLE = 1e-20;
    /**
     * {@code mean − E[MI]} within this fraction of {@code mean} is zero up to rounding (both carry relative errors
     * near 10⁻¹³; the smallest true gaps, one pair merged among n singletons, are about 1/n).
     */
    private static final double DEGENERATE = 1e-11;

    private AdjustedMutualInformation() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted), NormalizedMutualInformation.Average.ARITHMETIC);
    }

    public static double score(ContingencyTable t) {
        return score(t, NormalizedMutualInformation.Average.ARITHMETIC);
    }

    public static double score(ContingencyTable t, NormalizedMutualInformation.Average average) {
        if (NormalizedMutualInformation.bothSingleGroup(t)) {
            return 1.0;
        }
        if (t.numClasses() <= 1 || t.numClusters() <= 1) {
            // one side is a single group: MI and its expectation are both exactly 0
            return 0.0;
        }
        double mi = NormalizedMutualInformation.mutualInformation(t);
        double emi = expectedMutualInformation(t);
        double mean = average.of(NormalizedMutualInformation.entropy(t.rowSums(), t.n()),
                NormalizedMutualInformation.entropy(t.columnSums(), t.n()));
        double denominator = mean - emi;
        if (Math.abs(denominator) <= DEGENERATE * mean) {
            // E[MI] = mean(H(U), H(V)) ≥ MI: every labeling with these group sizes has the same MI (e.g. all
            // singletons), so MI = E[MI] as well and the ratio is 0/0 up to rounding; scikit-learn's intent for
            // this case, "a perfect match", is taken rather than its rounding-dependent result
            return 1.0;
        }
        double eps = Math.ulp(1.0);
        denominator = denominator < 0 ? Math.min(denominator, -eps) : Math.max(denominator, eps);
        return (mi - emi) / denominator;
    }

    /**
     * Expected mutual information (nats) between random labelings with this table's class and cluster sizes, under
     * the hypergeometric model; 0 when either labeling is a single group.
     */
    public static double expectedMutualInformation(ContingencyTable t) {
        if (t.numClasses() <= 1 || t.numClusters() <= 1) {
            return 0.0;
        }
        // the term of a (class, cluster) pair depends only on their sizes, and there are at most √(2n) distinct
        // sizes on each side (they add up to n at most): n singletons make one pair of sizes, not n²
        long[][] a = distinctSizes(t.rowSums());
        long[][] b = distinctSizes(t.columnSums());
        long n = t.n();
        double logN = Math.log(n);
        double emi = 0;
        for (int i = 0; i < a[0].length; i++) {
            double logA = Math.log(a[0][i]);
            for (int j = 0; j < b[0].length; j++) {
                double pairs = (double) a[1][i] * b[1][j];
                emi += pairs * pairTerm(a[0][i], b[0][j], n, logN - logA - Math.log(b[0][j]));
            }
        }
        return emi / n;
    }

    /** The distinct values of {@code sizes} (increasing) and how often each occurs. */
    static long[][] distinctSizes(long[] sizes) {
        long[] s = sizes.clone();
        Arrays.sort(s);
        int m = 0;
        long[] count = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[m++] = s[i];
            }
            count[m - 1]++;
        }
        return new long[][] {Arrays.copyOf(s, m), Arrays.copyOf(count, m)};
    }

    /**
     * {@code Σₖ k · log(n·k/(a·b)) · P(k)} for one class size {@code a} and cluster size {@code b}
     * ({@code logRatio} = log(n / (a·b))); the caller divides by n.
     */
    static double pairTerm(long a, long b, long n, double logRatio) {
        long lo = Math.max(0, a + b - n);
        long hi = Math.min(a, b);
        // the mode of the hypergeometric distribution
        long mode = Math.min(hi, Math.max(lo, (a + 1) * (b + 1) / (n + 2)));
        double rest = n - a - b;
        double weightSum = 1;
        double sum = contribution(mode, logRatio);
        // upwards: P(k+1) = P(k) (a−k)(b−k) / ((k+1)(n−a−b+k+1))
        double w = 1;
        for (long k = mode; k < hi; k++) {
            w *= (double) (a - k) * (double) (b - k) / ((double) (k + 1) * (rest + k + 1));
            weightSum += w;
            sum += w * contribution(k + 1, logRatio);
            if (w * (hi - k - 1) < NEGLIGIBLE * weightSum) {
                break;
            }
        }
        // downwards: P(k−1) = P(k) k (n−a−b+k) / ((a−k+1)(b−k+1))
        w = 1;
        for (long k = mode; k > lo; k--) {
            w *= (double) k * (rest + k) / ((double) (a - k + 1) * (double) (b - k + 1));
            weightSum += w;
            sum += w * contribution(k - 1, logRatio);
            if (w * (k - 1 - lo) < NEGLIGIBLE * weightSum) {
                break;
            }
        }
        return sum / weightSum;
    }

    /** {@code k · log(n·k/(a·b))}; 0 for k = 0 (the limit, and the term the sum leaves out). */
    private static double contribution(long k, double logRatio) {
        return k == 0 ? 0.0 : k * (Math.log(k) + logRatio);
    }
}

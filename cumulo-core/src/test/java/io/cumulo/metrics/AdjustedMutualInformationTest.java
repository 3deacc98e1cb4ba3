package io.cumulo.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expected mutual information against hand arithmetic and against the average over all permutations. */
class AdjustedMutualInformationTest {

    @Test
    void expectedMutualInformationByHand() {
        // n = 4, two classes of 2, two clusters of 2. For one class-cluster pair (a = b = 2) the overlap k is
        // hypergeometric: P(0) = 1/6, P(1) = 4/6, P(2) = 1/6. Its term is sum_k (k/n) log(n k / (a b)) P(k)
        // = (1/4) log(1) 4/6 + (2/4) log(2) 1/6 = log(2) / 12; four pairs: E[MI] = log(2) / 3
        ContingencyTable t = ContingencyTable.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1});
        assertEquals(Math.log(2) / 3, AdjustedMutualInformation.expectedMutualInformation(t), 1e-15);
        // MI = 0 here (independent), H = log 2 on both sides: AMI = (0 - log2/3) / (log2 - log2/3) = -1/2
        assertEquals(-0.5, AdjustedMutualInformation.score(t), 1e-15);
    }

    /**
     * E[MI] is the mean of MI over all n! orderings of the predicted labels against fixed classes (the
     * permutation model): enumerate them for small n.
     */
    @Test
    void expectedMutualInformationIsTheMeanOverAllPermutations() {
        int[][][] cases = {
            {{0, 0, 0, 1, 1, 2, 2}, {0, 0, 0, 0, 1, 1, 1}},
            {{0, 0, 1, 1, 1, 1, 2, 3}, {5, 5, 5, 6, 6, 7, 7, 7}},
            {{0, 1, 2, 3, 4, 5}, {0, 0, 1, 1, 2, 2}},
            {{0, 0, 0, 0, 0, 1, 1, 1}, {0, 0, 0, 0, 0, 0, 1, 2}},
        };
        for (int[][] c : cases) {
            int[] truth = c[0];
            int[] pred = c[1].clone();
            // sum and compensation (Kahan): 40,320 terms would otherwise lose ~1e-12
            double[] sum = {0, 0};
            long[] count = {0};
            permute(pred, 0, () -> {
                double y = NormalizedMutualInformation.mutualInformation(ContingencyTable.of(truth, pred)) - sum[1];
                double s = sum[0] + y;
                sum[1] = (s - sum[0]) - y;
                sum[0] = s;
                count[0]++;
            });
            double exact = sum[0] / count[0];
            double emi = AdjustedMutualInformation.expectedMutualInformation(ContingencyTable.of(truth, c[1]));
            assertEquals(exact, emi, 1e-13 * exact);
        }
    }

    private static void permute(int[] a, int from, Runnable visit) {
        if (from == a.length) {
            visit.run();
            return;
        }
        for (int i = from; i < a.length; i++) {
            swap(a, from, i);
            permute(a, from + 1, visit);
            swap(a, from, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    @Test
    void invariants() {
        SplittableRandom rnd = new SplittableRandom(2010);
        int n = 2000;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextInt(6);
            p[i] = rnd.nextInt(4);
        }
        ContingencyTable random = ContingencyTable.of(t, p);
        // independent labelings: AMI near 0, while NMI is small but positive (the bias AMI removes)
        double ami = AdjustedMutualInformation.score(random);
        assertTrue(Math.abs(ami) < 0.01, "AMI of random labelings: " + ami);
        assertTrue(NormalizedMutualInformation.score(random, NormalizedMutualInformation.Average.ARITHMETIC) > 0);
        // symmetric in its arguments
        assertEquals(ami, AdjustedMutualInformation.score(ContingencyTable.of(p, t)), 1e-14);
        // identical partitions: 1
        assertEquals(1.0, AdjustedMutualInformation.score(ContingencyTable.of(t, t)), 1e-14);
        // E[MI] is at most the smaller entropy and at least 0
        double emi = AdjustedMutualInformation.expectedMutualInformation(random);
        assertTrue(emi > 0 && emi < NormalizedMutualInformation.entropy(random.clusterSizes(), n));
    }

    @Test
    void manySingletonsAreOneSizePair() {
        // 200,000 singletons against 2 classes: one distinct size on each side (1 and 100,000), so E[MI] is one
        // sum; every singleton shares exactly one row with one class, so MI = E[MI] = H(classes) = log 2
        int n = 200_000;
        int[] t = new int[n];
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = i % 2;
            p[i] = i;
        }
        ContingencyTable table = ContingencyTable.of(t, p);
        assertEquals(Math.log(2), AdjustedMutualInformation.expectedMutualInformation(table), 1e-13);
        assertEquals(0.0, AdjustedMutualInformation.score(table), 1e-12);
        // under min averaging the mean entropy equals E[MI]: 0/0, taken as 1 (see the class comment)
        assertEquals(1.0, AdjustedMutualInformation.score(table, NormalizedMutualInformation.Average.MIN), 0.0);
        // and all singletons on both sides
        assertEquals(1.0, AdjustedMutualInformation.score(ContingencyTable.of(p, p)), 0.0);
    }
}

package io.cumulo.metrics;

import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExternalMetricsTest {

    @Test
    void handComputedCases() {
        // identical up to renaming: perfect scores
        int[] a = {0, 0, 1, 1, 2, 2};
        int[] b = {5, 5, 3, 3, 9, 9};
        assertEquals(1.0, AdjustedRandIndex.score(a, b), 1e-15);
        assertEquals(1.0, NormalizedMutualInformation.score(a, b), 1e-15);
        // everything in one cluster vs two classes: ARI 0, NMI 0
        assertEquals(0.0, AdjustedRandIndex.score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0}), 1e-15);
        assertEquals(0.0, NormalizedMutualInformation.score(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0}), 1e-15);
        // both labelings a single group: scikit-learn's convention is 1
        assertEquals(1.0, AdjustedRandIndex.score(new int[] {0, 0, 0}, new int[] {1, 1, 1}));
        assertEquals(1.0, NormalizedMutualInformation.score(new int[] {0, 0, 0}, new int[] {1, 1, 1}));
        // truth {0,0,0,1,1,1} vs pred {0,0,1,1,2,2}: contingency [[2,1,0],[0,1,2]];
        // sum C(nij,2) = 1+1 = 2; sum C(a,2) = 3+3 = 6; sum C(b,2) = 1+1+1 = 3; C(6,2) = 15
        // expected = 6*3/15 = 1.2; max = (6+3)/2 = 4.5; ARI = (2-1.2)/(4.5-1.2) = 0.8/3.3
        assertEquals(0.8 / 3.3, AdjustedRandIndex.score(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-15);
        // MI = sum nij/n log(n nij / (ai bj)): 2*(2/6 log(6*2/(3*2))) + 2*(1/6 log(6/(3*2))) = 2/3 log 2
        // H(truth) = log 2, H(pred) = log 3; NMI = (2/3 log 2) / ((log 2 + log 3)/2)
        double nmi = (2.0 / 3 * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2);
        assertEquals(nmi, NormalizedMutualInformation.score(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 2, 2}), 1e-15);
    }

    @Test
    void contingencyTable() {
        ContingencyTable t = ContingencyTable.of(new int[] {1, 1, 7, 7, 7}, new int[] {-1, 0, 0, 0, 2});
        assertArrayEquals(new int[] {1, 7}, t.classValues());
        assertArrayEquals(new int[] {-1, 0, 2}, t.clusterValues());
        assertArrayEquals(new long[] {1, 1, 0}, t.counts()[0]);
        assertArrayEquals(new long[] {0, 2, 1}, t.counts()[1]);
    }

    /** scikit-learn 1.2.1 on random, partly agreeing labelings (tools/reference/make_reference.py). */
    @Test
    void agreeWithScikitLearn() {
        String text;
        try {
            text = Files.readString(Fixtures.resource("reference/external_metrics.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        @SuppressWarnings("unchecked")
        List<Object> cases = (List<Object>) Json.parse(text);
        for (Object o : cases) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "external_metrics.json");
            int[] t = c.getIntArray("truth");
            int[] p = c.getIntArray("pred");
            ContingencyTable ct = ContingencyTable.of(t, p);
            assertEquals(c.getDouble("ari"), AdjustedRandIndex.score(ct), 1e-9 * Math.abs(c.getDouble("ari")) + 1e-15);
            check(c.getDouble("nmi"), NormalizedMutualInformation.score(ct, NormalizedMutualInformation.Average.ARITHMETIC));
            check(c.getDouble("nmi_geometric"), NormalizedMutualInformation.score(ct, NormalizedMutualInformation.Average.GEOMETRIC));
            check(c.getDouble("nmi_min"), NormalizedMutualInformation.score(ct, NormalizedMutualInformation.Average.MIN));
            check(c.getDouble("nmi_max"), NormalizedMutualInformation.score(ct, NormalizedMutualInformation.Average.MAX));
        }
    }

    private static void check(double expected, double actual) {
        assertEquals(expected, actual, 1e-9 * Math.abs(expected) + 1e-15);
    }
}

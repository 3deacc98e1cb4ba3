package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChooseKTest {
    private static ChooseK.Result run(Dataset data, int lo, int hi, int threads) {
        return ChooseK.builder().kRange(lo, hi).gapReferences(5).seed(3).build()
                .run(data, k -> KMeans.builder().k(k).nInit(3).seed(1).build(),
                        ExecutionContext.defaults().withThreads(threads));
    }

    /** {@code k} tight, well separated spherical blobs: every criterion should see them. */
    private static Dataset separated(int k, int perCluster, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[k * perCluster * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < perCluster; i++) {
                for (int l = 0; l < d; l++) {
                    // centres on the axes (and their negatives), 10 apart; unit spread
                    double centre = (l == c % d ? (c < d ? 10 : -10) : 0);
                    x[((c * perCluster) + i) * d + l] = centre + Fixtures.gaussian(rng);
                }
            }
        }
        return Dataset.wrap(x, k * perCluster, d, Dataset.defaultNames(d), "separated");
    }

    @Test
    void silhouetteSampleFollowsTheWorkBudget() {
        assertEquals(0, ChooseK.silhouetteSampleSize(20_000, 16));      // 20,000² × 32 = 1.28e10 ≤ 2e10: exact
        assertEquals(10_000, ChooseK.silhouetteSampleSize(20_001, 16)); // √(2e10 / 32) = 25,000 → 10,000
        assertEquals(0, ChooseK.silhouetteSampleSize(5_000, 784));      // 2.0e10: exact
        assertEquals(5_000, ChooseK.silhouetteSampleSize(70_000, 784)); // √(2e10 / 800)
        assertEquals(2_000, ChooseK.silhouetteSampleSize(100_000, 10_000)); // 1,412 → the floor
    }

    @Test
    void everyCriterionFindsWellSeparatedBlobs() {
        Dataset data = separated(5, 80, 3, 7);
        ChooseK.Result r = run(data, 2, 9, 2);
        assertEquals(8, r.table().size());
        for (ChooseK.Recommendation rec : r.recommendations().values()) {
            assertEquals(5, rec.k(), rec.criterion() + " (" + rec.note() + ")");
        }
        assertEquals(5, r.recommendedK());
        assertEquals("k=5 is recommended by elbow, silhouette, ch, db, gap and bic (6 of 6 criteria)", r.reason());
    }

    @Test
    void tableIsTheSameWhateverTheThreads() {
        Dataset data = Fixtures.blobs(600, 4, 4, 6, 11);
        ChooseK.Result one = run(data, 2, 6, 1);
        ChooseK.Result three = run(data, 2, 6, 3);
        assertEquals(withoutTimes(one), withoutTimes(three));
    }

    /** The JSON form without the fit times, which are all that may differ between runs. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTimes(ChooseK.Result r) {
        Map<String, Object> j = r.toJson();
        for (Object row : (List<Object>) j.get("table")) {
            ((Map<String, Object>) row).remove("fit_seconds");
        }
        return j;
    }

    @Test
    void inertiaFallsAndJsonHasTheStableKeys() {
        ChooseK.Result r = run(Fixtures.blobs(400, 3, 3, 5, 2), 2, 5, 2);
        for (int t = 1; t < r.table().size(); t++) {
            assertTrue(r.table().get(t).inertia() <= r.table().get(t - 1).inertia());
        }
        Map<String, Object> j = r.toJson();
        assertTrue(j.keySet().containsAll(List.of("table", "recommendations", "recommended_k", "reason")), j.keySet().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<Object>) j.get("table")).get(0);
        assertTrue(row.keySet().containsAll(List.of("k", "inertia", "silhouette", "calinski_harabasz", "davies_bouldin",
                "gap", "gap_sk", "bic")), row.keySet().toString());
    }

    @Test
    void onlyTheCriteriaAsked() {
        ChooseK.Result r = ChooseK.builder().kRange(2, 4).criteria(EnumSet.of(ChooseK.Criterion.DB)).build()
                .run(Fixtures.blobs(300, 2, 3, 5, 4), k -> KMeans.builder().k(k).build(), ExecutionContext.defaults());
        assertEquals(1, r.recommendations().size());
        assertNull(r.table().get(0).silhouette());
        assertNull(r.table().get(0).gap());
        assertTrue(r.table().get(0).daviesBouldin() > 0);
    }

    @Test
    void badRangesAndCriteria() {
        assertEquals("k-range: the smallest k must be at least 2, got 1 (one cluster has no silhouette, "
                        + "Calinski-Harabasz or Davies-Bouldin value)",
                assertThrows(CumuloException.class, () -> ChooseK.builder().kRange(1, 5).build()).getMessage());
        assertEquals("k-range: 6..3 is empty; expected MIN..MAX with MIN ≤ MAX",
                assertThrows(CumuloException.class, () -> ChooseK.builder().kRange(6, 3).build()).getMessage());
        assertEquals("unknown criterion 'sse'; expected some of: elbow, silhouette, ch, db, gap, bic, height",
                assertThrows(CumuloException.class, () -> ChooseK.Criterion.parse("sse")).getMessage());
        Dataset small = Fixtures.blobs(10, 2, 2, 5, 1);
        assertEquals("k-range: the largest k (10) must be below the number of rows (10) of blobs",
                assertThrows(CumuloException.class, () -> ChooseK.builder().kRange(2, 10).build()
                        .run(small, k -> KMeans.builder().k(k).build(), ExecutionContext.defaults())).getMessage());
    }
}

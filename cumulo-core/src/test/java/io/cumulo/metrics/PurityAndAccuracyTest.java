package io.cumulo.metrics;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Purity and the best-matching accuracy (not in scikit-learn) on hand-made tables. */
class PurityAndAccuracyTest {

    @Test
    void moreClustersThanClasses() {
        // table [[2, 1, 0], [0, 1, 2]] (classes 0, 1 x clusters 0, 1, 2)
        // purity: each cluster's largest cell, 2 + 1 + 2 = 5 of 6
        // accuracy: class 0 -> cluster 0 (2), class 1 -> cluster 2 (2); cluster 1 has no class: 4 of 6
        int[] t = {0, 0, 0, 1, 1, 1};
        int[] p = {0, 0, 1, 1, 2, 2};
        assertEquals(5.0 / 6, Purity.score(t, p), 0.0);
        assertEquals(4.0 / 6, ClusteringAccuracy.score(t, p), 0.0);
    }

    @Test
    void fewerClustersThanClasses() {
        // table [[2, 0], [2, 0], [0, 2]] (classes 0, 1, 2 x clusters 0, 1)
        // purity: cluster 0 credits 2 (class 0 or 1), cluster 1 credits 2: 4 of 6
        // accuracy: cluster 0 -> class 0 (2), cluster 1 -> class 2 (2); class 1 has no cluster: 4 of 6
        int[] t = {0, 0, 1, 1, 2, 2};
        int[] p = {0, 0, 0, 0, 1, 1};
        assertEquals(4.0 / 6, Purity.score(t, p), 0.0);
        assertEquals(4.0 / 6, ClusteringAccuracy.score(t, p), 0.0);
    }

    @Test
    void theBestMatchingIsNotTheGreedyOne() {
        // classes A = 0, B = 1; clusters X = 0, Y = 1; table [[3, 2], [2, 0]], n = 7
        // greedy on the largest cell: A-X (3), then B-Y (0) = 3; best: A-Y (2) + B-X (2) = 4 -> accuracy 4/7
        // purity: X credits A's 3, Y credits A's 2 (both clusters credit class A): 5/7
        int[] t = {0, 0, 0, 0, 0, 1, 1};
        int[] p = {0, 0, 0, 1, 1, 0, 0};
        assertEquals(4.0 / 7, ClusteringAccuracy.score(t, p), 0.0);
        assertEquals(5.0 / 7, Purity.score(t, p), 0.0);
    }

    @Test
    void renamedClustersAreFullyAccurate() {
        int[] t = {0, 0, 1, 1, 2, 2, 2};
        int[] p = {7, 7, -2, -2, 40, 40, 40};
        assertEquals(1.0, ClusteringAccuracy.score(t, p), 0.0);
        assertEquals(1.0, Purity.score(t, p), 0.0);
    }

    @Test
    void singletonsArePureButNotAccurate() {
        // 8 rows in 2 classes, every row its own cluster: each cluster is pure (purity 1), but only two clusters
        // can be matched to the two classes: accuracy 2/8
        int[] t = {0, 0, 0, 0, 1, 1, 1, 1};
        int[] p = {0, 1, 2, 3, 4, 5, 6, 7};
        assertEquals(1.0, Purity.score(t, p), 0.0);
        assertEquals(2.0 / 8, ClusteringAccuracy.score(t, p), 0.0);
    }

    @Test
    void noiseIsOneMoreCluster() {
        // predicted -1 is the cluster "-1": table classes 0, 1 x clusters -1, 0, 1 = [[1, 2, 0], [1, 0, 2]]
        // purity: 1 + 2 + 2 = 5 of 6; accuracy: class 0 -> cluster 0 (2), class 1 -> cluster 1 (2): 4 of 6
        int[] t = {0, 0, 0, 1, 1, 1};
        int[] p = {-1, 0, 0, 1, 1, -1};
        assertEquals(5.0 / 6, Purity.score(t, p), 0.0);
        assertEquals(4.0 / 6, ClusteringAccuracy.score(t, p), 0.0);
        ExternalMetrics m = ExternalMetrics.of(t, p);
        assertEquals(2, m.noisePoints());
        assertEquals(4.0 / 6, m.accuracy(), 0.0);
    }

    @Test
    void oneRowAndTooLargeTables() {
        assertEquals(1.0, ClusteringAccuracy.score(new int[] {3}, new int[] {-1}), 0.0);
        assertEquals(1.0, Purity.score(new int[] {3}, new int[] {-1}), 0.0);
        // 3,000 rows, all singletons on both sides: a 3,000 x 3,000 matching is beyond the limit
        int n = 3000;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        ContingencyTable big = ContingencyTable.of(ids, ids);
        assertFalse(ClusteringAccuracy.isTractable(big));
        assertEquals("accuracy: 3000 classes against 3000 clusters is too large for the one-to-one matching (at most "
                + "1e+10 for classes x clusters x the smaller of the two)",
                assertThrows(CumuloException.class, () -> ClusteringAccuracy.score(big)).getMessage());
        assertTrue(ClusteringAccuracy.isTractable(ContingencyTable.of(new int[n], ids)));
    }
}

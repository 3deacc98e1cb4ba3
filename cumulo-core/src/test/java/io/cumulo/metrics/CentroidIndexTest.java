package io.cumulo.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CentroidIndexTest {
    @Test
    void countsMissingAndDoubledClusters() {
        double[] truth = {0, 0, 10, 0, 0, 10, 10, 10};
        // the same structure, slightly moved and in another order: CI 0
        assertEquals(0, CentroidIndex.of(new double[] {10.2, 9.9, 0.1, 0, 0, 10.3, 9.8, 0.2}, 4, truth, 4, 2));
        // two centroids in the cluster at (0,0), none at (10,10): one wrong cluster
        assertEquals(1, CentroidIndex.of(new double[] {0, 0, 0.5, 0.5, 10, 0, 0, 10}, 4, truth, 4, 2));
        // all four on one spot: three orphans in the truth
        assertEquals(3, CentroidIndex.of(new double[] {0, 0, 0, 0.1, 0.1, 0, 0.1, 0.1}, 4, truth, 4, 2));
        // different k: 3 centroids for 4 clusters leave at least one orphan
        assertEquals(1, CentroidIndex.of(new double[] {0, 0, 10, 0, 0, 10}, 3, truth, 4, 2));
    }
}

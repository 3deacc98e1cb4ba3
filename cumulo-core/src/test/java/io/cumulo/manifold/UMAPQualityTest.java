package io.cumulo.manifold;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** UMAP on the digits (1,797 8×8 images): the ten classes apart, neighbourhoods kept. */
class UMAPQualityTest {
    @Test
    void digitsClassesSeparatedAndNeighbourhoodsTrusted() {
        Dataset digits = DatasetReader.read("builtin:digits", ReadOptions.defaults());
        int n = digits.rows();
        UMAPModel m = UMAP.builder().seed(42).build().fit(digits, ExecutionContext.defaults());
        double[] y = m.embeddingValues();
        int[] labels = digits.labels().orElseThrow().codes();
        double acc = EmbeddingQuality.knnAccuracy(y, 2, n, labels, 10);
        double t = EmbeddingQuality.trustworthiness(digits.rawValues(), digits.cols(), y, 2, n, 10);
        System.out.println("digits UMAP: kNN accuracy " + acc + ", trustworthiness " + t);
        assertTrue(acc >= 0.9, "kNN (k=10) accuracy in the embedding " + acc);
        assertTrue(t >= 0.95, "trustworthiness (k=10) " + t);
    }
}

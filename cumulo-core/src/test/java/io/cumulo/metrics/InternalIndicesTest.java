package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalIndicesTest {
    private final ExecutionContext ctx = ExecutionContext.defaults();

    @Test
    void stableKeysInOrder() {
        Dataset data = Fixtures.blobs(400, 3, 4, 6, 1);
        int[] labels = KMeans.builder().k(4).build().fit(data).labels();
        Map<String, Object> m = InternalIndices.compute(data, labels, ctx);
        assertEquals(List.of("silhouette", "silhouette_metric", "calinski_harabasz", "davies_bouldin", "inertia", "bic",
                "noise_points"), List.copyOf(m.keySet()));
        assertEquals(SilhouetteScore.score(data, labels, ctx), (Double) m.get("silhouette"));
        assertEquals("euclidean", m.get("silhouette_metric"));
        assertEquals(CalinskiHarabasz.score(data, labels, ctx), (Double) m.get("calinski_harabasz"));
        assertEquals(DaviesBouldin.score(data, labels, ctx), (Double) m.get("davies_bouldin"));
        assertEquals(Inertia.score(data, labels, ctx), (Double) m.get("inertia"));
        assertEquals(KMeansBic.compute(data, labels, ctx).bic(), (Double) m.get("bic"));
        assertEquals(0, m.get("noise_points"));

        Map<String, Object> g = InternalIndices.compute(data, labels, (double[]) null,
                InternalIndices.Options.builder().distance(Distance.MANHATTAN).build(), ctx);
        assertEquals("manhattan", g.get("silhouette_metric"));
        assertEquals(SilhouetteScore.score(data, labels, Distance.MANHATTAN, ctx), (Double) g.get("silhouette"));
    }

    @Test
    void undefinedIndicesAreNull() {
        Dataset data = Fixtures.blobs(50, 2, 2, 3, 2);
        Map<String, Object> m = InternalIndices.compute(data, new int[50], ctx);
        assertNull(m.get("silhouette"));
        assertNull(m.get("calinski_harabasz"));
        assertNull(m.get("davies_bouldin"));
        assertTrue(m.containsKey("silhouette") && !m.containsKey("silhouette_metric"));
        assertEquals(Inertia.score(data, new int[50], ctx), (Double) m.get("inertia"));
        assertTrue(m.get("bic") instanceof Double);
        // all rows on their centres: no BIC
        Dataset points = Dataset.of(new double[][] {{0}, {0}, {5}, {5}});
        assertNull(InternalIndices.compute(points, new int[] {0, 0, 1, 1}, ctx).get("bic"));
    }

    @Test
    void noiseIsCountedAndLeftOut() {
        Dataset data = Fixtures.blobs(300, 2, 3, 6, 3);
        int[] labels = KMeans.builder().k(3).build().fit(data).labels();
        int[] noisy = labels.clone();
        for (int i = 0; i < 300; i += 10) {
            noisy[i] = -1;
        }
        Map<String, Object> m = InternalIndices.compute(data, noisy, ctx);
        assertEquals(30, m.get("noise_points"));
        int[] kept = new int[270];
        int[] sub = new int[270];
        for (int i = 0, j = 0; i < 300; i++) {
            if (noisy[i] >= 0) {
                kept[j] = i;
                sub[j++] = noisy[i];
            }
        }
        Map<String, Object> without = InternalIndices.compute(data.selectRows(kept), sub, ctx);
        for (String key : new String[] {"silhouette", "calinski_harabasz", "davies_bouldin", "inertia", "bic"}) {
            assertEquals((Double) without.get(key), (Double) m.get(key), 1e-12 * Math.abs((Double) without.get(key)), key);
        }
    }

    @Test
    void largePartitionsGetTheSilhouetteEstimate() {
        Dataset data = Fixtures.blobs(1000, 2, 3, 6, 4);
        int[] labels = KMeans.builder().k(3).build().fit(data).labels();
        InternalIndices.Options o = InternalIndices.Options.builder().silhouetteExactMax(500).silhouetteSampleSize(200)
                .seed(9).build();
        Map<String, Object> m = InternalIndices.compute(data, labels, (double[]) null, o, ctx);
        assertEquals(List.of("silhouette", "silhouette_standard_error", "silhouette_sample_size", "silhouette_metric",
                "calinski_harabasz", "davies_bouldin", "inertia", "bic", "noise_points"), List.copyOf(m.keySet()));
        SilhouetteScore.Estimate e = SilhouetteScore.estimate(data, labels, 200, 9, ctx);
        assertEquals(e.mean(), (Double) m.get("silhouette"));
        assertEquals(e.standardError(), (Double) m.get("silhouette_standard_error"));
        assertEquals(200, m.get("silhouette_sample_size"));
    }

    @Test
    void givenCentresGiveTheModelsInertia() {
        Dataset data = Fixtures.blobs(500, 4, 5, 5, 5);
        KMeansModel model = KMeans.builder().k(5).build().fit(data);
        Map<String, Object> m = InternalIndices.compute(data, model.labels(), model.centresFlat(),
                InternalIndices.Options.defaults(), ctx);
        assertEquals(model.inertia(), (Double) m.get("inertia"), 1e-9 * model.inertia());
        assertEquals(KMeansBic.compute(data, model.labels(), model.centresFlat(), ctx).bic(), (Double) m.get("bic"));
        CumuloException e = assertThrows(CumuloException.class, () -> InternalIndices.compute(
                Fixtures.blobs(500, 3, 5, 5, 5), model.labels(), model.centresFlat(), InternalIndices.Options.defaults(),
                ctx));
        assertEquals("internal indices: the centres have 20 values, not a multiple of the 3 features of blobs",
                e.getMessage());
    }

    @Test
    void badOptionsAreNamed() {
        CumuloException e = assertThrows(CumuloException.class,
                () -> InternalIndices.Options.builder().silhouetteSampleSize(1));
        assertEquals("silhouette sample size must be at least 2 rows, got 1", e.getMessage());
        Dataset data = Fixtures.blobs(10, 2, 2, 3, 2);
        e = assertThrows(CumuloException.class, () -> InternalIndices.compute(data, new int[9], ctx));
        assertEquals("internal indices: 9 labels for 10 rows of blobs; expected one label per row", e.getMessage());
    }
}

package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilhouetteScoreTest {
    private final ExecutionContext ctx = ExecutionContext.defaults();

    @Test
    void handComputedOneDimensionalCase() {
        // points 0, 1 (cluster 0) and 4 (cluster 1, alone: silhouette 0)
        // row 0: a = 1, b = 4 -> 0.75; row 1: a = 1, b = 3 -> 2/3; row 2: 0
        Dataset d = Dataset.of(new double[][] {{0}, {1}, {4}});
        double[] s = SilhouetteScore.samples(d, new int[] {0, 0, 1}, ctx);
        assertEquals(0.75, s[0], 1e-15);
        assertEquals(2.0 / 3, s[1], 1e-15);
        assertEquals(0.0, s[2]);
        assertEquals((0.75 + 2.0 / 3) / 3, SilhouetteScore.score(d, new int[] {0, 0, 1}, ctx), 1e-15);
    }

    @Test
    void noiseRowsAreLeftOut() {
        Dataset d = Dataset.of(new double[][] {{0}, {1}, {4}, {100}});
        double withNoise = SilhouetteScore.score(d, new int[] {0, 0, 1, -1}, ctx);
        assertEquals((0.75 + 2.0 / 3) / 3, withNoise, 1e-15);
    }

    @Test
    void agreesWithScikitLearn() {
        JsonObject ref = Fixtures.json("reference/silhouette.json");
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        int[] truth = iris.labels().orElseThrow().codes();
        double expected = ref.getDouble("iris_true_labels");
        assertEquals(expected, SilhouetteScore.score(iris, truth, ctx), 1e-9 * expected);
        double[] first = ref.getDoubleArray("iris_samples_first10");
        double[] mine = SilhouetteScore.samples(iris, truth, ctx);
        for (int i = 0; i < first.length; i++) {
            assertEquals(first[i], mine[i], 1e-9);
        }
        Dataset random = Fixtures.csv("reference/silhouette_random_data.csv");
        double r = ref.getDouble("random");
        assertEquals(r, SilhouetteScore.score(random, ref.getIntArray("random_labels"), ctx), 1e-9 * Math.abs(r));
        // the shared reference has the same number, computed separately
        double shared = Fixtures.json("reference/shared-reference-results.json").getObject("classic")
                .getObject("iris").getObject("raw").getDouble("silhouette_true_labels");
        assertEquals(shared, SilhouetteScore.score(iris, truth, ctx), 1e-9 * shared);
    }

    @Test
    void agreesWithScikitLearnUnderOtherDistances() {
        JsonObject ref = Fixtures.json("reference/silhouette.json").getObject("by_metric");
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        int[] truth = iris.labels().orElseThrow().codes();
        Dataset random = Fixtures.csv("reference/silhouette_random_data.csv");
        int[] randomLabels = Fixtures.json("reference/silhouette.json").getIntArray("random_labels");
        for (Distance distance : new Distance[] {Distance.MANHATTAN, Distance.COSINE, Distance.CHEBYSHEV,
                Distance.SQEUCLIDEAN}) {
            JsonObject m = ref.getObject(distance.id());
            double onIris = m.getDouble("iris_true_labels");
            assertEquals(onIris, SilhouetteScore.score(iris, truth, distance, ctx), 1e-9 * onIris, distance.id());
            double onRandom = m.getDouble("random");
            assertEquals(onRandom, SilhouetteScore.score(random, randomLabels, distance, ctx),
                    1e-9 * Math.abs(onRandom), distance.id());
        }
        // Euclidean is the default
        assertEquals(SilhouetteScore.score(iris, truth, ctx), SilhouetteScore.score(iris, truth, Distance.EUCLIDEAN, ctx));
    }

    @Test
    void cosineNeedsRowsWithADirection() {
        Dataset d = Dataset.of(new double[][] {{1, 0}, {0, 0}, {0, 1}});
        CumuloException e = assertThrows(CumuloException.class,
                () -> SilhouetteScore.score(d, new int[] {0, 0, 1}, Distance.COSINE, ctx));
        assertTrue(e.getMessage().contains("row 1 is all zeros"), e.getMessage());
    }

    @Test
    void threadsDoNotChangeTheValue() {
        Dataset d = Fixtures.blobs(3000, 3, 4, 5, 1);
        int[] labels = io.cumulo.cluster.KMeans.builder().k(4).build().fit(d).labels();
        double one = SilhouetteScore.score(d, labels, ctx.withThreads(1));
        assertEquals(one, SilhouetteScore.score(d, labels, ctx.withThreads(3)));
    }

    @Test
    void sampledEstimateIsCloseAndSeeded() {
        Dataset d = Fixtures.blobs(6000, 2, 5, 8, 4);
        int[] labels = io.cumulo.cluster.KMeans.builder().k(5).build().fit(d).labels();
        double exact = SilhouetteScore.score(d, labels, ctx);
        double est = SilhouetteScore.sampledScore(d, labels, 2000, 7, ctx);
        assertEquals(est, SilhouetteScore.sampledScore(d, labels, 2000, 7, ctx));
        assertTrue(Math.abs(est - exact) < 0.02, exact + " vs " + est);
    }

    @Test
    void needsTwoToNMinusOneClusters() {
        Dataset d = Dataset.of(new double[][] {{0}, {1}, {2}});
        CumuloException e = assertThrows(CumuloException.class, () -> SilhouetteScore.score(d, new int[] {0, 0, 0}, ctx));
        assertEquals("silhouette needs between 2 and n-1 clusters; found 1 clusters for 3 rows", e.getMessage());
        assertThrows(CumuloException.class, () -> SilhouetteScore.score(d, new int[] {0, 1, 2}, ctx));
    }
}

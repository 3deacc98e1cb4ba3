package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        int[] labels = KMeans.builder().k(4).build().fit(d).labels();
        double one = SilhouetteScore.score(d, labels, ctx.withThreads(1));
        assertEquals(one, SilhouetteScore.score(d, labels, ctx.withThreads(3)));
    }

    @Test
    void sampledEstimateIsCloseAndSeeded() {
        Dataset d = Fixtures.blobs(6000, 2, 5, 8, 4);
        int[] labels = KMeans.builder().k(5).build().fit(d).labels();
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

    /** The square matrix of {@code distance} between the rows of {@code data}. */
    private static Dataset dissimilarities(Dataset data, Distance distance) {
        int n = data.rows();
        double[][] m = new double[n][n];
        double[] x = data.rawValues();
        int d = data.cols();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? 0 : distance.between(x, i * d, x, j * d, d);
            }
        }
        return Dataset.of(m);
    }

    @Test
    void fromDissimilaritiesHandComputed() {
        // d01 = 1, d02 = 2, d03 = 3, d12 = 4, d13 = 5, d23 = 6; clusters {0, 1, 2}, {3}
        // row 0: a = (1 + 2)/2 = 1.5, b = 3 -> 0.5; row 1: a = (1 + 4)/2 = 2.5, b = 5 -> 0.5;
        // row 2: a = (2 + 4)/2 = 3, b = 6 -> 0.5; row 3 alone: 0
        Dataset m = Dataset.of(new double[][] {{0, 1, 2, 3}, {1, 0, 4, 5}, {2, 4, 0, 6}, {3, 5, 6, 0}});
        SilhouetteScore.Result r = SilhouetteScore.fromDissimilarities(m, new int[] {0, 0, 0, 1}, ctx);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0}, r.samples(), 1e-15);
        assertEquals(0.375, r.mean(), 1e-15);
        assertEquals(null, r.distance());
        assertEquals("precomputed", r.toJson().get("metric"));
        // row 3 as noise: it counts in nobody's a or b; rows 0-2 in two clusters {0, 1}, {2}
        // row 0: a = 1, b = 2 -> 0.5; row 1: a = 1, b = 4 -> 0.75; row 2: 0
        SilhouetteScore.Result noisy = SilhouetteScore.fromDissimilarities(m, new int[] {0, 0, 1, -1}, ctx);
        assertEquals((0.5 + 0.75) / 3, noisy.mean(), 1e-15);
        assertEquals(1, noisy.noisePoints());
    }

    @Test
    void fromDissimilaritiesAgreesWithScikitLearnOnIrisDistances() {
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        int[] truth = iris.labels().orElseThrow().codes();
        double expected = Fixtures.json("reference/silhouette.json").getDouble("iris_true_labels");
        Dataset m = dissimilarities(iris.withoutLabels(), Distance.EUCLIDEAN);
        assertEquals(expected, SilhouetteScore.fromDissimilarities(m, truth, ctx).mean(), 1e-9 * expected);
        // under another distance, the matrix gives what the feature route gives
        Dataset man = dissimilarities(iris.withoutLabels(), Distance.MANHATTAN);
        assertEquals(SilhouetteScore.score(iris.withoutLabels(), truth, Distance.MANHATTAN, ctx),
                SilhouetteScore.fromDissimilarities(man, truth, ctx).mean(), 1e-12);
    }

    @Test
    void fromDissimilaritiesIsTheSameOnAnyThreadCount() {
        Dataset blobs = Fixtures.blobs(700, 3, 4, 10, 7);
        int[] labels = new int[700];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 4;
        }
        Dataset m = dissimilarities(blobs, Distance.EUCLIDEAN);
        double[] one = SilhouetteScore.fromDissimilarities(m, labels, ExecutionContext.singleThreaded()).samples();
        double[] two = SilhouetteScore.fromDissimilarities(m, labels, ctx.withThreads(2)).samples();
        assertArrayEquals(one, two, 0);
    }

    @Test
    void fromDissimilaritiesRefusesANonSquareMatrix() {
        Dataset m = Dataset.of(new double[][] {{0, 1, 2}, {1, 0, 3}});
        CumuloException e = assertThrows(CumuloException.class,
                () -> SilhouetteScore.fromDissimilarities(m, new int[] {0, 1}, ctx));
        assertTrue(e.getMessage().contains("is 2 × 3; a dissimilarity matrix is square"), e.getMessage());
    }
}

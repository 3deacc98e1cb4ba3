package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Inertia, Calinski–Harabasz, Davies–Bouldin and the X-means BIC on cases small enough to work out by hand. */
class CentroidIndicesTest {
    private final ExecutionContext ctx = ExecutionContext.defaults();

    /** 0, 2 | 10, 12: centroids 1 and 11, overall mean 6. */
    private final Dataset line = Dataset.of(new double[][] {{0}, {2}, {10}, {12}});
    private final int[] two = {0, 0, 1, 1};

    @Test
    void handComputedOneDimensionalCase() {
        // W = 1 + 1 + 1 + 1 = 4; B = 2·5² + 2·5² = 100
        assertEquals(4.0, Inertia.score(line, two, ctx), 1e-15);
        // CH = (B / (k − 1)) / (W / (n − k)) = 100 / 2 = 50
        assertEquals(50.0, CalinskiHarabasz.score(line, two, ctx), 1e-12);
        // scatters 1 and 1, centroids 10 apart: DB = (1 + 1) / 10
        assertEquals(0.2, DaviesBouldin.score(line, two, ctx), 1e-15);
        // silhouettes 9/11, 7/9, 7/9, 9/11
        assertEquals((9.0 / 11 + 7.0 / 9) / 2, SilhouetteScore.score(line, two, ctx), 1e-15);
        // BIC (R = 4, M = 1, K = 2): σ² = 4 / 2 = 2;
        // l = 2·2 ln 2 − 4 ln 4 − 2 ln 2π − 2 ln 2 − 1 = −6 ln 2 − 2 ln 2π − 1; p = 1 + 2 + 1 = 4; BIC = l − 2 ln 4
        KMeansBic.Result bic = KMeansBic.compute(line, two, ctx);
        double l = -6 * Math.log(2) - 2 * Math.log(2 * Math.PI) - 1;
        assertEquals(2.0, bic.variance(), 1e-15);
        assertEquals(4, bic.parameters());
        assertEquals(l, bic.logLikelihood(), 1e-12);
        assertEquals(l - 4 * Math.log(2), bic.bic(), 1e-12);
        assertEquals(-11.607225939, bic.bic(), 1e-8);
    }

    /** A BIC by hand in two dimensions with clusters of different sizes. */
    @Test
    void handComputedBicInTwoDimensions() {
        // cluster 0: (0,0), (2,0), (1,3) -> mean (1,1), squared distances 2, 2, 4 = 8
        // cluster 1: (10,10), (10,12) -> mean (10,11), squared distances 1, 1 = 2
        Dataset d = Dataset.of(new double[][] {{0, 0}, {2, 0}, {1, 3}, {10, 10}, {10, 12}});
        int[] labels = {0, 0, 0, 1, 1};
        // R = 5, M = 2, K = 2: σ² = 10 / 3; p = 1 + 4 + 1 = 6
        double var = 10.0 / 3;
        double l = 3 * Math.log(3) + 2 * Math.log(2) - 5 * Math.log(5) - 2.5 * Math.log(2 * Math.PI)
                - 5 * Math.log(var) - 1.5;
        KMeansBic.Result r = KMeansBic.compute(d, labels, ctx);
        assertEquals(var, r.variance(), 1e-15);
        assertEquals(l, r.logLikelihood(), 1e-12);
        assertEquals(l - 3 * Math.log(5), r.bic(), 1e-12);
        assertEquals(10.0, Inertia.score(d, labels, ctx), 1e-13);
    }

    @Test
    void givenCentresReplaceTheMeans() {
        // centres 0 and 10: (0 + 4) + (0 + 4)
        assertEquals(8.0, Inertia.compute(line, two, new double[] {0, 10}, ctx).value(), 1e-15);
        // BIC with them: σ² = 8 / 2 = 4
        assertEquals(4.0, KMeansBic.compute(line, two, new double[] {0, 10}, ctx).variance(), 1e-15);
        CumuloException e = assertThrows(CumuloException.class,
                () -> Inertia.compute(line, two, new double[] {0}, ctx));
        assertEquals("inertia: the labels use cluster 1 but only 1 centres are given", e.getMessage());
    }

    @Test
    void noiseRowsAreLeftOutAndCounted() {
        Dataset withNoise = Dataset.of(new double[][] {{0}, {2}, {100}, {10}, {12}, {-50}});
        int[] labels = {0, 0, -1, 1, 1, -1};
        IndexValue ch = CalinskiHarabasz.compute(withNoise, labels, ctx);
        assertEquals(50.0, ch.value(), 1e-12);
        assertEquals(2, ch.noisePoints());
        assertEquals(4, ch.rows());
        assertEquals(2, ch.clusters());
        assertEquals(0.2, DaviesBouldin.compute(withNoise, labels, ctx).value(), 1e-15);
        assertEquals(2, DaviesBouldin.compute(withNoise, labels, ctx).noisePoints());
        assertEquals(4.0, Inertia.compute(withNoise, labels, ctx).value(), 1e-15);
        assertEquals(KMeansBic.compute(line, two, ctx).bic(), KMeansBic.compute(withNoise, labels, ctx).bic(), 1e-12);
        assertEquals(2, KMeansBic.compute(withNoise, labels, ctx).noisePoints());
        assertEquals((9.0 / 11 + 7.0 / 9) / 2, SilhouetteScore.compute(withNoise, labels,
                Distance.EUCLIDEAN, ctx).mean(), 1e-15);
    }

    @Test
    void clusterNumbersOnlyNameTheClusters() {
        // the same partition with other numbers (and a gap: no cluster 0 or 2) gives the same values
        int[] renamed = {5, 5, 1, 1};
        assertEquals(50.0, CalinskiHarabasz.score(line, renamed, ctx), 1e-12);
        assertEquals(0.2, DaviesBouldin.score(line, renamed, ctx), 1e-15);
        assertEquals(KMeansBic.compute(line, two, ctx).bic(), KMeansBic.compute(line, renamed, ctx).bic(), 1e-12);
        assertEquals(SilhouetteScore.score(line, two, ctx), SilhouetteScore.score(line, renamed, ctx), 1e-15);
    }

    @Test
    void degenerateCases() {
        // no spread inside the clusters: CH is 1 by scikit-learn's convention, DB 0
        Dataset points = Dataset.of(new double[][] {{0}, {0}, {5}, {5}});
        assertEquals(1.0, CalinskiHarabasz.score(points, two, ctx));
        assertEquals(0.0, DaviesBouldin.score(points, two, ctx));
        // two clusters around the same centroid are not separated: DB is infinite (scikit-learn would say 0)
        Dataset nested = Dataset.of(new double[][] {{-1}, {1}, {-2}, {2}});
        assertEquals(Double.POSITIVE_INFINITY, DaviesBouldin.score(nested, two, ctx));
        assertEquals(0.0, CalinskiHarabasz.score(nested, two, ctx));
        // BIC needs more rows than clusters, and some spread
        CumuloException e = assertThrows(CumuloException.class,
                () -> KMeansBic.compute(Dataset.of(new double[][] {{0}, {1}}), new int[] {0, 1}, ctx));
        assertEquals("bic: needs more rows than clusters to estimate the variance; found 2 clusters for 2 rows",
                e.getMessage());
        e = assertThrows(CumuloException.class, () -> KMeansBic.compute(points, two, ctx));
        assertEquals("bic: undefined because every row lies on its centre (the pooled variance is 0)", e.getMessage());
    }

    @Test
    void badInputIsNamed() {
        CumuloException e = assertThrows(CumuloException.class,
                () -> CalinskiHarabasz.score(line, new int[] {0, 1, 1}, ctx));
        assertEquals("calinski-harabasz: 3 labels for 4 rows of data; expected one label per row", e.getMessage());
        e = assertThrows(CumuloException.class, () -> DaviesBouldin.score(line, new int[] {0, -3, 1, 1}, ctx));
        assertEquals("davies-bouldin: row 1 of data has label -3; expected a cluster number ≥ 0, or -1 for noise",
                e.getMessage());
        e = assertThrows(CumuloException.class, () -> DaviesBouldin.score(line, new int[] {0, 0, 0, 0}, ctx));
        assertEquals("davies-bouldin needs between 2 and n-1 clusters; found 1 clusters for 4 rows", e.getMessage());
        e = assertThrows(CumuloException.class, () -> CalinskiHarabasz.score(line, new int[] {0, 1, 2, 3}, ctx));
        assertEquals("calinski-harabasz needs between 2 and n-1 clusters; found 4 clusters for 4 rows", e.getMessage());
        e = assertThrows(CumuloException.class, () -> Inertia.score(line, null, ctx));
        assertEquals("inertia: no labels given", e.getMessage());
    }

    /** Sums are taken over a split that depends on the data only: the same bits with 1 or 3 threads. */
    @Test
    void theThreadCountChangesNothing() {
        Dataset data = Fixtures.blobs(60_000, 3, 7, 5, 8);
        int[] labels = new int[data.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) Math.floor(Math.abs(data.get(i, 0)) * 7 / 6) % 7;
        }
        ExecutionContext one = ctx.withThreads(1);
        ExecutionContext three = ctx.withThreads(3);
        assertEquals(CalinskiHarabasz.score(data, labels, one), CalinskiHarabasz.score(data, labels, three));
        assertEquals(DaviesBouldin.score(data, labels, one), DaviesBouldin.score(data, labels, three));
        assertEquals(Inertia.score(data, labels, one), Inertia.score(data, labels, three));
        assertEquals(KMeansBic.compute(data, labels, one).bic(), KMeansBic.compute(data, labels, three).bic());
    }
}

package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.cluster.density.DBSCAN;
import io.cumulo.cluster.density.DBSCANModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.AdjustedRandIndex;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChooseEpsTest {
    /** Three tight 2-D blobs (sd 0.3) of 300 rows each, and 90 uniform noise rows in [-10, 10]², with the truth. */
    static Dataset blobsWithNoise(int[] truth) {
        SplittableRandom rng = new SplittableRandom(11);
        double[][] centres = {{-5, -5}, {0, 5}, {6, -2}};
        double[][] x = new double[990][];
        for (int i = 0; i < 990; i++) {
            if (i < 900) {
                int c = i / 300;
                x[i] = new double[] {centres[c][0] + 0.3 * gauss(rng), centres[c][1] + 0.3 * gauss(rng)};
                truth[i] = c;
            } else {
                x[i] = new double[] {rng.nextDouble() * 20 - 10, rng.nextDouble() * 20 - 10};
                truth[i] = -1;
            }
        }
        return Dataset.of(x).withSource("blobs");
    }

    static double gauss(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** The curve is every row's distance to its k-th nearest row (itself first), sorted: checked by brute force. */
    @Test
    void theCurveIsTheSortedKDistance() {
        int[] truth = new int[990];
        Dataset x = blobsWithNoise(truth);
        ChooseEps.Result r = ChooseEps.of(10, Distance.EUCLIDEAN, NeighborIndex.Kind.AUTO).run(x,
                ExecutionContext.defaults());
        double[] expected = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            double[] d = new double[x.rows()];
            for (int j = 0; j < x.rows(); j++) {
                d[j] = Distance.EUCLIDEAN.between(x.row(i), x.row(j));
            }
            Arrays.sort(d);
            expected[i] = d[9];
        }
        Arrays.sort(expected);
        assertArrayEquals(expected, r.sorted(), 0);
        assertTrue(r.found(), r.reason());
        assertEquals(r.sorted()[r.kneeIndex()], r.eps(), 0);
        // the knee is Kneedle's on the curve, convex increasing
        double[] rank = new double[x.rows()];
        Arrays.setAll(rank, i -> i);
        assertEquals(Kneedle.defaults().withShape(Kneedle.Shape.CONVEX_INCREASING).find(rank, expected).kneeIndex(),
                r.kneeIndex());
        assertEquals(expected[expected.length - 1], r.quantile(1), 0);
        assertEquals(expected[494], r.quantile(0.5), 0); // the nearest rank: the 495th of 990
    }

    /** With the suggested eps, DBSCAN finds the three blobs and calls about the injected rows noise. */
    @Test
    void theSuggestedEpsFindsTheBlobs() {
        int[] truth = new int[990];
        Dataset x = blobsWithNoise(truth);
        ChooseEps.Result r = ChooseEps.of(10, Distance.EUCLIDEAN, NeighborIndex.Kind.AUTO).run(x,
                ExecutionContext.defaults());
        DBSCANModel m = DBSCAN.builder().eps(r.eps()).minSamples(10).build().fit(x);
        assertEquals(3, m.numClusters(), "eps " + r.eps());
        assertTrue(AdjustedRandIndex.score(truth, m.labels()) > 0.95, "ARI");
        assertTrue(r.coreFraction() > 0.85 && r.coreFraction() < 0.95, "core fraction " + r.coreFraction());
        assertTrue(r.reason().startsWith("the knee (Kneedle) of the sorted distances to each row's 10th nearest row"),
                r.reason());
    }

    @Test
    void noKneeIsSaidNotThrown() {
        // evenly spaced points: every row's nearest other row is 1 away, so the curve is flat
        double[][] line = new double[50][];
        for (int i = 0; i < 50; i++) {
            line[i] = new double[] {i};
        }
        ChooseEps.Result r = ChooseEps.of(2, Distance.EUCLIDEAN, NeighborIndex.Kind.AUTO).run(Dataset.of(line),
                ExecutionContext.defaults());
        assertFalse(r.found());
        assertTrue(Double.isNaN(r.eps()));
        assertTrue(r.reason().startsWith("no eps suggested: no knee"), r.reason());
        // duplicates: the knee at distance 0 is no eps
        double[][] dup = new double[60][];
        for (int i = 0; i < 60; i++) {
            dup[i] = new double[] {i < 50 ? 0 : i};
        }
        ChooseEps.Result z = ChooseEps.of(3, Distance.EUCLIDEAN, NeighborIndex.Kind.AUTO).run(Dataset.of(dup),
                ExecutionContext.defaults());
        assertFalse(z.found());
        assertTrue(z.reason().contains("the knee is at distance 0"), z.reason());
        assertEquals(null, r.toJson().get("eps"));
        CumuloException e = assertThrows(CumuloException.class, () -> ChooseEps.of(60, Distance.EUCLIDEAN,
                NeighborIndex.Kind.AUTO).run(Dataset.of(line).withSource("line.csv"), ExecutionContext.defaults()));
        assertEquals("--min-samples: 60 is larger than the number of rows (50) in line.csv", e.getMessage());
    }
}

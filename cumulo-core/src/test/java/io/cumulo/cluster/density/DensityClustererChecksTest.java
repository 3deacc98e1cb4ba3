package io.cumulo.cluster.density;

import io.cumulo.data.Dataset;
import io.cumulo.testing.ClustererChecks;
import io.cumulo.testing.ClustererChecks.TrainingPredictions;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** DBSCAN and OPTICS pass the shared clustering checks (the form for algorithms without k). */
class DensityClustererChecksTest {
    /** Five 4-D blobs with unit spread and uniform noise around them. */
    static final Dataset DATA = withNoise(Fixtures.blobs(1500, 4, 5, 10, 7), 100, 12, 8);

    static Dataset withNoise(Dataset blobs, int extra, double box, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = blobs.rows();
        int d = blobs.cols();
        double[] x = new double[(n + extra) * d];
        System.arraycopy(blobs.rawValues(), 0, x, 0, n * d);
        for (int i = n * d; i < x.length; i++) {
            x[i] = (rng.nextDouble() * 2 - 1) * box;
        }
        return Dataset.wrap(x, n + extra, d, Dataset.defaultNames(d), "blobs+noise");
    }

    @Test
    void dbscan() {
        ClustererChecks.runAllWithoutK(seed -> DBSCAN.builder().eps(1.0).minSamples(8).build(), DATA,
                TrainingPredictions.CORE_ROWS);
        ClustererChecks.runAllWithoutK(seed -> DBSCAN.builder().eps(1.6).minSamples(5).metric("manhattan").build(),
                DATA, TrainingPredictions.CORE_ROWS);
        ClustererChecks.runAllWithoutK(seed -> DBSCAN.builder().eps(0.02).minSamples(5).metric("cosine").build(),
                DATA, TrainingPredictions.CORE_ROWS);
    }

    @Test
    void dbscanWithWeights() {
        double[] w = new double[DATA.rows()];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 * (1 + rng.nextInt(4));
        }
        ClustererChecks.runAllWithoutK(seed -> DBSCAN.builder().eps(1.0).minSamples(8).build(),
                DATA.withWeights(w, "w"), TrainingPredictions.CORE_ROWS);
    }

    @Test
    void optics() {
        ClustererChecks.runAllWithoutK(seed -> OPTICS.builder().minSamples(10).build(), DATA,
                TrainingPredictions.VALID_LABELS);
        ClustererChecks.runAllWithoutK(seed -> OPTICS.builder().minSamples(10).maxEps(3).clusterMethod("dbscan")
                .eps(1.0).build(), DATA, TrainingPredictions.VALID_LABELS);
    }
}

package io.cumulo.testing;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;

import io.cumulo.estimator.CoreSamples;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EstimatorChecks}, plus what every clustering algorithm must do: refuse more clusters than rows, give
 * its training labels back from {@code predict}, and survive the whole model file (scaling included). An
 * algorithm's test calls {@link #runAll} with a factory; new algorithms get the same scrutiny for free.
 */
public final class ClustererChecks {
    private ClustererChecks() {
    }

    /**
     * @param make     builds the algorithm with the given number of clusters and seed
     * @param predicts whether the algorithm labels new data
     */
    public static void runAll(BiFunction<Integer, Long, Clusterer<?>> make, boolean predicts) {
        runAll(make, predicts, predicts);
    }

    /**
     * As {@link #runAll(BiFunction, boolean)}, for algorithms whose {@code predict} rule is not the one that made
     * the training labels ({@code givesTrainingLabels} false: complete, average or Ward linkage assign a new row by
     * a rule the merges did not follow, so a training row may be predicted into another cluster). Their predictions
     * on the training rows must still be valid labels, and survive the model file.
     */
    public static void runAll(BiFunction<Integer, Long, Clusterer<?>> make, boolean predicts,
                              boolean givesTrainingLabels) {
        runAll(make, predicts, givesTrainingLabels, Fixtures.blobs(3000, 4, 5, 10, 7));
    }

    /** As above, on the given data (five clusters are asked for). */
    public static void runAll(BiFunction<Integer, Long, Clusterer<?>> make, boolean predicts,
                              boolean givesTrainingLabels, Dataset data) {
        EstimatorChecks.runAll(seed -> make.apply(5, seed), data);
        rejectsTooManyClusters(make);
        if (predicts) {
            if (givesTrainingLabels) {
                predictOnTrainingGivesLabels(make, data);
            } else {
                predictionsAreLabels(make, data);
            }
            modelFileRoundTrip(make, data);
        }
    }

    /** What {@code predict} on the training rows must give, for a clustering without k ({@link #runAllWithoutK}). */
    public enum TrainingPredictions {
        /** Exactly the training labels. */
        LABELS,
        /**
         * The training label on every core row ({@link CoreSamples}), a label in [-1, k) on the others: DBSCAN's border
         * rows go to the first cluster that reaches them in the fit, but to the cluster of their nearest core row in
         * predict.
         */
        CORE_ROWS,
        /** A label in [-1, k) on every row (OPTICS with ξ: nested clusters with different density levels). */
        VALID_LABELS
    }

    /**
     * As {@link #runAll(BiFunction, boolean, boolean, Dataset)}, for algorithms that take no number of clusters
     * (density-based: DBSCAN, OPTICS, HDBSCAN), where noise ({@code -1}) is a label: the estimator checks, then
     * {@code predict} on the training rows as {@code rule} says, then the whole model file. There is no k to refuse
     * (each algorithm tests its own bad parameters instead).
     */
    public static void runAllWithoutK(LongFunction<Clusterer<?>> make, Dataset data, TrainingPredictions rule) {
        EstimatorChecks.runAll(make::apply, data);
        ClusteringModel m = make.apply(4L).fit(data);
        int[] p = m.predict(data);
        assertEquals(data.rows(), p.length);
        assertTrue(Arrays.stream(p).allMatch(v -> v >= -1 && v < m.numClusters()), "predictions in [-1, k)");
        int[] labels = m.labels();
        switch (rule) {
            case LABELS -> assertArrayEquals(labels, p, "predict(training data) = training labels");
            case CORE_ROWS -> {
                int[] core = m.as(CoreSamples.class).orElseThrow(() -> new AssertionError(m.name()
                        + " has no core samples")).coreSampleIndices();
                assertTrue(core.length > 0, "the check needs core rows");
                for (int i : core) {
                    assertEquals(labels[i], p[i], "predict(core training row " + i + ") = its label");
                }
            }
            case VALID_LABELS -> { }
        }
        modelFileRoundTrip((k, seed) -> make.apply(seed), data);
    }

    static void predictionsAreLabels(BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringModel m = make.apply(5, 4L).fit(data);
        int[] p = m.predict(data);
        assertEquals(data.rows(), p.length);
        assertTrue(Arrays.stream(p).allMatch(v -> v >= 0 && v < m.numClusters()), "predictions in [0, k)");
    }

    static void rejectsTooManyClusters(BiFunction<Integer, Long, Clusterer<?>> make) {
        Dataset tiny = Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
        CumuloException e = assertThrows(CumuloException.class, () -> make.apply(4, 0L).fit(tiny));
        assertTrue(e.getMessage().contains("k=4") && e.getMessage().contains("3"), e.getMessage());
    }

    static void predictOnTrainingGivesLabels(BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringModel m = make.apply(5, 4L).fit(data);
        assertArrayEquals(m.labels(), m.predict(data), "predict(training data) = training labels");
    }

    static void modelFileRoundTrip(BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringPipelineModel fitted = new ClusteringPipeline(Scaler.named("standard"), make.apply(5, 9L))
                .fit(data, ExecutionContext.defaults());
        String json = fitted.toJsonString();
        ClusteringPipelineModel back = ClusteringPipelineModel.fromJson(json, "model.json");
        assertArrayEquals(fitted.predict(data), back.predict(data), "a saved and re-read model predicts the same");
        assertEquals(json, back.toJsonString(), "writing a re-read model gives the same file");
    }
}

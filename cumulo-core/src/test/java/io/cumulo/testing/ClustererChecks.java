package io.cumulo.testing;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.param.ParamValues;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks every clustering algorithm must pass (in the spirit of scikit-learn's estimator checks). An
 * algorithm's test calls {@link #runAll} with a factory from parameter values; new algorithms get the
 * same scrutiny for free.
 */
public final class ClustererChecks {
    private ClustererChecks() {
    }

    /**
     * @param make     builds the algorithm with the given number of clusters and seed
     * @param predicts whether the algorithm labels new data
     */
    public static void runAll(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, boolean predicts) {
        Dataset data = Fixtures.blobs(3000, 4, 5, 10, 7);
        sameSeedSameResult(make, data);
        threadCountDoesNotMatter(make, data);
        doesNotModifyInput(make, data);
        labelsAreInRange(make, data);
        rejectsTooManyClusters(make);
        paramsRoundTripThroughText(make);
        if (predicts) {
            predictOnTrainingGivesLabels(make, data);
            modelFileRoundTrip(make, data);
        }
    }

    static void sameSeedSameResult(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringModel a = make.apply(5, 11L).fit(data);
        ClusteringModel b = make.apply(5, 11L).fit(data);
        assertArrayEquals(a.labels(), b.labels(), "same seed, same labels");
        assertEquals(Json.of(a.summary()), Json.of(b.summary()), "same seed, same summary");
    }

    static void threadCountDoesNotMatter(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        Clusterer<?> c = make.apply(5, 3L);
        ClusteringModel one = c.fit(data, ExecutionContext.defaults().withThreads(1));
        for (int t : new int[] {2, 3, 7}) {
            ClusteringModel many = c.fit(data, ExecutionContext.defaults().withThreads(t));
            assertArrayEquals(one.labels(), many.labels(), "labels with " + t + " threads");
            assertEquals(Json.of(one.toJson()), Json.of(many.toJson()), "model with " + t + " threads");
            assertEquals(Json.of(one.summary()), Json.of(many.summary()), "summary with " + t + " threads");
        }
    }

    static void doesNotModifyInput(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        double[] before = data.rawValues().clone();
        make.apply(4, 1L).fit(data);
        assertArrayEquals(before, data.rawValues(), "fit must not modify its input");
    }

    static void labelsAreInRange(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringModel m = make.apply(5, 2L).fit(data);
        int[] l = m.labels();
        assertEquals(data.rows(), l.length);
        assertTrue(Arrays.stream(l).allMatch(v -> v >= -1 && v < m.numClusters()), "labels in [-1, k)");
    }

    static void rejectsTooManyClusters(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make) {
        Dataset tiny = Dataset.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
        CumuloException e = assertThrows(CumuloException.class, () -> make.apply(4, 0L).fit(tiny));
        assertTrue(e.getMessage().contains("k=4") && e.getMessage().contains("3"), e.getMessage());
    }

    static void paramsRoundTripThroughText(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make) {
        ParamValues p = make.apply(3, 5L).params();
        java.util.Map<String, String> text = new java.util.LinkedHashMap<>();
        p.toJson().forEach((k, v) -> text.put(k, p.paramSet().get(k).format(v)));
        assertEquals(p.toJson(), p.paramSet().parse(text).toJson(), "parameters survive their text form");
    }

    static void predictOnTrainingGivesLabels(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringModel m = make.apply(5, 4L).fit(data);
        assertArrayEquals(m.labels(), m.predict(data), "predict(training data) = training labels");
    }

    static void modelFileRoundTrip(java.util.function.BiFunction<Integer, Long, Clusterer<?>> make, Dataset data) {
        ClusteringPipelineModel fitted = new ClusteringPipeline(Scaler.named("standard"), make.apply(5, 9L))
                .fit(data, ExecutionContext.defaults());
        String json = fitted.toJsonString();
        ClusteringPipelineModel back = ClusteringPipelineModel.fromJson(json, "model.json");
        assertArrayEquals(fitted.predict(data), back.predict(data), "a saved and re-read model predicts the same");
        assertEquals(json, back.toJsonString(), "writing a re-read model gives the same file");
    }

    /** Deterministic string form of a JSON-able map, for equality of models. */
    static final class Json {
        static String of(Object o) {
            return io.cumulo.json.Json.write(o);
        }
    }
}

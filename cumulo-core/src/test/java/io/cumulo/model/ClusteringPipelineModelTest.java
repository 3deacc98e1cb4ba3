package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.preprocessing.Scaler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusteringPipelineModelTest {
    private final Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());

    private ClusteringPipelineModel fitted() {
        return new ClusteringPipeline(Scaler.named("robust"), KMeans.builder().k(3).build())
                .fit(iris, ExecutionContext.defaults());
    }

    @Test
    void roundTripsAndPredictsTheTrainingLabels() {
        ClusteringPipelineModel m = fitted();
        ClusteringPipelineModel back = ClusteringPipelineModel.fromJson(m.toJsonString(), "m.json");
        assertArrayEquals(m.model().labels(), back.predict(iris));
        assertEquals(m.features(), back.features());
        assertEquals("robust", back.scaler().kind());
        assertEquals(m.params().toJson(), back.params().toJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) Json.parse(m.toJsonString());
        assertEquals(List.of("format", "format_version", "library_version", "created", "algorithm", "params", "features",
                "feature_means", "scaler", "model", "training"), List.copyOf(j.keySet()));
    }

    @Test
    void refusesWhatItCannotRead() {
        String good = fitted().toJsonString();
        fails("m.json: is empty, not a Cumulo model file", "  ");
        fails("m.json: invalid JSON at line 1: expected a value, found 'h'", "hello");
        fails("m.json: not a Cumulo model file (no \"format\": \"cumulo-model\")", "{\"centres\": []}");
        fails("m.json: model format version 3 (written by Cumulo 9.0) is newer than this Cumulo "
                + io.cumulo.Version.get() + " reads (up to 2); upgrade Cumulo",
                good.replace("\"format_version\": 1", "\"format_version\": 3")
                        .replaceFirst("\"library_version\": \"[^\"]*\"", "\"library_version\": \"9.0\""));
        fails("m.json: unknown algorithm 'no-such-algorithm'; available: " + String.join(", ",
                Registry.names(Registry.Kind.CLUSTERING)),
                good.replace("\"algorithm\": \"kmeans\"", "\"algorithm\": \"no-such-algorithm\""));
        fails("m.json: field 'model.centres' row 1 has 3 values, expected 4",
                good.replaceFirst("(\"centres\": \\[\\s*\\[[^\\]]*\\],\\s*\\[)[^,]*,", "$1"));
    }

    private static void fails(String message, String text) {
        CumuloException e = assertThrows(CumuloException.class, () -> ClusteringPipelineModel.fromJson(text, "m.json"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void featuresMustMatchByName() {
        ClusteringPipelineModel m = fitted();
        Dataset renamed = iris.withValues(iris.rawValues(), 4, List.of("sepal_length", "sepal_width", "petal_length", "petal_w"));
        CumuloException e = assertThrows(CumuloException.class, () -> m.predict(renamed));
        assertEquals("builtin:iris: feature 4 is 'petal_w' but the model expects 'petal_width'", e.getMessage());
        CumuloException w = assertThrows(CumuloException.class, () -> m.predict(iris.selectColumns(List.of("sepal_length"))));
        assertEquals("builtin:iris: has 1 features but the model expects 4 (sepal_length, sepal_width, petal_length, "
                + "petal_width)", w.getMessage());
    }

    @Test
    void givenCentresAreScaledLikeTheData() {
        // centres given in the input's units must land on the same clusters whatever the scaling
        double[][] init = {{5.0, 3.4, 1.5, 0.2}, {5.9, 2.8, 4.4, 1.4}, {6.8, 3.0, 5.7, 2.1}};
        int[] none = new ClusteringPipeline(Scaler.named("none"), KMeans.builder().initialCentres(init).maxIter(1).build())
                .fit(iris, ExecutionContext.defaults()).model().labels();
        ClusteringPipelineModel std = new ClusteringPipeline(Scaler.named("standard"),
                KMeans.builder().initialCentres(init).maxIter(1).build()).fit(iris, ExecutionContext.defaults());
        // after one step both assign the 50 setosa rows (distinct from the rest in any scaling) to centre 0
        for (int i = 0; i < 50; i++) {
            assertEquals(0, none[i]);
            assertEquals(0, std.model().labels()[i]);
        }
    }
}

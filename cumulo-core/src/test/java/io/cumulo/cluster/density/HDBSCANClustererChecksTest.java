package io.cumulo.cluster.density;

import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.MembershipStrengths;
import io.cumulo.estimator.OutlierScores;
import io.cumulo.estimator.SoftAssignments;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.testing.ClustererChecks;
import io.cumulo.testing.EstimatorChecks;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared estimator checks ({@link EstimatorChecks}) for HDBSCAN in every configuration that changes the code
 * path, and what {@code ClustererChecks} asks of a clustering, adapted to one that takes no number of clusters (the
 * "k > n refused" check has no k to refuse; each bad parameter is tested in {@link HDBSCANHandTest}): predict on the
 * training rows gives the training labels, and the whole model file (scaling included) reads back to a model that
 * writes the same file and predicts, scores and gives memberships the same.
 */
class HDBSCANClustererChecksTest {
    private static final Dataset DATA = Fixtures.blobs(2000, 4, 5, 10, 7);

    private static List<Supplier<HDBSCAN>> configs() {
        return List.of(
                () -> HDBSCAN.builder().minClusterSize(25).minSamples(10).build(),
                () -> HDBSCAN.builder().minClusterSize(25).minSamples(10).index("brute").build(),
                () -> HDBSCAN.builder().minClusterSize(15).selection("leaf").clusterSelectionEpsilon(0.5).build(),
                () -> HDBSCAN.builder().minClusterSize(40).allowSingleCluster(true).metric("manhattan").build(),
                () -> HDBSCAN.builder().minClusterSize(20).minSamples(20).convention("r-dbscan").build(),
                () -> HDBSCAN.builder().minClusterSize(25).minSamples(5).alpha(1.5).metric("chebyshev").build());
    }

    @Test
    void sharedChecks() {
        for (Supplier<HDBSCAN> make : configs()) {
            ClustererChecks.runAllWithoutK(seed -> make.get(), DATA, ClustererChecks.TrainingPredictions.LABELS);
            ClusteringModel m = make.get().fit(DATA);
            assertTrue(m.numClusters() >= 1, make.get() + " finds clusters");
            assertArrayEquals(m.labels(), m.predict(DATA), make.get() + ": predict(training rows) = labels");
            modelFileRoundTrip(make.get());
        }
    }

    private static void modelFileRoundTrip(HDBSCAN h) {
        ClusteringPipelineModel fitted = new ClusteringPipeline(Scaler.named("standard"), h)
                .fit(DATA, ExecutionContext.defaults());
        String json = fitted.toJsonString();
        ClusteringPipelineModel back = ClusteringPipelineModel.fromJson(json, "model.json");
        assertEquals(json, back.toJsonString(), "writing a re-read model gives the same file");
        assertArrayEquals(fitted.predict(DATA), back.predict(DATA), "a re-read model predicts the same");
        Dataset space = fitted.transform(DATA, ExecutionContext.defaults());
        ClusteringModel a = fitted.model();
        ClusteringModel b = back.model();
        assertArrayEquals(a.labels(), b.labels(), "the labels come back from the tree");
        assertArrayEquals(((SoftAssignments) a).memberships(space, ExecutionContext.defaults()),
                ((SoftAssignments) b).memberships(space, ExecutionContext.defaults()), 0);
        assertArrayEquals(((MembershipStrengths) a).strengths(), ((MembershipStrengths) b).strengths(), 0);
        assertArrayEquals(((OutlierScores) a).trainingScores(), ((OutlierScores) b).trainingScores(), 0);
        assertEquals(Json.write(a.summary()), Json.write(b.summary()));
        double[] shifted = space.rawValues().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.05 * Math.sin(i);
        }
        Dataset moved = Dataset.wrap(shifted, space.rows(), space.cols(), space.columnNames(), "moved");
        assertArrayEquals(((OutlierScores) a).scores(moved, ExecutionContext.defaults()),
                ((OutlierScores) b).scores(moved, ExecutionContext.defaults()), 0);
        assertTrue(Arrays.stream(a.predict(moved)).allMatch(l -> l >= -1 && l < a.numClusters()));
    }
}

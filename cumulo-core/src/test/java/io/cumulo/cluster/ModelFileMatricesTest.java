package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamValues;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A model file whose centres or medoids are not finite numbers is refused with a one-line message. */
class ModelFileMatricesTest {
    private static final JsonObject TRAINING = JsonObject.parse("{}", "model.json");

    @Test
    void nonFiniteCentresInAModelFileAreRefused() {
        JsonObject centres = JsonObject.parse("{\"centres\": [[1, 2], [3, 1e999]]}", "model.json");
        CumuloException e = assertThrows(CumuloException.class,
                () -> KMeansModel.fromJson(KMeans.builder().k(2).build().params(), centres, TRAINING, 2));
        assertEquals("model: centres must be finite numbers", e.getMessage());
        JsonObject medoids = JsonObject.parse("{\"medoids\": [[1e999, 2]], \"medoid_indices\": [0]}", "model.json");
        ParamValues kmedoids = KMedoids.builder().k(1).build().params();
        e = assertThrows(CumuloException.class, () -> KMedoidsModel.fromJson(kmedoids, medoids, TRAINING, 2));
        assertEquals("model: medoids must be finite numbers", e.getMessage());
    }

    @Test
    void rowsAreCopies() {
        double[] flat = {1, 2, 3, 4, 5, 6};
        double[][] rows = AbstractClusteringModel.rows(flat, 3, 2);
        assertArrayEquals(new double[] {5, 6}, rows[2]);
        rows[0][0] = 9;
        assertEquals(1, flat[0]);
    }
}

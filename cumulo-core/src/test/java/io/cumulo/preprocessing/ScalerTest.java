package io.cumulo.preprocessing;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalerTest {
    private final Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
    private final JsonObject ref = Fixtures.json("reference/scalers_iris.json");

    @Test
    void handComputed() {
        Dataset d = Dataset.of(new double[][] {{1, 10}, {3, 10}, {5, 40}});
        ScalerModel s = new StandardScaler().fit(d, ExecutionContext.singleThreaded());
        assertArrayEquals(new double[] {3, 20}, s.center(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), Math.sqrt(200)}, s.scale(), 1e-14);
        ScalerModel m = new MinMaxScaler().fit(d);
        assertArrayEquals(new double[] {0, 0.5, 1}, m.transform(d).column(0), 1e-15);
        // robust: medians 3 and 10; quartiles (linear): col0 2..4 -> IQR 2; col1 10..25 -> IQR 15
        ScalerModel r = new RobustScaler().fit(d);
        assertArrayEquals(new double[] {3, 10}, r.center(), 1e-15);
        assertArrayEquals(new double[] {2, 15}, r.scale(), 1e-15);
    }

    @Test
    void agreeWithScikitLearnOnIris() {
        for (String kind : new String[] {"standard", "minmax", "robust"}) {
            ScalerModel s = Scaler.named(kind).fit(iris);
            JsonObject e = ref.getObject(kind);
            assertArrayEquals(e.getDoubleArray("center"), s.center(), 1e-12, kind);
            double[] es = e.getDoubleArray("scale");
            double[] ms = s.scale();
            for (int j = 0; j < es.length; j++) {
                assertEquals(es[j], ms[j], 1e-12 * es[j], kind + " scale " + j);
            }
        }
        Dataset wine = DatasetReader.read("builtin:wine", ReadOptions.defaults());
        ScalerModel w = Scaler.named("standard").fit(wine);
        double[] es = ref.getObject("standard_wine").getDoubleArray("scale");
        for (int j = 0; j < es.length; j++) {
            assertEquals(es[j], w.scale()[j], 1e-12 * es[j]);
        }
    }

    @Test
    void inverseUndoesTransform() {
        for (String kind : Scaler.NAMES) {
            ScalerModel s = Scaler.named(kind).fit(iris);
            double[] back = s.inverseTransform(s.transform(iris).rawValues(), iris.rows());
            assertArrayEquals(iris.rawValues(), back, 1e-12, kind);
        }
        assertSame(iris, Scaler.named("none").fit(iris).transform(iris));
    }

    @Test
    void constantColumnsKeepScaleOneAndAreReported() {
        Dataset d = Dataset.of(new double[][] {{1, 7}, {2, 7}, {3, 7}}, List.of("a", "flat"));
        List<String> warnings = new ArrayList<>();
        ExecutionContext ctx = ExecutionContext.defaults().withWarnings(warnings::add);
        for (String kind : new String[] {"standard", "minmax", "robust"}) {
            warnings.clear();
            ScalerModel s = Scaler.named(kind).fit(d, ctx);
            assertEquals(1.0, s.scale()[1]);
            assertEquals(1, warnings.size());
            assertTrue(warnings.get(0).contains("(flat)") && warnings.get(0).contains("no spread"), warnings.get(0));
            for (double v : s.transform(d).rawValues()) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void unknownNameAndWrongWidth() {
        CumuloException e = assertThrows(CumuloException.class, () -> Scaler.named("zscore"));
        assertEquals("--scale: expected one of standard, minmax, robust, none, got 'zscore'", e.getMessage());
        ScalerModel s = Scaler.named("standard").fit(iris);
        CumuloException w = assertThrows(CumuloException.class, () -> s.transform(Dataset.of(new double[][] {{1, 2}})));
        assertEquals("data: has 2 features but the scaler was fitted on 4", w.getMessage());
    }
}

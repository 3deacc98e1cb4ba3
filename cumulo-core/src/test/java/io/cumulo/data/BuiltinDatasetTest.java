package io.cumulo.data;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled datasets have the shapes and classes documented for them (by UCI and scikit-learn's dataset
 * descriptions), read through the same path as any input.
 */
class BuiltinDatasetTest {

    private static Dataset read(String name) {
        return DatasetReader.read("builtin:" + name, ReadOptions.defaults());
    }

    private static Map<String, Integer> classCounts(Dataset ds) {
        LabelColumn l = ds.labels().orElseThrow();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < l.size(); i++) {
            counts.merge(l.value(i), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void iris() {
        Dataset ds = read("iris");
        assertEquals(150, ds.rows());
        assertEquals(4, ds.cols());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), ds.columnNames());
        assertEquals("builtin:iris", ds.source());
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals("species", l.name());
        assertEquals(List.of("setosa", "versicolor", "virginica"), l.categories());
        assertEquals(Map.of("setosa", 50, "versicolor", 50, "virginica", 50), classCounts(ds));
        // Fisher's first flower
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, ds.row(0), 0.0);
        assertEquals("setosa", l.value(0));
        assertEquals("virginica", l.value(149));
    }

    @Test
    void wine() {
        Dataset ds = read("wine");
        assertEquals(178, ds.rows());
        assertEquals(13, ds.cols());
        assertEquals("cultivar", ds.labels().orElseThrow().name());
        assertEquals(Map.of("class_0", 59, "class_1", 71, "class_2", 48), classCounts(ds));
        assertEquals("alcohol", ds.columnName(0));
        assertEquals("proline", ds.columnName(12));
    }

    @Test
    void breastCancer() {
        Dataset ds = read("breast-cancer");
        assertEquals(569, ds.rows());
        assertEquals(30, ds.cols());
        assertEquals("diagnosis", ds.labels().orElseThrow().name());
        assertEquals(Map.of("malignant", 212, "benign", 357), classCounts(ds));
    }

    @Test
    void digits() {
        Dataset ds = read("digits");
        assertEquals(1797, ds.rows());
        assertEquals(64, ds.cols());
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals("digit", l.name());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), l.categories());
        Map<String, Integer> counts = classCounts(ds);
        int[] expected = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        for (int d = 0; d < 10; d++) {
            assertEquals(expected[d], counts.get(Integer.toString(d)), "digit " + d);
        }
        for (double v : ds.rawValues()) {
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v), "pixel " + v);
        }
    }

    @Test
    void everyBuiltinMatchesItsDescription() {
        for (BuiltinDataset b : BuiltinDataset.values()) {
            Dataset ds = read(b.id());
            assertEquals(b.rows(), ds.rows(), b.id());
            assertEquals(b.features(), ds.cols(), b.id());
            assertEquals(b.labelColumn(), ds.labels().orElseThrow().name(), b.id());
            assertFalse(ds.columnNames().contains(b.labelColumn()), b.id());
            assertFalse(b.licence().isBlank());
            assertSame(b, BuiltinDataset.named(b.id()));
        }
    }

    @Test
    void namesAreForgiving() {
        assertSame(BuiltinDataset.IRIS, BuiltinDataset.named("IRIS"));
        assertSame(BuiltinDataset.BREAST_CANCER, BuiltinDataset.named(" breast_cancer "));
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        CumuloException e = assertThrows(CumuloException.class, () -> read("irs"));
        assertEquals("no built-in dataset 'irs'; built-in datasets are: builtin:iris, builtin:wine, "
                + "builtin:breast-cancer, builtin:digits", e.getMessage());
    }

    @Test
    void readOptionsApply() {
        Dataset ds = DatasetReader.read("builtin:iris",
                ReadOptions.builder().columns(List.of("petal_width", "sepal_length")).build());
        assertEquals(List.of("petal_width", "sepal_length"), ds.columnNames());
        assertArrayEquals(new double[] {0.2, 5.1}, ds.row(0), 0.0);
        assertTrue(ds.hasLabels());
        // another label column replaces the default one; species is then a (text) feature unless dropped
        Dataset byWidth = DatasetReader.read("builtin:iris", ReadOptions.builder().labelColumn("petal_width")
                .dropColumns(List.of("species")).build());
        assertEquals(3, byWidth.cols());
        assertEquals("petal_width", byWidth.labels().orElseThrow().name());
        CumuloException e = assertThrows(CumuloException.class, () -> DatasetReader.read("builtin:iris",
                ReadOptions.builder().labelColumn("petal_width").build()));
        assertTrue(e.getMessage().contains("column 'species'") && e.getMessage().contains("\"setosa\""),
                e.getMessage());
    }
}

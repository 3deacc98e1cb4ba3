package io.cumulo.data;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DatasetReader}: choosing the reader by input, and ground-truth labels from a separate file. */
class DatasetReaderTest {
    @TempDir
    Path dir;

    /** Six rows, the same count as the label fixtures. */
    private Path sixRows() throws IOException {
        Path p = dir.resolve("six.csv");
        Files.writeString(p, "a,b\n1,10\n2,20\n3,30\n4,40\n5,50\n6,60\n");
        return p;
    }

    private static ReadOptions.Builder opts() {
        return ReadOptions.builder();
    }

    private static CumuloException error(String input, ReadOptions o, String... fragments) {
        CumuloException e = assertThrows(CumuloException.class, () -> DatasetReader.read(input, o));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void labelsFromANpyVector() throws IOException {
        Dataset ds = DatasetReader.read(sixRows().toString(),
                opts().labelsFile(NpyReaderTest.fixture("labels_int.npy")).build());
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals("label", l.name());
        // the fixture holds 2, 0, 1, 1, 10, -1
        assertEquals(List.of("-1", "0", "1", "2", "10"), l.categories());
        assertEquals("2", l.value(0));
        assertEquals("-1", l.value(5));
        assertEquals(2, ds.cols());
        Dataset text = DatasetReader.read(sixRows().toString(),
                opts().labelsFile(NpyReaderTest.fixture("labels_str.npy")).build());
        assertEquals("caf\u00e9", text.labels().orElseThrow().value(4));
    }

    @Test
    void labelsFromACsvFile() throws IOException {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "truth\nx\ny\nx\nz\ny\nx\n");
        Dataset ds = DatasetReader.read(sixRows().toString(), opts().labelsFile(labels).build());
        assertEquals(List.of("x", "y", "z"), ds.labels().orElseThrow().categories());
        assertArrayEquals(new int[] {0, 1, 0, 2, 1, 0}, ds.labels().orElseThrow().codes());
    }

    @Test
    void labelColumnNamesTheColumnOfTheLabelsFile() throws IOException {
        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "id,cls\n1,p\n2,q\n3,p\n4,q\n5,p\n6,r\n");
        Dataset ds = DatasetReader.read(sixRows().toString(), opts().labelsFile(labels).labelColumn("cls").build());
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals("cls", l.name());
        assertEquals("r", l.value(5));
        assertEquals(List.of("a", "b"), ds.columnNames());
        error(sixRows().toString(), opts().labelsFile(labels).build(), "has 2 columns", "--label-column");
    }

    @Test
    void labelCountMustMatchTheRows() throws IOException {
        Path labels = dir.resolve("five.csv");
        Files.writeString(labels, "y\n1\n2\n3\n4\n5\n");
        error(sixRows().toString(), opts().labelsFile(labels).build(), labels.toString(), "has 5 labels",
                "has 6 data rows");
        error(sixRows().toString(), opts().labelsFile(NpyReaderTest.fixture("labels_bytes.npy")).build(),
                "has 3 labels", "6 data rows");
        error(sixRows().toString(), opts().labelsFile(dir.resolve("none.csv")).build(), "none.csv", "no such file");
    }

    @Test
    void withMissingDropTheLabelsFollowTheKeptRows() throws IOException {
        Path data = dir.resolve("gaps.csv");
        Files.writeString(data, "a,b\n1,10\nNA,20\n3,30\n4,\n5,50\n6,60\n");
        Dataset ds = DatasetReader.read(data.toString(), opts().missing(MissingPolicy.DROP)
                .labelsFile(NpyReaderTest.fixture("labels_str.npy")).build());
        // labels_str holds setosa, virginica, setosa, versicolor, café, über; rows 1 and 3 are dropped
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals(4, l.size());
        assertEquals("setosa", l.value(0));
        assertEquals("setosa", l.value(1));
        assertEquals("caf\u00e9", l.value(2));
        assertEquals("\u00fcber", l.value(3));
        assertArrayEquals(new double[] {5, 50}, ds.row(2), 0.0);
        // the count is checked against the rows of the input, dropped ones included
        Path seven = dir.resolve("seven.csv");
        Files.writeString(seven, "y\n1\n2\n3\n4\n5\n6\n7\n");
        error(data.toString(), opts().missing(MissingPolicy.DROP).labelsFile(seven).build(), "has 7 labels",
                "has 6 data rows");
    }

    @Test
    void npyDataWithLabelsFile() throws IOException {
        Dataset ds = DatasetReader.read(NpyReaderTest.fixture("f8_fortran.npy").toString(),
                opts().labelsFile(NpyReaderTest.fixture("vector.npy")).build());
        assertEquals(5, ds.rows());
        assertEquals(List.of("0", "1", "2", "3", "4"), ds.labels().orElseThrow().categories());
        // nan.npy has 4 rows, NaN in row 1
        Path four = dir.resolve("four.csv");
        Files.writeString(four, "y\nw\nx\ny\nz\n");
        Dataset dropped = DatasetReader.read(NpyReaderTest.fixture("nan.npy").toString(),
                opts().missing(MissingPolicy.DROP).labelsFile(four).build());
        assertEquals(List.of("w", "y", "z"), dropped.labels().orElseThrow().categories());
        assertEquals(3, dropped.rows());
        error(NpyReaderTest.fixture("nan.npy").toString(), opts().labelsFile(four).build(), "missing value");
        error(NpyReaderTest.fixture("nan.npy").toString(), opts().missing(MissingPolicy.MEAN)
                .labelsFile(NpyReaderTest.fixture("vector.npy")).build(), "has 5 labels", "has 4 data rows");
    }

    @Test
    void builtinWithLabelsFile() throws IOException {
        Path labels = dir.resolve("iris-labels.csv");
        StringBuilder sb = new StringBuilder("g\n");
        for (int i = 0; i < 150; i++) {
            sb.append(i < 75 ? "first" : "second").append('\n');
        }
        Files.writeString(labels, sb.toString());
        Dataset ds = DatasetReader.read("builtin:iris", opts().labelsFile(labels).labelColumn("g").build());
        assertEquals(4, ds.cols()); // species stays out of the features
        assertEquals(List.of("first", "second"), ds.labels().orElseThrow().categories());
        assertEquals("g", ds.labels().orElseThrow().name());
    }

    @Test
    void choosesTheReaderByInput() throws IOException {
        Path csv = dir.resolve("x.txt");
        Files.writeString(csv, "a\n1\n");
        assertEquals(1, DatasetReader.read(csv.toString(), ReadOptions.defaults()).rows());
        Path upper = dir.resolve("X.NPY");
        Files.copy(NpyReaderTest.fixture("f8_c.npy"), upper);
        assertEquals(4, DatasetReader.read(upper.toString(), ReadOptions.defaults()).rows());
        error(dir.resolve("missing.csv").toString(), ReadOptions.defaults(), "missing.csv: no such file");
        error(dir.toString(), ReadOptions.defaults(), "is a directory");
    }
}

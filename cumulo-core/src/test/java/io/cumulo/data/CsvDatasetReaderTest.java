package io.cumulo.data;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CsvDatasetReader} on small hand-written files whose contents are known, and on a few generated ones
 * where the values are written from known numbers.
 */
class CsvDatasetReaderTest {
    @TempDir
    Path dir;

    private int fileCount;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private Path write(String content) throws IOException {
        return write("data" + (++fileCount) + ".csv", content);
    }

    private static ReadOptions.Builder opts() {
        return ReadOptions.builder();
    }

    private static Dataset read(Path p) {
        return CsvDatasetReader.read(p, ReadOptions.defaults());
    }

    private static Dataset read(Path p, ReadOptions o) {
        return CsvDatasetReader.read(p, o);
    }

    /** Reads and expects an error: one line, starting with the file name, containing every fragment. */
    private static CumuloException error(Path p, ReadOptions o, String... fragments) {
        CumuloException e = assertThrows(CumuloException.class, () -> CsvDatasetReader.read(p, o));
        String m = e.getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), () -> "message is not one line: " + m);
        assertTrue(m.contains(p.toString()), () -> "message does not name the file: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
        }
        return e;
    }

    private static CumuloException error(Path p, String... fragments) {
        return error(p, ReadOptions.defaults(), fragments);
    }

    private static void assertRows(Dataset ds, double[][] expected) {
        assertEquals(expected.length, ds.rows(), "rows");
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], ds.row(r), 0.0, "row " + r);
        }
    }

    // ---- basics ----

    @Test
    void readsHeaderAndValues() throws IOException {
        Dataset ds = read(write("a,b,c\n1,2,3\n4.5,-6,7e-1\n"));
        assertEquals(List.of("a", "b", "c"), ds.columnNames());
        assertEquals(3, ds.cols());
        assertRows(ds, new double[][] {{1, 2, 3}, {4.5, -6, 0.7}});
        assertFalse(ds.hasLabels());
        assertFalse(ds.hasWeights());
        assertFalse(ds.hasRowIds());
        assertEquals(2, ds.inputRows());
    }

    @Test
    void noFinalLineBreak() throws IOException {
        assertRows(read(write("a,b\n1,2\n3,4")), new double[][] {{1, 2}, {3, 4}});
        assertRows(read(write("a\n5")), new double[][] {{5}});
    }

    @Test
    void columnsSelectsFeaturesInTheGivenOrder() throws IOException {
        Path p = write("a,b,c,d\n1,2,3,4\n5,6,7,8\n");
        Dataset ds = read(p, opts().columns(List.of("c", "a")).build());
        assertEquals(List.of("c", "a"), ds.columnNames());
        assertRows(ds, new double[][] {{3, 1}, {7, 5}});
    }

    @Test
    void unselectedColumnsMayHoldAnything() throws IOException {
        Path p = write("id,name,x,note\n7,\"Smith, J\",1.5,\"said \"\"hi\"\"\nand left\"\n8,Jones,2.5,NA\n9,,3.5,\n");
        Dataset ds = read(p, opts().columns(List.of("x")).build());
        assertRows(ds, new double[][] {{1.5}, {2.5}, {3.5}});
    }

    @Test
    void dropColumns() throws IOException {
        Path p = write("id,a,b,comment\n1,10,20,hello\n2,30,40,world\n");
        Dataset ds = read(p, opts().dropColumns(List.of("id", "comment")).build());
        assertEquals(List.of("a", "b"), ds.columnNames());
        assertRows(ds, new double[][] {{10, 20}, {30, 40}});
    }

    @Test
    void labelColumnWithTextValues() throws IOException {
        Path p = write("x,species,y\n1,setosa,2\n3,virginica,4\n5,setosa,6\n7,versicolor,8\n");
        Dataset ds = read(p, opts().labelColumn("species").build());
        assertEquals(List.of("x", "y"), ds.columnNames());
        assertRows(ds, new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals("species", l.name());
        // text categories follow first appearance
        assertEquals(List.of("setosa", "virginica", "versicolor"), l.categories());
        assertArrayEquals(new int[] {0, 1, 0, 2}, l.codes());
        assertEquals("versicolor", l.value(3));
    }

    @Test
    void numericLabelsAreOrderedNumerically() throws IOException {
        Path p = write("x,k\n1,10\n2,2\n3,1\n4,2\n5,-1\n");
        LabelColumn l = read(p, opts().labelColumn("k").build()).labels().orElseThrow();
        assertEquals(List.of("-1", "1", "2", "10"), l.categories());
        assertArrayEquals(new int[] {3, 2, 1, 2, 0}, l.codes());
        // decimals too (e.g. labels written by pandas as 1.0, 2.0)
        Path q = write("x,k\n1,10.0\n2,2.0\n3,0.5\n");
        LabelColumn m = read(q, opts().labelColumn("k").build()).labels().orElseThrow();
        assertEquals(List.of("0.5", "2.0", "10.0"), m.categories());
        assertArrayEquals(new int[] {2, 1, 0}, m.codes());
    }

    @Test
    void labelValuesMayBeQuotedAndHoldDelimitersAndLineBreaks() throws IOException {
        Path p = write("x,label\n1,\"a, b\"\n2,\"say \"\"x\"\"\"\n3,\"two\nlines\"\n4,\"a, b\"\n");
        Dataset ds = read(p, opts().labelColumn("label").build());
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals(List.of("a, b", "say \"x\"", "two\nlines"), l.categories());
        assertArrayEquals(new int[] {0, 1, 2, 0}, l.codes());
        assertRows(ds, new double[][] {{1}, {2}, {3}, {4}});
    }

    @Test
    void weightColumn() throws IOException {
        Path p = write("x,w\n1,0.5\n2,2\n3,0\n");
        Dataset ds = read(p, opts().weightColumn("w").build());
        assertEquals(List.of("x"), ds.columnNames());
        assertArrayEquals(new double[] {0.5, 2, 0}, ds.weights().orElseThrow(), 0.0);
        assertEquals("w", ds.weightColumn().orElseThrow());
    }

    @Test
    void weightErrors() throws IOException {
        ReadOptions w = opts().weightColumn("w").build();
        error(write("x,w\n1,0.5\n2,-1\n"), w, "line 3", "column 'w'", "-1", "negative");
        error(write("x,w\n1,0.5\n2,\n"), w, "line 3", "column 'w'", "missing value");
        error(write("x,w\n1,0.5\n2,NA\n"), opts().weightColumn("w").missing(MissingPolicy.MEAN).build(),
                "line 3", "column 'w'", "missing weight");
        error(write("x,w\n1,0.5\n2,heavy\n"), w, "line 3", "column 'w'", "\"heavy\"");
        error(write("x,w\n1,0\n2,0\n"), w, "sums to 0");
        // with missing=drop a row without weight is left out
        Dataset ds = read(write("x,w\n1,0.5\n2,\n3,1\n"), opts().weightColumn("w").missing(MissingPolicy.DROP).build());
        assertRows(ds, new double[][] {{1}, {3}});
        assertArrayEquals(new double[] {0.5, 1}, ds.weights().orElseThrow(), 0.0);
    }

    // ---- missing values ----

    @Test
    void missingValueIsAnErrorByDefault() throws IOException {
        String[] tokens = {"", "NA", "NaN", "?", "N/A", "n/a", "#N/A", "nan", "NAN", "null", "NULL", "None", "na"};
        for (String t : tokens) {
            Path p = write("a,b\n1,2\n3," + t + "\n");
            String found = t.isEmpty() ? "an empty cell" : "\"" + t + "\"";
            error(p, "line 3", "column 'b'", "missing value", found, "--missing");
        }
        error(write("a,b\n,2\n"), "line 2", "column 'a'", "an empty cell");
        error(write("a,b\n1,2\n3,\"\"\n"), "line 3", "column 'b'", "an empty cell");
        error(write("a,b\n1,2\n3,   \n"), "line 3", "column 'b'", "an empty cell");
    }

    @Test
    void missingDropLeavesRowsOutAndKeepsTheirIds() throws IOException {
        Path p = write("a,b,lab\n1,2,x\nNA,3,y\n4,5,z\n6,?,w\n7,8,v\n");
        List<String> notes = new ArrayList<>();
        Dataset ds = CsvDatasetReader.read(p, opts().labelColumn("lab").missing(MissingPolicy.DROP).build(), null,
                notes::add);
        assertRows(ds, new double[][] {{1, 2}, {4, 5}, {7, 8}});
        assertTrue(ds.hasRowIds());
        assertEquals(0, ds.rowId(0));
        assertEquals(2, ds.rowId(1));
        assertEquals(4, ds.rowId(2));
        assertEquals(5, ds.inputRows());
        LabelColumn l = ds.labels().orElseThrow();
        assertEquals("x", l.value(0));
        assertEquals("z", l.value(1));
        assertEquals("v", l.value(2));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("dropped 2 of 5 rows"), notes.get(0));
    }

    @Test
    void missingDropOfEveryRowIsAnError() throws IOException {
        error(write("a,b\n1,\n,2\n"), opts().missing(MissingPolicy.DROP).build(), "every row has a missing value");
    }

    @Test
    void missingMeanImputesColumnMeans() throws IOException {
        Path p = write("a,b\n1,10\nNA,20\n3,\n8,30\n");
        List<String> notes = new ArrayList<>();
        Dataset ds = CsvDatasetReader.read(p, opts().missing(MissingPolicy.MEAN).build(), null, notes::add);
        // mean of a over 1,3,8 = 4; mean of b over 10,20,30 = 20
        assertRows(ds, new double[][] {{1, 10}, {4, 20}, {3, 20}, {8, 30}});
        assertFalse(ds.hasRowIds());
        assertTrue(notes.get(0).contains("replaced 2 missing values"), notes.get(0));
        error(write("a,b\n1,NA\n2,NA\n"), opts().missing(MissingPolicy.MEAN).build(), "column 'b'", "no values");
    }

    @Test
    void missingMeanWithGivenFillValues() throws IOException {
        Path p = write("a,b\n1,NA\nNA,2\n");
        Dataset ds = read(p, opts().missing(MissingPolicy.MEAN).fillValues(new double[] {100, 200}).build());
        assertRows(ds, new double[][] {{1, 200}, {100, 2}});
    }

    // ---- bad cells and rows ----

    @Test
    void nonNumericCellNamesLineColumnAndText() throws IOException {
        error(write("a,b\n1,2\n3,abc\n"), "line 3", "column 'b'", "expected a number", "found \"abc\"");
        error(write("a,b\n1,2\n3,12\"\n4,5\n"), "line 3", "column 'b'", "found \"12\"\"");
        error(write("a,b\n1,2\n1.2.3,4\n"), "line 3", "column 'a'", "\"1.2.3\"");
        error(write("a,b\n1,0x1F\n"), "line 2", "column 'b'", "\"0x1F\"");
        error(write("a,b\n1,1e\n"), "line 2", "column 'b'", "\"1e\"");
        error(write("a,b\n1,\"1,5\"\n"), "line 2", "column 'b'", "\"1,5\"");
        error(write("a,b\n1,\"two\nlines\"\n"), "line 2", "column 'b'", "\"two\\nlines\"");
        String longText = "x".repeat(100);
        CumuloException e = error(write("a\n" + longText + "\n"), "line 2", "column 'a'");
        assertTrue(e.getMessage().contains("\"" + "x".repeat(60) + "\"..."), e.getMessage());
    }

    @Test
    void infiniteValuesAreErrors() throws IOException {
        for (String t : new String[] {"inf", "-inf", "Infinity", "-Infinity", "INF", "1e999", "-1e400"}) {
            error(write("a,b\n1,2\n3," + t + "\n"), "line 3", "column 'b'", "\"" + t + "\"", "not a finite number");
        }
    }

    @Test
    void raggedRowsNameTheLineAndTheFieldCount() throws IOException {
        error(write("a,b,c\n1,2,3\n4,5\n"), "line 3", "expected 3 fields as in the header, found 2");
        error(write("a,b,c\n1,2,3\n4,5,6,7\n"), "line 3", "expected 3 fields as in the header, found 4");
        error(write("a,b,c\n1,2,3\n4\n"), "line 3", "found 1");
        error(write("a,b\n1,2\n3,4,5,\n"), "line 3", "found 4");
    }

    @Test
    void emptyAndHeaderOnlyFiles() throws IOException {
        error(write(""), "is empty");
        error(write("\n\n  \n"), "is empty");
        error(write("\uFEFF"), "is empty");
        error(write("a,b,c\n"), "has a header but no data rows");
        error(write("a,b,c"), "has a header but no data rows");
        error(write("a,b,c\n\n\n"), "has a header but no data rows");
    }

    @Test
    void unknownColumnsSuggestTheNearestName() throws IOException {
        Path p = write("sepal_length,sepal_width,species\n1,2,x\n");
        CumuloException e = error(p, opts().columns(List.of("sepal_lenght")).build(), "--columns",
                "has no column 'sepal_lenght'", "did you mean 'sepal_length'?", "sepal_length, sepal_width, species");
        assertTrue(e.getMessage().startsWith("--columns: " + p));
        error(p, opts().labelColumn("Species").build(), "--label-column", "'Species'", "did you mean 'species'?");
        error(p, opts().dropColumns(List.of("spcies")).build(), "--drop-columns", "did you mean 'species'?");
        error(p, opts().weightColumn("weight").build(), "--weight-column", "has no column 'weight'");
        CumuloException far = error(p, opts().columns(List.of("zzz")).build(), "has no column 'zzz'");
        assertFalse(far.getMessage().contains("did you mean"), far.getMessage());
    }

    @Test
    void duplicateHeaderNames() throws IOException {
        error(write("a,b,a\n1,2,3\n"), "column name 'a' appears twice (columns 1 and 3)");
        error(write("a, b ,\"b\"\n1,2,3\n"), "column name 'b' appears twice (columns 2 and 3)");
    }

    @Test
    void conflictingRoles() throws IOException {
        Path p = write("a,b,c\n1,2,3\n");
        CumuloException e = assertThrows(CumuloException.class,
                () -> read(p, opts().labelColumn("a").weightColumn("a").build()));
        assertTrue(e.getMessage().contains("both the label and the weight column"), e.getMessage());
        e = assertThrows(CumuloException.class,
                () -> read(p, opts().columns(List.of("a", "b")).labelColumn("a").build()));
        assertTrue(e.getMessage().contains("both a feature"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> read(p, opts().dropColumns(List.of("a", "b", "c")).build()));
        assertTrue(e.getMessage().contains("no feature columns left"), e.getMessage());
    }

    // ---- layout ----

    @Test
    void crlfLineEndings() throws IOException {
        Dataset ds = read(write("a,b\r\n1,2\r\n3,4\r\n"));
        assertEquals(List.of("a", "b"), ds.columnNames());
        assertRows(ds, new double[][] {{1, 2}, {3, 4}});
        Dataset lab = read(write("x,lab\r\n1,\"p\"\r\n2,q\r\n"), opts().labelColumn("lab").build());
        assertEquals(List.of("p", "q"), lab.labels().orElseThrow().categories());
        error(write("a,b\r\n1,2\r\n3,x\r\n"), "line 3", "found \"x\"");
    }

    @Test
    void byteOrderMark() throws IOException {
        Dataset ds = read(write("\uFEFFa,b\n1,2\n"));
        assertEquals(List.of("a", "b"), ds.columnNames());
        assertRows(ds, new double[][] {{1, 2}});
        assertEquals(List.of("a"), read(write("\uFEFFa,b\n1,2\n"), opts().columns(List.of("a")).build()).columnNames());
    }

    @Test
    void blankLinesAreSkippedAndStillCounted() throws IOException {
        Path p = write("\n\na,b\n\n1,2\n   \n\t\n3,4\n\n");
        assertRows(read(p), new double[][] {{1, 2}, {3, 4}});
        error(write("\na,b\n\n1,2\n\n\n3,x\n"), "line 7", "column 'b'");
    }

    @Test
    void lineNumbersAfterMultiLineQuotedFields() throws IOException {
        // line 1 header; the record on lines 2-4 holds two line breaks; "2,ok" is line 5, the bad cell line 6
        Path p = write("x,note\n1,\"a\nb\nc\"\n2,ok\nbad,\"z\"\n");
        error(p, opts().labelColumn("note").build(), "line 6", "column 'x'", "\"bad\"");
        Path q = write("x,note\n1,\"a\nb\"\n2,\"c\r\nd\"\n3,x,extra\n");
        error(q, opts().labelColumn("note").build(), "line 6", "expected 2 fields");
        // an error inside a multi-line record names its first line
        Path r = write("x,note,y\n1,\"a\nb\",oops\n");
        error(r, opts().labelColumn("note").build(), "line 2", "column 'y'", "\"oops\"");
    }

    @Test
    void quotedNumbersAndHeaders() throws IOException {
        Dataset ds = read(write("\"a\",\"b, c\",\"d \"\"e\"\"\"\n\"1.5\",\" 2 \",3\n"));
        assertEquals(List.of("a", "b, c", "d \"e\""), ds.columnNames());
        assertRows(ds, new double[][] {{1.5, 2, 3}});
    }

    @Test
    void headerWithLineBreakInAQuotedName() throws IOException {
        Dataset ds = read(write("\"first\nname\",b\n1,2\n3,x\n".replace("3,x\n", "3,4\n")));
        assertEquals(List.of("first\nname", "b"), ds.columnNames());
        assertRows(ds, new double[][] {{1, 2}, {3, 4}});
        error(write("\"first\nname\",b\n1,2\n3,x\n"), "line 4", "column 'b'");
        error(write("\"first\nname\",b\n1,2\nx,3\n"), "line 4", "column 'first\\nname'");
    }

    @Test
    void trailingDelimiter() throws IOException {
        // on every line, the header's included
        assertRows(read(write("a,b,\n1,2,\n3,4,\n")), new double[][] {{1, 2}, {3, 4}});
        assertEquals(List.of("a", "b"), read(write("a,b,\n1,2,\n")).columnNames());
        // on data lines only, or on some of them
        assertRows(read(write("a,b\n1,2,\n3,4\n")), new double[][] {{1, 2}, {3, 4}});
        assertRows(read(write("a;b;\n1,5;2;\n")), new double[][] {{1.5, 2}});
        // a value after it is not a trailing delimiter
        error(write("a,b,\n1,2,3\n"), "line 2", "expected 2 fields as in the header, found 3");
        // an empty last column in the middle of the header keeps its place
        Dataset ds = read(write("a,,c\n1,2,3\n"));
        assertEquals(List.of("a", "column_2", "c"), ds.columnNames());
    }

    @Test
    void spacesAroundFields() throws IOException {
        Dataset ds = read(write(" a , b ,c\n 1 ,  2,3  \n\t4\t, 5 , \"6\" \n"));
        assertEquals(List.of("a", "b", "c"), ds.columnNames());
        assertRows(ds, new double[][] {{1, 2, 3}, {4, 5, 6}});
        error(write("a,b\n1,\"2\" x\n"), "line 2", "column 'b'", "unexpected text after a closing quote");
    }

    @Test
    void semicolonFileWithDecimalCommas() throws IOException {
        Path p = write("a;b;c\n1,5;-2,25;3\n4.5;1e3;0,001\n,5;7,;8\n");
        Dataset ds = read(p);
        assertEquals(List.of("a", "b", "c"), ds.columnNames());
        assertRows(ds, new double[][] {{1.5, -2.25, 3}, {4.5, 1000, 0.001}, {0.5, 7, 8}});
        error(write("a;b\n1,234,5;2\n"), "line 2", "column 'a'", "\"1,234,5\"");
        error(write("a;b\n1,234.5;2\n"), "line 2", "column 'a'", "\"1,234.5\"");
    }

    @Test
    void tabFile() throws IOException {
        Path p = write("a\tb\tname\n1.5\t2,5\tx y\n-3\t4\tz\n");
        Dataset ds = read(p, opts().labelColumn("name").build());
        assertEquals(List.of("a", "b"), ds.columnNames());
        assertRows(ds, new double[][] {{1.5, 2.5}, {-3, 4}});
        assertEquals(List.of("x y", "z"), ds.labels().orElseThrow().categories());
        // an empty field between tabs is missing
        error(write("a\tb\tc\n1\t\t3\n"), "line 2", "column 'b'", "an empty cell");
    }

    @Test
    void delimiterDetectionAndOverride() throws IOException {
        // more semicolons than commas in the header
        assertEquals(List.of("a,x", "b"), read(write("\"a,x\";b\n1;2\n")).columnNames());
        assertEquals(List.of("a", "b"), read(write("a|b\n1|2\n"), opts().delimiter('|').build()).columnNames());
        // with ',' given, a semicolon file is one column
        assertEquals(List.of("a;b"), read(write("a;b\n1\n"), opts().delimiter(',').build()).columnNames());
    }

    @Test
    void gzipFile() throws IOException {
        Path p = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("\uFEFFa,b\n1,2\n3,4.5\n".getBytes(StandardCharsets.UTF_8));
        }
        assertRows(read(p), new double[][] {{1, 2}, {3, 4.5}});
        // detected by content, not by name
        Path q = dir.resolve("compressed.csv");
        Files.copy(p, q);
        assertRows(read(q), new double[][] {{1, 2}, {3, 4.5}});
        // a damaged one
        byte[] bytes = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 12));
        error(cut, "truncated");
    }

    @Test
    void firstLineThatLooksNumericGetsANote() throws IOException {
        List<String> notes = new ArrayList<>();
        Path p = write("1,2\n3,4\n");
        Dataset ds = CsvDatasetReader.read(p, ReadOptions.defaults(), null, notes::add);
        assertEquals(List.of("1", "2"), ds.columnNames());
        assertRows(ds, new double[][] {{3, 4}});
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("looks like numbers"), notes.get(0));
        notes.clear();
        CsvDatasetReader.read(write("a,2\n3,4\n"), ReadOptions.defaults(), null, notes::add);
        assertTrue(notes.isEmpty(), notes.toString());
    }

    @Test
    void unterminatedQuotes() throws IOException {
        error(write("a,b\n1,2\n3,\"4\n5,6\n"), "line 3", "never closed");
        error(write("a,b\n1,\"x"), opts().labelColumn("b").build(), "line 2", "never closed");
        error(write("a,\"b\n1,2\n"), "line 1", "header", "never closed");
    }

    @Test
    void quoteInTheMiddleOfAFieldDoesNotSwallowLines() throws IOException {
        // 5'11" is text, not the start of a quoted field: the error is on its own line
        Path p = write("h,w\n1,2\n5'11\",3\n4,5\n");
        error(p, "line 3", "column 'h'", "found \"5'11\"\"");
        Dataset ds = read(write("h,w,note\n1,2,5'11\"\n3,4,ok\n"), opts().labelColumn("note").build());
        assertEquals(List.of("5'11\"", "ok"), ds.labels().orElseThrow().categories());
    }

    // ---- buffers, sizes ----

    /** Rows of known values, written as text, crossing many 1 MiB buffer boundaries. */
    @Test
    void recordsAcrossBufferBoundaries() throws IOException {
        int rows = 60_000;
        int cols = 5;
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] expected = new double[rows][cols];
        StringBuilder sb = new StringBuilder("c0,c1,c2,c3,c4,label\n");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = rnd.nextDouble(-1e6, 1e6);
                expected[r][c] = v;
                sb.append(v).append(',');
            }
            sb.append(r % 3 == 0 ? "\"q,\nx\"" : "k" + (r % 7)).append(r % 2 == 0 ? "\r\n" : "\n");
        }
        Path p = write(sb.toString());
        assertTrue(Files.size(p) > 3 * (1 << 20));
        for (long precount : new long[] {Long.MAX_VALUE, 0}) {
            Dataset ds = CsvDatasetReader.read(p, opts().labelColumn("label").build(), null, s -> { }, precount);
            assertEquals(rows, ds.rows());
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (Double.doubleToLongBits(expected[r][c]) != Double.doubleToLongBits(ds.get(r, c))) {
                        throw new AssertionError("row " + r + " col " + c + ": " + ds.get(r, c) + " != " + expected[r][c]);
                    }
                }
            }
            LabelColumn l = ds.labels().orElseThrow();
            assertEquals("q,\nx", l.value(0));
            assertEquals("k1", l.value(1));
            assertEquals("k" + ((rows - 1) % 7), l.value(rows - 1));
        }
        // an error far into the file still names its line (header = line 1, each record one line + 1 per r % 3 == 0)
        String bad = sb + "1,2,3,4,x,y\n";
        long lines = 1 + rows + (rows + 2) / 3 + 1;
        error(write(bad), opts().labelColumn("label").build(), "line " + lines, "column 'c4'", "\"x\"");
    }

    @Test
    void recordLongerThanTheBuffer() throws IOException {
        int cols = 150_000; // about 1.6 MiB of text in one record
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int c = 0; c < cols; c++) {
            header.append(c == 0 ? "" : ",").append("v").append(c);
            row.append(c == 0 ? "" : ",").append(c).append(".25");
        }
        String longLabel = "L".repeat(3 << 20);
        Path p = write(header + ",label\n" + row + ",a\n" + row + "," + longLabel + "\n" + row + ",b\n");
        Dataset ds = read(p, opts().labelColumn("label").build());
        assertEquals(3, ds.rows());
        assertEquals(cols, ds.cols());
        assertEquals(0.25, ds.get(0, 0));
        assertEquals(cols - 1 + 0.25, ds.get(2, cols - 1));
        assertEquals(longLabel, ds.labels().orElseThrow().value(1));
    }

    @Test
    void countDataRows() throws IOException {
        assertEquals(2, CsvDatasetReader.countDataRows(write("a,b\n1,2\n3,4\n")));
        assertEquals(2, CsvDatasetReader.countDataRows(write("a,b\n1,2\n3,4")));
        assertEquals(2, CsvDatasetReader.countDataRows(write("\n\na,b\r\n\r\n1,2\r\n\n3,4\r\n\r\n")));
        assertEquals(2, CsvDatasetReader.countDataRows(write("a,b\n1,\"x\ny\n\nz\"\n3,\"\"\"\n\"\n")));
        assertEquals(0, CsvDatasetReader.countDataRows(write("a,b\n")));
        assertEquals(0, CsvDatasetReader.countDataRows(write("")));
        StringBuilder sb = new StringBuilder("x,yyyyyyyyyyyyyyy\n");
        for (int i = 0; i < 70_000; i++) {
            sb.append(i).append(",").append(i % 5 == 0 ? "\"a\nb\"" : "12345678901234567890").append('\n');
            if (i % 1000 == 0) {
                sb.append('\n');
            }
        }
        assertEquals(70_000, CsvDatasetReader.countDataRows(write(sb.toString())));
    }

    @Test
    void precountedReadGivesTheSameResult() throws IOException {
        Path p = write("\na,b,lab\n1,2,x\n\n3,\"4\",\"y\nz\"\n5,6,x\n");
        for (long precount : new long[] {0, Long.MAX_VALUE}) {
            Dataset ds = CsvDatasetReader.read(p, opts().labelColumn("lab").build(), null, s -> { }, precount);
            assertRows(ds, new double[][] {{1, 2}, {3, 4}, {5, 6}});
            assertEquals(List.of("x", "y\nz"), ds.labels().orElseThrow().categories());
        }
        // a file where the count is off (a stray quote) still reads right
        Path q = write("a,b\n1,2\"\n3,4\n");
        for (long precount : new long[] {0, Long.MAX_VALUE}) {
            CumuloException e = assertThrows(CumuloException.class,
                    () -> CsvDatasetReader.read(q, ReadOptions.defaults(), null, s -> { }, precount));
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void manyShortRowsGrowTheMatrix() throws IOException {
        StringBuilder sb = new StringBuilder("a\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append('\n');
        }
        Dataset ds = read(write(sb.toString()));
        assertEquals(20_000, ds.rows());
        assertEquals(19_999.0, ds.get(19_999, 0));
        assertEquals(12_345.0, ds.get(12_345, 0));
    }

    @Test
    void noSuchFile() {
        Path p = dir.resolve("nope.csv");
        CumuloException e = assertThrows(CumuloException.class, () -> read(p));
        assertEquals(p + ": no such file", e.getMessage());
    }

    @Test
    void labelColumnOfALabelsFile() throws IOException {
        assertArrayEquals(new String[] {"a", "b", "a"},
                CsvDatasetReader.readLabelColumn(write("label\na\nb\na\n"), null));
        assertArrayEquals(new String[] {"2", "10", "1"},
                CsvDatasetReader.readLabelColumn(write("\uFEFFid,y\n1,2\n2,10\n3,1\n"), "y"));
        CumuloException e = assertThrows(CumuloException.class,
                () -> CsvDatasetReader.readLabelColumn(write("id,y\n1,2\n"), null));
        assertTrue(e.getMessage().contains("name the one holding labels"), e.getMessage());
    }

    @Test
    void decimalPointsOfEveryShape() throws IOException {
        // values and their text, checked against Double.parseDouble cell by cell
        String[] texts = {"0", "-0", "+1", "007", ".5", "5.", "-.5", "1e5", "1E-5", "1.5e+300", "4.9e-324",
            "123456789012345678901234567890", "0.1000000000000000055511151231257827", "9007199254740993",
            "1.7976931348623157e308", "2.2250738585072014E-308", "3.141592653589793238462643383279"};
        StringBuilder sb = new StringBuilder("v\n");
        for (String t : texts) {
            sb.append(t).append('\n');
        }
        Dataset ds = read(write(sb.toString()));
        for (int i = 0; i < texts.length; i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(texts[i])),
                    Double.doubleToRawLongBits(ds.get(i, 0)), texts[i]);
        }
    }

    @Test
    void readsFromAStream() throws IOException {
        byte[] text = String.format(Locale.ROOT, "a,b%n1,2%n").getBytes(StandardCharsets.UTF_8);
        Dataset ds = CsvDatasetReader.read(new ByteArrayInputStream(text), "stdin", -1, ReadOptions.defaults(),
                null, s -> { });
        assertEquals("stdin", ds.source());
        assertRows(ds, new double[][] {{1, 2}});
    }
}

package io.cumulo.data;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NpyReader} on files written by numpy ({@code tools/reference/make_npy_fixtures.py}), checked against
 * the values numpy itself reported for them in {@code npy/expected.json}.
 */
class NpyReaderTest {
    @TempDir
    Path dir;

    private static final Map<String, Object> EXPECTED = loadExpected();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadExpected() {
        try (InputStream in = NpyReaderTest.class.getResourceAsStream("/npy/expected.json")) {
            return (Map<String, Object>) new Json(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path fixture(String name) {
        try {
            return Path.of(NpyReaderTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expected(String name) {
        return (Map<String, Object>) EXPECTED.get(name);
    }

    private static Dataset read(String name, ReadOptions o) {
        return NpyReader.read(fixture(name + ".npy"), o, s -> { });
    }

    /** Reads and expects an error: one line, starting with the file name, containing every fragment. */
    private static CumuloException error(Path p, ReadOptions o, String... fragments) {
        CumuloException e = assertThrows(CumuloException.class, () -> NpyReader.read(p, o, s -> { }));
        checkMessage(e, p, fragments);
        return e;
    }

    private static void checkMessage(CumuloException e, Path p, String... fragments) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), () -> "message is not one line: " + m);
        assertTrue(m.startsWith(p.toString()), () -> "message does not start with the file: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message lacks '" + f + "': " + m);
        }
    }

    /** The dataset holds exactly numpy's values, in row-major order, bit for bit. */
    @SuppressWarnings("unchecked")
    private static void assertMatchesNumpy(String name) {
        Map<String, Object> e = expected(name);
        List<Object> shape = (List<Object>) e.get("shape");
        List<List<Object>> values = (List<List<Object>>) e.get("values");
        Dataset ds = read(name, ReadOptions.defaults());
        assertEquals(((Number) shape.get(0)).intValue(), ds.rows(), name + " rows");
        assertEquals(((Number) shape.get(1)).intValue(), ds.cols(), name + " cols");
        assertEquals(Dataset.defaultNames(ds.cols()), ds.columnNames());
        for (int r = 0; r < ds.rows(); r++) {
            for (int c = 0; c < ds.cols(); c++) {
                Object v = values.get(r).get(c);
                double want = v instanceof String ? Double.parseDouble(((String) v).replace("inf", "Infinity")
                        .replace("nan", "NaN")) : ((Number) v).doubleValue();
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(ds.get(r, c)),
                        name + " [" + r + "][" + c + "]: " + want + " vs " + ds.get(r, c));
            }
        }
    }

    @Test
    void float64CommonOrder() {
        assertEquals("<f8", expected("f8_c").get("dtype"));
        assertEquals(false, expected("f8_c").get("fortran"));
        assertMatchesNumpy("f8_c");
        // values written into the fixture script by hand
        Dataset ds = read("f8_c", ReadOptions.defaults());
        assertEquals(0.1, ds.get(0, 0));
        assertEquals(Double.MAX_VALUE, ds.get(1, 1));
        assertEquals(Double.MIN_VALUE, ds.get(2, 0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ds.get(1, 2)));
        assertEquals(Math.PI, ds.get(3, 1));
    }

    @Test
    void fortranOrder() {
        assertEquals(true, expected("f8_fortran").get("fortran"));
        assertMatchesNumpy("f8_fortran");
    }

    @Test
    void float32WidensExactly() {
        assertMatchesNumpy("f4");
        Dataset ds = read("f4", ReadOptions.defaults());
        assertEquals((double) 0.1f, ds.get(0, 0));
        assertEquals(16777216.0, ds.get(2, 0)); // 16777217 is not a float32
    }

    @Test
    void integerAndOtherLayouts() {
        assertMatchesNumpy("i4");
        Dataset ds = read("i4", ReadOptions.defaults());
        assertEquals(2147483647.0, ds.get(1, 0));
        assertEquals(-2147483648.0, ds.get(1, 1));
        assertMatchesNumpy("u1");
        assertEquals(255.0, read("u1", ReadOptions.defaults()).get(0, 1));
        assertEquals(">f8", expected("f8_be").get("dtype"));
        assertMatchesNumpy("f8_be");
        assertEquals(1e10, read("f8_be", ReadOptions.defaults()).get(1, 0));
        assertMatchesNumpy("f8_v2");
    }

    @Test
    void columnSelectionAndLabelColumn() {
        Dataset ds = read("f8_c", ReadOptions.builder().columns(List.of("x2", "x0")).build());
        assertEquals(List.of("x2", "x0"), ds.columnNames());
        assertArrayEquals(new double[] {1e-300, 0.1}, ds.row(0), 0.0);
        Dataset lab = read("i4", ReadOptions.builder().labelColumn("x2").build());
        assertEquals(List.of("x0", "x1"), lab.columnNames());
        assertEquals(List.of("0", "3"), lab.labels().orElseThrow().categories());
        Path p = fixture("f8_c.npy");
        CumuloException e = assertThrows(CumuloException.class,
                () -> NpyReader.read(p, ReadOptions.builder().columns(List.of("x9")).build(), s -> { }));
        assertTrue(e.getMessage().contains("has no column 'x9'"), e.getMessage());
    }

    @Test
    void nanIsAMissingValue() {
        Path p = fixture("nan.npy");
        error(p, ReadOptions.defaults(), "row 1", "'x2'", "missing value");
        Dataset dropped = read("nan", ReadOptions.builder().missing(MissingPolicy.DROP).build());
        assertEquals(3, dropped.rows());
        assertEquals(0, dropped.rowId(0));
        assertEquals(2, dropped.rowId(1));
        assertEquals(3, dropped.rowId(2));
        assertEquals(4, dropped.inputRows());
        Dataset mean = read("nan", ReadOptions.builder().missing(MissingPolicy.MEAN).build());
        @SuppressWarnings("unchecked")
        List<List<Object>> values = (List<List<Object>>) expected("nan").get("values");
        assertEquals("nan", values.get(1).get(2));
        double sum = 0;
        for (int r : new int[] {0, 2, 3}) {
            sum += ((Number) values.get(r).get(2)).doubleValue();
        }
        assertEquals(sum / 3, mean.get(1, 2), 1e-15);
        assertEquals(((Number) values.get(1).get(0)).doubleValue(), mean.get(1, 0));
    }

    @Test
    void infIsAnError() {
        @SuppressWarnings("unchecked")
        List<List<Object>> values = (List<List<Object>>) expected("inf").get("values");
        assertEquals("inf", values.get(2).get(0));
        error(fixture("inf.npy"), ReadOptions.defaults(), "row 2", "'x0'", "not a finite number");
        error(fixture("inf.npy"), ReadOptions.builder().missing(MissingPolicy.DROP).build(), "not a finite number");
    }

    @Test
    void wrongDimensionality() {
        error(fixture("cube.npy"), ReadOptions.defaults(), "expected a 2-D array", "[2, 3, 4]");
        error(fixture("vector.npy"), ReadOptions.defaults(), "expected a 2-D array", "[5]");
    }

    @Test
    void unsupportedTypes() {
        error(fixture("f2.npy"), ReadOptions.defaults(), "unsupported .npy data type '<f2'", "float64 or float32");
        error(fixture("structured.npy"), ReadOptions.defaults(), "structured");
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("f8_c.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 8));
        error(cut, ReadOptions.defaults(), "truncated", "12 values");
        // cut inside the header, and right after the magic
        Path cutHeader = dir.resolve("cut-header.npy");
        Files.write(cutHeader, Arrays.copyOf(whole, 40));
        error(cutHeader, ReadOptions.defaults(), "truncated");
        Path cutMagic = dir.resolve("cut-magic.npy");
        Files.write(cutMagic, Arrays.copyOf(whole, 7));
        error(cutMagic, ReadOptions.defaults(), "truncated");
        // labels too
        byte[] labels = Files.readAllBytes(fixture("labels_str.npy"));
        Path cutLabels = dir.resolve("cut-labels.npy");
        Files.write(cutLabels, Arrays.copyOf(labels, labels.length - 1));
        CumuloException e = assertThrows(CumuloException.class, () -> NpyReader.readLabels(cutLabels));
        checkMessage(e, cutLabels, "truncated");
    }

    @Test
    void badMagic() throws IOException {
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "a,b\n1,2\n");
        error(text, ReadOptions.defaults(), "not a NumPy .npy file");
        Path tiny = dir.resolve("tiny.npy");
        Files.writeString(tiny, "x");
        error(tiny, ReadOptions.defaults(), "not a NumPy .npy file");
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, new byte[0]);
        error(empty, ReadOptions.defaults(), "not a NumPy .npy file");
        byte[] whole = Files.readAllBytes(fixture("f8_c.npy"));
        whole[6] = 9; // format version 9
        Path v9 = dir.resolve("v9.npy");
        Files.write(v9, whole);
        error(v9, ReadOptions.defaults(), "unsupported .npy format version 9");
    }

    @SuppressWarnings("unchecked")
    private static void assertLabels(String name) {
        List<Object> want = (List<Object>) expected(name).get("labels");
        String[] got = NpyReader.readLabels(fixture(name + ".npy"));
        assertEquals(want, List.of(got), name);
    }

    @Test
    void labelVectors() {
        assertLabels("labels_int");
        assertLabels("labels_str");
        assertLabels("labels_bytes");
        assertLabels("labels_float");
        assertEquals("<i8", expected("labels_int").get("dtype"));
        assertTrue(((String) expected("labels_str").get("dtype")).startsWith("<U"));
        assertArrayEquals(new String[] {"0", "1", "2", "3", "4"}, NpyReader.readLabels(fixture("vector.npy")));
        Path p = fixture("f8_c.npy");
        CumuloException e = assertThrows(CumuloException.class, () -> NpyReader.readLabels(p));
        checkMessage(e, p, "expected a 1-D array of labels", "[4, 3]");
        Path inf = fixture("inf.npy");
        assertThrows(CumuloException.class, () -> NpyReader.readLabels(inf));
    }

    /** A small JSON reader, enough for expected.json (objects, arrays, strings, numbers, true/false/null). */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return m;
                    }
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return l;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String num = s.substring(start, i);
            if (num.contains(".") || num.contains("e") || num.contains("E")) {
                return Double.parseDouble(num);
            }
            return Long.parseLong(num);
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': sb.append('\n'); break;
                        case 't': sb.append('\t'); break;
                        case 'r': sb.append('\r'); break;
                        case 'u':
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                            break;
                        default: sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}

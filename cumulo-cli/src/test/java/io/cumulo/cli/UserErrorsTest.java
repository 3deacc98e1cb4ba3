package io.cumulo.cli;

import io.cumulo.model.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every user error: exit code 2, one line on stderr naming what is wrong, no stack trace, nothing on stdout. */
class UserErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static void fails(String expectedLine, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
        assertEquals(expectedLine, r.errorLine());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }

    @Test
    void badFiles() throws Exception {
        Path empty = file("empty.csv", "");
        fails("cumulo: error: " + empty + " is empty; expected a header row and data rows", "cluster", empty.toString(), "--k", "2");
        Path header = file("header.csv", "a,b\n");
        fails("cumulo: error: " + header + " has a header but no data rows", "cluster", header.toString(), "--k", "2");
        Path ragged = file("ragged.csv", "a,b,c\n1,2,3\n4,5\n");
        fails("cumulo: error: " + ragged + ", line 3: expected 3 fields as in the header, found 2",
                "cluster", ragged.toString(), "--k", "2");
        Path text = file("text.csv", "a,b\n1,2\n3,hello\n");
        fails("cumulo: error: " + text + ", line 3, column 'b': expected a number, found \"hello\" (name a text column "
                + "with --label-column or leave it out with --drop-columns)", "cluster", text.toString(), "--k", "2");
        Path nan = file("nan.csv", "a,b\n1,2\nNaN,3\n");
        fails("cumulo: error: " + nan + ", line 3, column 'a': missing value (\"NaN\"); use --missing drop or --missing "
                + "mean to handle missing values", "cluster", nan.toString(), "--k", "2");
        Path inf = file("inf.csv", "a,b\n1,2\n-inf,3\n");
        fails("cumulo: error: " + inf + ", line 3, column 'a': value \"-inf\" is not a finite number",
                "cluster", inf.toString(), "--k", "2");
        fails("cumulo: error: " + dir.resolve("nope.csv") + ": no such file", "cluster", dir.resolve("nope.csv").toString(), "--k", "2");
        fails("cumulo: error: " + dir + ": is a directory, expected a data file", "cluster", dir.toString(), "--k", "2");
        Path npy = file("bad.npy", "not numpy at all");
        fails("cumulo: error: " + npy + ": not a NumPy .npy file (bad magic bytes)", "cluster", npy.toString(), "--k", "2");
        Path zip = dir.resolve("arrays.npz");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        fails("cumulo: error: " + zip + ": looks like a zip archive (an .npz or .xlsx file?); save the array with "
                + "numpy.save as .npy, or the table as CSV", "cluster", zip.toString(), "--k", "2");
        fails("cumulo: error: --delimiter: expected ',', ';', tab or '|', got ' '", "cluster", text.toString(), "--k", "2",
                "--delimiter", " ");
        fails("cumulo: error: no built-in dataset 'irises'; built-in datasets are: builtin:iris, builtin:wine, "
                + "builtin:breast-cancer, builtin:digits", "cluster", "builtin:irises", "--k", "2");
    }

    @Test
    void badColumns() throws Exception {
        Path f = file("d.csv", "alpha,beta\n1,2\n3,4\n");
        fails("cumulo: error: --columns: " + f + " has no column 'alhpa' (did you mean 'alpha'?); its columns are: alpha, beta",
                "cluster", f.toString(), "--k", "2", "--columns", "alhpa");
        fails("cumulo: error: --label-column: " + f + " has no column 'species'; its columns are: alpha, beta",
                "cluster", f.toString(), "--k", "2", "--label-column", "species");
        fails("cumulo: error: column 'alpha' is both a feature (--columns) and the label column",
                "cluster", f.toString(), "--k", "2", "--columns", "alpha", "--label-column", "alpha");
        Path dup = file("dup.csv", "a,b,a\n1,2,3\n");
        fails("cumulo: error: " + dup + ": column name 'a' appears twice (columns 1 and 3); column names must be unique",
                "cluster", dup.toString(), "--k", "1");
    }

    @Test
    void badParameters() {
        fails("cumulo: error: k=200 is larger than the number of rows (150) in builtin:iris",
                "cluster", "builtin:iris", "--k", "200");
        fails("cumulo: error: parameter 'k': expected an integer ≥ 1, got '0'", "cluster", "builtin:iris", "--k", "0");
        fails("cumulo: error: parameter 'k' is required for kmeans (number of clusters)", "cluster", "builtin:iris");
        fails("cumulo: error: unknown algorithm 'kmedoidz'; available: " + String.join(", ",
                Registry.names(Registry.Kind.CLUSTERING)),
                "cluster", "builtin:iris", "--algorithm", "kmedoidz", "--k", "3");
        fails("cumulo: error: unknown parameter 'maxiter' for kmeans (did you mean 'max-iter'?); known: k, init, n-init, "
                + "max-iter, tol, algorithm, refine, swap-trials, metric, storage, seed", "cluster", "builtin:iris", "--k", "3", "--param", "maxiter=5");
        fails("cumulo: error: parameter 'tol': expected a number ≥ 0, got 'fast'",
                "cluster", "builtin:iris", "--k", "3", "--param", "tol=fast");
        fails("cumulo: error: --k 3 contradicts --param k=4", "cluster", "builtin:iris", "--k", "3", "--param", "k=4");
        fails("cumulo: error: --scale: expected one of standard, minmax, robust, none, got 'zscore'",
                "cluster", "builtin:iris", "--k", "3", "--scale", "zscore");
        fails("cumulo: error: --missing: expected error, drop or mean, got 'ignore'",
                "cluster", "builtin:iris", "--k", "3", "--missing", "ignore");
        fails("cumulo: error: --threads: expected an integer >= 1, got 0", "cluster", "builtin:iris", "--k", "3", "--threads", "0");
    }

    @Test
    void fewerDistinctRowsThanK() throws Exception {
        Path f = file("same.csv", "a\n1\n1\n1\n2\n");
        fails("cumulo: error: k=3 but " + f + " has fewer than 3 distinct rows, so some clusters would be empty or "
                + "identical; choose a smaller k", "cluster", f.toString(), "--k", "3");
    }

    @Test
    void badFlags() {
        fails("cumulo cluster: error: Invalid value for option '--k': 'three' is not an int (see 'cumulo cluster --help')",
                "cluster", "builtin:iris", "--k", "three");
        fails("cumulo cluster: error: Unknown options: '--kk', '3' (see 'cumulo cluster --help')", "cluster", "builtin:iris", "--kk", "3");
        fails("cumulo cluster: error: Missing required parameter: 'INPUT' (see 'cumulo cluster --help')", "cluster");
        fails("cumulo: error: Unmatched argument at index 0: 'clsuter' (see 'cumulo --help')", "clsuter");
        fails("cumulo predict: error: Missing required option: '--model=FILE' (see 'cumulo predict --help')",
                "predict", "builtin:iris");
    }

    @Test
    void badModels() throws Exception {
        Path notJson = file("model.json", "{ this is not json");
        fails("cumulo: error: " + notJson + ": invalid JSON at line 1: expected a field name in double quotes, found 't'",
                "predict", "--model", notJson.toString(), "builtin:iris");
        Path other = file("other.json", "{\"hello\": 1}");
        fails("cumulo: error: " + other + ": not a Cumulo model file (no \"format\": \"cumulo-model\")",
                "predict", "--model", other.toString(), "builtin:iris");
        fails("cumulo: error: " + dir.resolve("none.json") + ": no such model file",
                "predict", "--model", dir.resolve("none.json").toString(), "builtin:iris");
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Usage: cumulo"), r.err());
    }
}

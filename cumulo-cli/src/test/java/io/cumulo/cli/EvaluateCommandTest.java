package io.cumulo.cli;

import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** A one-column labels CSV. */
    private Path labels(String name, List<?> values) throws Exception {
        StringBuilder sb = new StringBuilder("cluster\n");
        for (Object v : values) {
            sb.append(v).append('\n');
        }
        return file(name, sb.toString());
    }

    private static JsonObject reference(String name) throws Exception {
        // from core's test jar (a jar in a full build, so read as a stream, not a path)
        String text;
        try (var in = EvaluateCommandTest.class.getResourceAsStream("/reference/external_metrics_full.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Object o : JsonObject.parse(text, "external_metrics_full.json").getList("cases")) {
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) o, "external_metrics_full.json");
            if (c.getString("name").startsWith(name)) {
                return c;
            }
        }
        throw new AssertionError("no reference case " + name);
    }

    /**
     * scikit-learn 1.2.1's k-means labels of the classic sets against their classes
     * (tools/reference/make_external_metrics_reference.py), through the whole command: file reading, class names,
     * JSON.
     */
    @Test
    void classicSetsAgreeWithScikitLearn() throws Exception {
        for (String set : List.of("iris", "wine", "breast-cancer", "digits")) {
            JsonObject ref = reference(set + " classes vs k-means");
            Path pred = labels(set + ".csv", ref.getList("pred"));
            Map<String, Object> j = ClusterCommandTest.json(Cli.run("evaluate", "--labels", pred.toString(), "--truth",
                    "builtin:" + set, "--json"));
            for (String[] key : new String[][] {{"ari", "ari"}, {"rand", "rand"}, {"nmi", "nmi_arithmetic"},
                {"ami", "ami_arithmetic"}, {"homogeneity", "homogeneity"}, {"completeness", "completeness"},
                {"v_measure", "v_measure"}, {"fowlkes_mallows", "fowlkes_mallows"}}) {
                double expected = ref.getDouble(key[1]);
                assertEquals(expected, (Double) j.get(key[0]), 1e-9 * Math.abs(expected), set + " " + key[0]);
            }
            assertEquals(ref.getDouble("purity_numpy"), (Double) j.get("purity"), 0.0, set);
            assertEquals(ref.getDouble("accuracy_scipy"), (Double) j.get("accuracy"), 0.0, set);
            assertEquals(0L, j.get("noise_points"));
            // the table: the reference numbers classes by their sorted names, Cumulo shows the names
            @SuppressWarnings("unchecked")
            Map<String, Object> table = (Map<String, Object>) j.get("contingency");
            List<Object> names = new ArrayList<>((List<?>) table.get("classes"));
            List<String> sorted = names.stream().map(String::valueOf).sorted().toList();
            List<Object> refCounts = ref.getObject("contingency").getList("counts");
            @SuppressWarnings("unchecked")
            List<Object> counts = (List<Object>) table.get("counts");
            for (int i = 0; i < names.size(); i++) {
                int refRow = set.equals("digits") ? ((Number) names.get(i)).intValue() : sorted.indexOf(names.get(i));
                assertEquals(refCounts.get(refRow), counts.get(i), set + " class " + names.get(i));
            }
        }
    }

    @Test
    void jsonKeysAndTheSilhouetteOfTheTrueClasses() throws Exception {
        // the species as cluster labels: silhouette_score(iris, species) = 0.50348 (silhouette.json)
        List<Integer> species = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            species.add(i / 50);
        }
        Path pred = labels("species.csv", species);
        Cli.Result r = Cli.run("evaluate", "--labels", pred.toString(), "--truth", "builtin:iris", "--data", "builtin:iris",
                "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(List.of("labels", "labels_column", "truth", "label_column", "n_samples", "n_classes", "n_clusters",
                "ari", "rand", "nmi", "ami", "homogeneity", "completeness", "v_measure", "fowlkes_mallows", "purity",
                "accuracy", "contingency", "noise_points", "internal", "warnings"), List.copyOf(j.keySet()));
        assertEquals(1.0, j.get("ari"));
        assertEquals(1.0, j.get("accuracy"));
        @SuppressWarnings("unchecked")
        Map<String, Object> internal = (Map<String, Object>) j.get("internal");
        assertEquals(0.5034774406932961, (Double) internal.get("silhouette"), 1e-12);
        assertEquals("euclidean", internal.get("silhouette_metric"));
        assertEquals(150L, internal.get("n_samples"));
        assertEquals(4L, internal.get("n_features"));
        assertTrue(r.err().isEmpty(), r.err());
    }

    @Test
    void agreesWithWhatClusterReports() throws Exception {
        Path out = dir.resolve("labels.csv");
        Map<String, Object> fit = ClusterCommandTest.json(Cli.run("cluster", "builtin:wine", "--k", "3", "--scale", "standard",
                "--out", out.toString(), "--json"));
        Cli.Result r = Cli.run("evaluate", "--labels", out.toString(), "--truth", "builtin:wine", "--data", "builtin:wine",
                "--scale", "standard", "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(fit.get("ari"), j.get("ari"));
        assertEquals(fit.get("nmi"), j.get("nmi"));
        @SuppressWarnings("unchecked")
        Map<String, Object> internal = (Map<String, Object>) j.get("internal");
        assertEquals(fit.get("silhouette"), internal.get("silhouette"));
        assertEquals("standard", internal.get("scale"));
        // the same output whatever the number of threads
        for (String threads : List.of("1", "3")) {
            Cli.Result again = Cli.run("evaluate", "--labels", out.toString(), "--truth", "builtin:wine", "--data",
                    "builtin:wine", "--scale", "standard", "--json", "--threads", threads);
            assertEquals(r.out(), again.out(), threads + " threads");
        }
        // the class column of the labels file itself is ground truth too
        Map<String, Object> same = ClusterCommandTest.json(Cli.run("evaluate", "--labels", out.toString(), "--truth",
                out.toString(), "--label-column", "cultivar", "--json"));
        assertEquals(fit.get("ari"), same.get("ari"));
        // and two clusterings compare: a labels file as truth takes its cluster column
        Map<String, Object> self = ClusterCommandTest.json(Cli.run("evaluate", "--labels", out.toString(), "--truth",
                out.toString(), "--json"));
        assertEquals(1.0, self.get("ami"));
        assertEquals("cluster", self.get("label_column"));
    }

    @Test
    void rowsLeftOutWhenClusteringAreLeftOut() throws Exception {
        // rows 2 and 5 have a missing value; 'cluster --missing drop' labels the other 6, numbering them by input row
        Path data = file("d.csv", "x,y,class\n0,0,a\n0.1,0,a\n,0,a\n5,5,b\n5.1,5,b\n5,,b\n9,0,c\n9,0.2,c\n");
        Path out = dir.resolve("l.csv");
        assertEquals(0, Cli.run("cluster", data.toString(), "--k", "3", "--missing", "drop", "--label-column", "class",
                "--out", out.toString()).exit());
        Cli.Result r = Cli.run("evaluate", "--labels", out.toString(), "--truth", data.toString(), "--label-column", "class",
                "--data", data.toString(), "--missing", "drop", "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(6L, j.get("n_samples"));
        assertEquals(1.0, j.get("ari"));
        @SuppressWarnings("unchecked")
        Map<String, Object> internal = (Map<String, Object>) j.get("internal");
        assertEquals(6L, internal.get("n_samples"));
        assertEquals(2L, internal.get("n_features"));
        assertTrue(r.err().contains("note: " + out + " labels 6 of the 8 rows of " + data), r.err());
    }

    @Test
    void noiseIsCountedAndShown() throws Exception {
        Path truth = labels("t.csv", List.of(0, 0, 0, 1, 1, 1));
        Path pred = labels("p.csv", List.of(-1, 0, 0, 1, 1, -1));
        Cli.Result r = Cli.run("evaluate", "--labels", pred.toString(), "--truth", truth.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.startsWith(pred + " (cluster) against " + truth + " (cluster): 6 rows, 2 classes, 3 clusters"), out);
        // purity 5/6 and accuracy 4/6 (worked out in PurityAndAccuracyTest)
        assertTrue(out.contains("  purity           0.8333  (rows in their cluster's majority class)"), out);
        assertTrue(out.contains("  accuracy         0.6667  (best one-to-one matching of clusters to classes)"), out);
        assertTrue(out.contains("  noise points     2  (label -1, counted as one more cluster, as scikit-learn does)"), out);
        assertTrue(out.contains("  class \\ cluster  -1   0   1\n  0                 1   2   0\n  1                 1   0   2\n"), out);
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("evaluate", "--labels", pred.toString(), "--truth",
                truth.toString(), "--json"));
        assertEquals(2L, j.get("noise_points"));
        assertEquals("{\"classes\":[0,1],\"clusters\":[-1,0,1],\"counts\":[[1,2,0],[1,0,2]]}", Json.write(j.get("contingency")));
    }

    @Test
    void noiseIsLeftOutOfTheSilhouette() throws Exception {
        Path data = file("d.csv", "x\n0\n0.1\n0.2\n5\n5.1\n5.2\n50\n");
        Path truth = labels("t.csv", List.of(0, 0, 0, 1, 1, 1, 1));
        Path pred = labels("p.csv", List.of(0, 0, 0, 1, 1, 1, -1));
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("evaluate", "--labels", pred.toString(), "--truth",
                truth.toString(), "--data", data.toString(), "--json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> internal = (Map<String, Object>) j.get("internal");
        assertEquals(1L, internal.get("noise_excluded"));
        // without the outlier at 50: a = 0.1 (mean distance within a cluster of 0, 0.1, 0.2 for the middle row),
        // the same silhouette as the 6 rows alone
        Path six = file("six.csv", "x\n0\n0.1\n0.2\n5\n5.1\n5.2\n");
        Path sixLabels = labels("p6.csv", List.of(0, 0, 0, 1, 1, 1));
        Map<String, Object> alone = ClusterCommandTest.json(Cli.run("evaluate", "--labels", sixLabels.toString(), "--truth",
                sixLabels.toString(), "--data", six.toString(), "--json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> aloneInternal = (Map<String, Object>) alone.get("internal");
        assertEquals(aloneInternal.get("silhouette"), internal.get("silhouette"));
        // a single cluster has no silhouette
        Path one = labels("one.csv", List.of(3, 3, 3, 3, 3, 3, 3));
        Map<String, Object> single = ClusterCommandTest.json(Cli.run("evaluate", "--labels", one.toString(), "--truth",
                truth.toString(), "--data", data.toString(), "--json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> singleInternal = (Map<String, Object>) single.get("internal");
        assertNull(singleInternal.get("silhouette"));
        assertEquals(0.0, single.get("ari"));
    }

    @Test
    void textClassesAndDecimalLabels() throws Exception {
        // classes as text in a one-column file; labels written as 1.0 (float arrays) are integers
        Path truth = file("t.csv", "animal\ncat\ncat\ndog\ndog\n");
        Path pred = file("p.csv", "c\n1.0\n1.0\n2.0\n2.0\n");
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("evaluate", "--labels", pred.toString(), "--truth",
                truth.toString(), "--json"));
        assertEquals(1.0, j.get("ari"));
        assertEquals("{\"classes\":[\"cat\",\"dog\"],\"clusters\":[1,2],\"counts\":[[2,0],[0,2]]}",
                Json.write(j.get("contingency")));
        assertFalse(j.containsKey("internal"));
    }

    private static void fails(String expectedLine, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
        assertEquals(expectedLine, r.errorLine());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }

    @Test
    void badInput() throws Exception {
        Path good = labels("good.csv", List.of(0, 1, 1));
        Path truth = labels("truth.csv", List.of(0, 1, 1));
        Path shorter = labels("short.csv", List.of(0, 1));
        fails("cumulo: error: " + shorter + " has 2 labels but " + truth + " has 3 rows; expected one label per row",
                "evaluate", "--labels", shorter.toString(), "--truth", truth.toString());
        fails("cumulo: error: " + good + " has 3 labels but builtin:iris has 150 rows; expected one label per row",
                "evaluate", "--labels", good.toString(), "--truth", "builtin:iris");
        Path data = file("data.csv", "x\n1\n2\n3\n4\n");
        fails("cumulo: error: " + good + " has 3 labels but " + data + " has 4 rows; expected one label per row",
                "evaluate", "--labels", good.toString(), "--truth", truth.toString(), "--data", data.toString());
        Path missing = dir.resolve("nope.csv");
        fails("cumulo: error: " + missing + ": no such file (--labels)",
                "evaluate", "--labels", missing.toString(), "--truth", truth.toString());
        fails("cumulo: error: " + missing + ": no such file (--truth)",
                "evaluate", "--labels", good.toString(), "--truth", missing.toString());
        fails("cumulo: error: " + dir + ": is a directory, expected a file (--labels)",
                "evaluate", "--labels", dir.toString(), "--truth", truth.toString());
        Path empty = file("empty.csv", "");
        fails("cumulo: error: " + empty + " is empty; expected a header row (--labels)",
                "evaluate", "--labels", empty.toString(), "--truth", truth.toString());
        fails("cumulo: error: " + empty + " is empty; expected a header row (--truth)",
                "evaluate", "--labels", good.toString(), "--truth", empty.toString());
        Path header = file("header.csv", "cluster\n");
        fails("cumulo: error: " + header + " has a header but no data rows (--labels)",
                "evaluate", "--labels", header.toString(), "--truth", truth.toString());
        Path fraction = file("fraction.csv", "cluster\n0\n1.5\n1\n");
        fails("cumulo: error: " + fraction + ", data row 2, column 'cluster': expected an integer cluster label (-1 for "
                + "noise), found \"1.5\" (--labels)", "evaluate", "--labels", fraction.toString(), "--truth", truth.toString());
        Path text = file("text.csv", "cluster\n0\nsetosa\n1\n");
        fails("cumulo: error: " + text + ", data row 2, column 'cluster': expected an integer cluster label (-1 for "
                + "noise), found \"setosa\" (--labels)", "evaluate", "--labels", text.toString(), "--truth", truth.toString());
        Path huge = file("huge.csv", "cluster\n0\n3000000000\n1\n");
        fails("cumulo: error: " + huge + ", data row 2, column 'cluster': expected an integer cluster label (-1 for "
                + "noise), found \"3000000000\" (--labels)", "evaluate", "--labels", huge.toString(), "--truth", truth.toString());
        Path wide = file("wide.csv", "a,b\n1,2\n");
        fails("cumulo: error: " + wide + ": has 2 columns (a, b); expected the labels file of 'cumulo cluster --out' "
                + "(a 'cluster' column) or a single column of labels (--labels)",
                "evaluate", "--labels", wide.toString(), "--truth", truth.toString());
        fails("cumulo: error: " + wide + ": has 2 columns (a, b); name the column of classes with --label-column (--truth)",
                "evaluate", "--labels", good.toString(), "--truth", wide.toString());
        fails("cumulo: error: --label-column: " + wide + " has no column 'class'; its columns are: a, b",
                "evaluate", "--labels", good.toString(), "--truth", wide.toString(), "--label-column", "class");
        fails("cumulo: error: --label-column: builtin:iris has no column 'class'; its columns are: sepal_length, "
                + "sepal_width, petal_length, petal_width, species",
                "evaluate", "--labels", good.toString(), "--truth", "builtin:iris", "--label-column", "class");
        fails("cumulo evaluate: error: Missing required option: '--truth=FILE|INPUT' (see 'cumulo evaluate --help')",
                "evaluate", "--labels", good.toString());
        fails("cumulo evaluate: error: Missing required option: '--labels=FILE' (see 'cumulo evaluate --help')",
                "evaluate", "--truth", truth.toString());
        fails("cumulo: error: --metric: unknown distance 'cityblock'; expected one of euclidean, sqeuclidean, manhattan, "
                + "cosine, chebyshev", "evaluate", "--labels", good.toString(), "--truth", truth.toString(), "--data",
                data.toString(), "--metric", "cityblock");
    }

    @Test
    void badRowNumbers() throws Exception {
        Path truth = labels("truth.csv", List.of("a", "a", "b"));
        Path beyond = file("beyond.csv", "row,cluster\n0,0\n1,0\n3,1\n");
        fails("cumulo: error: " + beyond + ", data row 3: row 3 is beyond the 3 rows of " + truth,
                "evaluate", "--labels", beyond.toString(), "--truth", truth.toString());
        Path twice = file("twice.csv", "row,cluster\n0,0\n0,0\n2,1\n");
        fails("cumulo: error: " + twice + ", data row 2: row 0 is labelled twice",
                "evaluate", "--labels", twice.toString(), "--truth", truth.toString());
        Path negative = file("negative.csv", "row,cluster\n0,0\n-1,0\n2,1\n");
        fails("cumulo: error: " + negative + ", data row 2, column 'row': expected a row number (an integer >= 0), found \"-1\" (--labels)",
                "evaluate", "--labels", negative.toString(), "--truth", truth.toString());
        // a labels file that skips rows cannot be the truth: its classes are matched by position
        Path gaps = file("gaps.csv", "row,cluster\n0,0\n2,1\n");
        fails("cumulo: error: " + gaps + ", data row 2: row 2 where row 1 was expected; a labels file given as --truth "
                + "must label every row in order", "evaluate", "--labels", labels("three.csv", List.of(0, 1, 1)).toString(),
                "--truth", gaps.toString());
    }
}

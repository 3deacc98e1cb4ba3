package io.cumulo.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileCommandTest {
    @TempDir
    Path dir;
    Path model;
    Path labels;

    @BeforeEach
    void fit() {
        model = dir.resolve("model.json");
        labels = dir.resolve("labels.csv");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--model", model.toString(),
                "--out", labels.toString());
        assertEquals(0, r.exit(), r.err());
    }

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> profile(Map<String, Object> j) {
        return (Map<String, Object>) j.get("profile");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> clusters(Map<String, Object> profile) {
        return (List<Map<String, Object>>) profile.get("clusters");
    }

    /** The model's assignment, the labels file and cluster's own block describe the same clusters the same way. */
    @Test
    void modelLabelsFileAndClusterJsonAgree() {
        Map<String, Object> byModel = ClusterCommandTest.json(Cli.run("profile", "builtin:iris", "--model", model.toString(),
                "--json"));
        Map<String, Object> byLabels = ClusterCommandTest.json(Cli.run("profile", "builtin:iris", "--labels",
                labels.toString(), "--json"));
        Map<String, Object> fromCluster = ClusterCommandTest.json(Cli.run("cluster", "builtin:iris", "--k", "3", "--scale",
                "standard", "--json"));
        assertEquals(List.of("input", "model", "algorithm", "n_samples", "n_features", "profile", "profile_seconds"),
                List.copyOf(byModel.keySet()));
        assertEquals(List.of("input", "labels", "n_samples", "n_features", "profile", "profile_seconds"),
                List.copyOf(byLabels.keySet()));
        assertEquals(profile(byModel), profile(fromCluster));
        // the same statistics; the centres differ in kind: the model's centres against the means
        List<Map<String, Object>> m = clusters(profile(byModel));
        List<Map<String, Object>> l = clusters(profile(byLabels));
        assertEquals(3, m.size());
        for (int c = 0; c < 3; c++) {
            for (String key : List.of("cluster", "name", "size", "share", "description", "mean", "median", "sd", "smd")) {
                assertEquals(m.get(c).get(key), l.get(c).get(key), key);
            }
            assertEquals("centre", m.get(c).get("centre_kind"));
            assertEquals("mean", l.get(c).get("centre_kind"));
            // k-means converged: its centre, mapped back to centimetres, is the cluster's mean
            @SuppressWarnings("unchecked")
            List<Object> centre = (List<Object>) m.get(c).get("centre");
            @SuppressWarnings("unchecked")
            List<Object> mean = (List<Object>) m.get(c).get("mean");
            for (int f = 0; f < 4; f++) {
                assertEquals((Double) mean.get(f), (Double) centre.get(f), 1e-12);
            }
        }
        assertEquals("cumulo-profile", profile(byModel).get("format"));
        assertEquals(1L, profile(byModel).get("format_version"));
    }

    @Test
    void humanSummary() {
        Cli.Result r = Cli.run("profile", "builtin:iris", "--model", model.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Profile of builtin:iris: 150 rows x 4 features, 3 groups (from model " + model + ")", lines.get(0));
        // the cluster of setosa: its petals are short and narrow
        assertTrue(lines.stream().anyMatch(s -> s.matches("  cluster \\d \\(33%\\): low petal_length, low petal_width, low sepal_length")),
                r.out());
        assertTrue(r.out().contains("  mean by cluster (standardised mean difference from the rest in brackets)"), r.out());
        assertTrue(lines.stream().anyMatch(s -> s.startsWith("  petal_length  3.7580  ")), r.out());
        // cluster's summary ends with the same descriptions
        Cli.Result c = Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard");
        for (String s : lines.subList(2, 5)) {
            assertTrue(c.out().contains(s + "\n"), c.out());
        }
    }

    /** Text labels (here the species) name the groups. */
    @Test
    void textLabelsNameTheGroups() throws Exception {
        StringBuilder sb = new StringBuilder("species\n");
        for (String s : List.of("setosa", "versicolor", "virginica")) {
            sb.append((s + "\n").repeat(50));
        }
        Path species = file("species.csv", sb.toString());
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("profile", "builtin:iris", "--labels", species.toString(),
                "--json"));
        assertEquals("setosa (33%): low petal_length, low petal_width, low sepal_length",
                clusters(profile(j)).get(0).get("description"));
        Map<String, Object> two = ClusterCommandTest.json(Cli.run("profile", "builtin:iris", "--labels", species.toString(),
                "--describe", "2", "--threshold", "2", "--json"));
        assertEquals("setosa (33%): low petal_length, low petal_width", clusters(profile(two)).get(0).get("description"));
        assertEquals("versicolor (33%): close to the overall average", clusters(profile(two)).get(1).get("description"));
    }

    @Test
    void noiseAndRowsLeftOut() throws Exception {
        Path data = file("data.csv", "x,y\n1,2\n2,\n3,4\n10,1\n11,2\n");
        Path out = dir.resolve("dropped.csv");
        assertEquals(0, Cli.run("cluster", data.toString(), "--k", "2", "--missing", "drop", "--out", out.toString()).exit());
        // the labels CSV of a run with dropped rows fits the same rows read the same way
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("profile", data.toString(), "--labels", out.toString(),
                "--missing", "drop", "--json"));
        assertEquals(4L, j.get("n_samples"));
        // a one-column file with -1 for noise: noise is its own group, after the clusters
        Path noisy = file("noisy.csv", "c\n0\n-1\n0\n1\n1\n");
        Map<String, Object> n = ClusterCommandTest.json(Cli.run("profile", data.toString(), "--labels", noisy.toString(),
                "--missing", "mean", "--json"));
        List<Map<String, Object>> groups = clusters(profile(n));
        assertEquals(List.of(0L, 1L, -1L), groups.stream().map(g -> g.get("cluster")).toList());
        assertEquals("noise", groups.get(2).get("name"));
        // y of the noise row was filled with the mean of the others, 2.25, which is the clustered rows' mean: SMD 0
        List<?> smd = (List<?>) groups.get(2).get("smd");
        assertTrue((Double) smd.get(0) < 0, smd.toString());
        assertEquals(0.0, smd.get(1));
    }

    @Test
    void sameProfileWhateverTheThreads() {
        Path wine = labelsFor("builtin:wine");
        Map<String, Object> one = ClusterCommandTest.json(Cli.run("profile", "builtin:wine", "--labels", wine.toString(),
                "--json", "--threads", "1"));
        Map<String, Object> two = ClusterCommandTest.json(Cli.run("profile", "builtin:wine", "--labels", wine.toString(),
                "--json", "--threads", "2"));
        assertEquals(profile(one), profile(two));
    }

    private Path labelsFor(String input) {
        Path p = dir.resolve(input.replace(':', '_') + ".csv");
        if (!Files.exists(p)) {
            assertEquals(0, Cli.run("cluster", input, "--k", "4", "--scale", "standard", "--out", p.toString()).exit());
        }
        return p;
    }

    @Test
    void badInput() throws Exception {
        Path shortLabels = file("short.csv", "cluster\n0\n1\n");
        fails("cumulo: error: --labels: " + shortLabels + " has 2 labels but builtin:iris has 150 data rows; "
                + "expected one label per row", "profile", "builtin:iris", "--labels", shortLabels.toString());
        // the model's features must be in INPUT: the same message as predict's
        Path narrow = file("narrow.csv", "sepal_length,sepal_width\n5.1,3.5\n");
        Cli.Result predict = Cli.run("predict", "--model", model.toString(), narrow.toString());
        assertEquals(2, predict.exit());
        fails(predict.errorLine(), "profile", narrow.toString(), "--model", model.toString());
        fails("cumulo: error: give the clusters to profile: --model FILE (a saved model assigns the rows) or --labels FILE "
                + "(one cluster per row)", "profile", "builtin:iris");
        fails("cumulo: error: give --model or --labels, not both: the clusters come from one of them",
                "profile", "builtin:iris", "--model", model.toString(), "--labels", labels.toString());
        Path wide = file("wide.csv", "a,b\n1,2\n");
        fails("cumulo: error: --labels: " + wide + " has columns a, b; expected a 'cluster' column (as 'cumulo cluster "
                + "--out' writes) or a single column", "profile", "builtin:iris", "--labels", wide.toString());
        Path missing = dir.resolve("missing.csv");
        fails("cumulo: error: --labels: " + missing + ": no such file", "profile", "builtin:iris", "--labels",
                missing.toString());
        // rows numbered for another input
        StringBuilder sb = new StringBuilder("row,cluster\n");
        for (int i = 0; i < 150; i++) {
            sb.append(i == 3 ? 200 : i).append(",0\n");
        }
        Path renumbered = file("renumbered.csv", sb.toString());
        fails("cumulo: error: --labels: " + renumbered + ": data line 4 is for row 200 but row 3 of builtin:iris comes "
                + "there; the labels were written for other rows (another input, or another --missing policy)",
                "profile", "builtin:iris", "--labels", renumbered.toString());
        Path negative = file("negative.csv", "cluster\n" + "0\n".repeat(149) + "-3\n");
        fails("cumulo: error: labels: row 149 has cluster -3; expected -1 (noise) or a cluster number >= 0",
                "profile", "builtin:iris", "--labels", negative.toString());
        fails("cumulo: error: --threshold: expected a number > 0, got -1.0", "profile", "builtin:iris", "--labels",
                labels.toString(), "--threshold", "-1");
        fails("cumulo: error: --describe: expected an integer >= 1, got 0", "profile", "builtin:iris", "--labels",
                labels.toString(), "--describe", "0");
    }
}

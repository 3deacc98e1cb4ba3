package io.cumulo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cumulo cluster --algorithm hdbscan} and {@code cumulo predict} with its model: the labels file's strength and
 * outlier score columns, the JSON keys, bad parameters, a run where every row is noise.
 */
class HDBSCANCommandTest {
    @TempDir
    Path dir;

    /**
     * 0, 1, 2, 10, 11, 12, 30 with min-cluster-size 3, min-samples 2 (worked by hand in HDBSCANHandTest): clusters
     * {0,1,2} and {10,11,12}, each of stability 3·(1 − 1/8); 30 is noise with GLOSH 17/18.
     */
    private Path line() throws Exception {
        Path p = dir.resolve("line.csv");
        Files.writeString(p, "x\n0\n1\n2\n10\n11\n12\n30\n");
        return p;
    }

    @Test
    void labelsFileCarriesMembershipsStrengthsAndOutlierScores() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path model = dir.resolve("model.json");
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "hdbscan", "--param", "min-cluster-size=3",
                "--param", "min-samples=2", "--out", labels.toString(), "--model", model.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(labels);
        assertEquals("row,cluster,membership_0,membership_1,probability,outlier_score", lines.get(0));
        String[] noise = lines.get(7).split(",");
        assertEquals("6", noise[0]);
        assertEquals("-1", noise[1]);
        assertEquals(0.0, Double.parseDouble(noise[4]), 0);
        assertEquals(17 / 18.0, Double.parseDouble(noise[5]), 1e-12);
        for (int i = 1; i <= 6; i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(i <= 3 ? "0" : "1", f[1], lines.get(i));
            double u0 = Double.parseDouble(f[2]);
            double u1 = Double.parseDouble(f[3]);
            assertEquals(1, u0 + u1, 1e-12);
            assertTrue(i <= 3 ? u0 > u1 : u1 > u0, lines.get(i));
            assertEquals(1.0, Double.parseDouble(f[4]), 0);
            assertEquals(0.0, Double.parseDouble(f[5]), 0);
        }
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(2.0, ((Number) j.get("n_clusters")).doubleValue());
        assertEquals(1.0, ((Number) j.get("n_noise")).doubleValue());
        assertEquals(List.of(2.625, 2.625), j.get("cluster_stabilities"));
        assertEquals(List.of(8.0, 8.0), j.get("cluster_birth_distances"));

        Path fresh = dir.resolve("fresh.csv");
        Files.writeString(fresh, "x\n1.5\n11\n300\n");
        Path out = dir.resolve("predicted.csv");
        r = Cli.run("predict", "--model", model.toString(), fresh.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> p = Files.readAllLines(out);
        assertEquals(lines.get(0), p.get(0));
        assertEquals("0", p.get(1).split(",")[1]);
        assertEquals("1", p.get(2).split(",")[1]);
        assertEquals("-1", p.get(3).split(",")[1]);
    }

    @Test
    void badParametersAreOneLineErrors() throws Exception {
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "hdbscan", "--param", "min-cluster-size=1");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("min-cluster-size"), r.errorLine());
        r = Cli.run("cluster", line().toString(), "--algorithm", "hdbscan", "--param", "min-samples=0");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("min-samples"), r.errorLine());
        r = Cli.run("cluster", line().toString(), "--algorithm", "hdbscan", "--param", "min-cluster-size=10");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("min-samples") && r.errorLine().contains("7"), r.errorLine());
        r = Cli.run("cluster", line().toString(), "--algorithm", "hdbscan", "--param", "index=octree");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("index"), r.errorLine());
    }

    @Test
    void everyRowNoiseIsANoteNotAnError() throws Exception {
        Path p = dir.resolve("spread.csv");
        Files.writeString(p, "x\n0\n10\n20\n30\n40\n50\n60\n70\n");
        Path labels = dir.resolve("labels.csv");
        Cli.Result r = Cli.run("cluster", p.toString(), "--algorithm", "hdbscan", "--param", "min-cluster-size=5",
                "--param", "min-samples=2", "--out", labels.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue((r.out() + r.err()).contains("every row is noise"), r.out() + r.err());
        List<String> lines = Files.readAllLines(labels);
        assertEquals("row,cluster,probability,outlier_score", lines.get(0));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[1].equals("-1")), lines.toString());
    }

    @Test
    void paramsListsTheParameters() {
        Cli.Result r = Cli.run("params", "hdbscan");
        assertEquals(0, r.exit(), r.err());
        for (String name : List.of("min-cluster-size", "min-samples", "cluster-selection-method",
                "cluster-selection-epsilon", "allow-single-cluster", "metric", "index", "alpha", "convention")) {
            assertTrue(r.out().contains(name), name + " in\n" + r.out());
        }
    }
}

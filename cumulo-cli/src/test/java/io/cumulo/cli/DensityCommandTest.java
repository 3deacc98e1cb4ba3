package io.cumulo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cumulo cluster --algorithm dbscan|optics}, {@code cumulo choose-eps}: outputs, JSON keys, all-noise runs, errors. */
class DensityCommandTest {
    @TempDir
    Path dir;

    /** 0, 1, 2, 10, 11, 12, 13, 30 with eps 1, min-samples 3: clusters {0, 1, 2} and {10 .. 13}, 30 noise (by hand). */
    private Path line() throws Exception {
        Path p = dir.resolve("line.csv");
        Files.writeString(p, "x\n0\n1\n2\n10\n11\n12\n13\n30\n");
        return p;
    }

    @Test
    void dbscanWritesNoiseAsMinusOneAndTheNoiseKeys() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path model = dir.resolve("model.json");
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "dbscan", "--param", "eps=1", "--param",
                "min-samples=3", "--out", labels.toString(), "--model", model.toString(), "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals("row,cluster\n0,0\n1,0\n2,0\n3,1\n4,1\n5,1\n6,1\n7,-1\n", Files.readString(labels));
        assertEquals(2L, j.get("n_clusters"));
        assertEquals(1L, j.get("n_noise"));
        assertEquals(0.125, j.get("noise_fraction"));
        assertEquals(3L, j.get("n_core_samples"));
        assertFalse(j.containsKey("note"));
        // DBCV by hand (D = 1): {0, 1, 2} as in DBCVTest, V = 13/15; {10 .. 13}: core distances 18/11, 6/5, 6/5, 18/11,
        // Prim's tree 10-11-12-13 with the internal edge 11-12 at 6/5 (DSC); the internal nodes 1 and 11 are 10 apart
        // (DSPC), V = (10 − 6/5)/10 = 0.88; DBCV = (3 · 13/15 + 4 · 0.88) / 8 rows (noise counted) = 0.765
        assertEquals(0.765, (Double) j.get("dbcv"), 1e-12);
        assertFalse(j.containsKey("dbcv_sample_size"));

        Path fresh = dir.resolve("new.csv");
        Files.writeString(fresh, "x\n1.5\n11.5\n20\n");
        Path predicted = dir.resolve("predicted.csv");
        r = Cli.run("predict", "--model", model.toString(), fresh.toString(), "--out", predicted.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("row,cluster\n0,0\n1,1\n2,-1\n", Files.readString(predicted));

        r = Cli.run("cluster", line().toString(), "--algorithm", "dbscan", "--param", "eps=1", "--param",
                "min-samples=3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("    noise        1   12.5%"), r.out());
        assertTrue(r.out().contains("1 of 8 rows (12.5%) are noise"), r.out());
    }

    @Test
    void allNoiseIsANoteNotAnError() throws Exception {
        Path report = dir.resolve("r.html");
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "dbscan", "--param", "eps=0.1",
                "--report", report.toString(), "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(0L, j.get("n_clusters"));
        assertEquals(8L, j.get("n_noise"));
        assertEquals(1.0, j.get("noise_fraction"));
        assertTrue(((String) j.get("note")).startsWith("every row is noise"), j.toString());
        assertTrue(r.err().contains("note: dbscan: every row is noise"), r.err());
        assertTrue(Files.readString(report).contains("Every row is noise"));
        r = Cli.run("cluster", line().toString(), "--algorithm", "dbscan", "--param", "eps=0.1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("every row is noise: no cluster was found"), r.out());
    }

    @Test
    void opticsReportHasTheReachabilityPlot() throws Exception {
        Path plots = dir.resolve("plots");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--algorithm", "optics", "--param", "min-samples=10",
                "--param", "max-eps=2", "--plots", plots.toString(), "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals("xi", j.get("cluster_method"));
        assertTrue(j.containsKey("n_noise") && j.containsKey("noise_fraction") && j.containsKey("n_clusters"));
        assertTrue(Files.exists(plots.resolve("reachability.png")) && Files.exists(plots.resolve("reachability.svg")));
        r = Cli.run("cluster", "builtin:iris", "--algorithm", "optics", "--param", "cluster-method=dbscan", "--param",
                "eps=0.5", "--param", "max-eps=2", "--json");
        j = ClusterCommandTest.json(r);
        assertEquals(0.5, j.get("cut_eps"));
    }

    @Test
    void kMeansHasNoNoiseKeys() {
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("cluster", "builtin:iris", "--k", "3", "--json"));
        assertFalse(j.containsKey("n_noise"), j.keySet().toString());
    }

    @Test
    void badDensityInputIsOneLine() throws Exception {
        for (List<String> args : List.of(
                List.of("--param", "eps=0"), List.of("--param", "eps=-0.5"), List.of("--param", "min-samples=0"),
                List.of("--param", "metric=minkowski"), List.of("--k", "3"))) {
            String[] all = new String[4 + args.size()];
            all[0] = "cluster";
            all[1] = line().toString();
            all[2] = "--algorithm";
            all[3] = "dbscan";
            for (int i = 0; i < args.size(); i++) {
                all[4 + i] = args.get(i);
            }
            Cli.Result r = Cli.run(all);
            assertEquals(2, r.exit(), args + ": " + r.err());
            String line = r.errorLine();
            assertTrue(line.contains(args.get(1).contains("=") ? args.get(1).split("=")[0] : "--k"), line);
        }
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "optics", "--param", "min-samples=20");
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: parameter 'min-samples': 20 is larger than the number of rows (8) in "
                + line(), r.errorLine());
    }

    @Test
    void chooseEpsPrintsTheEpsAndWhy() throws Exception {
        Path curve = dir.resolve("curve.csv");
        Path report = dir.resolve("eps.html");
        Cli.Result r = Cli.run("choose-eps", "builtin:iris", "--min-samples", "5", "--scale", "standard", "--out",
                curve.toString(), "--report", report.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("suggested eps = "), r.out());
        assertTrue(r.out().contains("cumulo cluster builtin:iris --algorithm dbscan --param eps="), r.out());
        List<String> lines = Files.readAllLines(curve);
        assertEquals("rank,k_distance", lines.get(0));
        assertEquals(151, lines.size());
        assertTrue(Files.readString(report).contains("k-distance"));

        Map<String, Object> j = ClusterCommandTest.json(Cli.run("choose-eps", "builtin:iris", "--min-samples", "5",
                "--scale", "standard", "--json"));
        assertEquals(5L, j.get("min_samples"));
        assertTrue((Double) j.get("eps") > 0);
        assertTrue(((String) j.get("reason")).startsWith("the knee (Kneedle)"));
        assertNull(((Map<?, ?>) j.get("kneedle")).get("difference"));

        r = Cli.run("choose-eps", "builtin:iris", "--min-samples", "0");
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --min-samples: expected an integer ≥ 1, got 0", r.errorLine());
        r = Cli.run("choose-eps", "builtin:iris", "--out", curve.toString());
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("--out"), r.errorLine());
    }
}

package io.cumulo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.cumulo.cli.ClusterCommandTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line with mini-batch k-means, bisecting k-means and fuzzy c-means. */
class KMeansFamilyCommandTest {
    @TempDir
    Path dir;

    @Test
    void fuzzyCMeansWritesOneMembershipColumnPerCluster() throws Exception {
        Path out = dir.resolve("labels.csv");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--algorithm", "fuzzy-cmeans", "--k", "3", "--scale", "standard",
                "--param", "m=1.8", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("fuzzy PC") && r.out().contains("fuzzy PE"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,cluster,membership_0,membership_1,membership_2,species", lines.get(0));
        assertEquals(151, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double a = Double.parseDouble(f[2]);
            double b = Double.parseDouble(f[3]);
            double c = Double.parseDouble(f[4]);
            assertEquals(1.0, a + b + c, 1e-12, line);
            int best = a >= b && a >= c ? 0 : b >= c ? 1 : 2;
            assertEquals(best, Integer.parseInt(f[1]), line);
        }
        Map<String, Object> j = json(Cli.run("cluster", "builtin:iris", "--algorithm", "fuzzy-cmeans", "--k", "3",
                "--scale", "standard", "--json"));
        for (String key : List.of("objective", "fuzzy_partition_coefficient", "fuzzy_partition_entropy", "n_iter",
                "converged", "cluster_sizes")) {
            assertTrue(j.containsKey(key), key);
        }
        double pc = (Double) j.get("fuzzy_partition_coefficient");
        assertTrue(pc > 1.0 / 3 && pc < 1, "PC " + pc);
    }

    /** {@code predict --out} with a fuzzy c-means model writes the columns {@code cluster --out} writes. */
    @Test
    void fuzzyCMeansPredictWritesTheMembershipsToo() throws Exception {
        Path out = dir.resolve("fit.csv");
        Path model = dir.resolve("fuzzy.json");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--algorithm", "fuzzy-cmeans", "--k", "3", "--scale", "standard",
                "--out", out.toString(), "--model", model.toString());
        assertEquals(0, r.exit(), r.err());
        Path predicted = dir.resolve("predicted.csv");
        Cli.Result p = Cli.run("predict", "--model", model.toString(), "builtin:iris", "--out", predicted.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals("row,cluster,membership_0,membership_1,membership_2,species",
                Files.readAllLines(predicted).get(0));
        // training ends with memberships computed from the final centres, as predict computes them: the same file
        assertEquals(Files.readString(out), Files.readString(predicted));
        // models of other algorithms add nothing
        Path km = dir.resolve("km.json");
        assertEquals(0, Cli.run("cluster", "builtin:iris", "--k", "3", "--model", km.toString()).exit());
        Path kmOut = dir.resolve("km.csv");
        assertEquals(0, Cli.run("predict", "--model", km.toString(), "builtin:iris", "--out", kmOut.toString()).exit());
        assertEquals("row,cluster,species", Files.readAllLines(kmOut).get(0));
    }

    @Test
    void badParametersAreOneLineErrors() {
        Cli.Result m = Cli.run("cluster", "builtin:iris", "--algorithm", "fuzzy-cmeans", "--k", "3", "--param", "m=1");
        assertEquals(2, m.exit());
        assertEquals("cumulo: error: parameter 'm': expected a number > 1, got '1'", m.errorLine());
        Cli.Result k = Cli.run("cluster", "builtin:iris", "--algorithm", "bisecting-kmeans", "--k", "151");
        assertEquals(2, k.exit());
        assertEquals("cumulo: error: k=151 is larger than the number of rows (150) in builtin:iris", k.errorLine());
        Cli.Result b = Cli.run("cluster", "builtin:iris", "--algorithm", "minibatch-kmeans", "--k", "3", "--param",
                "batch_size=10");
        assertEquals(2, b.exit());
        assertTrue(b.errorLine().startsWith("cumulo: error: unknown parameter 'batch_size' for minibatch-kmeans "
                + "(did you mean 'batch-size'?)"), b.errorLine());
    }

    @Test
    void savedModelsPredictTheTrainingLabels() throws Exception {
        for (String algorithm : List.of("minibatch-kmeans", "bisecting-kmeans", "fuzzy-cmeans")) {
            Path out = dir.resolve(algorithm + ".csv");
            Path model = dir.resolve(algorithm + ".json");
            Path again = dir.resolve(algorithm + "-predicted.csv");
            Cli.Result r = Cli.run("cluster", "builtin:wine", "--algorithm", algorithm, "--k", "3", "--scale", "standard",
                    "--param", "seed=4", "--out", out.toString(), "--model", model.toString());
            assertEquals(0, r.exit(), r.err());
            Cli.Result p = Cli.run("predict", "--model", model.toString(), "builtin:wine", "--out", again.toString());
            assertEquals(0, p.exit(), p.err());
            List<String> trained = Files.readAllLines(out);
            List<String> predicted = Files.readAllLines(again);
            assertEquals(trained.size(), predicted.size());
            for (int i = 1; i < trained.size(); i++) {
                assertEquals(trained.get(i).split(",")[1], predicted.get(i).split(",")[1], algorithm + " row " + i);
            }
        }
    }

    @Test
    void bisectingKMeansReportsItsSplitTree() {
        Map<String, Object> j = json(Cli.run("cluster", "builtin:iris", "--algorithm", "bisecting-kmeans", "--k", "4",
                "--param", "strategy=largest-cluster", "--json"));
        List<?> tree = (List<?>) j.get("split_tree");
        assertEquals(7, tree.size());
        Map<?, ?> root = (Map<?, ?>) tree.get(0);
        assertEquals(150L, root.get("size"));
        assertEquals(List.of(1L, 2L), root.get("children"));
        assertEquals("largest-cluster", ((Map<?, ?>) j.get("params")).get("strategy"));
    }

    @Test
    void miniBatchKMeansReportsHowItStopped() {
        Map<String, Object> j = json(Cli.run("cluster", "builtin:digits", "--algorithm", "minibatch-kmeans", "--k", "10",
                "--param", "batch-size=256", "--json"));
        for (String key : List.of("inertia", "n_iter", "n_steps", "converged", "stop_reason", "best_init", "init_inertia")) {
            assertTrue(j.containsKey(key), key);
        }
        assertEquals(3, ((List<?>) j.get("init_inertia")).size());
    }
}

package io.cumulo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cumulo cluster --reduce}: reduction between scaling and clustering, kept in the model for predict. */
class ClusterReduceTest {
    @TempDir
    Path dir;

    @Test
    void pcaByVarianceThenKMeansAndPredictAppliesTheChain() throws Exception {
        Path model = dir.resolve("m.json");
        Path labels = dir.resolve("l.csv");
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("cluster", "builtin:iris", "--k", "3", "--scale",
                "standard", "--reduce", "pca:0.95", "--model", model.toString(), "--out", labels.toString(), "--json"));
        Map<?, ?> red = (Map<?, ?>) j.get("reduce");
        assertEquals("pca", red.get("method"));
        // standardised iris: the first two components explain 72.96% + 22.85% (scikit-learn: 0.7296, 0.2285)
        assertEquals(2, ((Number) red.get("n_components")).intValue());
        List<?> cum = (List<?>) red.get("cumulative_variance_ratio");
        assertEquals(0.9581, ((Number) cum.get(1)).doubleValue(), 1e-4);
        String file = Files.readString(model);
        assertTrue(file.contains("\"format_version\": 2") && file.contains("\"reduction\""), file.substring(0, 300));

        Path again = dir.resolve("p.csv");
        Cli.Result p = Cli.run("predict", "--model", model.toString(), "builtin:iris", "--out", again.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals(column(labels, 1), column(again, 1)); // the same chain, the same labels
    }

    @Test
    void withoutReductionTheModelStaysVersion1() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, Cli.run("cluster", "builtin:iris", "--k", "2", "--model", model.toString()).exit());
        String file = Files.readString(model);
        assertTrue(file.contains("\"format_version\": 1") && !file.contains("\"reduction\""));
    }

    @Test
    void reductionModelIsNotAClusteringModel() {
        Path model = dir.resolve("r.json");
        assertEquals(0, Cli.run("reduce", "builtin:iris", "--model", model.toString()).exit());
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "builtin:iris");
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: " + model + ": a reduction model (from 'cumulo reduce'), not a clustering model",
                r.errorLine());
    }

    private static void fails(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(expected, r.errorLine());
    }

    @Test
    void badReduce() throws Exception {
        Path init = dir.resolve("init.csv");
        Files.writeString(init, "a,b,c,d\n5,3.4,1.5,0.2\n6,2.8,4.5,1.4\n6.5,3,5.5,2\n");
        fails("cumulo: error: --reduce: initial centres are given in the input's units, which a reduction does not "
                + "keep; leave out one or the other", "cluster", "builtin:iris", "--reduce", "pca:2", "--param",
                "init=" + init);
        fails("cumulo: error: --reduce: tsne cannot place new rows, so a model could not apply it; reduce with pca or "
                + "umap", "cluster", "builtin:iris", "--k", "3", "--reduce", "tsne");
        fails("cumulo: error: --reduce: after 'pca:' expected a component count (e.g. 10) or a variance fraction in "
                + "(0, 1) (e.g. 0.95), got '1.5'", "cluster", "builtin:iris", "--k", "3", "--reduce", "pca:1.5");
        fails("cumulo: error: --reduce: expected METHOD[:N] with METHOD one of pca, umap, tsne (e.g. pca:0.95, pca:10, "
                + "umap:2), got 'ica:3'", "cluster", "builtin:iris", "--k", "3", "--reduce", "ica:3");
    }

    private static List<String> column(Path csv, int c) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.split(",")[c]).toList();
    }
}

package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ReductionPipelineModel;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cumulo reduce --method tsne|umap}: the maps, their quality figures, their model (UMAP) or none (t-SNE). */
class ReduceMapsCommandTest {
    @TempDir
    Path dir;

    @Test
    void tsneReportsItsDivergenceAndTrustworthiness() throws Exception {
        Path out = dir.resolve("t.csv");
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("reduce", "builtin:iris", "--method", "tsne",
                "--param", "seed=1", "--out", out.toString(), "--json"));
        assertEquals("tsne", j.get("method"));
        assertEquals("barnes-hut", j.get("gradient"));
        assertEquals(2, ((Number) j.get("n_components")).intValue());
        assertTrue(((Number) j.get("kl_divergence")).doubleValue() > 0);
        // iris keeps its neighbourhoods well in 2-D (scikit-learn's t-SNE: about 0.98-0.99)
        assertTrue(((Number) j.get("trustworthiness")).doubleValue() > 0.97, j.toString());
        assertTrue(Files.readAllLines(out).get(0).startsWith("c1,c2,"));
        assertEquals(151, Files.readAllLines(out).size());
    }

    @Test
    void tsneWithFftGradient() throws Exception {
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("reduce", "builtin:iris", "--method", "tsne",
                "--param", "method=fft", "--json"));
        assertEquals("fft", j.get("gradient"));
        assertTrue(((Number) j.get("trustworthiness")).doubleValue() > 0.97, j.toString());
        Cli.Result r = Cli.run("reduce", "builtin:iris", "--method", "tsne", "--param", "method=fft", "--components",
                "3");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("parameter 'n-components': method=fft embeds in 2 dimensions only, got 3"),
                r.err());
    }

    @Test
    void umapModelPlacesNewRowsAsTheFitDid() throws Exception {
        Path model = dir.resolve("u.json");
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("reduce", "builtin:iris", "--method", "umap",
                "--scale", "standard", "--model", model.toString(), "--json"));
        assertEquals("umap", j.get("method"));
        assertTrue(((Number) j.get("trustworthiness")).doubleValue() > 0.95, j.toString());
        ReductionPipelineModel m = ReductionPipelineModel.read(model);
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        Dataset a = m.transform(iris, ExecutionContext.defaults().withThreads(1));
        Dataset b = m.transform(iris, ExecutionContext.defaults().withThreads(2));
        assertEquals(2, a.cols());
        assertArrayEquals(a.rawValues(), b.rawValues());
    }

    @Test
    void umapModelWhoseFeaturesDisagreeIsRefused() throws Exception {
        Path model = dir.resolve("u.json");
        assertEquals(0, Cli.run("reduce", "builtin:iris", "--method", "umap", "--param", "n-epochs=20", "--model",
                model.toString()).exit());
        // the envelope names the features one way, the UMAP block another: a file edited by hand
        String text = Files.readString(model).replaceFirst("\"sepal_length\"", "\"sepal_len\"");
        io.cumulo.CumuloException e = Assertions.assertThrows(io.cumulo.CumuloException.class,
                () -> ReductionPipelineModel.fromJson(text, "u.json"));
        assertEquals("u.json: the UMAP block's features [sepal_length, sepal_width, petal_length, petal_width] differ "
                + "from the model file's [sepal_len, sepal_width, petal_length, petal_width]", e.getMessage());
    }

    private static void fails(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(expected, r.errorLine());
    }

    @Test
    void badInput() {
        fails("cumulo: error: --model: tsne has no model to save (it cannot place new rows); use --out for the "
                + "embedding, or --method pca or umap for a model", "reduce", "builtin:iris", "--method", "tsne",
                "--model", "x.json");
        fails("cumulo: error: --variance: a variance fraction applies to pca only; give umap --components", "reduce",
                "builtin:iris", "--method", "umap", "--variance", "0.9");
        fails("cumulo: error: --param n-components and --components: give one or the other, not both", "reduce",
                "builtin:iris", "--method", "umap", "--param", "n-components=3", "--components", "2");
        fails("cumulo: error: --components: expected a count >= 1, got 0", "reduce", "builtin:iris", "--method", "tsne",
                "--components", "0");
        Cli.Result r = Cli.run("reduce", "builtin:iris", "--method", "tsne", "--param", "perplexity=200");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errorLine().contains("perplexity"), r.errorLine());
    }
}

package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.model.ReductionPipelineModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReduceCommandTest {
    @TempDir
    Path dir;

    private static JsonObject sklearn(String key) throws Exception {
        // scikit-learn 1.2.1 (tools/reference/make_pca_reference.py), from core's test jar
        try (var in = ReduceCommandTest.class.getResourceAsStream("/reference/pca_sklearn.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return JsonObject.parse(text, "pca_sklearn.json").getObject(key);
        }
    }

    @Test
    void jsonHasTheExplainedVarianceOfScikitLearn() throws Exception {
        Cli.Result r = Cli.run("reduce", "builtin:wine", "--scale", "standard", "--variance", "0.95", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject j = JsonObject.parse(r.out(), "stdout");
        JsonObject ref = sklearn("wine_standardized");
        int k = ref.getInt("count_0.95");
        assertEquals(k, j.getInt("n_components"));
        double[] ratio = j.getDoubleArray("explained_variance_ratio");
        double[] var = j.getDoubleArray("explained_variance");
        assertEquals(k, ratio.length);
        for (int c = 0; c < k; c++) {
            assertEquals(ref.getDoubleArray("explained_variance_ratio")[c], ratio[c], 1e-10);
            assertEquals(ref.getDoubleArray("explained_variance")[c], var[c], 1e-9);
        }
        assertTrue(j.getDouble("fit_seconds") >= 0);
        assertEquals("pca", j.getString("method"));
        assertEquals(13, j.getStringList("features").size());
    }

    @Test
    void reducedCsvHasComponentsAndTheLabelAndTheModelReducesAgain() throws Exception {
        Path out = dir.resolve("reduced.csv");
        Path model = dir.resolve("pca.json");
        Cli.Result r = Cli.run("reduce", "builtin:iris", "--components", "2", "--out", out.toString(), "--model",
                model.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("c1") && r.out().contains("cumulative"), r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("c1,c2,species", lines.get(0));
        assertEquals(151, lines.size());
        // the first rows are scikit-learn's scores (raw iris, 2 components)
        double[] want = sklearn("iris_raw").getMatrix("transform_k2_first10", 10, 2);
        for (int i = 0; i < 10; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(want[2 * i], Double.parseDouble(f[0]), 1e-9);
            assertEquals(want[2 * i + 1], Double.parseDouble(f[1]), 1e-9);
            assertEquals("setosa", f[2]);
        }
        ReductionPipelineModel m = ReductionPipelineModel.read(model);
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        Dataset again = m.transform(iris, ExecutionContext.singleThreaded());
        for (int i = 0; i < 10; i++) {
            assertEquals(Double.parseDouble(lines.get(i + 1).split(",")[0]), again.get(i, 0), 0.0);
        }
        // overwriting needs --overwrite
        Cli.Result again2 = Cli.run("reduce", "builtin:iris", "--out", out.toString());
        assertEquals(2, again2.exit());
        assertTrue(again2.errorLine().contains("--overwrite"), again2.err());
    }

    @Test
    void whitenedScoresHaveUnitVariance() {
        Cli.Result r = Cli.run("reduce", "builtin:iris", "--components", "3", "--param", "whiten=true", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(JsonObject.parse(r.out(), "stdout").getBoolean("whiten"));
    }

    @Test
    void sameOutputWhateverTheThreads() {
        Cli.Result one = Cli.run("reduce", "builtin:digits", "--components", "5", "--threads", "1", "--json");
        Cli.Result two = Cli.run("reduce", "builtin:digits", "--components", "5", "--threads", "3", "--json");
        double[] a = JsonObject.parse(one.out(), "1").getDoubleArray("explained_variance");
        double[] b = JsonObject.parse(two.out(), "3").getDoubleArray("explained_variance");
        assertArrayEquals(a, b);
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        String[][] cases = {
            {"--components", "5"},                       // more than iris's 4 features
            {"--components", "0"},
            {"--variance", "1.5"},
            {"--variance", "0"},
            {"--components", "2", "--variance", "0.9"},
            {"--method", "nonsense"},
            {"--param", "n-components=2.5"},
            {"--param", "whiten=maybe"},
            {"--scale", "sideways"},
        };
        String[] expect = {"4 features", "--components", "--variance", "--variance", "--components and --variance",
            "--method", "n-components", "whiten", "--scale"};
        for (int c = 0; c < cases.length; c++) {
            String[] args = new String[2 + cases[c].length];
            args[0] = "reduce";
            args[1] = "builtin:iris";
            System.arraycopy(cases[c], 0, args, 2, cases[c].length);
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.errorLine().contains(expect[c]), String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void fewRowsAndConstantDataAreRefused() throws Exception {
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "a,b\n1,2\n");
        Cli.Result r = Cli.run("reduce", one.toString(), "--components", "1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errorLine().contains("at least 2 rows"), r.err());
        Path constant = dir.resolve("constant.csv");
        Files.writeString(constant, "a,b\n1,2\n1,2\n1,2\n");
        r = Cli.run("reduce", constant.toString(), "--components", "1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errorLine().contains("constant"), r.err());
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "a,b,c,d\n1,2,3,4\n2,3,1,0\n5,1,2,2\n");
        r = Cli.run("reduce", three.toString(), "--components", "4");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.errorLine().contains("3 rows"), r.err());
    }
}

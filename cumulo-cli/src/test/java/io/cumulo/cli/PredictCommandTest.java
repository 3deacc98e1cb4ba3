package io.cumulo.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictCommandTest {
    @TempDir
    Path dir;
    Path model;
    Path trainLabels;

    @BeforeEach
    void fit() {
        model = dir.resolve("model.json");
        trainLabels = dir.resolve("train.csv");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--model", model.toString(),
                "--out", trainLabels.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void predictingTheTrainingDataGivesTheTrainingLabels() throws Exception {
        Path out = dir.resolve("pred.csv");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), "builtin:iris", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(trainLabels), Files.readString(out));
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("predict", "--model", model.toString(), "builtin:iris", "--json"));
        assertEquals(150L, j.get("n_samples"));
        assertEquals(0.6201351808870379, (Double) j.get("ari"), 1e-9);
    }

    @Test
    void kMedoidsModelsPredictWithTheirDistance() throws Exception {
        Path kmModel = dir.resolve("kmedoids.json");
        Path labels = dir.resolve("kmedoids-train.csv");
        Cli.Result fit = Cli.run("cluster", "builtin:wine", "--algorithm", "kmedoids", "--k", "3", "--scale", "standard",
                "--param", "metric=manhattan", "--model", kmModel.toString(), "--out", labels.toString());
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().startsWith("k-medoids on builtin:wine"), fit.out());
        assertTrue(fit.out().contains("  loss        "), fit.out());
        Map<String, Object> trained = ClusterCommandTest.json(Cli.run("cluster", "builtin:wine", "--algorithm", "kmedoids",
                "--k", "3", "--scale", "standard", "--param", "metric=manhattan", "--json"));
        assertEquals(List.of("k", "cluster_sizes", "loss", "n_iter", "swaps", "converged", "medoid_indices", "method"),
                List.copyOf(trained.keySet()).subList(List.copyOf(trained.keySet()).indexOf("k"),
                        List.copyOf(trained.keySet()).indexOf("k") + 8));
        Path out = dir.resolve("kmedoids-pred.csv");
        Cli.Result r = Cli.run("predict", "--model", kmModel.toString(), "builtin:wine", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(labels), Files.readString(out));
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("predict", "--model", kmModel.toString(), "builtin:wine",
                "--json"));
        assertEquals((Double) trained.get("loss"), (Double) j.get("loss"), 1e-9 * (Double) trained.get("loss"));
    }

    @Test
    void featuresAreTakenByNameFromWiderOrReorderedFiles() throws Exception {
        Path csv = dir.resolve("new.csv");
        Files.writeString(csv, "id,petal_width,petal_length,sepal_width,sepal_length,extra\n"
                + "a,0.2,1.4,3.5,5.1,x\nb,2.3,5.4,3.0,6.9,y\n");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), csv.toString(), "--json");
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(2L, j.get("n_samples"));
        // the first is a setosa and the second a virginica: different clusters
        List<?> sizes = (List<?>) j.get("cluster_sizes");
        assertEquals(2, sizes.stream().filter(s -> (Long) s == 1L).count());
    }

    @Test
    void mismatchedFeaturesAreRefused() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "sepal_length,sepal_width,petal_length\n1,2,3\n");
        Cli.Result r = Cli.run("predict", "--model", model.toString(), csv.toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: " + csv + " has no column 'petal_width', a feature of " + model
                + " (sepal_length, sepal_width, petal_length, petal_width); name INPUT's matching columns, in that order, "
                + "with --columns", r.errorLine());
        Cli.Result wrongCount = Cli.run("predict", "--model", model.toString(), csv.toString(), "--columns",
                "sepal_length,sepal_width");
        assertEquals(2, wrongCount.exit());
        assertEquals("cumulo: error: --columns names 2 columns but " + model + " has 4 features (sepal_length, "
                + "sepal_width, petal_length, petal_width)", wrongCount.errorLine());
    }

    @Test
    void newerModelFormatIsRefused() throws Exception {
        String text = Files.readString(model).replace("\"format_version\": 1", "\"format_version\": 7");
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, text);
        Cli.Result r = Cli.run("predict", "--model", newer.toString(), "builtin:iris");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("model format version 7") && r.errorLine().contains("upgrade Cumulo"), r.errorLine());
    }

    @Test
    void missingValuesTakeTheTrainingMeans() throws Exception {
        Path csv = dir.resolve("gaps.csv");
        Files.writeString(csv, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,\n");
        Cli.Result error = Cli.run("predict", "--model", model.toString(), csv.toString());
        assertEquals(2, error.exit());
        assertEquals("cumulo: error: " + csv + ", line 2, column 'petal_width': missing value (an empty cell); use "
                + "--missing drop or --missing mean to handle missing values", error.errorLine());
        Cli.Result ok = Cli.run("predict", "--model", model.toString(), csv.toString(), "--missing", "mean", "--json");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.err().contains("replaced 1 missing values by the training means"), ok.err());
    }
}

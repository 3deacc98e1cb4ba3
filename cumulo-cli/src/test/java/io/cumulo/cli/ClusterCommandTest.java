package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCommandTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Cli.Result r) {
        assertEquals(0, r.exit(), r.err());
        Object parsed = Json.parse(r.out().strip());
        return (Map<String, Object>) parsed;
    }

    @Test
    void jsonHasTheDocumentedKeysAndNothingElseOnStdout() {
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3", "--scale", "standard", "--json");
        Map<String, Object> j = json(r);
        for (String key : List.of("algorithm", "params", "n_samples", "n_features", "k", "cluster_sizes", "inertia",
                "n_iter", "converged", "fit_seconds", "silhouette", "ari", "nmi")) {
            assertTrue(j.containsKey(key), key);
        }
        assertEquals("kmeans", j.get("algorithm"));
        assertEquals(150L, j.get("n_samples"));
        assertEquals(4L, j.get("n_features"));
        assertEquals(3L, j.get("k"));
        // scikit-learn 1.2.1 on standardised iris (shared reference): inertia 139.8205, ARI 0.6201, NMI 0.6595
        assertEquals(139.82049635974982, (Double) j.get("inertia"), 1e-9 * 139.8);
        assertEquals(0.6201351808870379, (Double) j.get("ari"), 1e-9);
        assertEquals(0.6594868927249181, (Double) j.get("nmi"), 1e-9);
        assertEquals(0.45994823920518635, (Double) j.get("silhouette"), 1e-9);
        assertTrue(r.err().isEmpty(), r.err());
    }

    /**
     * Calinski–Harabasz and Davies–Bouldin in the output: on raw iris k-means finds scikit-learn's partition
     * (same inertia), whose indices scikit-learn 1.2.1 gives as 561.62775662962 and 0.6619715465007465
     * (cumulo-core's reference/internal_indices.json, classic/iris/kmeans).
     */
    @Test
    void reportsCalinskiHarabaszAndDaviesBouldin() {
        Map<String, Object> j = json(Cli.run("cluster", "builtin:iris", "--k", "3", "--json"));
        assertEquals(78.85144142614601, (Double) j.get("inertia"), 1e-9 * 78.85);
        assertEquals(561.62775662962, (Double) j.get("calinski_harabasz"), 1e-9 * 561.6);
        assertEquals(0.6619715465007465, (Double) j.get("davies_bouldin"), 1e-9);
        assertFalse(j.containsKey("noise_points"));
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  CH index    561.628  (Calinski-Harabasz, higher is better)"), r.out());
        assertTrue(r.out().contains("  DB index    0.6620  (Davies-Bouldin, lower is better)"), r.out());
        // one cluster: no index
        Map<String, Object> one = json(Cli.run("cluster", "builtin:iris", "--k", "1", "--json"));
        assertTrue(one.containsKey("calinski_harabasz") && one.get("calinski_harabasz") == null);
        assertTrue(one.containsKey("davies_bouldin") && one.get("davies_bouldin") == null);
    }

    @Test
    void writesLabelsAndModel() throws Exception {
        Path out = dir.resolve("labels.csv");
        Path model = dir.resolve("sub/model.json");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3", "--out", out.toString(), "--model", model.toString(),
                "--seed", "5");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,cluster,species", lines.get(0));
        assertEquals(151, lines.size());
        assertTrue(lines.get(1).matches("0,[0-2],setosa"), lines.get(1));
        assertTrue(lines.get(150).matches("149,[0-2],virginica"), lines.get(150));
        String m = Files.readString(model);
        assertTrue(m.contains("\"format\": \"cumulo-model\"") && m.contains("\"seed\": 5"), m);
        assertTrue(r.out().contains("wrote " + out + ", " + model), r.out());
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws Exception {
        Path out = dir.resolve("labels.csv");
        Files.writeString(out, "precious");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3", "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --out: " + out + " already exists; pass --overwrite to replace it", r.errorLine());
        assertEquals("precious", Files.readString(out));
        Cli.Result ok = Cli.run("cluster", "builtin:iris", "--k", "3", "--out", out.toString(), "--overwrite");
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(Files.readString(out).startsWith("row,cluster,species"));
    }

    @Test
    void sameSeedSameLabelsWhateverTheThreads() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertEquals(0, Cli.run("cluster", "builtin:digits", "--k", "10", "--threads", "1", "--seed", "3", "--out", a.toString()).exit());
        assertEquals(0, Cli.run("cluster", "builtin:digits", "--k", "10", "--threads", "2", "--seed", "3", "--out", b.toString()).exit());
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    void paramsReachTheAlgorithm() {
        Map<String, Object> j = json(Cli.run("cluster", "builtin:wine", "--k", "3", "--param", "max-iter=2",
                "--param", "n-init=1", "--param", "init=random", "--json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) j.get("params");
        assertEquals(2L, p.get("max-iter"));
        assertEquals(1L, p.get("n-init"));
        assertEquals("random", p.get("init"));
        assertTrue((Long) j.get("n_iter") <= 2);
    }

    @Test
    void initialCentresFromAFile() throws Exception {
        Path data = dir.resolve("d.csv");
        Files.writeString(data, "x,y\n0,0\n0,1\n10,0\n10,1\n");
        Path init = dir.resolve("init.csv");
        Files.writeString(init, "a,b\n10,0.5\n0,0.5\n");
        Map<String, Object> j = json(Cli.run("cluster", data.toString(), "--param", "init=" + init, "--json"));
        assertEquals(2L, j.get("k"));
        assertEquals(List.of(2L, 2L), j.get("cluster_sizes"));
        assertEquals(1.0, (Double) j.get("inertia"), 1e-12);
    }

    @Test
    void weightsAndMissingValues() throws Exception {
        Path data = dir.resolve("w.csv");
        Files.writeString(data, "id,x,w\na,0,1\nb,NA,1\nc,10,3\nd,11,1\n");
        Map<String, Object> j = json(Cli.run("cluster", data.toString(), "--k", "2", "--drop-columns", "id",
                "--weight-column", "w", "--missing", "drop", "--json"));
        assertEquals(3L, j.get("n_samples"));
        // clusters {0} and {10 (weight 3), 11}: weighted mean 10.25, inertia 3*0.0625 + 0.5625 = 0.75
        assertEquals(0.75, (Double) j.get("inertia"), 1e-12);
        Path out = dir.resolve("l.csv");
        Cli.Result r = Cli.run("cluster", data.toString(), "--k", "2", "--drop-columns", "id", "--weight-column", "w",
                "--missing", "drop", "--out", out.toString());
        assertTrue(r.err().contains("note: " + data + ": dropped 1 of 4 rows with missing values"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of("row", "0", "2", "3"), lines.stream().map(l -> l.split(",")[0]).toList(),
                "row numbers refer to the input rows");
    }

    @Test
    void constantColumnIsAWarningNotAFailure() throws Exception {
        Path data = dir.resolve("c.csv");
        Files.writeString(data, "x,flat\n0,5\n1,5\n10,5\n11,5\n");
        Cli.Result r = Cli.run("cluster", data.toString(), "--k", "2", "--scale", "standard", "--json");
        Map<String, Object> j = json(r);
        assertEquals(List.of(2L, 2L), j.get("cluster_sizes"));
        assertTrue(r.err().startsWith("warning: " + data + ": 1 column(s) have no spread (flat)"), r.err());
        assertEquals(1, ((List<?>) j.get("warnings")).size());
    }

    @Test
    void humanSummary() {
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--k", "3");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("k-means on builtin:iris: 150 rows x 4 features, no scaling"), r.out());
        assertTrue(r.out().contains("ARI         0.7302  (against species)"), r.out());
        assertFalse(r.out().contains("wrote"));
    }

    /** The summary says how the result was picked only where several candidates were really tried, and by what. */
    @Test
    void bestOfIsPrintedOnlyWhereThereWereRestartsAndNamesTheCriterion() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("kmeans", ", best of 10 runs by inertia, ");
        expected.put("kmeans --param n-init=1", null);
        expected.put("minibatch-kmeans", ", best of 3 initialisations by inertia on a validation sample, ");
        expected.put("minibatch-kmeans --param n-init=1", null);
        expected.put("bisecting-kmeans", null);
        expected.put("bisecting-kmeans --param n-init=4", ", best of 4 runs per split by inertia, ");
        expected.put("kmedoids", null);
        expected.put("kmedoids --param method=clara", ", best of 5 samples of 46 rows by loss, ");
        expected.put("kmedoids --param method=clara --param samples=1", null);
        expected.put("fuzzy-cmeans", null);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            List<String> args = new ArrayList<>(List.of("cluster", "builtin:iris", "--k", "3", "--algorithm"));
            args.addAll(List.of(e.getKey().split(" ")));
            Cli.Result r = Cli.run(args.toArray(new String[0]));
            assertEquals(0, r.exit(), r.err());
            String head = r.out().lines().skip(1).findFirst().orElseThrow();
            if (e.getValue() == null) {
                assertFalse(head.contains("best of"), e.getKey() + ": " + head);
            } else {
                assertTrue(head.contains(e.getValue()), e.getKey() + ": " + head);
            }
        }
        // bisecting k-means with k = 1 makes no split, so its restarts never happen
        Cli.Result one = Cli.run("cluster", "builtin:iris", "--k", "1", "--algorithm", "bisecting-kmeans", "--param",
                "n-init=4");
        assertEquals(0, one.exit(), one.err());
        assertFalse(one.out().contains("best of"), one.out());
    }

    /** A k-medoids partition under a distance is judged by the silhouette under that distance. */
    @Test
    void silhouetteUsesTheClusteringsDistance() throws Exception {
        Path out = dir.resolve("kmedoids.csv");
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--algorithm", "kmedoids", "--k", "3", "--param",
                "metric=manhattan", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        int[] labels = Files.readAllLines(out).stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[1])).toArray();
        Dataset iris = DatasetReader.read("builtin:iris",
                ReadOptions.defaults());
        ExecutionContext ctx = ExecutionContext.defaults();
        double manhattan = SilhouetteScore.score(iris, labels, Distance.MANHATTAN, ctx);
        double euclidean = SilhouetteScore.score(iris, labels, ctx);
        assertTrue(Math.abs(manhattan - euclidean) > 1e-3, manhattan + " vs " + euclidean);
        assertTrue(r.out().contains("  silhouette  " + Summaries.fmt(manhattan) + "  (manhattan distance)"), r.out());
        Map<String, Object> j = json(Cli.run("cluster", "builtin:iris", "--algorithm", "kmedoids", "--k", "3", "--param",
                "metric=manhattan", "--json"));
        assertEquals(manhattan, (Double) j.get("silhouette"), 1e-12);
        assertEquals("manhattan", j.get("silhouette_metric"));
        // without a metric parameter: Euclidean, said in the JSON only
        Cli.Result km = Cli.run("cluster", "builtin:iris", "--k", "3");
        assertFalse(km.out().contains("distance)"), km.out());
        assertEquals("euclidean", json(Cli.run("cluster", "builtin:iris", "--k", "3", "--json")).get("silhouette_metric"));
        // spherical k-means groups by direction: its silhouette is the cosine one
        assertEquals("cosine", json(Cli.run("cluster", "builtin:iris", "--k", "3", "--param", "metric=cosine", "--json"))
                .get("silhouette_metric"));
    }

    @Test
    void groundTruthFromALabelsFile() throws Exception {
        Path data = dir.resolve("x.csv");
        Files.writeString(data, "a\n0\n0.1\n5\n5.1\n");
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "kind\nlow\nlow\nhigh\nhigh\n");
        Map<String, Object> j = json(Cli.run("cluster", data.toString(), "--k", "2", "--labels-file", truth.toString(), "--json"));
        assertEquals("label", j.get("label_column"));
        assertEquals(1.0, (Double) j.get("ari"), 1e-15);
        Path wrong = dir.resolve("short.csv");
        Files.writeString(wrong, "kind\nlow\n");
        Cli.Result r = Cli.run("cluster", data.toString(), "--k", "2", "--labels-file", wrong.toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: " + wrong + ": has 1 labels but " + data + " has 4 data rows; expected one label per row", r.errorLine());
    }

    @Test
    void everyKMeansVariantGivesTheSameResultFromTheCommandLine() {
        Map<String, Object> reference = json(Cli.run("cluster", "builtin:wine", "--k", "3", "--scale", "standard",
                "--param", "algorithm=lloyd", "--json"));
        for (String variant : List.of("elkan", "hamerly", "yinyang", "auto")) {
            Map<String, Object> j = json(Cli.run("cluster", "builtin:wine", "--k", "3", "--scale", "standard",
                    "--param", "algorithm=" + variant, "--json"));
            assertEquals(reference.get("inertia"), j.get("inertia"), variant);
            assertEquals(reference.get("cluster_sizes"), j.get("cluster_sizes"), variant);
        }
        Map<String, Object> swap = json(Cli.run("cluster", "builtin:wine", "--k", "3", "--scale", "standard",
                "--param", "refine=swap", "--param", "swap-trials=50", "--param", "init=k-means||", "--json"));
        assertTrue((Double) swap.get("inertia") <= (Double) reference.get("inertia") * (1 + 1e-9));
        Map<String, Object> cosine = json(Cli.run("cluster", "builtin:digits", "--k", "10", "--param", "metric=cosine",
                "--json"));
        assertTrue((Double) cosine.get("ari") > 0.5, "spherical k-means separates digits too: " + cosine.get("ari"));
    }
}

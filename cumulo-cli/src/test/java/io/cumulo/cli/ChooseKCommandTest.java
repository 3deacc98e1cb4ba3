package io.cumulo.cli;

import io.cumulo.model.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChooseKCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonHasTheTableAndTheRecommendations() {
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("choose-k", "builtin:iris", "--scale", "standard",
                "--k-range", "2..6", "--gap-references", "3", "--json"));
        assertEquals("kmeans", j.get("algorithm"));
        assertEquals(150, ((Number) j.get("n_samples")).intValue());
        List<?> table = (List<?>) j.get("table");
        assertEquals(5, table.size());
        Map<?, ?> first = (Map<?, ?>) table.get(0);
        for (String key : List.of("k", "inertia", "silhouette", "calinski_harabasz", "davies_bouldin", "gap", "gap_sk", "bic")) {
            assertTrue(first.containsKey(key), key + " in " + first.keySet());
        }
        // standardised iris, k = 2: setosa against the rest, the silhouette scikit-learn gives (0.5818)
        assertEquals(0.5818, ((Number) first.get("silhouette")).doubleValue(), 5e-5);
        Map<?, ?> rec = (Map<?, ?>) j.get("recommendations");
        assertEquals(List.of("elbow", "silhouette", "ch", "db", "gap", "bic"), List.copyOf(rec.keySet()));
        assertEquals(2, ((Number) rec.get("silhouette")).intValue());
        assertTrue(j.get("recommended_k") instanceof Number);
        assertTrue(((String) j.get("reason")).startsWith("k=" + j.get("recommended_k") + " is recommended by"));
    }

    /** Ward on standardised iris, one tree for every k; values from scikit-learn 1.2.1 and SciPy 1.10.1. */
    @Test
    void hierarchicalFitsOnceAndJudgesTheHeightJump() {
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("choose-k", "builtin:iris", "--scale", "standard",
                "--algorithm", "agglomerative", "--k-range", "2..5", "--criteria", "silhouette,height", "--json"));
        assertEquals(1, ((Number) j.get("fits")).intValue());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) j.get("table")).get(0);
        // AgglomerativeClustering(2, linkage="ward") silhouette_score
        assertEquals(0.5770346019475989, ((Number) first.get("silhouette")).doubleValue(), 1e-12);
        // scipy linkage(X, "ward") heights: 27.24991146 − 12.63684352
        assertEquals(27.24991146 - 12.63684352, ((Number) first.get("height_jump")).doubleValue(), 1e-7);
        assertEquals(2, ((Number) ((Map<?, ?>) j.get("recommendations")).get("height")).intValue());
        Cli.Result text = Cli.run("choose-k", "builtin:iris", "--algorithm", "diana", "--k-range", "2..4");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("(one tree fitted; every k is a cut of it)"), text.out());
        fails("cumulo: error: criterion height: needs a tree over the rows (agglomerative, diana); kmeans builds none",
                "choose-k", "builtin:iris", "--criteria", "height");
    }

    @Test
    void summary() throws Exception {
        Cli.Result r = Cli.run("choose-k", "builtin:iris", "--k-range", "2..5", "--criteria", "silhouette,db");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("silhouette  k=2"), r.out());
        assertTrue(r.out().contains("recommended k = 2: k=2 is recommended by silhouette and db (2 of 2 criteria)"), r.out());
        assertFalse(r.out().contains("gap"), r.out());
    }

    private static void fails(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(expected, r.errorLine());
        assertFalse(r.err().contains("\tat "));
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void badInput() {
        fails("cumulo: error: k-range: the smallest k must be at least 2, got 1 (one cluster has no silhouette, "
                + "Calinski-Harabasz or Davies-Bouldin value)", "choose-k", "builtin:iris", "--k-range", "1..5");
        fails("cumulo: error: k-range: the largest k (150) must be below the number of rows (150) of builtin:iris",
                "choose-k", "builtin:iris", "--k-range", "2..150", "--criteria", "db");
        fails("cumulo: error: --k-range: expected MIN..MAX such as 2..15, got '2-15'", "choose-k", "builtin:iris",
                "--k-range", "2-15");
        fails("cumulo: error: unknown criterion 'sse'; expected some of: elbow, silhouette, ch, db, gap, bic, height",
                "choose-k", "builtin:iris", "--criteria", "silhouette,sse");
        fails("cumulo: error: --param k: k is what choose-k varies; give the range with --k-range", "choose-k",
                "builtin:iris", "--param", "k=3");
        fails("cumulo: error: gap-reference: expected pca or box, got 'sphere'", "choose-k", "builtin:iris",
                "--gap-reference", "sphere");
        fails("cumulo: error: gap-references: expected at least 1, got 0", "choose-k", "builtin:iris",
                "--gap-references", "0");
        // The list is whatever the registry holds; the message must name the bad value and every choice.
        fails("cumulo: error: unknown algorithm 'no-such'; available: "
                + String.join(", ", Registry.names(Registry.Kind.CLUSTERING)),
                "choose-k", "builtin:iris", "--algorithm", "no-such");
    }
}

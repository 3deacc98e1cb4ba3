package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cumulo neighbors}: the graph it writes against the reference neighbours of
 * tools/reference/make_neighbors_reference.py (a full sort of SciPy's distances; the row itself left out), in CSV and
 * .npy, the same for every index and thread count, and its refusals.
 */
class NeighborsCommandTest {
    @TempDir
    static Path dir;
    private static Path grid;
    private static JsonObject gridRef;
    private static int fresh;

    /** The reference's integer grid (120 × 2, many ties and duplicates) as a CSV. */
    @BeforeAll
    static void files() throws Exception {
        JsonObject ref;
        try (var in = NeighborsCommandTest.class.getResourceAsStream("/reference/neighbors.json")) {
            ref = JsonObject.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "neighbors.json");
        }
        @SuppressWarnings("unchecked")
        JsonObject set = JsonObject.of((Map<String, Object>) ref.getList("sets").get(0), "neighbors.json");
        assertEquals("grid_120x2", set.getString("name"));
        gridRef = set.getObject("metrics");
        double[] x = set.getDoubleArray("x");
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < x.length; i += 2) {
            sb.append(x[i]).append(',').append(x[i + 1]).append('\n');
        }
        grid = dir.resolve("grid.csv");
        Files.writeString(grid, sb.toString());
    }

    private static Path next(String suffix) {
        return dir.resolve("out-" + (fresh++) + suffix);
    }

    /** The rows of a written graph: row, rank, neighbor, distance. */
    private static double[][] read(Path p) {
        Dataset g = DatasetReader.read(p.toString(), ReadOptions.defaults());
        assertEquals(4, g.cols());
        return g.toArray2D();
    }

    private static void assertReference(double[][] g, String metric) {
        int[] ids = gridRef.getObject(metric).getIntArray("others");
        double[] dist = gridRef.getObject(metric).getDoubleArray("others_distances");
        int k = 5;
        assertEquals(ids.length, g.length);
        for (int t = 0; t < g.length; t++) {
            assertEquals(t / k, (int) g[t][0], "row");
            assertEquals(t % k + 1, (int) g[t][1], "rank");
            assertEquals(ids[t], (int) g[t][2], metric + " line " + t);
            assertEquals(dist[t], g[t][3], 1e-12 * Math.max(1e-300, dist[t]), metric + " line " + t);
        }
    }

    @Test
    void csvAndNpyGraphsAreTheReferenceNeighbours() throws Exception {
        for (String metric : List.of("euclidean", "manhattan", "chebyshev", "cosine", "sqeuclidean")) {
            Path csv = next(".csv");
            Cli.Result r = Cli.run("neighbors", grid.toString(), "--k", "5", "--metric", metric, "--out", csv.toString());
            assertEquals(0, r.exit(), r.err());
            assertEquals("row,rank,neighbor,distance", Files.readAllLines(csv).get(0));
            assertReference(read(csv), metric);
            Path npy = next(".npy");
            r = Cli.run("neighbors", grid.toString(), "--k", "5", "--metric", metric, "--out", npy.toString(),
                    "--index", "ball-tree");
            assertEquals(0, r.exit(), r.err());
            assertReference(read(npy), metric);
        }
    }

    @Test
    void everyIndexAndThreadCountWritesTheSameFile() throws Exception {
        byte[] first = null;
        for (String index : List.of("auto", "kd-tree", "ball-tree", "brute")) {
            for (String threads : List.of("1", "3")) {
                Path out = next(".csv");
                Cli.Result r = Cli.run("neighbors", "builtin:wine", "--scale", "standard", "--k", "7", "--index", index,
                        "--threads", threads, "--out", out.toString());
                assertEquals(0, r.exit(), r.err());
                byte[] b = Files.readAllBytes(out);
                if (first == null) {
                    first = b;
                } else {
                    assertArrayEquals(first, b, index + " " + threads);
                }
            }
        }
    }

    @Test
    void jsonAndSummary() {
        Cli.Result r = Cli.run("neighbors", "builtin:iris", "--k", "4", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonObject j = JsonObject.parse(r.out(), "stdout");
        assertEquals(150, j.getInt("n_samples"));
        assertEquals(4, j.getInt("n_features"));
        assertEquals(4, j.getInt("k"));
        assertEquals("euclidean", j.getString("metric"));
        assertEquals("kd-tree", j.getString("index"));
        assertEquals("auto", j.getString("index_requested"));
        assertTrue(j.getBoolean("self_excluded"));
        assertTrue(j.getDouble("kth_distance_min") <= j.getDouble("kth_distance_median"));
        assertTrue(j.getDouble("kth_distance_median") <= j.getDouble("kth_distance_max"));
        r = Cli.run("neighbors", "builtin:iris", "--k", "4", "--index", "brute");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("4 nearest neighbours of each of 150 rows of builtin:iris"), r.out());
        assertTrue(r.out().contains("the row itself excluded"), r.out());
        assertTrue(r.out().contains("index brute"), r.out());
        assertTrue(r.out().contains("distance to the 4th neighbour"), r.out());
    }

    @Test
    void rowsLeftOutKeepTheirInputNumbers() throws Exception {
        Path csv = dir.resolve("gaps.csv");
        Files.writeString(csv, "a,b\n0,0\n1,NA\n5,5\n0,1\n5,6\n");
        Path out = next(".csv");
        Cli.Result r = Cli.run("neighbors", csv.toString(), "--k", "1", "--missing", "drop", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("row,rank,neighbor,distance", "0,1,3,1.0", "2,1,4,1.0", "3,1,0,1.0", "4,1,2,1.0"),
                Files.readAllLines(out));
    }

    @Test
    void refusals() throws Exception {
        Path out = next(".csv");
        Files.writeString(out, "mine");
        Cli.Result r = Cli.run("neighbors", "builtin:iris", "--out", out.toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --out: " + out + " already exists; pass --overwrite to replace it", r.errorLine());
        assertEquals("mine", Files.readString(out));
        r = Cli.run("neighbors", "builtin:iris", "--out", out.toString(), "--overwrite", "--k", "2");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1 + 300, Files.readAllLines(out).size());

        r = Cli.run("neighbors", "builtin:iris", "--k", "0");
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --k: expected an integer >= 1, got 0", r.errorLine());
        r = Cli.run("neighbors", "builtin:iris", "--k", "150");
        assertEquals("cumulo: error: --k 150: builtin:iris has 150 rows, so each has at most 149 neighbours besides "
                + "itself", r.errorLine());
        r = Cli.run("neighbors", "builtin:iris", "--metric", "minkowski");
        assertEquals("cumulo: error: --metric: unknown distance 'minkowski'; expected one of euclidean, sqeuclidean, "
                + "manhattan, cosine, chebyshev", r.errorLine());
        r = Cli.run("neighbors", "builtin:iris", "--index", "cover-tree");
        assertEquals("cumulo: error: --index: unknown neighbour index 'cover-tree'; expected auto, kd-tree, ball-tree "
                + "or brute", r.errorLine());
        Path zero = dir.resolve("zero.csv");
        Files.writeString(zero, "a,b\n1,2\n0,0\n3,1\n");
        r = Cli.run("neighbors", zero.toString(), "--k", "1", "--metric", "cosine");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("row 1 is all zeros"), r.err());
        Path one = dir.resolve("one.csv");
        Files.writeString(one, "a,b\n1,2\n");
        r = Cli.run("neighbors", one.toString(), "--k", "1");
        assertEquals("cumulo: error: --k 1: " + one + " has 1 row, so each has at most 0 neighbours besides itself",
                r.errorLine());
    }
}

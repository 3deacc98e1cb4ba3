package io.cumulo.cli;

import io.cumulo.data.DatasetReader;
import io.cumulo.data.NpyWriter;
import io.cumulo.data.Dataset;
import io.cumulo.data.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cumulo cluster --algorithm agglomerative|diana}: the linkage file and the JSON keys. */
class HierarchicalCommandTest {
    @TempDir
    Path dir;

    /** Points 0, 1, 3, 7, 15: single linkage joins 0+1 at 1, then 3 at 2, 7 at 4, 15 at 8 (worked by hand). */
    private Path line() throws Exception {
        Path p = dir.resolve("line.csv");
        Files.writeString(p, "x\n0\n1\n3\n7\n15\n");
        return p;
    }

    @Test
    void linkageFileIsSciPysMatrixAsCsvOrNpy() throws Exception {
        Path csv = dir.resolve("tree.csv");
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "agglomerative", "--param",
                "linkage=single", "--k", "2", "--linkage-out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("wrote " + csv), r.out());
        assertEquals("left,right,height,size\n0,1,1.0,2\n2,5,2.0,3\n3,6,4.0,4\n4,7,8.0,5\n", Files.readString(csv));

        Path npy = dir.resolve("tree.npy");
        r = Cli.run("cluster", line().toString(), "--algorithm", "agglomerative", "--param", "linkage=single",
                "--k", "2", "--linkage-out", npy.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        byte[] bytes = Files.readAllBytes(npy);
        assertEquals(0, (bytes.length - 4 * 4 * 8) % 64, "the header is padded to 64 bytes");
        Dataset z = DatasetReader.read(npy.toString(), ReadOptions.defaults(), s -> { });
        assertArrayEquals(new double[] {0, 1, 1, 2, 2, 5, 2, 3, 3, 6, 4, 4, 4, 7, 8, 5}, z.rawValues(), 0);
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals("single", j.get("linkage"));
        assertEquals(npy.toString(), ((Map<?, ?>) j.get("outputs")).get("linkage"));
        assertTrue(j.containsKey("cophenetic_correlation"), j.keySet().toString());
        assertEquals(List.of(8.0, 4.0, 2.0, 1.0), j.get("last_merge_heights")); // the last merge first
    }

    /**
     * With optimal-ordering the same merges and heights, but merge (0, 1) written as (1, 0): the drawing 4, 3, 2, 1, 0
     * puts neighbours 8 + 4 + 2 + 1 = 15 apart, the default 4, 3, 2, 0, 1 puts them 16 apart; the labels are the same.
     */
    @Test
    void optimalOrderingSwapsChildrenInTheLinkageFile() throws Exception {
        Path csv = dir.resolve("ordered.csv");
        Cli.Result r = Cli.run("cluster", line().toString(), "--algorithm", "agglomerative", "--param",
                "linkage=single", "--param", "optimal-ordering=true", "--k", "2", "--linkage-out", csv.toString(),
                "--out", dir.resolve("labels.csv").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("left,right,height,size\n1,0,1.0,2\n2,5,2.0,3\n3,6,4.0,4\n4,7,8.0,5\n", Files.readString(csv));
        assertEquals("row,cluster\n0,0\n1,0\n2,0\n3,0\n4,1\n", Files.readString(dir.resolve("labels.csv")));

        r = Cli.run("cluster", line().toString(), "--algorithm", "agglomerative", "--param", "optimal-ordering=maybe",
                "--k", "2");
        assertEquals(2, r.exit());
        assertTrue(r.errorLine().contains("optimal-ordering"), r.errorLine());
    }

    @Test
    void linkageFileIsRefusedWithoutATreeOrOverAFile() throws Exception {
        Cli.Result r = Cli.run("cluster", "builtin:iris", "--linkage-out", dir.resolve("t.csv").toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --linkage-out: kmeans builds no tree; use one of bisecting-kmeans, agglomerative, "
                + "diana", r.errorLine());
        Path taken = dir.resolve("taken.csv");
        Files.writeString(taken, "mine");
        r = Cli.run("cluster", "builtin:iris", "--algorithm", "diana", "--k", "3", "--linkage-out", taken.toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --linkage-out: " + taken + " already exists; pass --overwrite to replace it",
                r.errorLine());
        assertEquals("mine", Files.readString(taken));
        assertFalse(r.err().contains("\tat "));
    }

    private Cli.Result precomputed(String name, String csv, String... more) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, csv);
        List<String> args = new ArrayList<>(List.of("cluster", p.toString(), "--algorithm", "agglomerative",
                "--param", "metric=precomputed", "--param", "linkage=average", "--k", "2"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aCondensedMatrixIsClusteredAndScoredFromItsDissimilarities() throws Exception {
        // d01 = 1, d02 = 2, d03 = 3, d12 = 4, d13 = 5, d23 = 6 (SciPy's condensed order). Average linkage joins 0+1 at
        // 1, then 2 at (2 + 4)/2 = 3, then 3 at (3 + 5 + 6)/3 = 14/3. Cut at k = 2: {0, 1, 2}, {3}; silhouettes
        // 0.5, 0.5, 0.5 and 0 (alone), mean 0.375 (worked by hand)
        Path labels = dir.resolve("labels.csv");
        Path tree = dir.resolve("tree.csv");
        Path report = dir.resolve("report.html");
        Cli.Result r = precomputed("condensed.csv", "d\n1\n2\n3\n4\n5\n6\n", "--out", labels.toString(),
                "--linkage-out", tree.toString(), "--report", report.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = ClusterCommandTest.json(r);
        assertEquals(4, ((Number) j.get("n_samples")).intValue());
        assertEquals(0.375, ((Number) j.get("silhouette")).doubleValue(), 1e-12);
        assertEquals("precomputed", j.get("silhouette_metric"));
        assertEquals(null, j.get("calinski_harabasz"), "CH needs feature vectors");
        assertEquals("row,cluster\n0,0\n1,0\n2,0\n3,1\n", Files.readString(labels));
        List<String> lines = Files.readAllLines(tree);
        assertEquals("0,1,1.0,2", lines.get(1));
        assertEquals("2,4,3.0,3", lines.get(2));
        assertEquals(14.0 / 3, Double.parseDouble(lines.get(3).split(",")[2]), 1e-15);
        assertTrue(r.err().contains("profile: not made for a dissimilarity matrix"), r.err());
        String html = Files.readString(report);
        assertTrue(html.contains("silhouette, from the given dissimilarities; mean 0.375"), "report silhouette");
    }

    @Test
    void badDissimilarityMatricesGetOneLineNamingTheEntry() throws Exception {
        String[][] cases = {
            {"nonsquare.csv", "a,b,c\n0,1,2\n1,0,3\n", "metric=precomputed needs a square dissimilarity matrix (n × n) "
                    + "or a condensed one (one row or column of n(n−1)/2 values), got 2 × 3"},
            {"asymmetric.csv", "a,b,c\n0,1,2\n1,0,3\n2,4,0\n",
                "row 1, column 2 is 3.0 but row 2, column 1 is 4.0; a dissimilarity matrix is symmetric"},
            {"negative.csv", "a,b,c\n0,-1,2\n-1,0,3\n2,3,0\n",
                "row 0, column 1: dissimilarities must be ≥ 0, found -1.0"},
            {"diagonal.csv", "a,b,c\n0,1,2\n1,5,3\n2,3,0\n",
                "row 1, column 1: a dissimilarity matrix has zeros on its diagonal, found 5.0"},
            {"condensed4.csv", "d\n1\n2\n3\n4\n", "4 values are not a condensed dissimilarity matrix (n(n−1)/2 values "
                    + "for some n)"},
            {"condensedneg.csv", "d\n1\n-2\n3\n", "value 1 (rows 0 and 2): dissimilarities must be ≥ 0, "
                    + "found -2.0"},
        };
        for (String[] c : cases) {
            Cli.Result r = precomputed(c[0], c[1]);
            assertEquals(2, r.exit(), c[0] + ": " + r.err());
            assertEquals("cumulo: error: " + dir.resolve(c[0]) + ": " + c[2], r.errorLine());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        // the readers stop NaN (a missing value) and infinity before the matrix checks see them
        Path nan = dir.resolve("nan.npy");
        NpyWriter.write(nan, new double[][] {{0, Double.NaN, 2}, {Double.NaN, 0, 3}, {2, 3, 0}});
        Path inf = dir.resolve("inf.npy");
        NpyWriter.write(inf, new double[][] {{1, 2, Double.POSITIVE_INFINITY}});
        String[][] npys = {
            {nan.toString(), "row 0 (0-based), column 1 ('x1'): missing value (NaN); use --missing drop or --missing mean "
                    + "to handle missing values"},
            {inf.toString(), "row 0 (0-based), column 2 ('x2'): value Infinity is not a finite number"},
        };
        for (String[] c : npys) {
            Cli.Result r = Cli.run("cluster", c[0], "--algorithm", "agglomerative", "--param", "metric=precomputed",
                    "--k", "2");
            assertEquals(2, r.exit(), c[0] + ": " + r.err());
            assertEquals("cumulo: error: " + c[0] + ": " + c[1], r.errorLine());
        }
    }
}

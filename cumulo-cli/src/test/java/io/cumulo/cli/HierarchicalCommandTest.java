package io.cumulo.cli;

import io.cumulo.data.DatasetReader;
import io.cumulo.data.Dataset;
import io.cumulo.data.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
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
}

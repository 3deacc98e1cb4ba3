package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes without a matrix really hold no n × n structure: a JVM with a 64 MB heap clusters 100,000 × 4 rows by
 * single linkage and 20,000 × 4 by Ward and centroid linkage (their matrices would take 40 GB and 1.6 GB), and refuses
 * complete linkage on the same rows with the one-line message, before allocating anything.
 */
class HierarchicalMemoryTest {
    /** Run in the child JVM: fits, prints one line per fit. */
    public static void main(String[] args) {
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(2);
        report("single", blobs(100_000, 1), ctx);
        report("ward", blobs(20_000, 2), ctx);
        report("centroid", blobs(20_000, 3), ctx);
        try {
            Agglomerative.builder().k(3).linkage("complete").build().fit(blobs(20_000, 4), ctx);
            System.out.println("complete: fitted?");
        } catch (CumuloException e) {
            System.out.println("complete: " + e.getMessage());
        }
    }

    private static void report(String linkage, Dataset data, ExecutionContext ctx) {
        AgglomerativeModel m = Agglomerative.builder().k(3).linkage(linkage).build().fit(data, ctx);
        System.out.println(linkage + ": " + m.tree().merges() + " merges, sizes " + Arrays.toString(
                m.clusterSizes()));
    }

    private static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * 4];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = c * 10 + rng.nextDouble();
            }
        }
        return Dataset.wrap(x, n, 4, Dataset.defaultNames(4), "blobs");
    }

    @Test
    void vectorRoutesFitInASmallHeap() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                HierarchicalMemoryTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        // three blobs 10 apart with a spread of 1: every linkage finds them exactly
        assertTrue(out.contains("single: 99999 merges, sizes [33334, 33333, 33333]"), out);
        assertTrue(out.contains("ward: 19999 merges, sizes [6667, 6667, 6666]"), out);
        assertTrue(out.contains("centroid: 19999 merges, sizes [6667, 6667, 6666]"), out);
        assertTrue(out.contains("complete: agglomerative: 20000 rows need a dissimilarity matrix of 1.5 GB"), out);
        assertTrue(out.contains("linkage=single, ward, centroid and median need no matrix"), out);
    }
}

package io.cumulo.cli;

import io.cumulo.cluster.KMeans;
import io.cumulo.param.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OtherCommandsTest {
    @TempDir
    Path dir;

    @Test
    void demoLeavesOtherPeoplesDirectoriesAlone() throws Exception {
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "mine");
        Cli.Result r = Cli.run("demo", "--out-dir", mine.toString());
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: --out-dir: " + mine + " already holds files the demo did not make; choose another "
                + "--out-dir or pass --overwrite", r.errorLine());
    }

    @Test
    void paramsListsAlgorithmsAndParameters() {
        Cli.Result all = Cli.run("params");
        assertEquals(0, all.exit());
        assertTrue(all.out().startsWith("kmeans: "), all.out());
        Cli.Result km = Cli.run("params", "kmeans");
        assertTrue(km.out().contains("max-iter") && km.out().contains("default: 300"), km.out());
    }

    @Test
    void datasetsAndVersion() {
        assertTrue(Cli.run("datasets").out().contains("builtin:breast-cancer    569 rows x 30 features"));
        Cli.Result v = Cli.run("--version");
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().startsWith("cumulo "), v.out());
        Cli.Result h = Cli.run("cluster", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--label-column"), h.out());
        assertTrue(h.out().contains("Parameters of kmeans") && h.out().contains("swap-trials"), h.out());
        for (Param<?> p : KMeans.PARAMS.params()) {
            assertTrue(h.out().contains("  " + p.name() + " "), p.name());
        }
    }
}

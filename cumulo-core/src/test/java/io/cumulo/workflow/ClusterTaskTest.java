package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.exec.CancelledException;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.model.ClusteringPipelineModel;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headless clustering job, as a library user (or the server) calls it. */
class ClusterTaskTest {
    @TempDir
    Path dir;

    @Test
    void clustersIrisAsScikitLearnDoes() {
        ClusterResult r = ClusterTask.builder().input("builtin:iris").k(3).scale("standard").build()
                .run(ExecutionContext.defaults());
        Map<String, Object> j = r.toJson(Map.of());
        // scikit-learn 1.2.1 on standardised iris (shared reference): inertia 139.8205, ARI 0.6201, NMI 0.6595
        assertEquals(139.82049635974982, (Double) j.get("inertia"), 1e-9 * 139.8);
        assertEquals(0.6201351808870379, r.agreement().orElseThrow().metrics().ari(), 1e-9);
        assertEquals(0.45994823920518635, r.scores().silhouette(), 1e-9);
        assertEquals("k-means on builtin:iris", r.title());
        assertEquals(3, r.profile().orElseThrow().groups().size());
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void everyOptionIsCheckedBeforeAnyWork() throws Exception {
        Path taken = dir.resolve("labels.csv");
        Files.writeString(taken, "precious");
        CumuloException e = assertThrows(CumuloException.class, () -> ClusterTask.builder().input("no-such.csv").k(3)
                .labelsOut(taken).build());
        assertEquals("--out: " + taken + " already exists; pass --overwrite to replace it", e.getMessage());
        e = assertThrows(CumuloException.class, () -> ClusterTask.builder().input("no-such.csv").algorithm("kmeanz")
                .build());
        assertTrue(e.getMessage().startsWith("unknown algorithm 'kmeanz'"), e.getMessage());
        e = assertThrows(CumuloException.class, () -> ClusterTask.builder().input("no-such.csv").k(3).reduce("tsne")
                .build());
        assertTrue(e.getMessage().startsWith("--reduce: tsne cannot place new rows"), e.getMessage());
        assertEquals("precious", Files.readString(taken));
    }

    @Test
    void writesWhatWasAskedOnlyWhenToldTo() throws Exception {
        Path labels = dir.resolve("labels.csv");
        Path model = dir.resolve("model.json");
        ClusterResult r = ClusterTask.builder().input("builtin:iris").algorithm("fuzzy-cmeans").k(3)
                .labelsOut(labels).modelOut(model).build().run(ExecutionContext.defaults());
        assertFalse(Files.exists(labels), "run writes nothing");
        r.writeOutputs();
        List<String> lines = Files.readAllLines(labels);
        assertEquals("row,cluster,membership_0,membership_1,membership_2,species", lines.get(0));
        assertEquals(151, lines.size());
        assertArrayEquals(r.labels(), ClusteringPipelineModel.read(model).predict(r.data()));
    }

    @Test
    void indicesAreComputedWhereTheClusteringRan() {
        // after UMAP the clusterer saw UMAP's own layout of the rows, not its transform of them
        ClusterResult r = ClusterTask.builder().input("builtin:iris").k(3).scale("standard").reduce("umap:2").build()
                .run(ExecutionContext.defaults());
        assertEquals(2, r.space().cols());
        assertEquals(SilhouetteScore.score(r.space(), r.labels(), ExecutionContext.defaults()), r.scores().silhouette(),
                1e-12);
        assertTrue(r.profile().orElseThrow().groups().size() == 3);
    }

    @Test
    void progressAndCancellationGoThroughTheContext() {
        List<String> stages = new ArrayList<>();
        ClusterTask task = ClusterTask.builder().input("builtin:digits").k(10).build();
        task.run(ExecutionContext.defaults().withProgress((what, done, total) -> {
            if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(what)) {
                stages.add(what);
            }
        }));
        assertEquals("reading builtin:digits", stages.get(0));
        assertTrue(stages.contains("evaluating"), stages.toString());
        assertThrows(CancelledException.class, () -> task.run(ExecutionContext.defaults().withCancellation(() -> true)));
    }
}

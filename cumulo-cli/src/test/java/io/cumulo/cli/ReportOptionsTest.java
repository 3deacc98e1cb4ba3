package io.cumulo.cli;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.report.ClusterReport;
import io.cumulo.report.ReportView;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.workflow.ClusterResult;
import io.cumulo.workflow.ClusterTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The argument errors of {@code --report}, {@code --plots} and {@code --report-view}: one line, exit 2, found before
 * anything is fitted or written. (Tests that write real reports are in {@link ReportCliTest}.)
 */
class ReportOptionsTest {
    @TempDir
    Path dir;

    private static void fails(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r.err());
        assertEquals(expected, r.errorLine());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void unknownReportView() {
        fails("cumulo: error: --report-view: expected pca, tsne or umap, got 'mds'",
                "cluster", "builtin:iris", "--k", "3", "--report-view", "mds");
    }

    @Test
    void plotsMustBeADirectory() throws Exception {
        Path file = dir.resolve("plots.txt");
        Files.writeString(file, "not a directory");
        String expected = "cumulo: error: --plots: " + file + " is a file; give a directory for the charts";
        fails(expected, "cluster", "builtin:iris", "--k", "3", "--plots", file.toString());
        fails(expected, "choose-k", "builtin:iris", "--k-range", "2..3", "--plots", file.toString());
        fails(expected, "reduce", "builtin:iris", "--plots", file.toString());
        fails(expected, "profile", "builtin:iris", "--labels", "no-such.csv", "--plots", file.toString());
        fails(expected, "evaluate", "--labels", "no-such.csv", "--truth", "builtin:iris", "--plots", file.toString());
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void anExistingReportIsNotReplacedWithoutOverwrite() throws Exception {
        Path report = dir.resolve("report.html");
        Files.writeString(report, "precious");
        String expected = "cumulo: error: --report: " + report + " already exists; pass --overwrite to replace it";
        fails(expected, "cluster", "builtin:iris", "--k", "3", "--report", report.toString());
        fails(expected, "choose-k", "builtin:iris", "--k-range", "2..3", "--report", report.toString());
        fails(expected, "reduce", "builtin:iris", "--report", report.toString());
        fails(expected, "profile", "builtin:iris", "--labels", "no-such.csv", "--report", report.toString());
        fails(expected, "evaluate", "--labels", "no-such.csv", "--truth", "builtin:iris", "--report", report.toString());
        assertEquals("precious", Files.readString(report));
    }

    @Test
    void anExistingChartIsNotReplacedAndNothingIsWritten() throws Exception {
        Path plots = dir.resolve("plots");
        Files.createDirectories(plots);
        Files.writeString(plots.resolve("scatter.svg"), "precious");
        Path out = dir.resolve("labels.csv");
        fails("cumulo: error: --plots: " + plots.resolve("scatter.svg") + " already exists; pass --overwrite to replace it",
                "cluster", "builtin:iris", "--k", "3", "--out", out.toString(), "--plots", plots.toString());
        assertFalse(Files.exists(out), "the labels were not written either");
        assertEquals("precious", Files.readString(plots.resolve("scatter.svg")));
    }

    @Test
    void aReportIsADirectoryIsAnError() {
        fails("cumulo: error: --report: " + dir + " is a directory; give a file name",
                "reduce", "builtin:iris", "--report", dir.toString());
    }

    /** The report a clustering run makes (built, not rendered: the renderers are tested on their own). */
    private static Report clusterReport(String algorithm, Integer k, String reduce,
                                                               Map<String, String> params) {
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(2);
        ClusterResult r = ClusterTask.builder().input("builtin:iris")
                .algorithm(algorithm).k(k).seed(3L).params(params).scale("standard").reduce(reduce).build().run(ctx);
        return ClusterReport.of(r, ReportView.PCA, ctx);
    }

    @Test
    void theClusterReportOfTheCli() {
        Report r = clusterReport("kmeans", 3, null, Map.of());
        assertEquals("k-means on builtin:iris", r.title());
        assertEquals(List.of("overview", "scatter", "silhouette", "profile", "labels", "pca"),
                r.sections().stream().map(Report.Section::id).toList());
        var facts = (Report.Block.KeyValues) r.sections().get(0).blocks().get(0);
        assertEquals("standard", facts.entries().get("scaling"));
        assertEquals("3", facts.entries().get("seed"));
        var indices = (Report.Block.KeyValues) r.sections().get(0).blocks().get(2);
        assertEquals("0.4599", indices.entries().get("silhouette (higher is better)"));
        assertEquals("0.6201", indices.entries().get("ARI against species"));
        // after --reduce the scatter is of the reduced space, and the centres live there too
        Report reduced = clusterReport("kmeans", 3, "pca:3", Map.of());
        assertTrue(((Report.Block.KeyValues) reduced.sections().get(0).blocks().get(0)).entries()
                .get("reduction").startsWith("pca to 3 components"));
        assertEquals(3, reduced.charts().get(0).traces().stream()
                .filter(t -> t instanceof Trace.Scatter s
                        && s.symbol() == Trace.Symbol.STAR).count());
        // k-medoids: the medoids are the stars, its distance the silhouette's
        Report medoids = clusterReport("kmedoids", 3, null, Map.of("metric", "manhattan"));
        assertTrue(medoids.charts().get(1).note().contains("manhattan distance"), medoids.charts().get(1).note());
    }
}

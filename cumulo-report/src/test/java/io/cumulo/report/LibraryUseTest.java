package io.cumulo.report;

import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.report.chart.Report;
import io.cumulo.workflow.ClusterResult;
import io.cumulo.workflow.ClusterTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's library examples, as written there: they compile, run and write their files. */
class LibraryUseTest {
    @TempDir
    Path dir;

    @Test
    void readmeWorkflowExample() throws Exception {
        Path csv = dir.resolve("measurements.csv");
        Dataset iris = Fixtures.iris();
        StringBuilder sb = new StringBuilder(String.join(",", iris.columnNames()) + ",species\n");
        for (int i = 0; i < iris.rows(); i++) {
            for (int j = 0; j < iris.cols(); j++) {
                sb.append(iris.get(i, j)).append(',');
            }
            sb.append(iris.labels().orElseThrow().value(i)).append('\n');
        }
        Files.writeString(csv, sb.toString());
        Path modelFile = dir.resolve("model.json");
        ClusterResult r = ClusterTask.builder().input(csv.toString())
                .read(ReadOptions.builder().labelColumn("species").build())
                .algorithm("kmeans").k(3).seed(42L).scale("standard").modelOut(modelFile)
                .build().run(ExecutionContext.defaults());
        assertTrue(r.scores().silhouette() > 0.45);
        assertEquals(0.62, r.agreement().orElseThrow().metrics().ari(), 0.01);
        assertEquals(3, r.profile().orElseThrow().descriptions().size());
        assertFalse(Files.exists(modelFile));
        r.writeOutputs();
        assertTrue(Files.exists(modelFile));
        Report report = ClusterReport.of(r, ReportView.PCA, ExecutionContext.defaults());
        assertEquals("k-means on " + csv, report.title());
    }

    @Test
    void readmeReportExample() throws Exception {
        Dataset data = Fixtures.iris();
        ExecutionContext ctx = ExecutionContext.defaults();
        ClusteringPipelineModel model = new ClusteringPipeline(Scaler.named("standard"),
                KMeans.builder().k(3).seed(42).build()).fit(data, ctx);
        int[] labels = model.model().labels();
        Report report = ClusterReport.build(new ClusterReport.Input("k-means on measurements", data,
                model.transform(data), labels, ClusterReport.spaceCentres(model.model()), null, null,
                ClusterProfiler.defaults().profile(data, labels, ctx), null, ReportView.PCA, 42), ctx);
        HtmlReportWriter.write(report, dir.resolve("report.html"));
        StaticPlots.write(report, dir.resolve("plots"), false);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("k-means on measurements"));
        assertEquals(2 * report.charts().size(), Files.list(dir.resolve("plots")).count());
    }
}

package io.cumulo.report;

import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.profile.ClusterProfiler;
import io.cumulo.report.chart.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's library example of a report, as written there: it compiles, runs and writes its files. */
class LibraryUseTest {
    @TempDir
    Path dir;

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

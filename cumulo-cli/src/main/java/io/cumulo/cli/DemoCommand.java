package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.json.Json;
import io.cumulo.report.ReportFiles;
import io.cumulo.report.ReportView;
import io.cumulo.workflow.ClusterResult;
import io.cumulo.workflow.ClusterTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code cumulo demo}: the whole workflow on the bundled iris data, no network, no server. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Run k-means on the bundled iris data and write labels, model and report.",
            "Clusters builtin:iris with k-means (k=3, standard scaling), prints a summary (sizes, inertia, silhouette, "
                + "ARI against the species) and writes labels.csv, model.json and report.html into DIR."})
public final class DemoCommand implements Callable<Integer> {
    static final String MARKER = ".cumulo-demo";

    @ParentCommand
    CumuloCommand parent;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "cumulo-demo",
            description = "Directory for the demo's files (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    SeedOption seed;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws IOException {
        run.threads(); // a bad --threads is refused before anything is written
        prepareDirectory();
        // the demo replaces its own files: its directory is marked as the demo's
        ClusterTask task = ClusterTask.builder().input("builtin:iris").algorithm("kmeans").k(3).seed(seed.seed)
                .scale("standard").labelsOut(dir.resolve("labels.csv")).modelOut(dir.resolve("model.json"))
                .overwrite(true).build();
        ReportFiles report = new ReportFiles(dir.resolve("report.html"), null, true);
        ClusterResult r = ClusterCommand.run(task, report, ReportView.PCA, parent, run);
        if (run.json) {
            parent.out.println(Json.write(r.toJson(ClusterCommand.reportOutputs(report))));
        } else {
            Summaries.printCluster(r, parent.out, List.of(task.labelsOut(), task.modelOut(), report.html()));
            parent.out.println();
            parent.out.println("Open " + dir.resolve("report.html") + " in a browser; label new rows with");
            parent.out.println("  ./cumulo predict --model " + dir.resolve("model.json") + " builtin:iris");
        }
        return Main.OK;
    }

    /**
     * The demo may replace its own earlier files (the directory holds its marker), but not somebody else's.
     */
    private void prepareDirectory() throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CumuloException("--out-dir: " + dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !run.overwrite) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty) {
                throw new CumuloException("--out-dir: " + dir + " already holds files the demo did not make; "
                        + "choose another --out-dir or pass --overwrite");
            }
        }
        Files.createDirectories(dir);
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "This directory was made by 'cumulo demo', which may replace its files.\n");
        }
    }
}

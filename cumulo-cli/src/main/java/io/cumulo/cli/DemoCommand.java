package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.ReadOptions;
import io.cumulo.json.Json;
import io.cumulo.report.ReportView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 0).")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Threads to use (default: all processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the summary.")
    boolean json;

    @Option(names = "--overwrite", description = "Use DIR even if it holds files the demo did not make.")
    boolean overwrite;

    @Override
    public Integer call() throws IOException {
        prepareDirectory();
        RunOptions run = new RunOptions();
        run.threads = threads;
        ClusterJob.Spec spec = new ClusterJob.Spec("builtin:iris", ReadOptions.defaults(), "kmeans", 3, seed, Map.of(),
                "standard", null, run.threads(), dir.resolve("labels.csv"), dir.resolve("model.json"), dir.resolve("report.html"),
                null, ReportView.PCA, true);
        ClusterJob.Outcome o = ClusterJob.run(spec, parent.err);
        if (json) {
            parent.out.println(Json.write(ClusterJob.json(o)));
        } else {
            ClusterJob.printSummary(o, parent.out);
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
        if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARKER)) && !overwrite) {
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

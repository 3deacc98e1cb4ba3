package io.cumulo.cli;

import io.cumulo.json.Json;
import io.cumulo.workflow.NeighborsTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cumulo neighbors}: the exact k-nearest-neighbour graph of a table (the job is {@link NeighborsTask}). */
@Command(name = "neighbors", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class,
        sortOptions = false,
        description = {"Find the k nearest other rows of every row of INPUT, exactly, and write them as a graph.",
            "INPUT is a CSV/TSV file (optionally .gz), a NumPy .npy file, or builtin:NAME (see 'cumulo datasets').",
            "The row itself is not among its neighbours (an exact duplicate of it is, at distance 0); equal distances "
                + "are ordered by row."},
        footer = {"", "Output: row,rank,neighbor,distance (rank 1..k; rows are 0-based positions among the input's data rows),",
            "as CSV, or as a float64 matrix of those four columns when --out ends in .npy.",
            "Examples: cumulo neighbors data.csv --k 10 --out graph.csv",
            "          cumulo neighbors data.csv --k 5 --metric manhattan --scale standard --out graph.npy --json"})
public final class NeighborsCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data whose rows are searched and queried.")
    String input;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10",
            description = "Neighbours per row, the row itself not counted (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "euclidean",
            description = "Distance: euclidean, sqeuclidean, manhattan, cosine or chebyshev (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--index", paramLabel = "KIND", defaultValue = "auto",
            description = "Search structure: auto, kd-tree, ball-tree or brute (default: ${DEFAULT-VALUE}; every one gives "
                    + "the same answer).")
    String index;

    @Option(names = "--scale", paramLabel = "HOW", defaultValue = "none",
            description = "Feature scaling before the search: standard, minmax, robust or none (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the graph here: CSV row,rank,neighbor,distance, or a float64 .npy matrix of those columns.")
    Path out;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        NeighborsTask task = NeighborsTask.builder().input(input).read(inputOptions.toBuilder().build()).k(k)
                .metric(metric).index(index).scale(scale).out(out).overwrite(run.overwrite).build();
        NeighborsTask.Result r = run.run(parent, task::run);
        r.writeOutputs();
        Map<String, Object> j = r.toJson();
        if (out != null) {
            j.put("out", out.toString());
        }
        if (run.json) {
            parent.out.println(Json.write(j));
            return Main.OK;
        }
        parent.out.println(String.format(Locale.ROOT,
                "%d nearest neighbours of each of %d rows of %s (%d features, %s, scale %s), the row itself excluded",
                k, (Integer) j.get("n_samples"), j.get("input"), (Integer) j.get("n_features"), j.get("metric"),
                j.get("scale")));
        parent.out.println(String.format(Locale.ROOT, "index %s: built in %.3f s, searched in %.3f s on %d threads",
                j.get("index"), r.buildSeconds(), r.searchSeconds(), r.threads()));
        parent.out.println(String.format(Locale.ROOT, "distance to the %s neighbour: min %s, median %s, max %s",
                ordinal(k), Summaries.fmt((Double) j.get("kth_distance_min")),
                Summaries.fmt((Double) j.get("kth_distance_median")), Summaries.fmt((Double) j.get("kth_distance_max"))));
        if (out != null) {
            parent.out.println("graph: " + out);
        }
        return Main.OK;
    }

    private static String ordinal(int k) {
        int t = k % 100;
        String suffix = t >= 11 && t <= 13 ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" : k % 10 == 3 ? "rd" : "th";
        return k + suffix;
    }
}

package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.NpyWriter;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.KnnGraph;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.preprocessing.Scaler;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The k-nearest-neighbour graph of a table ({@code cumulo neighbors}): read the input, scale, build a neighbour index
 * ({@link NeighborIndex}, chosen by {@code auto} unless given), and find for every row its {@code k} nearest other
 * rows, exactly (nearest first; equal distances by the lower row; the row itself excluded, its exact duplicates not).
 * Written as a long table {@code row,rank,neighbor,distance} (rank 1 to k; {@code row} and {@code neighbor} are rows'
 * 0-based positions among the input's data rows, as in the labels CSV), in CSV or, for a name ending in {@code .npy},
 * as a float64 matrix of the same four columns. {@link Builder#build()} checks every option and the output file before
 * any work.
 */
public final class NeighborsTask {
    private final String input;
    private final ReadOptions read;
    private final Scaler scaler;
    private final int k;
    private final Distance metric;
    private final NeighborIndex.Kind index;
    private final Path out;
    private final boolean overwrite;

    private NeighborsTask(Builder b) {
        if (b.k < 1) {
            throw new CumuloException("--k: expected an integer >= 1, got " + b.k);
        }
        if (b.seed != null) {
            throw new CumuloException("--seed does not apply: the neighbours are exact, nothing is random");
        }
        if (!b.params.isEmpty()) {
            throw new CumuloException("neighbors takes no --param (given: " + String.join(", ", b.params.keySet())
                    + ")");
        }
        this.metric = parse("--metric", () -> Distance.parse(b.metric));
        this.index = parse("--index", () -> NeighborIndex.Kind.parse(b.index));
        this.scaler = Scaler.named(b.scale);
        OutputFiles.checkWritable(b.out, b.overwrite, "--out");
        this.input = Objects.requireNonNull(b.input, "input");
        this.read = b.read;
        this.k = b.k;
        this.out = b.out;
        this.overwrite = b.overwrite;
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (CumuloException e) {
            throw new CumuloException(flag + ": " + e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int k() {
        return k;
    }

    public Distance metric() {
        return metric;
    }

    /** The index asked for ({@link NeighborIndex.Kind#AUTO} unless given). */
    public NeighborIndex.Kind index() {
        return index;
    }

    public Path out() {
        return out;
    }

    /**
     * What came of it: the data as read, the graph (query i is row i of {@code data}; neighbours are its row indices),
     * the index used, and the time to build it and to search.
     */
    public record Result(NeighborsTask task, Dataset data, KnnGraph graph, NeighborIndex.Kind indexUsed,
                         double buildSeconds, double searchSeconds, int threads) {
        /** The {@code cumulo neighbors --json} object (without the file written). */
        public Map<String, Object> toJson() {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", data.source());
            j.put("n_samples", data.rows());
            j.put("n_features", data.cols());
            j.put("k", task.k);
            j.put("metric", task.metric.id());
            j.put("scale", task.scaler.name());
            j.put("index", indexUsed.id());
            j.put("index_requested", task.index.id());
            j.put("self_excluded", true);
            double[] kth = kthDistances();
            Arrays.sort(kth);
            j.put("kth_distance_min", kth[0]);
            j.put("kth_distance_median", median(kth));
            j.put("kth_distance_max", kth[kth.length - 1]);
            j.put("build_seconds", buildSeconds);
            j.put("search_seconds", searchSeconds);
            j.put("threads", threads);
            return j;
        }

        /** Each row's distance to its k-th nearest other row (what DBSCAN's eps is usually read from). */
        public double[] kthDistances() {
            int n = graph.rows();
            double[] kth = new double[n];
            for (int i = 0; i < n; i++) {
                kth[i] = graph.distance(i, graph.k() - 1);
            }
            return kth;
        }

        /** Writes the graph, if the task asked for a file. */
        public void writeOutputs() {
            if (task.out == null) {
                return;
            }
            OutputFiles.checkWritable(task.out, task.overwrite, "--out");
            int n = graph.rows();
            int k = graph.k();
            if (task.out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                double[] m = new double[n * k * 4];
                for (int i = 0, t = 0; i < n; i++) {
                    for (int r = 0; r < k; r++, t += 4) {
                        m[t] = data.rowId(i);
                        m[t + 1] = r + 1;
                        m[t + 2] = data.rowId(graph.index(i, r));
                        m[t + 3] = graph.distance(i, r);
                    }
                }
                NpyWriter.write(task.out, m, n * k, 4);
                return;
            }
            OutputFiles.write(task.out, w -> {
                w.write("row,rank,neighbor,distance\n");
                StringBuilder sb = new StringBuilder(64 * k);
                for (int i = 0; i < n; i++) {
                    sb.setLength(0);
                    int id = data.rowId(i);
                    for (int r = 0; r < k; r++) {
                        // Double.toString: the shortest text that reads back to the same double
                        sb.append(id).append(',').append(r + 1).append(',').append(data.rowId(graph.index(i, r)))
                                .append(',').append(graph.distance(i, r)).append('\n');
                    }
                    w.write(sb.toString());
                }
            });
        }

        private static double median(double[] sorted) {
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    /** Reads the input (notes go to the context), scales it and finds the neighbours. */
    public Result run(ExecutionContext ctx) {
        Dataset data = DatasetReader.read(input, read, ctx::note);
        int n = data.rows();
        if (k > n - 1) {
            throw new CumuloException("--k " + k + ": " + data.source() + " has " + n + " row" + (n == 1 ? "" : "s")
                    + ", so each has at most " + (n - 1) + " neighbour" + (n == 2 ? "" : "s") + " besides itself");
        }
        Dataset scaled = scaler.fit(data, ctx).transform(data);
        metric.requireDefined(scaled);
        ctx.progress().update("neighbours: building the index", 0, 2);
        long t0 = System.nanoTime();
        NeighborIndex idx = NeighborIndex.build(scaled.rawValues(), n, scaled.cols(), metric, index, ctx);
        long t1 = System.nanoTime();
        ctx.progress().update("neighbours: searching", 1, 2);
        KnnGraph graph = idx.nearestOthers(k, ctx);
        long t2 = System.nanoTime();
        ctx.progress().update("neighbours: searching", 2, 2);
        return new Result(this, data, graph, idx.kind(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, ctx.threads());
    }

    /** Builds a {@link NeighborsTask}; unset options take their defaults (k 10, Euclidean, auto, no scaling). */
    public static final class Builder extends TaskBuilder<Builder> {
        private int k = 10;
        private String metric = "euclidean";
        private String index = "auto";
        private Path out;

        private Builder() {
        }

        /** Neighbours per row, the row itself not counted (default 10). */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** A {@link Distance} name (default {@code euclidean}). */
        public Builder metric(String metric) {
            this.metric = Objects.requireNonNull(metric);
            return this;
        }

        /** {@code auto} (the default), {@code kd-tree}, {@code ball-tree} or {@code brute}. */
        public Builder index(String index) {
            this.index = Objects.requireNonNull(index);
            return this;
        }

        /** Where to write the graph ({@code .npy}: a float64 matrix; anything else: CSV); null: nowhere. */
        public Builder out(Path out) {
            this.out = out;
            return this;
        }

        public NeighborsTask build() {
            return new NeighborsTask(this);
        }
    }
}

package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.MissingPolicy;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.model.ClusteringPipelineModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cumulo predict}: apply a saved model to new rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Assign the rows of INPUT to the clusters of a saved model.",
            "The model's features are taken from INPUT by name (or by position for .npy files, or as listed with --columns); "
                + "the model's scaling is applied to them."},
        footer = {"", "Example: cumulo predict --model model.json new.csv --out labels.csv"})
public final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'cumulo cluster --model'.")
    Path modelFile;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to label.")
    String input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the labels CSV (row,cluster[,memberships][,label]) here.")
    Path out;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        OutputFiles.checkWritable(out, run.overwrite, "--out");
        ClusteringPipelineModel model = ClusteringPipelineModel.read(modelFile);
        Dataset data = readModelFeatures(input, inputOptions, model, modelFile, parent.err);
        ExecutionContext ctx = ExecutionContext.defaults().withThreads(run.threads());
        long t0 = System.nanoTime();
        Dataset scaled = model.transform(data);
        int[] labels = model.model().predict(scaled, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (out != null) {
            // the columns 'cluster --out' writes (fuzzy memberships), computed for these rows
            OutputFiles.writeLabels(out, data, labels, model.model().rowOutputs(scaled, ctx));
        }
        int k = model.model().numClusters();
        int[] sizes = new int[k];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("algorithm", model.algorithm());
        j.put("model", modelFile.toString());
        j.put("input", input);
        j.put("n_samples", data.rows());
        j.put("n_features", data.cols());
        j.put("k", k);
        j.put("cluster_sizes", sizes);
        j.putAll(model.model().score(scaled));
        j.putAll(ClusterJob.agreement(data, labels));
        j.put("predict_seconds", seconds);
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (out != null) {
            outputs.put("labels", out.toString());
        }
        j.put("outputs", outputs);
        if (run.json) {
            parent.out.println(Json.write(j));
        } else {
            parent.out.printf(Locale.ROOT, "%s model %s applied to %s: %d rows%n", ClusterJob.algorithmTitle(model.algorithm()),
                    modelFile, input, data.rows());
            parent.out.println();
            ClusterJob.printSizes(parent.out, sizes, data.rows());
            if (j.containsKey("ari")) {
                parent.out.println();
                ClusterJob.printAgreement(parent.out, j);
            }
            if (out != null) {
                parent.out.println();
                parent.out.println("wrote " + out);
            }
        }
        return Main.OK;
    }

    /**
     * A feature of the model missing from a CSV INPUT's header is named as such (the user gave no --columns, so an
     * error about --columns would puzzle); other inputs are checked when read.
     */
    private static void requireFeatureColumns(String input, io.cumulo.data.ReadOptions options, List<String> features,
                                              Path modelFile) {
        if (input.startsWith("builtin:") || !java.nio.file.Files.isRegularFile(Path.of(input))) {
            return;
        }
        List<String> header = io.cumulo.data.CsvDatasetReader.readHeader(Path.of(input), options.delimiter());
        for (String f : features) {
            if (!header.contains(f)) {
                throw new CumuloException(input + " has no column '" + f + "', a feature of " + modelFile + " ("
                        + String.join(", ", features) + "); name INPUT's matching columns, in that order, with --columns");
            }
        }
    }

    /**
     * Reads the model's features from INPUT, by name (or by position for .npy files, or as listed with
     * {@code --columns}), named as the model's and checked to match in number; what {@code predict} and
     * {@code profile --model} read.
     */
    static Dataset readModelFeatures(String input, InputOptions inputOptions, ClusteringPipelineModel model,
                                     Path modelFile, java.io.PrintStream err) {
        List<String> features = model.features();
        ReadOptions.Builder rb = inputOptions.toBuilder();
        boolean positional = input.toLowerCase(Locale.ROOT).endsWith(".npy") && inputOptions.columns == null;
        if (inputOptions.columns != null) {
            if (inputOptions.columns.size() != features.size()) {
                throw new CumuloException("--columns names " + inputOptions.columns.size() + " columns but " + modelFile
                        + " has " + features.size() + " features (" + String.join(", ", features) + ")");
            }
        } else if (!positional) {
            requireFeatureColumns(input, rb.build(), features, modelFile);
            rb.columns(features);
        }
        if (MissingPolicy.parse(inputOptions.missing) == MissingPolicy.MEAN) {
            rb.fillValues(model.featureMeans());
        }
        Dataset data = DatasetReader.read(input, rb.build(), note -> err.println("note: " + note));
        if (positional || inputOptions.columns != null) {
            if (data.cols() != features.size()) {
                throw new CumuloException(input + ": has " + data.cols() + " feature columns but " + modelFile + " has "
                        + features.size() + " features (" + String.join(", ", features) + ")");
            }
            data = data.withValues(data.rawValues(), data.cols(), features);
        }
        return data;
    }
}

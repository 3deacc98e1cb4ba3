package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.CsvDatasetReader;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.MissingPolicy;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipelineModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a saved model's features from new input: by name (or by position for .npy files, or as listed in the read
 * options' columns), named as the model's and checked to match in number; what predict and profile read.
 */
public final class ModelFeatures {
    private ModelFeatures() {
    }

    /**
     * @param options how to read the input; its {@code columns}, when given, name the input's columns that hold the
     *                model's features, in order
     */
    public static Dataset read(String input, ReadOptions options, ClusteringPipelineModel model, Path modelFile,
                               ExecutionContext ctx) {
        List<String> features = model.features();
        List<String> columns = options.columns();
        ReadOptions.Builder rb = options.toBuilder();
        boolean positional = input.toLowerCase(Locale.ROOT).endsWith(".npy") && columns == null;
        if (columns != null) {
            if (columns.size() != features.size()) {
                throw new CumuloException("--columns names " + columns.size() + " columns but " + modelFile + " has "
                        + features.size() + " features (" + String.join(", ", features) + ")");
            }
        } else if (!positional) {
            requireFeatureColumns(input, options, features, modelFile);
            rb.columns(features);
        }
        if (options.missing() == MissingPolicy.MEAN) {
            rb.fillValues(model.featureMeans());
        }
        Dataset data = DatasetReader.read(input, rb.build(), ctx::note);
        if (positional || columns != null) {
            if (data.cols() != features.size()) {
                throw new CumuloException(input + ": has " + data.cols() + " feature columns but " + modelFile + " has "
                        + features.size() + " features (" + String.join(", ", features) + ")");
            }
            data = data.withValues(data.rawValues(), data.cols(), features);
        }
        return data;
    }

    /**
     * A feature of the model missing from a CSV input's header is named as such (the user gave no --columns, so an
     * error about --columns would puzzle); other inputs are checked when read.
     */
    private static void requireFeatureColumns(String input, ReadOptions options, List<String> features, Path modelFile) {
        if (input.startsWith("builtin:") || !Files.isRegularFile(Path.of(input))) {
            return;
        }
        List<String> header = CsvDatasetReader.readHeader(Path.of(input), options.delimiter());
        for (String f : features) {
            if (!header.contains(f)) {
                throw new CumuloException(input + " has no column '" + f + "', a feature of " + modelFile + " ("
                        + String.join(", ", features) + "); name INPUT's matching columns, in that order, with --columns");
            }
        }
    }
}

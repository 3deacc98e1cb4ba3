package io.cumulo.data;

import io.cumulo.CumuloException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads any supported input into a {@link Dataset}: {@code builtin:NAME}, NumPy {@code .npy}, or delimited
 * text (CSV/TSV, optionally {@code .gz}). Every command reads its INPUT through here, so every format gets
 * the same column selection, label, weight and missing-value handling.
 */
public final class DatasetReader {
    private DatasetReader() {
    }

    public static Dataset read(String input, ReadOptions options) {
        return read(input, options, s -> { });
    }

    /**
     * As {@link #read(String, ReadOptions)}; {@code notes} receives what was done to the data (rows dropped...).
     * With a labels file, {@code labelColumn} names the column to take from that file, so the data are read
     * without a label column of their own (a built-in dataset still keeps its class column out of the features).
     */
    public static Dataset read(String input, ReadOptions options, Consumer<String> notes) {
        ReadOptions dataOptions = options;
        if (options.labelsFile() != null && options.labelColumn() != null) {
            dataOptions = options.toBuilder().labelColumn(null).build();
        }
        Dataset ds;
        if (input.startsWith("builtin:")) {
            ds = BuiltinDataset.named(input.substring("builtin:".length())).read(dataOptions, notes);
        } else {
            Path path = Path.of(input);
            if (!Files.exists(path)) {
                throw new CumuloException(input + ": no such file");
            }
            if (Files.isDirectory(path)) {
                throw new CumuloException(input + ": is a directory, expected a data file");
            }
            if (input.toLowerCase(Locale.ROOT).endsWith(".npy")) {
                ds = NpyReader.read(path, dataOptions, notes);
            } else {
                ds = CsvDatasetReader.read(path, dataOptions, null, notes);
            }
        }
        if (options.labelsFile() != null) {
            ds = attachLabelsFile(ds, options);
        }
        return ds;
    }

    /** Labels from a separate file, one per input row; rows left out of {@code ds} leave their labels out too. */
    private static Dataset attachLabelsFile(Dataset ds, ReadOptions options) {
        Path p = options.labelsFile();
        if (!Files.exists(p)) {
            throw new CumuloException(p + ": no such file (--labels-file)");
        }
        String[] values = readLabels(p, options.labelColumn());
        String name = options.labelColumn() != null ? options.labelColumn() : "label";
        if (values.length != ds.inputRows()) {
            throw new CumuloException(p + ": has " + values.length + " labels but " + ds.source() + " has "
                    + ds.inputRows() + " data rows; expected one label per row");
        }
        String[] mine = new String[ds.rows()];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = values[ds.rowId(i)];
        }
        return ds.withLabels(LabelColumn.of(name, mine));
    }

    /**
     * Reads labels from a .npy vector or a delimited file with a header: the column named {@code column}
     * when given and present, else the only column.
     */
    public static String[] readLabels(Path p, String column) {
        if (p.toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return NpyReader.readLabels(p);
        }
        return CsvDatasetReader.readLabelColumn(p, column);
    }
}

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

    /** As {@link #read(String, ReadOptions)}; {@code notes} receives what was done to the data (rows dropped...). */
    public static Dataset read(String input, ReadOptions options, Consumer<String> notes) {
        Dataset ds;
        if (input.startsWith("builtin:")) {
            ds = BuiltinDataset.named(input.substring("builtin:".length())).read(options, notes);
        } else {
            Path path = Path.of(input);
            if (!Files.exists(path)) {
                throw new CumuloException(input + ": no such file");
            }
            if (Files.isDirectory(path)) {
                throw new CumuloException(input + ": is a directory, expected a data file");
            }
            if (input.toLowerCase(Locale.ROOT).endsWith(".npy")) {
                ds = NpyReader.read(path, options, notes);
            } else {
                ds = CsvDatasetReader.read(path, options, null, notes);
            }
        }
        if (options.labelsFile() != null) {
            ds = attachLabelsFile(ds, options);
        }
        return ds;
    }

    private static Dataset attachLabelsFile(Dataset ds, ReadOptions options) {
        Path p = options.labelsFile();
        String[] values = readLabels(p, options.labelColumn());
        String name = options.labelColumn() != null ? options.labelColumn() : "label";
        int inputRows = ds.hasRowIds() ? -1 : ds.rows();
        if (inputRows >= 0 && values.length != inputRows) {
            throw new CumuloException(p + ": has " + values.length + " labels but " + ds.source() + " has " + inputRows
                    + " rows");
        }
        String[] mine = new String[ds.rows()];
        for (int i = 0; i < mine.length; i++) {
            int id = ds.rowId(i);
            if (id >= values.length) {
                throw new CumuloException(p + ": has " + values.length + " labels, fewer than the rows of " + ds.source());
            }
            mine[i] = values[id];
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

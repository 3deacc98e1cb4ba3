package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.data.MissingPolicy;
import io.cumulo.data.ReadOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** How INPUT becomes a table: the same flags, with the same meaning, in every command that reads data. */
public final class InputOptions {
    @Option(names = "--columns", split = ",", paramLabel = "NAME",
            description = "Feature columns to use, in this order (default: every column not used otherwise).")
    List<String> columns;

    @Option(names = "--drop-columns", split = ",", paramLabel = "NAME",
            description = "Columns to leave out (ids, free text...).")
    List<String> dropColumns;

    @Option(names = "--label-column", paramLabel = "NAME",
            description = "Column of ground-truth classes: kept out of the features, used for ARI/NMI and written beside the clusters "
                    + "(with --labels-file: the column of that file).")
    String labelColumn;

    @Option(names = "--weight-column", paramLabel = "NAME",
            description = "Column of sample weights (finite, >= 0), kept out of the features.")
    String weightColumn;

    @Option(names = "--labels-file", paramLabel = "FILE",
            description = "Ground-truth labels in a separate file (.npy vector, or a CSV with a header), one per input row.")
    Path labelsFile;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "error",
            description = "Missing values (empty, NA, NaN, ?): error (default), drop (leave the row out) or mean (column mean).")
    String missing;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter: ',', ';', tab or '|' (default: detected from the header line).")
    String delimiter;

    ReadOptions.Builder toBuilder() {
        return ReadOptions.builder()
                .columns(columns)
                .dropColumns(dropColumns)
                .labelColumn(labelColumn)
                .weightColumn(weightColumn)
                .labelsFile(labelsFile)
                .missing(MissingPolicy.parse(missing))
                .delimiter(parseDelimiter(delimiter));
    }

    static Character parseDelimiter(String s) {
        if (s == null) {
            return null;
        }
        switch (s) {
            case ",":
            case "comma":
                return ',';
            case ";":
            case "semicolon":
                return ';';
            case "tab":
            case "\\t":
            case "\t":
                return '\t';
            case "|":
            case "pipe":
                return '|';
            default:
                // spaces and quotes cannot delimit: fields are trimmed of spaces and quotes open quoted fields
                throw new CumuloException("--delimiter: expected ',', ';', tab or '|', got '" + s + "'");
        }
    }
}

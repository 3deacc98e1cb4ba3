package io.cumulo.workflow;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.LabelColumn;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Cluster labels read back from a file for {@code cumulo profile --labels}: the labels CSV {@code cumulo cluster
 * --out} writes (its {@code cluster} column, its rows matched by the {@code row} column), a CSV with a single
 * column, or a {@code .npy} vector. Integer labels are cluster numbers ({@code -1}: noise); any other text makes
 * one named cluster per distinct value.
 */
public final class LabelsFile {
    /** Labels per row of the data, and the clusters' names when the labels were text ({@code null} otherwise). */
    public record Labels(int[] clusters, List<String> names) {
    }

    private LabelsFile() {
    }

    public static Labels read(Path file, Dataset data, String input) {
        if (!Files.exists(file)) {
            throw new CumuloException("--labels: " + file + ": no such file");
        }
        String[] values;
        String[] rowColumn = null;
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            values = DatasetReader.readLabels(file, null);
        } else {
            List<String> header = header(file);
            String column;
            if (header.contains("cluster")) {
                column = "cluster";
            } else if (header.size() == 1) {
                column = header.get(0);
            } else {
                throw new CumuloException("--labels: " + file + " has columns " + String.join(", ", header)
                        + "; expected a 'cluster' column (as 'cumulo cluster --out' writes) or a single column");
            }
            values = DatasetReader.readLabels(file, column);
            if (header.size() > 1 && header.contains("row")) {
                rowColumn = DatasetReader.readLabels(file, "row");
            }
        }
        String[] mine = align(file, values, rowColumn, data, input);
        return parse(mine);
    }

    /** One label per row of {@code data}: by the file's row numbers when it has them, else by position. */
    private static String[] align(Path file, String[] values, String[] rows, Dataset data, String input) {
        int n = data.rows();
        if (rows != null) {
            if (values.length != n) {
                throw countMismatch(file, values.length, n, input);
            }
            for (int i = 0; i < n; i++) {
                int row;
                try {
                    row = Integer.parseInt(rows[i].trim());
                } catch (NumberFormatException e) {
                    throw new CumuloException("--labels: " + file + ": data line " + (i + 1) + " has row '" + rows[i]
                            + "'; expected a row number");
                }
                if (row != data.rowId(i)) {
                    throw new CumuloException("--labels: " + file + ": data line " + (i + 1) + " is for row " + row
                            + " but row " + data.rowId(i) + " of " + input + " comes there; the labels were written for "
                            + "other rows (another input, or another --missing policy)");
                }
            }
            return values;
        }
        if (values.length == n) {
            return values;
        }
        if (values.length == data.inputRows()) {
            // one label per input row, some rows left out here (--missing drop): keep theirs out too
            String[] mine = new String[n];
            for (int i = 0; i < n; i++) {
                mine[i] = values[data.rowId(i)];
            }
            return mine;
        }
        throw countMismatch(file, values.length, n, input);
    }

    private static CumuloException countMismatch(Path file, int labels, int rows, String input) {
        return new CumuloException("--labels: " + file + " has " + labels + " labels but " + input + " has " + rows
                + " data rows; expected one label per row");
    }

    private static Labels parse(String[] text) {
        int[] ints = new int[text.length];
        boolean numbers = true;
        for (int i = 0; i < text.length && numbers; i++) {
            try {
                ints[i] = Integer.parseInt(text[i].trim());
            } catch (NumberFormatException e) {
                numbers = false;
            }
        }
        if (numbers) {
            return new Labels(ints, null);
        }
        LabelColumn named = LabelColumn.of("cluster", text);
        return new Labels(named.codes(), named.categories());
    }

    /** The header row's names (gzip, a byte-order mark and quotes handled; the delimiter is ',', ';' or tab). */
    private static List<String> header(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line = r.readLine();
            while (line != null && line.isBlank()) {
                line = r.readLine();
            }
            if (line == null) {
                throw new CumuloException("--labels: " + file + " is empty; expected a header row and labels");
            }
            if (line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            char delimiter = ',';
            long most = line.chars().filter(c -> c == ',').count();
            for (char c : new char[] {';', '\t'}) {
                long count = line.chars().filter(ch -> ch == c).count();
                if (count > most) {
                    most = count;
                    delimiter = c;
                }
            }
            List<String> names = new ArrayList<>();
            for (String cell : line.split(Pattern.quote(String.valueOf(delimiter)), -1)) {
                String name = cell.trim();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).replace("\"\"", "\"").trim();
                }
                names.add(name);
            }
            return names;
        } catch (IOException e) {
            throw new CumuloException("--labels: " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}

package io.cumulo.data;

import io.cumulo.CumuloException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a delimited text table with a header row into a {@link Dataset}, streaming: bytes go from a fixed
 * buffer straight into the numeric matrix, so a file much larger than the text it would make as Strings
 * reads in one pass with memory for the numbers only.
 *
 * <p>Format: first line is the header; delimiter comma, semicolon or tab, detected from the header unless
 * given; RFC 4180 quoting (quoted fields may hold delimiters, doubled quotes and line breaks); blank lines
 * are skipped; surrounding spaces are trimmed; a UTF-8 byte-order mark is ignored; {@code .gz} files are
 * decompressed. With semicolon or tab delimiters a decimal comma ({@code 3,14}) is read as a decimal point.
 * Errors name the file, the line (1-based, counting the header) and the column.
 */
public final class CsvDatasetReader {
    private static final int BUFFER_SIZE = 1 << 20;

    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private boolean eof;
    private long linesConsumed;
    private long bytesConsumed;

    // the current record
    private int recStart;
    private int recEnd;
    private long recLine;

    private byte delimiter;
    private byte[] scratch = new byte[256];

    private CsvDatasetReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Reads a file (plain or gzip-compressed). */
    public static Dataset read(Path path, ReadOptions options) {
        return read(path, options, null, s -> { });
    }

    static Dataset read(Path path, ReadOptions options, String defaultLabel, Consumer<String> notes) {
        String source = path.toString();
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = new BufferedInputStream(raw, 2);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            long size = gzip ? -1 : Files.size(path);
            return read(gzip ? new GZIPInputStream(in, 1 << 16) : in, source, size, options, defaultLabel, notes);
        } catch (NoSuchFileException e) {
            throw new CumuloException(source + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CumuloException(source + ": permission denied");
        } catch (java.util.zip.ZipException e) {
            throw new CumuloException(source + ": not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CumuloException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads one column of a delimited file as text labels: the column named {@code column} when the file has
     * it, else the file's only column.
     */
    static String[] readLabelColumn(Path path, String column) {
        String source = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            CsvDatasetReader r = new CsvDatasetReader(in, source);
            r.fill();
            if (!r.nextNonBlankRecord()) {
                throw new CumuloException(source + " is empty; expected a header row and labels");
            }
            r.delimiter = r.detectDelimiter();
            List<String> header = r.parseHeader();
            int idx;
            if (column != null && header.contains(column)) {
                idx = header.indexOf(column);
            } else if (header.size() == 1) {
                idx = 0;
            } else {
                throw new CumuloException(source + ": has " + header.size() + " columns (" + String.join(", ", header)
                        + "); name the one holding labels with --label-column");
            }
            ColumnSelection sel = ColumnSelection.labelOnly(header, idx);
            TableAccumulator table = new TableAccumulator(sel, source, 1024);
            while (r.nextNonBlankRecord()) {
                r.parseRecord(sel, table, header.size(), MissingPolicy.ERROR, false, header);
            }
            LabelColumn l = table.finish(MissingPolicy.ERROR, s -> { }).labels().orElseThrow();
            String[] out = new String[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = l.value(i);
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new CumuloException(source + ": no such file");
        } catch (IOException e) {
            throw new CumuloException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads from a stream; {@code sizeHint} (bytes, or -1) only helps to size the matrix up front. */
    public static Dataset read(InputStream in, String source, long sizeHint, ReadOptions options, String defaultLabel,
                               Consumer<String> notes) throws IOException {
        return new CsvDatasetReader(in, source).readAll(sizeHint, options, defaultLabel, notes);
    }

    private Dataset readAll(long sizeHint, ReadOptions options, String defaultLabel, Consumer<String> notes)
            throws IOException {
        fill();
        if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        if (!nextNonBlankRecord()) {
            throw new CumuloException(source + " is empty; expected a header row and data rows");
        }
        delimiter = options.delimiter() != null ? (byte) (char) options.delimiter() : detectDelimiter();
        List<String> header = parseHeader();
        if (headerLooksNumeric(header)) {
            notes.accept(source + ": the first line looks like numbers, not column names; it is read as the header");
        }
        ColumnSelection sel = ColumnSelection.resolve(header, options, defaultLabel, source);
        long headerBytes = bytesConsumed + pos;
        TableAccumulator table = new TableAccumulator(sel, source, 1024);
        boolean decimalComma = delimiter == ';' || delimiter == '\t';
        boolean estimated = sizeHint <= 0;
        int ncols = header.size();
        while (nextNonBlankRecord()) {
            parseRecord(sel, table, ncols, options.missing(), decimalComma, header);
            if (!estimated && table.rows() == 1000) {
                // size the matrix from the bytes per row seen so far, to avoid repeated growth
                long used = bytesConsumed + pos - headerBytes;
                long expected = (long) ((sizeHint - headerBytes) / (double) used * 1000 * 1.02) + 16;
                table.reserve(expected);
                estimated = true;
            }
        }
        return table.finish(options.missing(), options.fillValues(), notes);
    }

    // ---- buffer management ----

    private void fill() throws IOException {
        if (pos > 0 && pos == limit) {
            bytesConsumed += pos;
            pos = 0;
            limit = 0;
        }
        if (limit == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                bytesConsumed += pos;
                limit -= pos;
                pos = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2); // one record longer than the buffer
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Finds the next record; false at end of input. Blank lines are skipped. */
    private boolean nextNonBlankRecord() throws IOException {
        while (nextRecord()) {
            if (!isBlank(recStart, recEnd)) {
                return true;
            }
        }
        return false;
    }

    private boolean isBlank(int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private boolean nextRecord() throws IOException {
        int scan = pos;
        boolean inQuotes = false;
        int innerNewlines = 0;
        while (true) {
            byte[] b = buf;
            int lim = limit;
            while (scan < lim) {
                byte c = b[scan];
                if (c == '\n') {
                    if (!inQuotes) {
                        break;
                    }
                    innerNewlines++;
                } else if (c == '"') {
                    inQuotes = !inQuotes;
                }
                scan++;
            }
            if (scan < limit) {
                break;
            }
            if (eof) {
                if (scan == pos) {
                    return false;
                }
                if (inQuotes) {
                    throw new CumuloException(source + ", line " + (linesConsumed + 1)
                            + ": a quoted field is never closed (missing '\"')");
                }
                break;
            }
            int before = pos;
            fill();
            scan -= before - pos;
        }
        recStart = pos;
        recEnd = scan;
        if (recEnd > recStart && buf[recEnd - 1] == '\r') {
            recEnd--;
        }
        recLine = linesConsumed + 1;
        linesConsumed += 1 + innerNewlines;
        pos = scan < limit ? scan + 1 : scan;
        return true;
    }

    // ---- fields ----

    private byte detectDelimiter() {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean q = false;
        for (int i = recStart; i < recEnd; i++) {
            byte c = buf[i];
            if (c == '"') {
                q = !q;
            } else if (!q) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semi++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (comma >= semi && comma >= tab) {
            return ',';
        }
        return tab >= semi ? (byte) '\t' : (byte) ';';
    }

    private List<String> parseHeader() {
        List<String> names = new ArrayList<>();
        int p = recStart;
        while (true) {
            int[] span = nextField(p, -1, null);
            String name = new String(span[2] == 1 ? scratch : buf, span[0], span[1] - span[0], StandardCharsets.UTF_8).trim();
            if (name.isEmpty()) {
                name = "column_" + (names.size() + 1);
            }
            names.add(name);
            p = span[3];
            if (p >= recEnd) {
                break;
            }
            p++;
            if (p == recEnd) {
                names.add("column_" + (names.size() + 1));
                break;
            }
        }
        Dataset.requireDistinct(names, source);
        return names;
    }

    private static boolean headerLooksNumeric(List<String> header) {
        for (String h : header) {
            byte[] b = h.getBytes(StandardCharsets.ISO_8859_1);
            if (Double.isNaN(NumberParser.parse(b, 0, b.length))) {
                return false;
            }
        }
        return true;
    }

    private final int[] span = new int[4];

    /**
     * Finds the field starting at {@code p}: returns {start, end, inScratch (0/1), next} where next is the
     * index of the delimiter after it or {@code recEnd}. Quoted fields with doubled quotes are unescaped into
     * {@link #scratch}. {@code column} (may be -1) and {@code header} only serve error messages.
     */
    private int[] nextField(int p, int column, List<String> header) {
        byte[] b = buf;
        int end = recEnd;
        byte delim = delimiter;
        while (p < end && (b[p] == ' ' || (b[p] == '\t' && delim != '\t'))) {
            p++;
        }
        if (p < end && b[p] == '"') {
            int q = p + 1;
            int out = 0;
            boolean escaped = false;
            while (true) {
                if (q >= end) {
                    throw new CumuloException(source + ", line " + recLine + describeColumn(column, header)
                            + ": a quoted field is never closed (missing '\"')");
                }
                if (b[q] == '"') {
                    if (q + 1 < end && b[q + 1] == '"') {
                        escaped = true;
                        q += 2;
                        continue;
                    }
                    break;
                }
                q++;
            }
            int contentStart = p + 1;
            int contentEnd = q;
            int next = q + 1;
            while (next < end && (b[next] == ' ' || (b[next] == '\t' && delim != '\t'))) {
                next++;
            }
            if (next < end && b[next] != delim) {
                throw new CumuloException(source + ", line " + recLine + describeColumn(column, header)
                        + ": unexpected text after a closing quote");
            }
            if (escaped) {
                if (scratch.length < contentEnd - contentStart) {
                    scratch = new byte[Math.max(scratch.length * 2, contentEnd - contentStart)];
                }
                for (int i = contentStart; i < contentEnd; i++) {
                    scratch[out++] = b[i];
                    if (b[i] == '"') {
                        i++;
                    }
                }
                span[0] = 0;
                span[1] = out;
                span[2] = 1;
            } else {
                span[0] = contentStart;
                span[1] = contentEnd;
                span[2] = 0;
            }
            span[3] = next;
            trimSpan();
            return span;
        }
        int s = p;
        while (p < end && b[p] != delim) {
            p++;
        }
        span[0] = s;
        span[1] = p;
        span[2] = 0;
        span[3] = p;
        trimSpan();
        return span;
    }

    private void trimSpan() {
        byte[] b = span[2] == 1 ? scratch : buf;
        while (span[1] > span[0] && (b[span[1] - 1] == ' ' || b[span[1] - 1] == '\t' || b[span[1] - 1] == '\r')) {
            span[1]--;
        }
        while (span[1] > span[0] && (b[span[0]] == ' ' || b[span[0]] == '\t')) {
            span[0]++;
        }
    }

    private static String describeColumn(int column, List<String> header) {
        return column < 0 || header == null || column >= header.size() ? "" : ", column '" + header.get(column) + "'";
    }

    private void parseRecord(ColumnSelection sel, TableAccumulator table, int ncols, MissingPolicy missing,
                             boolean decimalComma, List<String> header) {
        int base = table.beginRow();
        double[] data = table.data();
        int[] roles = sel.roles;
        int p = recStart;
        int col = 0;
        while (true) {
            int role = col < ncols ? roles[col] : ColumnSelection.SKIP;
            int next;
            if (role == ColumnSelection.SKIP) {
                next = skipField(p);
            } else {
                int[] f = nextField(p, col, header);
                byte[] src = f[2] == 1 ? scratch : buf;
                next = f[3];
                if (role >= 0) {
                    data[base + role] = cell(src, f[0], f[1], col, header, missing, decimalComma, table);
                } else if (role == ColumnSelection.LABEL) {
                    table.setLabel(new String(src, f[0], f[1] - f[0], StandardCharsets.UTF_8));
                } else {
                    table.setWeight(cell(src, f[0], f[1], col, header, missing, decimalComma, table));
                }
            }
            col++;
            if (next >= recEnd) {
                break;
            }
            p = next + 1;
            if (p == recEnd) {
                // a trailing delimiter ends with one more (empty) field
                if (col < ncols && roles[col] != ColumnSelection.SKIP) {
                    int role2 = roles[col];
                    if (role2 >= 0) {
                        data[base + role2] = cell(buf, p, p, col, header, missing, decimalComma, table);
                    } else if (role2 == ColumnSelection.LABEL) {
                        table.setLabel("");
                    } else {
                        table.setWeight(cell(buf, p, p, col, header, missing, decimalComma, table));
                    }
                }
                col++;
                break;
            }
        }
        if (col != ncols) {
            throw new CumuloException(source + ", line " + recLine + ": expected " + ncols
                    + " fields as in the header, found " + col);
        }
        table.endRow();
    }

    /** Skips an unselected field cheaply; returns the index of the delimiter after it, or recEnd. */
    private int skipField(int p) {
        byte[] b = buf;
        int end = recEnd;
        byte delim = delimiter;
        int s = p;
        while (s < end && b[s] == ' ') {
            s++;
        }
        if (s < end && b[s] == '"') {
            return nextField(p, -1, null)[3];
        }
        while (p < end && b[p] != delim) {
            p++;
        }
        return p;
    }

    private double cell(byte[] b, int s, int e, int col, List<String> header, MissingPolicy missing,
                        boolean decimalComma, TableAccumulator table) {
        double v = NumberParser.parse(b, s, e);
        if (Double.isNaN(v)) {
            if (NumberParser.isMissingToken(b, s, e)) {
                if (missing == MissingPolicy.ERROR) {
                    String found = s == e ? "an empty cell" : "\"" + new String(b, s, e - s, StandardCharsets.UTF_8) + "\"";
                    throw new CumuloException(source + ", line " + recLine + ", column '" + header.get(col)
                            + "': missing value (" + found + "); use --missing drop or --missing mean to handle missing values");
                }
                table.markMissing();
                return Double.NaN;
            }
            if (decimalComma) {
                v = parseDecimalComma(b, s, e);
            }
            if (Double.isNaN(v)) {
                String text = new String(b, s, Math.min(e - s, 60), StandardCharsets.UTF_8);
                throw new CumuloException(source + ", line " + recLine + ", column '" + header.get(col)
                        + "': expected a number, found \"" + text + "\"" + (e - s > 60 ? "..." : "")
                        + " (name a text column with --label-column or leave it out with --drop-columns)");
            }
        }
        if (Double.isInfinite(v)) {
            throw new CumuloException(source + ", line " + recLine + ", column '" + header.get(col) + "': value \""
                    + new String(b, s, e - s, StandardCharsets.UTF_8) + "\" is not a finite number");
        }
        return v;
    }

    private double parseDecimalComma(byte[] b, int s, int e) {
        int commas = 0;
        for (int i = s; i < e; i++) {
            if (b[i] == ',') {
                commas++;
            } else if (b[i] == '.') {
                return Double.NaN;
            }
        }
        if (commas != 1) {
            return Double.NaN;
        }
        byte[] t = Arrays.copyOfRange(b, s, e);
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ',') {
                t[i] = '.';
            }
        }
        return NumberParser.parse(t, 0, t.length);
    }
}

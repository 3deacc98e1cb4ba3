package io.cumulo.data;

import io.cumulo.CumuloException;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a delimited text table with a header row into a {@link Dataset}, streaming: bytes go from a fixed
 * buffer straight into the numeric matrix, so a file much larger than the text it would make as Strings
 * reads in one pass with memory for the numbers only. Each numeric cell is parsed and delimited in a single
 * scan; large plain files are first counted (a fast scan for line breaks) so that the matrix is allocated
 * once at its final size rather than grown and trimmed, which would need twice its memory.
 *
 * <p>Format: first line is the header; delimiter comma, semicolon or tab, detected from the header unless
 * given; RFC 4180 quoting (a field that starts with '"' may hold delimiters, doubled quotes and line
 * breaks); blank lines are skipped; surrounding spaces are trimmed; a trailing delimiter at the end of a line
 * is allowed; a UTF-8 byte-order mark is ignored; gzip-compressed files are decompressed. With semicolon or
 * tab delimiters a decimal comma ({@code 3,14}) is read as a decimal point. Errors name the file, the line
 * (1-based, counting the header; a record's first line) and the column.
 */
public final class CsvDatasetReader {
    private static final int BUFFER_SIZE = 1 << 20;
    /** A record (or a quoted field) longer than this is taken as a missing closing quote. */
    private static final int MAX_RECORD_BYTES = 1 << 28;
    /** Plain files at least this large are counted first so the matrix is allocated once, at its exact size. */
    static final long PRECOUNT_MIN_BYTES = 16L << 20;

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int NEED_MORE = -1;
    private static final int END = -2;
    private static final int BLANK = -3;

    private final InputStream in;
    private final String source;
    private byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int limit;
    private boolean eof;
    /** Bytes of input before {@code buf[0]}. */
    private long bytesConsumed;
    /** Lines of input before {@code pos}. */
    private long linesConsumed;

    // the header record, and the record being parsed
    private int recStart;
    private int recEnd;
    private long recLine;

    private byte delimiter;
    private byte altPoint = '.';
    private List<String> header;
    private int ncols;
    private final NumberParser number = new NumberParser();

    // the field found by scanField
    private byte[] scratch = new byte[256];
    private int fieldStart;
    private int fieldEnd;
    private boolean fieldInScratch;
    private int fieldNewlines;

    private CsvDatasetReader(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Reads a file (plain or gzip-compressed). */
    public static Dataset read(Path path, ReadOptions options) {
        return read(path, options, null, s -> { });
    }

    static Dataset read(Path path, ReadOptions options, String defaultLabel, Consumer<String> notes) {
        return read(path, options, defaultLabel, notes, PRECOUNT_MIN_BYTES);
    }

    /** As above; plain files of at least {@code precountMinBytes} bytes have their rows counted first. */
    static Dataset read(Path path, ReadOptions options, String defaultLabel, Consumer<String> notes,
                        long precountMinBytes) {
        String source = path.toString();
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = new BufferedInputStream(raw, 2);
            boolean gzip = isGzip(in);
            long size = gzip ? -1 : Files.size(path);
            long expectedRows = -1;
            if (!gzip && size >= precountMinBytes) {
                expectedRows = countDataRows(path);
            }
            CsvDatasetReader r = new CsvDatasetReader(gzip ? new GZIPInputStream(in, 1 << 16) : in, source);
            return r.readAll(size, expectedRows, options, defaultLabel, notes);
        } catch (NoSuchFileException e) {
            throw new CumuloException(source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CumuloException(source + ": permission denied");
        } catch (ZipException e) {
            throw new CumuloException(source + ": not a valid gzip file (" + e.getMessage() + ")");
        } catch (EOFException e) {
            throw new CumuloException(source + ": the compressed data end early (truncated gzip file?)");
        } catch (IOException e) {
            throw new CumuloException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /**
     * The column names of a delimited file's header row (plain or gzip-compressed), with the delimiter detected
     * as when reading the file, or {@code delimiter} when given.
     */
    public static List<String> readHeader(Path path, Character delimiter) {
        String source = path.toString();
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = new BufferedInputStream(raw, 2);
            boolean gzip = isGzip(in);
            CsvDatasetReader r = new CsvDatasetReader(gzip ? new GZIPInputStream(in, 1 << 16) : in, source);
            r.start(delimiter, " is empty; expected a header row");
            return List.copyOf(r.header);
        } catch (NoSuchFileException e) {
            throw new CumuloException(source + ": no such file");
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
        try (InputStream raw = Files.newInputStream(path)) {
            InputStream in = new BufferedInputStream(raw, 2);
            boolean gzip = isGzip(in);
            CsvDatasetReader r = new CsvDatasetReader(gzip ? new GZIPInputStream(in, 1 << 16) : in, source);
            r.start(null, " is empty; expected a header row and labels");
            List<String> header = r.header;
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
            while (r.readRow(sel, table, MissingPolicy.ERROR)) {
                // rows go into the table
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
        return new CsvDatasetReader(in, source).readAll(sizeHint, -1, options, defaultLabel, notes);
    }

    /** Skips a byte-order mark, finds the header and the delimiter, and parses the column names. */
    private void start(Character explicitDelimiter, String emptyMessage) throws IOException {
        while (limit < 3 && !eof) {
            fill();
        }
        if (limit >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3;
        }
        rejectBinary();
        if (!nextHeaderRecord(explicitDelimiter)) {
            throw new CumuloException(source + emptyMessage);
        }
        delimiter = explicitDelimiter != null ? (byte) (char) explicitDelimiter : detectDelimiter();
        altPoint = delimiter == ';' || delimiter == '\t' ? (byte) ',' : (byte) '.';
        header = parseHeader();
        ncols = header.size();
    }

    /** A binary file read as text would give a baffling error on its first "line"; say what it is instead. */
    private void rejectBinary() {
        int n = Math.min(limit, 4096);
        String kind = null;
        if (n >= 4 && buf[0] == 'P' && buf[1] == 'K' && buf[2] == 3 && buf[3] == 4) {
            kind = "a zip archive (an .npz or .xlsx file?); save the array with numpy.save as .npy, or the table as CSV";
        } else if (n >= 4 && buf[0] == 'P' && buf[1] == 'A' && buf[2] == 'R' && buf[3] == '1') {
            kind = "a Parquet file, which this version does not read; export it as CSV";
        } else {
            for (int i = pos; i < n; i++) {
                if (buf[i] == 0) {
                    kind = "a binary file, not a text table; expected CSV/TSV text with a header row, a .npy file or builtin:NAME";
                    break;
                }
            }
        }
        if (kind != null) {
            throw new CumuloException(source + ": looks like " + kind);
        }
    }

    private Dataset readAll(long sizeHint, long expectedRows, ReadOptions options, String defaultLabel,
                            Consumer<String> notes) throws IOException {
        start(options.delimiter(), " is empty; expected a header row and data rows");
        if (headerLooksNumeric(header)) {
            notes.accept(source + ": the first line looks like numbers, not column names; it is read as the header");
        }
        ColumnSelection sel = ColumnSelection.resolve(header, options, defaultLabel, source);
        long headerBytes = bytesConsumed + pos;
        boolean exact = expectedRows >= 0 && expectedRows < Integer.MAX_VALUE;
        int initialRows;
        if (exact) {
            initialRows = (int) expectedRows;
        } else {
            // start small for wide tables (1024 rows of 150,000 columns would be 1.2 GB), and never above
            // what the file can hold: every field takes at least one byte (its delimiter or line break)
            long rows = Math.min(1024, Math.max(16, (4L << 20) / Math.max(1, sel.featureCount())));
            if (sizeHint > 0) {
                rows = Math.min(rows, sizeHint / ncols + 1);
            }
            initialRows = (int) rows;
        }
        TableAccumulator table = new TableAccumulator(sel, source, initialRows);
        if (sizeHint > 0 && !exact) {
            // when the matrix is full, size it from the bytes per row seen so far rather than by a fixed factor
            table.growth(rows -> {
                long used = bytesConsumed + pos - headerBytes;
                double perRow = Math.max(1.0, used / (double) Math.max(1, rows));
                long expected = (long) ((sizeHint - headerBytes) / perRow * 1.02) + 16;
                return Math.max(expected, rows + rows / 8 + 16);
            });
        }
        MissingPolicy missing = options.missing();
        while (readRow(sel, table, missing)) {
            // rows go into the table
        }
        return table.finish(missing, options.fillValues(), notes);
    }

    // ---- counting ----

    /**
     * The number of data records (non-blank records after the header) in a plain file, by a fast scan for
     * line breaks outside quotes. Only sizes the matrix, so it may be off for odd files (lines of spaces,
     * quotes in the middle of fields); the reader then grows or trims the matrix as usual.
     */
    static long countDataRows(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] a = new byte[BUFFER_SIZE];
            long records = 0;
            boolean inQuotes = false;
            boolean content = false;
            int n;
            while ((n = in.readNBytes(a, 0, a.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (!inQuotes) {
                        // whole words while there is neither a line break nor a quote
                        while (i + 8 <= n) {
                            long w = (long) LITTLE_ENDIAN_LONG.get(a, i);
                            if (hasByte(w, 0x0A0A0A0A0A0A0A0AL) || hasByte(w, 0x2222222222222222L)) {
                                break;
                            }
                            content = true;
                            i += 8;
                        }
                        if (i >= n) {
                            break;
                        }
                    }
                    byte c = a[i];
                    if (inQuotes) {
                        inQuotes = c != '"';
                    } else if (c == '\n') {
                        if (content) {
                            records++;
                        }
                        content = false;
                    } else if (c == '"') {
                        inQuotes = true;
                        content = true;
                    } else if (c != ' ' && c != '\t' && c != '\r') {
                        content = true;
                    }
                }
            }
            if (content) {
                records++;
            }
            return Math.max(0, records - 1);
        }
    }

    private static boolean hasByte(long word, long pattern) {
        long x = word ^ pattern;
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    // ---- buffer management ----

    /**
     * Reads more input after {@code limit}, first moving the unread bytes {@code [pos, limit)} to the front of
     * the buffer (or growing the buffer when they fill it). Reads until the buffer is full or the input ends.
     */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bytesConsumed += pos;
            recStart -= pos;
            recEnd -= pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= MAX_RECORD_BYTES) {
                throw new CumuloException(source + ", line " + (linesConsumed + 1) + ": a record longer than "
                        + (MAX_RECORD_BYTES >> 20) + " MiB; a quoted field is probably never closed (missing '\"')");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
        }
    }

    private boolean isBlank(int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    // ---- header ----

    /**
     * Finds the header: the first non-blank record, with {@code [recStart, recEnd)} its text without the line
     * break. A '"' opens a quoted field only at the start of a field (fields are split at the given delimiter,
     * or at any of ',', ';' and tab while it is not known yet). False when the input is empty.
     */
    private boolean nextHeaderRecord(Character explicitDelimiter) throws IOException {
        while (true) {
            if (pos >= limit) {
                if (eof) {
                    return false;
                }
                fill();
                continue;
            }
            boolean inQuotes = false;
            boolean atFieldStart = true;
            int newlines = 0;
            int end = -1;
            boolean needMore = false;
            for (int i = pos; i < limit; i++) {
                byte c = buf[i];
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 >= limit && !eof) {
                            needMore = true; // a doubled quote or a closing one: the next byte decides
                            break;
                        }
                        if (i + 1 < limit && buf[i + 1] == '"') {
                            i++;
                        } else {
                            inQuotes = false;
                            atFieldStart = false;
                        }
                    } else if (c == '\n') {
                        newlines++;
                    }
                } else if (c == '\n') {
                    end = i;
                    break;
                } else if (c == '"' && atFieldStart) {
                    inQuotes = true;
                } else if (explicitDelimiter != null ? c == explicitDelimiter : c == ',' || c == ';' || c == '\t') {
                    atFieldStart = true;
                } else if (c != ' ') {
                    atFieldStart = false;
                }
            }
            if (end < 0) {
                if (needMore || !eof) {
                    fill();
                    continue;
                }
                if (inQuotes) {
                    throw new CumuloException(source + ", line " + (linesConsumed + 1)
                            + ": a quoted field in the header is never closed (missing '\"')");
                }
                end = limit;
            }
            recStart = pos;
            recEnd = end > recStart && buf[end - 1] == '\r' ? end - 1 : end;
            recLine = linesConsumed + 1;
            linesConsumed += 1 + newlines;
            pos = end < limit ? end + 1 : end;
            if (!isBlank(recStart, recEnd)) {
                return true;
            }
        }
    }

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

    /**
     * The column names. Empty names become {@code column_N}; an empty last name (the header line ends with a
     * delimiter) is dropped, and data lines may then end with a delimiter too.
     */
    private List<String> parseHeader() {
        List<String> names = new ArrayList<>();
        int p = recStart;
        while (true) {
            int t = scanField(p, recEnd, true, -1);
            names.add(new String(fieldBytes(), fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8).trim());
            if (t >= recEnd) {
                break;
            }
            p = t + 1;
        }
        if (names.size() > 1 && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                names.set(i, "column_" + (i + 1));
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

    // ---- fields ----

    private byte[] fieldBytes() {
        return fieldInScratch ? scratch : buf;
    }

    /**
     * Finds the field starting at {@code p} in {@code buf[p, end)}: sets {@link #fieldStart}, {@link #fieldEnd}
     * (trimmed), {@link #fieldInScratch} (a quoted field with doubled quotes is unescaped into
     * {@link #scratch}) and {@link #fieldNewlines}, and returns the index of the delimiter or line break after
     * it, or {@code end}. Returns {@link #NEED_MORE} when the field may continue past {@code end} and
     * {@code last} is false ({@code end} is then the end of the bytes read so far, not of the input).
     * {@code column} (-1 for none) only serves error messages.
     */
    private int scanField(int p, int end, boolean last, int column) {
        byte[] b = buf;
        byte delim = delimiter;
        int s = p;
        while (s < end && (b[s] == ' ' || (b[s] == '\t' && delim != '\t'))) {
            s++;
        }
        fieldNewlines = 0;
        if (s < end && b[s] == '"') {
            int q = s + 1;
            boolean escaped = false;
            int newlines = 0;
            while (true) {
                if (q >= end) {
                    if (!last) {
                        return NEED_MORE;
                    }
                    throw new CumuloException(source + ", line " + recLine + describeColumn(column)
                            + ": a quoted field is never closed (missing '\"')");
                }
                byte c = b[q];
                if (c == '"') {
                    if (q + 1 >= end && !last) {
                        return NEED_MORE;
                    }
                    if (q + 1 < end && b[q + 1] == '"') {
                        escaped = true;
                        q += 2;
                        continue;
                    }
                    break;
                }
                if (c == '\n') {
                    newlines++;
                }
                q++;
            }
            int t = q + 1;
            while (t < end && (b[t] == ' ' || b[t] == '\r' || (b[t] == '\t' && delim != '\t'))) {
                t++;
            }
            if (t >= end) {
                if (!last) {
                    return NEED_MORE;
                }
            } else if (b[t] != delim && b[t] != '\n') {
                throw new CumuloException(source + ", line " + recLine + describeColumn(column)
                        + ": unexpected text after a closing quote: " + quote(b, t, Math.min(end, t + 20)));
            }
            fieldNewlines = newlines;
            if (escaped) {
                if (scratch.length < q - s) {
                    scratch = new byte[Math.max(scratch.length * 2, q - s)];
                }
                int out = 0;
                for (int i = s + 1; i < q; i++) {
                    scratch[out++] = b[i];
                    if (b[i] == '"') {
                        i++;
                    }
                }
                fieldStart = 0;
                fieldEnd = out;
                fieldInScratch = true;
            } else {
                fieldStart = s + 1;
                fieldEnd = q;
                fieldInScratch = false;
            }
            trimField();
            return t;
        }
        int q = s;
        while (q < end && b[q] != delim && b[q] != '\n') {
            q++;
        }
        if (q >= end && !last) {
            return NEED_MORE;
        }
        fieldStart = s;
        fieldEnd = q;
        fieldInScratch = false;
        trimField();
        return q;
    }

    private void trimField() {
        byte[] b = fieldBytes();
        while (fieldEnd > fieldStart
                && (b[fieldEnd - 1] == ' ' || b[fieldEnd - 1] == '\t' || b[fieldEnd - 1] == '\r')) {
            fieldEnd--;
        }
        while (fieldEnd > fieldStart && (b[fieldStart] == ' ' || b[fieldStart] == '\t')) {
            fieldStart++;
        }
    }

    /** Skips a field that is not read; returns as {@link #scanField} does. */
    private int skipField(int p, int end, boolean last) {
        byte[] b = buf;
        byte delim = delimiter;
        int s = p;
        while (s < end && (b[s] == ' ' || (b[s] == '\t' && delim != '\t'))) {
            s++;
        }
        if (s < end && b[s] == '"') {
            return scanField(p, end, last, -1);
        }
        fieldNewlines = 0;
        while (s < end && b[s] != delim && b[s] != '\n') {
            s++;
        }
        return s >= end && !last ? NEED_MORE : s;
    }

    // ---- rows ----

    /** Parses the next data row into {@code table}; false at the end of the input. */
    private boolean readRow(ColumnSelection sel, TableAccumulator table, MissingPolicy missing) throws IOException {
        while (true) {
            int r = tryRow(sel, table, missing);
            if (r == END) {
                return false;
            }
            if (r == NEED_MORE) {
                fill();
            } else if (r != BLANK) {
                return true;
            }
        }
    }

    /**
     * Parses the record at {@code pos} if the buffer holds all of it: returns the new position (and stores the
     * row), {@link #BLANK} for a blank line, {@link #END} at the end of the input, or {@link #NEED_MORE} when
     * the record runs past the bytes read so far (nothing is then committed: the caller reads more and asks
     * again).
     */
    private int tryRow(ColumnSelection sel, TableAccumulator table, MissingPolicy missing) {
        byte[] b = buf;
        int lim = limit;
        boolean last = eof;
        int p = pos;
        int s = p;
        while (s < lim && (b[s] == ' ' || b[s] == '\t' || b[s] == '\r')) {
            s++;
        }
        if (s >= lim) {
            if (!last) {
                return NEED_MORE;
            }
            pos = lim;
            return END;
        }
        if (b[s] == '\n') {
            linesConsumed++;
            pos = s + 1;
            return BLANK;
        }
        recLine = linesConsumed + 1;
        int base = table.beginRow();
        double[] data = table.data();
        int[] roles = sel.roles;
        int n = ncols;
        byte delim = delimiter;
        NumberParser num = number;
        int newlines = 0;
        String label = null;
        int col = 0;
        int extraStart = -1;
        int extraEnd = -1;
        while (true) {
            int role = col < n ? roles[col] : ColumnSelection.SKIP;
            int t;
            if (role >= 0 || role == ColumnSelection.WEIGHT) {
                double v = num.scan(b, p, lim, altPoint);
                int e = num.end;
                t = e;
                while (t < lim && (b[t] == ' ' || b[t] == '\r')) {
                    t++;
                }
                if (t >= lim && !last) {
                    return NEED_MORE;
                }
                if (e == p || (t < lim && b[t] != delim && b[t] != '\n')) {
                    // not a plain number: find the field and see what it is
                    t = scanField(p, lim, last, col);
                    if (t == NEED_MORE) {
                        return NEED_MORE;
                    }
                    newlines += fieldNewlines;
                    v = cell(fieldBytes(), fieldStart, fieldEnd, col, missing);
                    if (Double.isNaN(v)) {
                        table.markMissing();
                    }
                } else if (Double.isInfinite(v)) {
                    throw notFinite(b, p, e, col);
                }
                if (role >= 0) {
                    data[base + role] = v;
                } else {
                    table.setWeight(weight(v, col, missing));
                }
            } else if (role == ColumnSelection.LABEL) {
                t = scanField(p, lim, last, col);
                if (t == NEED_MORE) {
                    return NEED_MORE;
                }
                newlines += fieldNewlines;
                label = new String(fieldBytes(), fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8);
            } else {
                t = skipField(p, lim, last);
                if (t == NEED_MORE) {
                    return NEED_MORE;
                }
                newlines += fieldNewlines;
                if (col == n) {
                    extraStart = p;
                    extraEnd = t;
                }
            }
            col++;
            if (t >= lim) {
                p = lim;
                break;
            }
            if (b[t] == '\n') {
                p = t + 1;
                break;
            }
            p = t + 1; // past the delimiter
        }
        if (col != n && !(col == n + 1 && isBlank(extraStart, extraEnd))) {
            throw new CumuloException(source + ", line " + recLine + ": expected " + n
                    + " fields as in the header, found " + col);
        }
        if (label != null) {
            table.setLabel(label);
        }
        table.endRow();
        linesConsumed += 1 + newlines;
        pos = p;
        return p;
    }

    private String describeColumn(int column) {
        return column < 0 || header == null || column >= header.size() ? ""
                : ", column '" + printable(header.get(column)) + "'";
    }

    /** A feature or weight cell that is not a plain number: missing, a decimal comma, or an error. */
    private double cell(byte[] b, int s, int e, int col, MissingPolicy missing) {
        double v = NumberParser.parse(b, s, e);
        if (Double.isNaN(v)) {
            if (NumberParser.isMissingToken(b, s, e)) {
                if (missing == MissingPolicy.ERROR) {
                    String found = s == e ? "an empty cell" : quote(b, s, e);
                    throw new CumuloException(source + ", line " + recLine + describeColumn(col)
                            + ": missing value (" + found
                            + "); use --missing drop or --missing mean to handle missing values");
                }
                return Double.NaN;
            }
            if (altPoint != '.') {
                v = parseDecimalComma(b, s, e);
            }
            if (Double.isNaN(v)) {
                throw new CumuloException(source + ", line " + recLine + describeColumn(col)
                        + ": expected a number, found " + quote(b, s, e)
                        + " (name a text column with --label-column or leave it out with --drop-columns)");
            }
        }
        if (Double.isInfinite(v)) {
            throw notFinite(b, s, e, col);
        }
        return v;
    }

    private CumuloException notFinite(byte[] b, int s, int e, int col) {
        return new CumuloException(source + ", line " + recLine + describeColumn(col) + ": value " + quote(b, s, e)
                + " is not a finite number");
    }

    /** A weight: finite and ≥ 0; missing only where rows with missing values are dropped. */
    private double weight(double v, int col, MissingPolicy missing) {
        if (Double.isNaN(v)) {
            if (missing != MissingPolicy.DROP) {
                throw new CumuloException(source + ", line " + recLine + describeColumn(col)
                        + ": missing weight; weights cannot be imputed (use --missing drop to leave such rows out)");
            }
        } else if (v < 0) {
            throw new CumuloException(source + ", line " + recLine + describeColumn(col) + ": weight " + v
                    + " is negative; weights must be finite numbers ≥ 0");
        }
        return v;
    }

    /** The text in double quotes, cut at 60 characters, with line breaks and other control characters escaped. */
    private static String quote(byte[] b, int s, int e) {
        String text = new String(b, s, Math.min(e - s, 60), StandardCharsets.UTF_8);
        return "\"" + printable(text) + "\"" + (e - s > 60 ? "..." : "");
    }

    /** {@code s} with control characters escaped, so that it fits in a one-line message. */
    static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                        : String.format("\\x%02x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static double parseDecimalComma(byte[] b, int s, int e) {
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

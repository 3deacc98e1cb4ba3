package io.cumulo.data;

import io.cumulo.CumuloException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1–3): 2-D float64 or float32 matrices in C or Fortran
 * order as data (integer and boolean arrays are accepted too), and 1-D vectors (numbers, or fixed-width
 * unicode or byte strings) as labels. Data go from the file into the matrix in large blocks; nothing else is held.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*('([^']*)'|\\[)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** The header of an .npy file. */
    static final class Header {
        final String descr;
        final boolean fortran;
        final long[] shape;
        final long dataOffset;
        final ByteOrder order;
        final char kind;
        final int itemSize;

        Header(String descr, boolean fortran, long[] shape, long dataOffset, String source) {
            this.descr = descr;
            this.fortran = fortran;
            this.shape = shape;
            this.dataOffset = dataOffset;
            char o = descr.charAt(0);
            this.order = o == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            this.kind = descr.charAt(1);
            try {
                this.itemSize = Integer.parseInt(descr.substring(2));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new CumuloException(source + ": unsupported .npy data type '" + descr + "'");
            }
        }

        long count() {
            long c = 1;
            for (long s : shape) {
                c *= s;
            }
            return c;
        }
    }

    static Header readHeader(FileChannel ch, String source) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate((int) Math.min(12, ch.size())).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0, source);
        pre.flip();
        byte[] magic = new byte[Math.min(6, pre.remaining())];
        pre.get(magic);
        byte[] expected = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        if (!Arrays.equals(magic, Arrays.copyOf(expected, magic.length)) || magic.length == 0) {
            throw new CumuloException(source + ": not a NumPy .npy file (bad magic bytes)");
        }
        if (pre.remaining() < 4) {
            throw new CumuloException(source + ": file ends early (truncated .npy file)");
        }
        int major = pre.get() & 0xff;
        pre.get();
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = pre.getShort() & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 4) {
                throw new CumuloException(source + ": file ends early (truncated .npy file)");
            }
            headerLen = pre.getInt() & 0xffffffffL;
            prefix = 12;
        } else {
            throw new CumuloException(source + ": unsupported .npy format version " + major);
        }
        if (prefix + headerLen > ch.size()) {
            throw new CumuloException(source + ": file ends early (truncated .npy file: the header alone needs "
                    + (prefix + headerLen) + " bytes, the file has " + ch.size() + ")");
        }
        if (headerLen > (1 << 20)) {
            throw new CumuloException(source + ": the .npy header claims " + headerLen + " bytes; the file is damaged");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        readFully(ch, hb, prefix, source);
        String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new CumuloException(source + ": .npy header is not understood: " + header.trim());
        }
        if (d.group(2) == null) {
            throw new CumuloException(source + ": structured .npy arrays (record dtypes) are not supported; save a plain 2-D numeric array");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.trim().isEmpty()) {
                dims.add(Long.parseLong(part.trim().replace("L", "")));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        String descr = d.group(2);
        if (descr.length() < 3) {
            throw new CumuloException(source + ": unsupported .npy data type '" + descr + "'");
        }
        return new Header(descr, f.group(1).equals("True"), shape, prefix + headerLen, source);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at, String source) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new CumuloException(source + ": file ends early (truncated .npy file)");
            }
            p += n;
        }
    }

    /** Reads a 2-D array as a table of features named {@code x0, x1, ...}. */
    static Dataset read(Path path, ReadOptions options, Consumer<String> notes) {
        String source = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header h = readHeader(ch, source);
            if (h.shape.length != 2) {
                throw new CumuloException(source + ": expected a 2-D array (rows x features), found shape "
                        + Arrays.toString(h.shape));
            }
            long rows = h.shape[0];
            long cols = h.shape[1];
            if (rows == 0 || cols == 0) {
                throw new CumuloException(source + ": the array is empty (shape " + rows + " x " + cols + ")");
            }
            requireSize(ch, h, source);
            if (rows * cols > Integer.MAX_VALUE - 16) {
                throw new CumuloException(source + ": too large: " + rows + " x " + cols
                        + " values do not fit one Java array (at most " + (Integer.MAX_VALUE - 16) + ")");
            }
            double[] all = readValues(ch, h, (int) (rows * cols), source);
            if (h.fortran) {
                double[] t = new double[all.length];
                int r = (int) rows;
                int c = (int) cols;
                for (int j = 0; j < c; j++) {
                    for (int i = 0; i < r; i++) {
                        t[i * c + j] = all[j * r + i];
                    }
                }
                all = t;
            }
            List<String> header = Dataset.defaultNames((int) cols);
            ColumnSelection sel = ColumnSelection.resolve(header, options, null, source);
            if (selectsEverything(sel) && allFinite(all)) {
                // the common case: the whole array is the feature matrix, so keep it without a copy
                return Dataset.trusted(all, (int) rows, (int) cols, header, null, null, null, null, (int) rows, source);
            }
            TableAccumulator table = new TableAccumulator(sel, source, (int) rows);
            int c = (int) cols;
            for (int i = 0; i < rows; i++) {
                int base = table.beginRow();
                double[] data = table.data();
                for (int j = 0; j < c; j++) {
                    double v = all[i * c + j];
                    int role = sel.roles[j];
                    if (role == ColumnSelection.SKIP) {
                        continue;
                    }
                    if (Double.isInfinite(v)) {
                        throw new CumuloException(source + ": row " + i + " (0-based), column " + j + " ('"
                                + header.get(j) + "'): value " + v + " is not a finite number");
                    }
                    if (Double.isNaN(v) && role != ColumnSelection.LABEL) {
                        if (options.missing() == MissingPolicy.ERROR) {
                            throw new CumuloException(source + ": row " + i + " (0-based), column " + j + " ('"
                                    + header.get(j) + "'): missing value (NaN); use --missing drop or --missing mean to handle missing values");
                        }
                        table.markMissing();
                    }
                    if (role >= 0) {
                        data[base + role] = v;
                    } else if (role == ColumnSelection.LABEL) {
                        table.setLabel(formatLabel(v));
                    } else {
                        table.setWeight(v);
                    }
                }
                table.endRow();
            }
            return table.finish(options.missing(), options.fillValues(), notes);
        } catch (NoSuchFileException e) {
            throw new CumuloException(source + ": no such file");
        } catch (IOException e) {
            throw new CumuloException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean selectsEverything(ColumnSelection sel) {
        for (int j = 0; j < sel.roles.length; j++) {
            if (sel.roles[j] != j) {
                return false;
            }
        }
        return true;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static String formatLabel(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void requireSize(FileChannel ch, Header h, String source) throws IOException {
        long expected = h.dataOffset + h.count() * h.itemSize;
        if (ch.size() < expected) {
            throw new CumuloException(source + ": file is truncated: the header promises " + h.count() + " values ("
                    + expected + " bytes) but the file has " + ch.size() + " bytes");
        }
    }

    /** Reads {@code count} numeric values converted to double. */
    private static double[] readValues(FileChannel ch, Header h, int count, String source) throws IOException {
        double[] out = new double[count];
        int item = h.itemSize;
        char k = h.kind;
        boolean supported = (k == 'f' && (item == 4 || item == 8)) || ((k == 'i' || k == 'u') && (item == 1 || item == 2 || item == 4 || item == 8))
                || (k == 'b' && item == 1);
        if (!supported) {
            throw new CumuloException(source + ": unsupported .npy data type '" + h.descr
                    + "'; expected float64 or float32 (integer and bool arrays also work)");
        }
        int perBlock = Math.max(1, (8 << 20) / item);
        ByteBuffer bb = ByteBuffer.allocateDirect(perBlock * item).order(h.order);
        long at = h.dataOffset;
        int done = 0;
        while (done < count) {
            int n = Math.min(perBlock, count - done);
            bb.clear();
            bb.limit(n * item);
            readFully(ch, bb, at, source);
            bb.flip();
            at += (long) n * item;
            if (k == 'f' && item == 8) {
                bb.asDoubleBuffer().get(out, done, n);
            } else if (k == 'f') {
                FloatBuffer fb = bb.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    out[done + i] = fb.get(i);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[done + i] = integerAt(bb, i * item, k, item);
                }
            }
            done += n;
        }
        return out;
    }

    private static double integerAt(ByteBuffer bb, int off, char kind, int item) {
        switch (item) {
            case 1:
                return kind == 'i' ? bb.get(off) : bb.get(off) & 0xff;
            case 2:
                return kind == 'i' ? bb.getShort(off) : bb.getShort(off) & 0xffff;
            case 4:
                return kind == 'i' ? bb.getInt(off) : bb.getInt(off) & 0xffffffffL;
            default:
                long v = bb.getLong(off);
                return kind == 'i' || v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
    }

    /**
     * Reads a 1-D array (or a 2-D array with one column) of labels: integers, floats or fixed-width unicode
     * strings.
     */
    static String[] readLabels(Path path) {
        String source = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header h = readHeader(ch, source);
            boolean vector = h.shape.length == 1 || (h.shape.length == 2 && h.shape[1] == 1);
            if (!vector) {
                throw new CumuloException(source + ": expected a 1-D array of labels, found shape "
                        + Arrays.toString(h.shape));
            }
            int n = (int) h.shape[0];
            String[] out = new String[n];
            if (h.kind == 'S') {
                // byte strings, zero-padded
                int bytes = h.itemSize;
                requireSizeBytes(ch, h.dataOffset + (long) bytes * n, source);
                ByteBuffer bb = ByteBuffer.allocate(bytes * n);
                readFully(ch, bb, h.dataOffset, source);
                byte[] a = bb.array();
                for (int i = 0; i < n; i++) {
                    int len = 0;
                    while (len < bytes && a[i * bytes + len] != 0) {
                        len++;
                    }
                    out[i] = new String(a, i * bytes, len, StandardCharsets.UTF_8);
                }
                return out;
            }
            if (h.kind == 'U') {
                int chars = h.itemSize;
                int bytes = chars * 4;
                ByteBuffer bb = ByteBuffer.allocate(bytes * n).order(h.order);
                requireSizeBytes(ch, h.dataOffset + (long) bytes * n, source);
                readFully(ch, bb, h.dataOffset, source);
                for (int i = 0; i < n; i++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c = 0; c < chars; c++) {
                        int cp = bb.getInt(i * bytes + c * 4);
                        if (cp == 0) {
                            break;
                        }
                        sb.appendCodePoint(cp);
                    }
                    out[i] = sb.toString();
                }
                return out;
            }
            requireSize(ch, h, source);
            double[] v = readValues(ch, h, n, source);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new CumuloException(source + ": label " + i + " (0-based) is " + v[i] + "; labels must be finite");
                }
                out[i] = formatLabel(v[i]);
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new CumuloException(source + ": no such file");
        } catch (IOException e) {
            throw new CumuloException(source + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static void requireSizeBytes(FileChannel ch, long expected, String source) throws IOException {
        if (ch.size() < expected) {
            throw new CumuloException(source + ": file is truncated (" + ch.size() + " bytes, expected " + expected + ")");
        }
    }
}

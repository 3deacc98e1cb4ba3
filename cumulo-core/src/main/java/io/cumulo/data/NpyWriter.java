package io.cumulo.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 2-D float64 matrix as a NumPy {@code .npy} file (format 1.0, little-endian, C order), which
 * {@code numpy.load} and R's {@code RcppCNPy} read back exactly. Written to a temporary file, then moved into place.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    /** Writes {@code rows × cols} values held row-major in {@code values}. */
    public static void write(Path p, double[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException(rows + " × " + cols + " values expected, got " + values.length);
        }
        AtomicFile.write(p, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                out.write(header(rows, cols));
                ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (double v : values) {
                    if (!b.hasRemaining()) {
                        out.write(b.array(), 0, b.position());
                        b.clear();
                    }
                    b.putDouble(v);
                }
                out.write(b.array(), 0, b.position());
            }
        });
    }

    /** Writes the rows of {@code m} (all of one length). */
    public static void write(Path p, double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] flat = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + m[i].length + " values, expected " + cols);
            }
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        write(p, flat, m.length, cols);
    }

    /** The magic, version 1.0, and a header padded with spaces so the data start on a 64-byte boundary. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 6 + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        StringBuilder h = new StringBuilder(dict);
        while (h.length() < total - 10 - 1) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length);
        b.put(text);
        return b.array();
    }
}

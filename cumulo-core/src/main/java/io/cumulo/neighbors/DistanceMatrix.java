package io.cumulo.neighbors;

import io.cumulo.CumuloException;
import io.cumulo.exec.ExecutionContext;

import java.util.Locale;

/**
 * All pairwise distances of {@code n} rows, rounded to float32 and stored as a full symmetric {@code n × n}
 * row-major array ({@code 4·n²} bytes), so that "the distances from row c to every row" is one contiguous
 * run of memory (what k-medoids' swap searches read). Each value is the float nearest {@link Distance#between};
 * the diagonal is 0. Immutable; {@link #values} hands out the backing array, which callers must not change.
 */
public final class DistanceMatrix {
    /** Rows per tile when filling the matrix: a tile pair stays in cache while it is mirrored. */
    private static final int TILE = 64;

    private final int n;
    private final float[] values;

    private DistanceMatrix(int n, float[] values) {
        this.n = n;
        this.values = values;
    }

    /** Rows (and columns). */
    public int n() {
        return n;
    }

    /** The distance between rows {@code i} and {@code j}. */
    public float get(int i, int j) {
        return values[i * n + j];
    }

    /** All {@code n × n} values, row-major; the backing array, not to be changed. */
    public float[] values() {
        return values;
    }

    /** Bytes the matrix of {@code n} rows takes. */
    public static long bytes(int n) {
        return 4L * n * n;
    }

    /**
     * Computes the distances between the {@code n} rows of {@code x} ({@code d} columns, row-major). Tiles
     * of the lower triangle are computed in parallel and mirrored; every value depends only on its two rows,
     * so the matrix is the same for any thread count.
     *
     * @param what names the computation in the out-of-memory message ("method=fasterpam")
     */
    public static DistanceMatrix compute(double[] x, int n, int d, Distance metric, ExecutionContext ctx, String what) {
        if ((long) n * n > Integer.MAX_VALUE - 8) {
            throw new CumuloException(what + ": " + n + " rows are too many for a distance matrix");
        }
        float[] m;
        try {
            m = new float[n * n];
        } catch (OutOfMemoryError e) {
            throw new CumuloException(what + " needs " + mb(bytes(n)) + " for the distances between " + n
                    + " rows, more than this JVM can allocate (at most " + mb(Runtime.getRuntime().maxMemory())
                    + " in all); raise the heap (-Xmx, or CUMULO_JAVA_OPTS for the cumulo command) or use "
                    + "method=fasterclara");
        }
        int tiles = (n + TILE - 1) / TILE;
        boolean[] overflow = new boolean[tiles];
        // tile row I holds I + 1 tiles: hand out the long rows first so the threads finish together
        ctx.parallelFor(tiles, t -> {
            boolean tooLarge = false;
            int ti = tiles - 1 - t;
            int i0 = ti * TILE;
            int i1 = Math.min(n, i0 + TILE);
            for (int tj = 0; tj <= ti; tj++) {
                int j0 = tj * TILE;
                int j1 = Math.min(n, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int jEnd = tj == ti ? i : j1;
                    int io = i * d;
                    int row = i * n;
                    for (int j = j0; j < jEnd; j++) {
                        float v = (float) metric.between(x, io, x, j * d, d);
                        tooLarge |= v == Float.POSITIVE_INFINITY;
                        m[row + j] = v;
                        m[j * n + i] = v;
                    }
                }
            }
            overflow[t] = tooLarge;
        });
        for (boolean o : overflow) {
            if (o) {
                throw new CumuloException(what + ": some " + metric.id() + " distances between rows exceed "
                        + "3.4e38, the range of the float32 distance matrix; scale the data (--scale standard)");
            }
        }
        return new DistanceMatrix(n, m);
    }

    /** A size for messages: MB, or GB with one decimal from 1 GB. */
    public static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : (bytes + (1 << 20) - 1 >> 20) + " MB";
    }
}

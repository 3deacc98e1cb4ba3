package io.cumulo.neighbors;

import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;

/**
 * Groups of consecutive rows (a tree's leaves, or brute force's tiles) laid out for {@link BlockSearch}'s
 * GEMM-shaped comparisons ({@link VectorKernels#scoresTransposed}): each group's rows centred on the mean row,
 * transposed and times −2 ({@code packed[g][j·stride + p]}, {@code stride} the group's size rounded up to the
 * kernels' lanes), and their squared lengths lowered by the filter's margin, {@code ‖x̄‖²·(1 − }{@link #slack}{@code )}
 * ({@code +∞} on the padding), so that the kernel's score is already the lower bound {@link BlockSearch} filters with.
 * About one more copy of the rows.
 */
final class PackedRows {
    final int d;
    /** The rows by position (row-major); position p is row {@code perm[p]}, or p itself when perm is null. */
    final double[] rows;
    final int[] perm;
    final double[] mean;
    /** Per group (null where a group id is not a group, e.g. a tree's inner node). */
    final int[] start;
    final int[] end;
    final double[][] packed;
    final double[][] norms;
    /** Rows of the largest group. */
    final int maxLen;
    /** Relative margin of the filter (see {@link BlockSearch}). */
    final double rel;
    /** Twice {@link #rel}: the share of {@code ‖q̄‖² + ‖x̄‖²} the expanded squared distance is lowered by. */
    final double slack;

    private PackedRows(double[] rows, int n, int d, int[] perm, int[] start, int[] end, boolean[] isGroup) {
        this.d = d;
        this.rows = rows;
        this.perm = perm;
        this.start = start;
        this.end = end;
        this.rel = 1e-15 * (d + 8);
        this.slack = 2 * rel;
        this.mean = new double[d];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) {
                mean[j] += rows[p * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        int lanes = VectorKernels.get().lanes();
        int groups = start.length;
        packed = new double[groups][];
        norms = new double[groups][];
        int largest = 0;
        for (int g = 0; g < groups; g++) {
            if (isGroup != null && !isGroup[g]) {
                continue;
            }
            int s = start[g];
            int len = end[g] - s;
            largest = Math.max(largest, len);
            int stride = (len + lanes - 1) / lanes * lanes;
            double[] m = new double[d * stride];
            double[] nn = new double[stride];
            Arrays.fill(nn, Double.POSITIVE_INFINITY);
            for (int p = 0; p < len; p++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double c = rows[(s + p) * d + j] - mean[j];
                    m[j * stride + p] = -2 * c;
                    sum += c * c;
                }
                nn[p] = sum * (1 - slack);
            }
            packed[g] = m;
            norms[g] = nn;
        }
        this.maxLen = largest;
    }

    /** The leaves of a tree (group id = node id). */
    static PackedRows ofLeaves(SpatialTree t) {
        boolean[] leaf = new boolean[t.nodes];
        for (int node = 0; node < t.nodes; node++) {
            leaf[node] = t.left[node] < 0;
        }
        return new PackedRows(t.xt, t.n, t.d, t.perm, t.start, t.end, leaf);
    }

    /** The {@code n} rows of {@code x} in their own order, in tiles of {@code tile} rows. */
    static PackedRows ofTiles(double[] x, int n, int d, int tile) {
        int groups = (n + tile - 1) / tile;
        int[] start = new int[groups];
        int[] end = new int[groups];
        for (int g = 0; g < groups; g++) {
            start[g] = g * tile;
            end[g] = Math.min(n, (g + 1) * tile);
        }
        return new PackedRows(x, n, d, null, start, end, null);
    }
}

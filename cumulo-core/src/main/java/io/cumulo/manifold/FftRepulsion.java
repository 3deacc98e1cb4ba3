package io.cumulo.manifold;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.FFT;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * t-SNE's repulsive forces in 2-D by polynomial interpolation on an equispaced grid and FFT convolution: FIt-SNE
 * (G. C. Linderman, M. Rachh, J. G. Hoskins, S. Steinerberger and Y. Kluger, "Fast interpolation-based t-SNE for
 * improved visualization of single-cell RNA-seq data", Nature Methods 16, 2019). With the Cauchy kernel
 * {@code K(d) = 1 / (1 + ‖d‖²)}, Z is {@code Σ_{i≠j} K(y_i − y_j)} and the repulsion on point i is
 * {@code Σ_j K²(y_i − y_j)(y_i − y_j) = y_i Σ_j K² − Σ_j K² y_j}; so four sums of the form
 * {@code φ(y_i) = Σ_j k(y_i − y_j) q_j} give everything: k = K with the charges q = 1, and k = K² with q = 1, x
 * and y (coordinates taken from the centre of the bounding box, to keep the difference of the two sums small).
 * (Convolving instead with the vector kernel {@code K² d}, which avoids that difference, was measured less accurate:
 * that kernel varies faster than K² and its interpolation error is the larger one.)
 *
 * <p>Each such sum is computed in three steps. The bounding box of the points is cut into N_x × N_y equal
 * intervals (boxes), N per dimension the embedding's extent (intervals at most 1 long, the kernel's scale)
 * rounded up to a size with no prime factor above 5, at least {@code min-intervals}, at most
 * {@value #MAX_INTERVALS}; each interval holds p interpolation nodes at the centres of its p equal parts, so
 * that all the nodes form one equispaced grid of (pN_x) × (pN_y). (1) Each point's charge (1) is spread onto the
 * p × p nodes of its box with the Lagrange weights of its position (the transpose of interpolation). (2) The
 * kernel between all pairs of nodes is a two-level Toeplitz matrix: its product with the node charges is a 2-D
 * convolution, done by embedding it in a circulant of size (2pN_x) × (2pN_y) and multiplying in Fourier space
 * ({@link FFT}). (3) The potentials at the nodes are interpolated back to the points with the same weights. Cost
 * per iteration O(n p² + N² log N), against O(n log n) for Barnes-Hut: the grid's cost does not grow with n.
 *
 * <p>The three real charge fields and four real outputs share two forward and two inverse complex FFTs: the
 * charges {@code x + i y} convolved with K² give both K²-sums at once; the charge 1 is multiplied by
 * {@code F(K) + i F(K²)} (both spectra real, the circulant kernels being even) to give its K- and K²-sums as the
 * real and imaginary parts of one inverse. Both kernels are transformed together, {@code F(K + i K²)}, whose real
 * and imaginary parts are F(K) and F(K²). Rows that are zero (the padding) are not transformed, nor are rows of
 * the result that are not read.
 *
 * <p>Deterministic: the points are sorted into their boxes by a stable counting sort; the spreading runs over
 * chunks of box rows (a box's nodes belong to it alone, so no two chunks write the same node), each box's
 * points in index order; every 1-D FFT is computed the same way whichever thread runs it; Z is summed chunk by
 * chunk in chunk order. So the result depends on the coordinates only, not on the number of threads.
 */
final class FftRepulsion {
    /** Default interpolation nodes per interval (the paper's p = 3). */
    static final int DEFAULT_NODES = 3;
    /** Default least number of intervals per dimension (the paper's 50). */
    static final int DEFAULT_MIN_INTERVALS = 50;
    /**
     * Most intervals per dimension: 400 gives FFTs of 2,400 per side with p = 3 (six grids of 2,400² doubles,
     * 280 MB). An embedding wider than 400 gets intervals longer than 1, and a less accurate sum.
     */
    static final int MAX_INTERVALS = 400;

    private final int n;
    private final int p;
    private final int minIntervals;
    private final ExecutionContext ctx;
    private final Chunks pointChunks;
    /** Lagrange denominators Π_{m≠k}(t_k − t_m) for the nodes t_k = (k + ½)/p of the unit interval. */
    private final double[] denominators;
    private final double[] weightsX;
    private final double[] weightsY;
    private final int[] boxOf;
    private final int[] order;
    private int[] boxStart = new int[0];
    private final Map<Integer, FFT> plans = new HashMap<>();

    private int lx;
    private int ly;
    private double[] kRe = new double[0];
    private double[] kIm = new double[0];
    private double[] aRe = new double[0];
    private double[] aIm = new double[0];
    private double[] bRe = new double[0];
    private double[] bIm = new double[0];

    /** The grid of the last call (for tests and the documentation of accuracy). */
    private int lastIntervalsX;
    private int lastIntervalsY;

    FftRepulsion(int n, int nodes, int minIntervals, ExecutionContext ctx) {
        this.n = n;
        this.p = nodes;
        this.minIntervals = minIntervals;
        this.ctx = ctx;
        this.pointChunks = Chunks.of(n, 256, 256);
        this.denominators = new double[nodes];
        for (int k = 0; k < nodes; k++) {
            double d = 1;
            for (int m = 0; m < nodes; m++) {
                if (m != k) {
                    d *= (double) (k - m) / nodes;
                }
            }
            denominators[k] = d;
        }
        this.weightsX = new double[n * nodes];
        this.weightsY = new double[n * nodes];
        this.boxOf = new int[n];
        this.order = new int[n];
    }

    int lastIntervalsX() {
        return lastIntervalsX;
    }

    int lastIntervalsY() {
        return lastIntervalsY;
    }

    /** Intervals for an extent: at most 1 long, at least {@code minIntervals}, a length the FFT does fast. */
    int intervals(double extent) {
        int count = Math.max(minIntervals, (int) Math.min(Math.ceil(extent), MAX_INTERVALS));
        return FFT.goodSize(count);
    }

    /**
     * Writes into {@code force} (x, y interleaved) the unnormalised repulsion {@code Σ_j w_ij² (y_i − y_j)} on
     * every point of {@code y} (n points, x, y interleaved), {@code w_ij = 1 / (1 + ‖y_i − y_j‖²)}, and returns
     * {@code Z = Σ_{i≠j} w_ij}, both by interpolation.
     */
    double repulsion(double[] y, double[] force) {
        double[] extent = BarnesHutTree.bounds(y, n);
        double minX = extent[0];
        double minY = extent[1];
        double maxX = extent[2];
        double maxY = extent[3];
        int nx = intervals(maxX - minX);
        int ny = intervals(maxY - minY);
        lastIntervalsX = nx;
        lastIntervalsY = ny;
        // all points on a line: along the flat dimension, intervals short enough to make the kernel flat on them
        double hx = (maxX > minX ? maxX - minX : 1) / nx;
        double hy = (maxY > minY ? maxY - minY : 1) / ny;
        int mx = p * nx;
        int my = p * ny;
        ensureGrid(2 * mx, 2 * my);

        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;

        locate(y, minX, minY, hx, hy, nx, ny);
        sortIntoBoxes(nx * ny);
        kernels(hx / p, hy / p, mx, my);
        spread(y, cx, cy, nx, ny);
        fft2(aRe, aIm, my, false);
        fft2(bRe, bIm, my, false);
        // a ← F(x + iy)·F(K²), b ← F(1)·(F(K) + i F(K²))
        Chunks rows = Chunks.of(ly, 16, 256);
        ctx.parallelFor(rows.count(), c -> {
            for (int t = rows.start(c) * lx; t < rows.end(c) * lx; t++) {
                double k1 = kRe[t];
                double k2 = kIm[t];
                aRe[t] *= k2;
                aIm[t] *= k2;
                double br = bRe[t];
                double bi = bIm[t];
                bRe[t] = br * k1 - bi * k2;
                bIm[t] = br * k2 + bi * k1;
            }
        });
        fft2(aRe, aIm, my, true);
        fft2(bRe, bIm, my, true);
        double scale = 1.0 / ((double) lx * ly);
        double[] zPart = new double[pointChunks.count()];
        ctx.parallelFor(pointChunks.count(), c -> {
            double z = 0;
            for (int pos = pointChunks.start(c); pos < pointChunks.end(c); pos++) {
                int i = order[pos];
                int box = boxOf[i];
                int base = (box / nx) * p * lx + (box % nx) * p;
                double sumK = 0;
                double sumK2 = 0;
                double sumK2x = 0;
                double sumK2y = 0;
                for (int l = 0; l < p; l++) {
                    double wyl = weightsY[i * p + l];
                    int row = base + l * lx;
                    for (int k = 0; k < p; k++) {
                        double w = wyl * weightsX[i * p + k];
                        int t = row + k;
                        sumK += w * bRe[t];
                        sumK2 += w * bIm[t];
                        sumK2x += w * aRe[t];
                        sumK2y += w * aIm[t];
                    }
                }
                force[2 * i] = ((y[2 * i] - cx) * sumK2 - sumK2x) * scale;
                force[2 * i + 1] = ((y[2 * i + 1] - cy) * sumK2 - sumK2y) * scale;
                z += sumK * scale;
            }
            zPart[c] = z;
        });
        double z = 0;
        for (double v : zPart) {
            z += v;
        }
        // each point's own term, K(0) = 1, is in its sum: take the n of them out
        return z - n;
    }

    private FFT plan(int length) {
        return plans.computeIfAbsent(length, FFT::of);
    }

    private void ensureGrid(int newLx, int newLy) {
        lx = newLx;
        ly = newLy;
        int cells = lx * ly;
        if (aRe.length < cells) {
            kRe = new double[cells];
            kIm = new double[cells];
            aRe = new double[cells];
            aIm = new double[cells];
            bRe = new double[cells];
            bIm = new double[cells];
        }
    }

    /** Each point's box and its Lagrange weights on the p nodes of that box, per dimension. */
    private void locate(double[] y, double minX, double minY, double hx, double hy, int nx, int ny) {
        ctx.parallelFor(pointChunks.count(), c -> {
            for (int i = pointChunks.start(c); i < pointChunks.end(c); i++) {
                double ux = (y[2 * i] - minX) / hx;
                double uy = (y[2 * i + 1] - minY) / hy;
                // the maximum lies on the last box's far edge: it belongs to that box
                int bx = Math.min((int) ux, nx - 1);
                int by = Math.min((int) uy, ny - 1);
                boxOf[i] = by * nx + bx;
                lagrange(ux - bx, weightsX, i * p);
                lagrange(uy - by, weightsY, i * p);
            }
        });
    }

    /** {@code out[o + k] = L_k(u) = Π_{m≠k} (u − t_m) / (t_k − t_m)}, t_m = (m + ½)/p. */
    private void lagrange(double u, double[] out, int o) {
        for (int k = 0; k < p; k++) {
            double num = 1;
            for (int m = 0; m < p; m++) {
                if (m != k) {
                    num *= u - (m + 0.5) / p;
                }
            }
            out[o + k] = num / denominators[k];
        }
    }

    /** Stable counting sort of the points by box: {@code order[boxStart[b] .. boxStart[b + 1])} in box b. */
    private void sortIntoBoxes(int boxes) {
        if (boxStart.length < boxes + 1) {
            boxStart = new int[boxes + 1];
        } else {
            Arrays.fill(boxStart, 0, boxes + 1, 0);
        }
        for (int i = 0; i < n; i++) {
            boxStart[boxOf[i] + 1]++;
        }
        for (int b = 0; b < boxes; b++) {
            boxStart[b + 1] += boxStart[b];
        }
        // fill from a copy of the starts, so boxStart keeps them
        int[] next = Arrays.copyOf(boxStart, boxes);
        for (int i = 0; i < n; i++) {
            order[next[boxOf[i]]++] = i;
        }
    }

    /**
     * The circulant kernels {@code K + i K²} at node offsets ({@code a·dx}, {@code b·dy}), the offsets past half
     * the grid wrapped to negative ones, transformed: afterwards {@code kRe} holds F(K) and {@code kIm} F(K²)
     * (both real, the circulants being even; the rounding in the other part is dropped).
     */
    private void kernels(double dx, double dy, int mx, int my) {
        Chunks rows = Chunks.of(ly, 16, 256);
        ctx.parallelFor(rows.count(), c -> {
            for (int b = rows.start(c); b < rows.end(c); b++) {
                double ddy = (b < my ? b : b - ly) * dy;
                for (int a = 0; a < lx; a++) {
                    double ddx = (a < mx ? a : a - lx) * dx;
                    double w = 1 / (1 + ddx * ddx + ddy * ddy);
                    // offset p·N exactly (a = mx or b = my) is never a difference of two nodes; 0 keeps the
                    // circulants even about it
                    boolean unused = a == mx || b == my;
                    int t = b * lx + a;
                    kRe[t] = unused ? 0 : w;
                    kIm[t] = unused ? 0 : w * w;
                }
            }
        });
        fft2(kRe, kIm, ly, false);
    }

    /** Node charges: a = Σ w·(x − cx) + i Σ w·(y − cy), b = Σ w (imaginary part 0), in the grid's first quarter. */
    private void spread(double[] y, double cx, double cy, int nx, int ny) {
        Arrays.fill(aRe, 0, lx * ly, 0);
        Arrays.fill(aIm, 0, lx * ly, 0);
        Arrays.fill(bRe, 0, lx * ly, 0);
        Arrays.fill(bIm, 0, lx * ly, 0);
        Chunks boxRows = Chunks.of(ny, 4, 256);
        ctx.parallelFor(boxRows.count(), c -> {
            for (int by = boxRows.start(c); by < boxRows.end(c); by++) {
                for (int pos = boxStart[by * nx]; pos < boxStart[(by + 1) * nx]; pos++) {
                    int i = order[pos];
                    int base = by * p * lx + (boxOf[i] % nx) * p;
                    double qx = y[2 * i] - cx;
                    double qy = y[2 * i + 1] - cy;
                    for (int l = 0; l < p; l++) {
                        double wyl = weightsY[i * p + l];
                        int row = base + l * lx;
                        for (int k = 0; k < p; k++) {
                            double w = wyl * weightsX[i * p + k];
                            aRe[row + k] += w * qx;
                            aIm[row + k] += w * qy;
                            bRe[row + k] += w;
                        }
                    }
                }
            }
        });
    }

    /**
     * 2-D transform of an ly × lx grid in place: forward, the rows first, only the first {@code liveRows} (the
     * rest are zero), then every column; inverse (unscaled), every column, then only the first {@code liveRows}
     * rows (the only ones read).
     */
    private void fft2(double[] re, double[] im, int liveRows, boolean inverse) {
        if (!inverse) {
            rows(re, im, liveRows, false);
            columns(re, im, false);
        } else {
            columns(re, im, true);
            rows(re, im, liveRows, true);
        }
    }

    private void rows(double[] re, double[] im, int count, boolean inverse) {
        FFT fft = plan(lx);
        Chunks chunks = Chunks.of(count, 8, 256);
        ctx.parallelFor(chunks.count(), c -> {
            double[] r = new double[lx];
            double[] i = new double[lx];
            double[] w1 = new double[lx];
            double[] w2 = new double[lx];
            for (int row = chunks.start(c); row < chunks.end(c); row++) {
                System.arraycopy(re, row * lx, r, 0, lx);
                System.arraycopy(im, row * lx, i, 0, lx);
                if (inverse) {
                    fft.inverseUnscaled(r, i, w1, w2);
                } else {
                    fft.forward(r, i, w1, w2);
                }
                System.arraycopy(r, 0, re, row * lx, lx);
                System.arraycopy(i, 0, im, row * lx, lx);
            }
        });
    }

    /** Column transforms, {@value #COLUMN_BLOCK} columns gathered at a time (each row read is one cache line). */
    private static final int COLUMN_BLOCK = 8;

    private void columns(double[] re, double[] im, boolean inverse) {
        FFT fft = plan(ly);
        int blocks = (lx + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        Chunks chunks = Chunks.of(blocks, 2, 256);
        ctx.parallelFor(chunks.count(), c -> {
            double[][] r = new double[COLUMN_BLOCK][ly];
            double[][] i = new double[COLUMN_BLOCK][ly];
            double[] w1 = new double[ly];
            double[] w2 = new double[ly];
            for (int blk = chunks.start(c); blk < chunks.end(c); blk++) {
                int a0 = blk * COLUMN_BLOCK;
                int width = Math.min(COLUMN_BLOCK, lx - a0);
                for (int b = 0; b < ly; b++) {
                    int o = b * lx + a0;
                    for (int q = 0; q < width; q++) {
                        r[q][b] = re[o + q];
                        i[q][b] = im[o + q];
                    }
                }
                for (int q = 0; q < width; q++) {
                    if (inverse) {
                        fft.inverseUnscaled(r[q], i[q], w1, w2);
                    } else {
                        fft.forward(r[q], i[q], w1, w2);
                    }
                }
                for (int b = 0; b < ly; b++) {
                    int o = b * lx + a0;
                    for (int q = 0; q < width; q++) {
                        re[o + q] = r[q][b];
                        im[o + q] = i[q][b];
                    }
                }
            }
        });
    }
}

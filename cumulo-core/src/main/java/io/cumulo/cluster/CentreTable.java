package io.cumulo.cluster;

import io.cumulo.linalg.VectorKernels;

/**
 * Centres prepared for nearest-centre search by inner products. With {@code μ} the mean of the centres,
 * {@code c' = c − μ}, {@code m = −2c'} and {@code b = ‖c'‖² + 2μ·c'}, the squared distance is
 * {@code ‖x − μ‖² + b + x·m}, so ranking centres takes one GEMM-shaped product and no subtraction per pair.
 * Shifting by the centres' own mean keeps the rounding error proportional to ‖x‖·‖c'‖ rather than ‖x‖² when
 * the data sit far from the origin, and depends only on the centres, so training labels and {@code predict}
 * use the very same arithmetic.
 *
 * <p>Two layouts, chosen by shape: few features → {@code m} transposed ({@code d × stride}, vectorised over
 * centres, padded to whole vectors with bias +∞); many features and few centres → {@code m} row-major
 * ({@code k × d}, vectorised over features).
 */
final class CentreTable {
    final int k;
    final int d;
    final double[] centres;
    final boolean transposed;
    final int stride;
    final double[] m;
    final double[] bias;
    /** ‖m_j‖, for bounds on the rounding error of scores. */
    final double[] mNorm;

    CentreTable(double[] centres, int k, int d, VectorKernels kernels) {
        this.k = k;
        this.d = d;
        this.centres = centres;
        this.transposed = useTransposed(k, d, kernels);
        int lanes = kernels.lanes();
        this.stride = transposed ? (k + lanes - 1) / lanes * lanes : k;
        double[] mu = new double[d];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                mu[l] += centres[j * d + l];
            }
        }
        for (int l = 0; l < d; l++) {
            mu[l] /= k;
        }
        m = new double[transposed ? d * stride : k * d];
        bias = new double[stride];
        mNorm = new double[k];
        java.util.Arrays.fill(bias, Double.POSITIVE_INFINITY);
        for (int j = 0; j < k; j++) {
            double norm = 0;
            double cross = 0;
            for (int l = 0; l < d; l++) {
                double c = centres[j * d + l] - mu[l];
                m[transposed ? l * stride + j : j * d + l] = -2 * c;
                norm += c * c;
                cross += mu[l] * c;
            }
            bias[j] = norm + 2 * cross;
            mNorm[j] = 2 * Math.sqrt(norm);
        }
    }

    /**
     * Vectorising over centres wastes the padding lanes and reloads nothing; over features it needs a
     * horizontal sum per pair. Measured on AVX-512 (docs/benchmarks.md): features win when they are many and
     * the centres fill less than about two vectors.
     */
    static boolean useTransposed(int k, int d, VectorKernels kernels) {
        int lanes = kernels.lanes();
        return lanes == 1 || d < 4 * lanes || k >= 4 * lanes;
    }

    /**
     * A bound on the rounding error of score {@code j} for a row of norm {@code xNorm}: the terms summed are
     * at most |bias| and ‖x‖·‖m_j‖ in size, and each step of a length-d sum loses at most d·2⁻⁵³ of them;
     * 1e-11 covers that for d up to ~10⁴ with room to spare.
     */
    double scoreError(int j, double xNorm) {
        return 1e-11 * (Math.abs(bias[j]) + xNorm * mNorm[j]);
    }

    /** Rows scored per block: keeps the block of rows and its scores in the first cache levels. */
    int blockRows() {
        int perRow = Math.max(d, stride);
        return Math.max(4, Math.min(256, (4096 / perRow) & ~3));
    }

    /** A scratch buffer for {@link #scores}. */
    double[] newScratch() {
        return new double[blockRows() * stride];
    }

    /** Scores of rows {@code [from, to)} (at most {@link #blockRows()}) into {@code out}, {@code stride} apart. */
    void scores(VectorKernels kernels, double[] x, int from, int to, double[] out) {
        if (transposed) {
            kernels.scoresTransposed(x, d, from, to, m, bias, stride, out);
        } else {
            kernels.scoresRowMajor(x, d, from, to, m, bias, k, out, stride);
        }
    }

    /** Nearest centre of each row in {@code [from, to)} into {@code labels}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels, double[] scratch) {
        int block = blockRows();
        for (int s = from; s < to; s += block) {
            int e = Math.min(to, s + block);
            scores(kernels, x, s, e, scratch);
            for (int i = s; i < e; i++) {
                labels[i] = kernels.argmin(scratch, (i - s) * stride, k);
            }
        }
    }

    /** Nearest centre of each row in {@code [from, to)} into {@code labels}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels) {
        assign(kernels, x, from, to, labels, newScratch());
    }
}

package io.cumulo.cluster;

import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;

/**
 * Centres prepared for nearest-centre search by inner products. With {@code μ} the mean of the centres,
 * {@code c' = c − μ}, {@code m = −2c'} and {@code b = ‖c'‖² + 2μ·c'}, the squared distance is
 * {@code ‖x − μ‖² + b + x·m}, so ranking centres takes one GEMM-shaped product and no subtraction per pair.
 * Shifting by the centres' own mean keeps the rounding error proportional to ‖x‖·‖c'‖ rather than ‖x‖² when
 * the data sit far from the origin, and depends only on the centres, so training labels and {@code predict}
 * use the very same arithmetic.
 *
 * <p>{@code m} is stored transposed ({@code d × stride}, padded to whole vectors with bias +∞) so the kernel
 * vectorises over centres; measured faster than vectorising over features on every benchmark shape, even
 * with 10 centres in 16 lanes (docs/benchmarks.md, "kernels").
 */
final class CentreTable {
    final int k;
    final int d;
    final double[] centres;
    final int stride;
    final double[] m;
    final double[] bias;
    /** ‖m_j‖, for bounds on the rounding error of scores. */
    final double[] mNorm;
    /** The centres as the fused nearest-centre kernel wants them (padded to a multiple of 4, bias +∞). */
    final double[] nearestTable;
    final int kp;
    /** The mean of the centres, the origin of the shifted scores. */
    final double[] mu;
    private double maxAbsBias;
    private double maxMNorm;

    CentreTable(double[] centres, int k, int d, VectorKernels kernels) {
        this.k = k;
        this.d = d;
        this.centres = centres;
        int lanes = kernels.lanes();
        this.stride = (k + lanes - 1) / lanes * lanes;
        double[] mu = new double[d];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                mu[l] += centres[j * d + l];
            }
        }
        for (int l = 0; l < d; l++) {
            mu[l] /= k;
        }
        this.mu = mu;
        m = new double[d * stride];
        bias = new double[stride];
        mNorm = new double[k];
        Arrays.fill(bias, Double.POSITIVE_INFINITY);
        for (int j = 0; j < k; j++) {
            double norm = 0;
            double cross = 0;
            for (int l = 0; l < d; l++) {
                double c = centres[j * d + l] - mu[l];
                m[l * stride + j] = -2 * c;
                norm += c * c;
                cross += mu[l] * c;
            }
            bias[j] = norm + 2 * cross;
            mNorm[j] = 2 * Math.sqrt(norm);
            maxAbsBias = Math.max(maxAbsBias, Math.abs(bias[j]));
            maxMNorm = Math.max(maxMNorm, mNorm[j]);
        }
        kp = (k + 3) / 4 * 4;
        if (d <= FUSED_MAX_FEATURES) {
            double[] mRows = new double[kp * d];
            double[] biasRows = new double[kp];
            Arrays.fill(biasRows, Double.POSITIVE_INFINITY);
            for (int j = 0; j < k; j++) {
                biasRows[j] = bias[j];
                for (int l = 0; l < d; l++) {
                    mRows[j * d + l] = m[l * stride + j];
                }
            }
            nearestTable = kernels.nearestTable(mRows, biasRows, kp, d);
        } else {
            nearestTable = null;
        }
    }

    /**
     * A bound on the rounding error of score {@code j} for a row of norm {@code xNorm}: the terms summed are
     * at most |bias| and ‖x‖·‖m_j‖ in size, and each step of a length-d sum loses at most d·2⁻⁵³ of them;
     * 1e-11 covers that for d up to ~10⁴ with room to spare.
     */
    double scoreError(int j, double xNorm) {
        return 1e-11 * (Math.abs(bias[j]) + xNorm * mNorm[j]);
    }

    /** {@link #scoreError} of whichever centre has the largest. */
    double maxScoreError(double xNorm) {
        return 1e-11 * (maxAbsBias + xNorm * maxMNorm);
    }

    /**
     * Up to this many features the fused kernel (rows in lanes) beats scoring then argmin inside Lloyd passes
     * (1.6× at d = 8, 1.2× at d = 16, k = 16); from 32 on its transpose of the rows costs more than it saves
     * (docs/benchmarks.md, "kernels").
     */
    static final int FUSED_MAX_FEATURES = 16;

    /** Whether {@link #nearest} (fused) is the faster way to find nearest centres for this shape. */
    boolean fused() {
        return d <= FUSED_MAX_FEATURES;
    }

    /** Scratch for {@link #nearest}. */
    double[] newNearestScratch(VectorKernels kernels) {
        return new double[kernels.nearestScratch(d)];
    }

    /**
     * Nearest (and, if {@code second} is not null, second nearest) centre of rows {@code [from, to)} by the fused
     * kernel; the same choice {@link #scores} and an argmin make.
     */
    void nearest(VectorKernels kernels, double[] x, int from, int to, int[] best, int[] second, double[] scratch) {
        kernels.nearest(x, d, from, to, nearestTable, kp, best, second, scratch);
    }

    /**
     * {@link #nearest} that also bounds each row's distance to its nearest centre from above and to every other
     * from below ({@link VectorKernels#nearestBounds}), into {@code upper[at..]}, {@code lower[at..]}; only when
     * {@link #fused()}.
     */
    void nearestBounds(VectorKernels kernels, double[] x, int from, int to, int[] best, double[] upper,
                       double[] lower, int at, double[] scratch) {
        kernels.nearestBounds(x, d, from, to, nearestTable, kp, mu, 1e-11 * maxAbsBias, 1e-11 * maxMNorm, best,
                upper, lower, at, scratch);
    }

    /** Rows scored per block: the block's rows and scores stay within the first-level cache (~8 + 16 KB). */
    int blockRows() {
        int rows = Math.min(64, Math.min(1024 / stride, 2048 / Math.max(1, d)));
        return Math.max(4, rows & ~3);
    }

    /** A scratch buffer for {@link #scores}. */
    double[] newScratch() {
        return new double[blockRows() * stride];
    }

    /** Scores of rows {@code [from, to)} (at most {@link #blockRows()}) into {@code out}, {@code stride} apart. */
    void scores(VectorKernels kernels, double[] x, int from, int to, double[] out) {
        kernels.scoresTransposed(x, d, from, to, m, bias, stride, out);
    }

    /** Nearest centre of each row in {@code [from, to)} into {@code labels}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels, double[] scratch) {
        assign(kernels, x, from, to, labels, from, scratch);
    }

    /** Nearest centre of each row {@code i} in {@code [from, to)} into {@code labels[at + i − from]}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels, int at, double[] scratch) {
        if (fused()) {
            int[] best = new int[256];
            double[] ns = newNearestScratch(kernels);
            for (int s = from; s < to; s += best.length) {
                int e = Math.min(to, s + best.length);
                nearest(kernels, x, s, e, best, null, ns);
                System.arraycopy(best, 0, labels, at + s - from, e - s);
            }
            return;
        }
        int block = blockRows();
        for (int s = from; s < to; s += block) {
            int e = Math.min(to, s + block);
            scores(kernels, x, s, e, scratch);
            for (int i = s; i < e; i++) {
                labels[at + i - from] = kernels.argmin(scratch, (i - s) * stride, k);
            }
        }
    }

    /** Nearest centre of each row in {@code [from, to)} into {@code labels}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels) {
        assign(kernels, x, from, to, labels, from, newScratch());
    }

    /** Nearest centre of each row {@code i} in {@code [from, to)} into {@code labels[at + i − from]}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels, int at) {
        assign(kernels, x, from, to, labels, at, newScratch());
    }
}

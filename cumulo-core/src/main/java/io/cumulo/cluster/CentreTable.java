package io.cumulo.cluster;

import io.cumulo.linalg.VectorKernels;

/**
 * Centres prepared for nearest-centre search by inner products: {@code ‖x − c‖² = ‖x − μ‖² − 2x·c' + b} with
 * {@code c' = c − μ} and {@code b = ‖c'‖² + 2μ·c'}, so only {@code b − 2x·c'} is needed to rank centres.
 * Shifting by the centres' own mean {@code μ} keeps the terms small when the data sit far from the origin
 * (the rounding error then scales with ‖x‖·‖c'‖ rather than ‖x‖²), and depends only on the centres, so
 * training labels and {@code predict} use the very same arithmetic.
 */
final class CentreTable {
    final int k;
    final int d;
    final double[] centres;
    final double[] centresT;
    final double[] bias;

    CentreTable(double[] centres, int k, int d) {
        this.k = k;
        this.d = d;
        this.centres = centres;
        double[] mu = new double[d];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                mu[l] += centres[j * d + l];
            }
        }
        for (int l = 0; l < d; l++) {
            mu[l] /= k;
        }
        centresT = new double[d * k];
        bias = new double[k];
        for (int j = 0; j < k; j++) {
            double norm = 0;
            double cross = 0;
            for (int l = 0; l < d; l++) {
                double c = centres[j * d + l] - mu[l];
                centresT[l * k + j] = c;
                norm += c * c;
                cross += mu[l] * c;
            }
            bias[j] = norm + 2 * cross;
        }
    }

    /** Nearest centre of rows {@code [from, to)} into {@code labels}. */
    void assign(VectorKernels kernels, double[] x, int from, int to, int[] labels) {
        kernels.nearest(x, d, from, to, centresT, bias, k, labels);
    }
}

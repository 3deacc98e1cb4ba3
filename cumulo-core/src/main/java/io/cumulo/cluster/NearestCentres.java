package io.cumulo.cluster;

import io.cumulo.linalg.VectorKernels;

/**
 * Nearest-centre search for the k-means family (mini-batch k-means; usable by any algorithm with a set of
 * centres): the ranking {@code ‖c'‖² + 2μ·c' − 2x·c'} with the centres shifted by their own mean μ
 * ({@code c' = c − μ}), computed by {@link VectorKernels#nearest}, followed by the exact squared distance to the
 * chosen centre from differences. The shift keeps the rounding error proportional to the spread of the centres,
 * not to their distance from the origin. Immutable once built; depends only on the centres, so fitting and
 * {@code predict} use the same arithmetic.
 *
 * <p>Kept separate from k-means' own {@code CentreTable} on purpose: k-means' internals change independently.
 */
final class NearestCentres {
    final int k;
    final int d;
    private final double[] centres;
    private final double[] centresT;
    private final double[] bias;

    /** {@code centres} is {@code k × d}, row-major; it is copied. */
    NearestCentres(double[] centres, int k, int d) {
        this.k = k;
        this.d = d;
        this.centres = centres.clone();
        double[] mu = new double[d];
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                mu[l] += this.centres[j * d + l];
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
                double c = this.centres[j * d + l] - mu[l];
                centresT[l * k + j] = c;
                norm += c * c;
                cross += mu[l] * c;
            }
            bias[j] = norm + 2 * cross;
        }
    }

    /**
     * Nearest centre of rows {@code [from, to)} of {@code x} into {@code labels}, the exact squared distance to it
     * into {@code dist} (if not {@code null}); returns the (weighted) sum of those squared distances over the rows,
     * added in row order.
     */
    double assign(VectorKernels kernels, double[] x, double[] w, int from, int to, int[] labels, double[] dist) {
        if (to <= from) {
            return 0;
        }
        kernels.nearest(x, d, from, to, centresT, bias, k, labels);
        double sum = 0;
        for (int i = from; i < to; i++) {
            double dd = kernels.squaredDistance(x, i * d, centres, labels[i] * d, d);
            if (dist != null) {
                dist[i] = dd;
            }
            sum += w == null ? dd : w[i] * dd;
        }
        return sum;
    }
}

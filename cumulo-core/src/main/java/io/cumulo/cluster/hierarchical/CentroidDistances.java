package io.cumulo.cluster.hierarchical;

import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;

/**
 * Cluster dissimilarities computed from each cluster's centroid and size, for the linkages defined on Euclidean
 * distances: Ward ({@code 2·n_a·n_b/(n_a+n_b)·‖c_a − c_b‖²}), centroid ({@code ‖c_a − c_b‖²}) and median (the same
 * between "weighted centroids", each the midpoint of its two parts). These are exactly the squares of SciPy's
 * heights, so no dissimilarity matrix is needed: memory is {@code O(n·d)} (fastcluster's {@code linkage_vector}
 * route).
 *
 * <p>The centroids are kept by column (one array per feature, indexed by slot, the live slots contiguous), so a
 * nearest-neighbour scan is a few passes of simple arithmetic over contiguous arrays, which the JIT compiles to
 * vector instructions. Every squared distance is summed feature by feature in the same order, by the scan and by
 * {@link #ranking} alike, so the two agree to the bit.
 */
final class CentroidDistances implements ClusterDistances {
    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);
    private static final VectorKernels KERNELS = VectorKernels.get();

    private final Linkage linkage;
    private final int d;
    private final double[][] col;
    private final double[] size;
    private final long[] rows;
    private final int[] rep;
    private final int[] slot;
    private int count;

    /** @param weights null for unit weights */
    CentroidDistances(double[] x, int n, int d, Linkage linkage, double[] weights) {
        if (!linkage.centroidBased()) {
            throw new IllegalArgumentException(linkage.id() + " needs a dissimilarity matrix");
        }
        this.linkage = linkage;
        this.d = d;
        this.col = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                col[l][i] = x[i * d + l];
            }
        }
        this.size = new double[n];
        this.rows = new long[n];
        this.rep = new int[n];
        this.slot = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] = weights == null ? 1 : weights[i];
            rows[i] = 1;
            rep[i] = i;
            slot[i] = i;
        }
        this.count = n;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int representative(int s) {
        return rep[s];
    }

    @Override
    public double ranking(int a, int b) {
        // the arithmetic of VectorKernels.addSquaredDifferences, feature by feature: the scan's bits exactly
        double q = 0;
        for (int l = 0; l < d; l++) {
            double t = col[l][b] - col[l][a];
            q = q + t * t;
        }
        return linkage == Linkage.WARD ? wardScale(size[a], size[b]) * q : q;
    }

    /** Ward's factor {@code 2·n_a·n_b/(n_a+n_b)}, rounded as {@link VectorKernels#wardScale} rounds it. */
    private static double wardScale(double na, double nb) {
        return 2 * na * nb / (na + nb);
    }

    @Override
    public int nearest(int a, int from, int to, double[] out) {
        int len = to - from;
        double[] acc = SCRATCH.get();
        if (acc.length < len) {
            acc = new double[Math.max(len, 2 * acc.length)];
            SCRATCH.set(acc);
        }
        Arrays.fill(acc, 0, len, 0);
        int l = 0;
        for (; l + 4 <= d; l += 4) {
            KERNELS.addSquaredDifferences4(col[l], col[l + 1], col[l + 2], col[l + 3], from, col[l][a],
                    col[l + 1][a], col[l + 2][a], col[l + 3][a], acc, len);
        }
        for (; l < d; l++) {
            KERNELS.addSquaredDifferences(col[l], from, col[l][a], acc, len);
        }
        if (linkage == Linkage.WARD) {
            KERNELS.wardScale(size[a], size, from, acc, len);
        }
        int skip = a >= from && a < to ? a - from : -1;
        double bd = KERNELS.minExcept(acc, 0, len, skip);
        // the smallest representative among the (usually one) positions that reach the minimum
        int best = -1;
        for (int p = KERNELS.indexOf(acc, 0, len, bd, 0); p >= 0; p = KERNELS.indexOf(acc, 0, len, bd, p + 1)) {
            if (p != skip && (best < 0 || rep[from + p] < rep[best])) {
                best = from + p;
            }
        }
        out[0] = bd;
        return best;
    }

    @Override
    public double height(double ranking) {
        return Math.sqrt(ranking);
    }

    @Override
    public int merge(int a, int b, double rab, ExecutionContext ctx) {
        int keepSlot = rep[a] < rep[b] ? a : b;
        int goneSlot = keepSlot == a ? b : a;
        double na = size[keepSlot];
        double nb = size[goneSlot];
        if (linkage == Linkage.MEDIAN) {
            for (int l = 0; l < d; l++) {
                col[l][keepSlot] = 0.5 * (col[l][keepSlot] + col[l][goneSlot]);
            }
        } else {
            double wa = na / (na + nb);
            double wb = nb / (na + nb);
            for (int l = 0; l < d; l++) {
                col[l][keepSlot] = wa * col[l][keepSlot] + wb * col[l][goneSlot];
            }
        }
        size[keepSlot] = na + nb;
        rows[keepSlot] += rows[goneSlot];
        slot[rep[goneSlot]] = -1;
        int last = count - 1;
        if (goneSlot != last) {
            for (int l = 0; l < d; l++) {
                col[l][goneSlot] = col[l][last];
            }
            size[goneSlot] = size[last];
            rows[goneSlot] = rows[last];
            rep[goneSlot] = rep[last];
            slot[rep[goneSlot]] = goneSlot;
            if (keepSlot == last) {
                keepSlot = goneSlot;
            }
        }
        count--;
        return keepSlot;
    }

    @Override
    public int scanBlock() {
        return 4096;
    }

    @Override
    public int slotOf(int r) {
        return slot[r];
    }

    @Override
    public long rows(int s) {
        return rows[s];
    }
}

package io.cumulo.cluster.hierarchical;

/**
 * Cluster dissimilarities computed from each cluster's centroid and size, for the linkages defined on Euclidean
 * distances: Ward ({@code 2·n_a·n_b/(n_a+n_b)·‖c_a − c_b‖²}), centroid ({@code ‖c_a − c_b‖²}) and median (the same
 * between "weighted centroids", each the midpoint of its two parts). These are exactly the squares of SciPy's
 * heights, so no dissimilarity matrix is needed: memory is {@code O(n·d)} (fastcluster's {@code linkage_vector}
 * route). Centroids are kept in slot order, contiguous, so a scan reads memory in order.
 */
final class CentroidDistances implements ClusterDistances {
    private final Linkage linkage;
    private final int d;
    private final double[] c;
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
        this.c = x.clone();
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

    private double squared(int a, int b) {
        int oa = a * d;
        int ob = b * d;
        double s = 0;
        for (int l = 0; l < d; l++) {
            double t = c[oa + l] - c[ob + l];
            s += t * t;
        }
        return s;
    }

    private double scale(int a, int b) {
        return linkage == Linkage.WARD ? 2 * size[a] * size[b] / (size[a] + size[b]) : 1;
    }

    @Override
    public double ranking(int a, int b) {
        return scale(a, b) * squared(a, b);
    }

    @Override
    public int nearest(int a, int from, int to, double[] out) {
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        int bestRep = Integer.MAX_VALUE;
        boolean ward = linkage == Linkage.WARD;
        int oa = a * d;
        double na = size[a];
        for (int s = from; s < to; s++) {
            if (s == a) {
                continue;
            }
            int ob = s * d;
            double q = 0;
            for (int l = 0; l < d; l++) {
                double t = c[oa + l] - c[ob + l];
                q += t * t;
            }
            double v = ward ? 2 * na * size[s] / (na + size[s]) * q : q;
            int r = rep[s];
            if (v < bd || (v == bd && r < bestRep) || best < 0) {
                bd = v;
                best = s;
                bestRep = r;
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
    public int merge(int a, int b, double rab) {
        int keepSlot = rep[a] < rep[b] ? a : b;
        int goneSlot = keepSlot == a ? b : a;
        double na = size[keepSlot];
        double nb = size[goneSlot];
        int ok = keepSlot * d;
        int og = goneSlot * d;
        if (linkage == Linkage.MEDIAN) {
            for (int l = 0; l < d; l++) {
                c[ok + l] = 0.5 * (c[ok + l] + c[og + l]);
            }
        } else {
            double wa = na / (na + nb);
            double wb = nb / (na + nb);
            for (int l = 0; l < d; l++) {
                c[ok + l] = wa * c[ok + l] + wb * c[og + l];
            }
        }
        size[keepSlot] = na + nb;
        rows[keepSlot] += rows[goneSlot];
        slot[rep[goneSlot]] = -1;
        int last = count - 1;
        if (goneSlot != last) {
            System.arraycopy(c, last * d, c, og, d);
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
    public int slotOf(int r) {
        return slot[r];
    }

    @Override
    public long rows(int s) {
        return rows[s];
    }

    /** The centroid of the cluster in {@code slot} (a copy). */
    double[] centroid(int s) {
        return java.util.Arrays.copyOfRange(c, s * d, (s + 1) * d);
    }
}

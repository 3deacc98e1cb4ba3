package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;

/**
 * Cluster dissimilarities held in a condensed matrix (the upper triangle, row by row, as SciPy's {@code pdist}
 * gives it: {@code n(n−1)/2} doubles), updated after each merge by the linkage's Lance–Williams formula. Any
 * linkage, any input dissimilarity; {@code 4·n²} bytes, so the fitting code checks the size against the heap
 * first. Entries are addressed by original row (the cluster's representative).
 */
final class MatrixDistances implements ClusterDistances {
    private final int n;
    private final double[] d;
    private final Linkage linkage;
    /** Slot → representative, representative → slot (−1 when merged away). */
    private final int[] rep;
    private final int[] slot;
    /** Size used by the formulas (sum of weights, or rows) and rows, by representative. */
    private final double[] size;
    private final long[] rows;
    private int count;

    /** @param condensed taken over (updated in place); {@code weights} null for unit weights */
    MatrixDistances(double[] condensed, int n, Linkage linkage, double[] weights) {
        if ((long) n * (n - 1) / 2 != condensed.length) {
            throw new IllegalArgumentException(condensed.length + " entries for " + n + " rows");
        }
        this.n = n;
        this.d = condensed;
        this.linkage = linkage;
        this.rep = new int[n];
        this.slot = new int[n];
        this.size = new double[n];
        this.rows = new long[n];
        for (int i = 0; i < n; i++) {
            rep[i] = i;
            slot[i] = i;
            size[i] = weights == null ? 1 : weights[i];
            rows[i] = 1;
        }
        this.count = n;
    }

    /** Where the pair {@code i < j} of original rows sits in a condensed matrix of {@code n} rows. */
    static long index(int n, int i, int j) {
        return (long) n * i - (long) i * (i + 1) / 2 + (j - i - 1);
    }

    /** The largest {@code n} a condensed matrix in one Java array can hold. */
    static final int MAX_ROWS = 65_536;

    /** Refuses {@code n} rows beyond what one array holds. */
    static void requireFits(int n, String what) {
        if (n > MAX_ROWS) {
            throw new CumuloException(what + ": " + n + " rows need a dissimilarity matrix of " + n + " × " + n
                    + ", more than one array holds (at most " + MAX_ROWS + " rows); linkage=single, ward, centroid or "
                    + "median need no matrix");
        }
    }

    private double get(int i, int j) {
        return i < j ? d[(int) index(n, i, j)] : d[(int) index(n, j, i)];
    }

    private void set(int i, int j, double v) {
        if (i < j) {
            d[(int) index(n, i, j)] = v;
        } else {
            d[(int) index(n, j, i)] = v;
        }
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
        return get(rep[a], rep[b]);
    }

    @Override
    public int nearest(int a, int from, int to, double[] out) {
        int ra = rep[a];
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        int bestRep = Integer.MAX_VALUE;
        for (int s = from; s < to; s++) {
            if (s == a) {
                continue;
            }
            int r = rep[s];
            double v = get(ra, r);
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
        return ranking;
    }

    @Override
    public int merge(int a, int b, double rab) {
        int ra = rep[a];
        int rb = rep[b];
        int keep = Math.min(ra, rb);
        int gone = Math.max(ra, rb);
        double ni = size[ra];
        double nj = size[rb];
        for (int s = 0; s < count; s++) {
            if (s == a || s == b) {
                continue;
            }
            int rk = rep[s];
            set(keep, rk, linkage.update(get(ra, rk), get(rb, rk), rab, ni, nj, size[rk]));
        }
        size[keep] = ni + nj;
        rows[keep] = rows[ra] + rows[rb];
        int keepSlot = slot[keep];
        int goneSlot = slot[gone];
        slot[gone] = -1;
        int last = count - 1;
        if (goneSlot != last) {
            int moved = rep[last];
            rep[goneSlot] = moved;
            slot[moved] = goneSlot;
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
        return rows[rep[s]];
    }
}

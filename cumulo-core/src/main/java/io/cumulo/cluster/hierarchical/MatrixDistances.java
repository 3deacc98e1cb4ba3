package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.exec.ExecutionContext;

/**
 * Cluster dissimilarities held in a condensed matrix (the upper triangle, row by row, as SciPy's {@code pdist}
 * gives it: {@code n(n−1)/2} doubles), updated after each merge by the linkage's Lance–Williams formula. Any
 * linkage, any input dissimilarity; {@code 4·n²} bytes, so the fitting code checks the size against the heap
 * first. Entries are addressed by original row (the cluster's representative); the live clusters' slots are kept
 * in increasing order of representative, so a scan reads each row of the matrix forwards and ties go to the first
 * cluster met.
 */
final class MatrixDistances implements ClusterDistances {
    /** The largest {@code n} a condensed matrix in one Java array can hold. */
    static final int MAX_ROWS = 65_536;

    private final int n;
    private final double[] d;
    private final Linkage linkage;
    /** Slot → representative (increasing), representative → slot (−1 when merged away). */
    private final int[] rep;
    private final int[] slot;
    /** {@code start[i] + j} is where the pair {@code i < j} sits. */
    private final int[] start;
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
        this.start = new int[n];
        for (int i = 0; i < n; i++) {
            start[i] = (int) (index(n, i, i + 1) - (i + 1));
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

    /** Refuses {@code n} rows beyond what one array holds. */
    static void requireFits(int n, String what) {
        if (n > MAX_ROWS) {
            throw new CumuloException(what + ": " + n + " rows need a dissimilarity matrix of " + n + " × " + n
                    + ", more than one array holds (at most " + MAX_ROWS + " rows); linkage=single, ward, centroid or "
                    + "median need no matrix");
        }
    }

    private int at(int i, int j) {
        return i < j ? start[i] + j : start[j] + i;
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
        return d[at(rep[a], rep[b])];
    }

    @Override
    public int nearest(int a, int from, int to, double[] out) {
        int ra = rep[a];
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        // rows above: column ra of the triangle; then row ra itself, forwards
        int stop = Math.min(a, to);
        for (int s = from; s < stop; s++) {
            int r = rep[s];
            double v = d[start[r] + ra];
            if (v < bd || best < 0) {
                bd = v;
                best = s;
            }
        }
        int base = start[ra];
        for (int s = Math.max(from, a + 1); s < to; s++) {
            double v = d[base + rep[s]];
            if (v < bd || best < 0) {
                bd = v;
                best = s;
            }
        }
        out[0] = bd;
        return best;
    }

    @Override
    public double height(double ranking) {
        return ranking;
    }

    /** Lance–Williams for every other cluster, in fixed blocks of slots (each entry is written by one task). */
    @Override
    public int merge(int a, int b, double rab, ExecutionContext ctx) {
        int ra = rep[a];
        int rb = rep[b];
        int keep = Math.min(ra, rb);
        int gone = Math.max(ra, rb);
        double ni = size[ra];
        double nj = size[rb];
        int m = count;
        int blocks = (m + UPDATE_BLOCK - 1) / UPDATE_BLOCK;
        if (blocks >= 2 && ctx.threads() >= 2) {
            ctx.parallelFor(blocks, t -> update(ra, rb, keep, rab, ni, nj, t * UPDATE_BLOCK,
                    Math.min(m, (t + 1) * UPDATE_BLOCK), a, b));
        } else {
            update(ra, rb, keep, rab, ni, nj, 0, m, a, b);
        }
        size[keep] = ni + nj;
        rows[keep] = rows[ra] + rows[rb];
        int goneSlot = slot[gone];
        slot[gone] = -1;
        System.arraycopy(rep, goneSlot + 1, rep, goneSlot, count - 1 - goneSlot);
        count--;
        for (int s = goneSlot; s < count; s++) {
            slot[rep[s]] = s;
        }
        return slot[keep];
    }

    /** Slots per block of a parallel update. */
    private static final int UPDATE_BLOCK = 2048;

    /**
     * The Lance–Williams update for the slots in {@code [from, to)}: in three runs by representative (below the
     * union's, between the two merged, above both), where the index of each entry is a plain offset.
     */
    private void update(int ra, int rb, int keep, double rab, double ni, double nj, int from, int to, int a, int b) {
        int gone = keep == ra ? rb : ra;
        int keepSlot = slot[keep];
        int goneSlot = slot[gone];
        boolean keepIsA = keep == ra;
        int sk = start[keep];
        int sg = start[gone];
        // below keep: both entries in columns keep and gone
        for (int s = from, end = Math.min(to, keepSlot); s < end; s++) {
            int rk = rep[s];
            int st = start[rk];
            double dk = d[st + keep];
            double dg = d[st + gone];
            d[st + keep] = keepIsA ? linkage.update(dk, dg, rab, ni, nj, size[rk])
                    : linkage.update(dg, dk, rab, ni, nj, size[rk]);
        }
        // between: keep's row, gone's column
        for (int s = Math.max(from, keepSlot + 1), end = Math.min(to, goneSlot); s < end; s++) {
            int rk = rep[s];
            double dk = d[sk + rk];
            double dg = d[start[rk] + gone];
            d[sk + rk] = keepIsA ? linkage.update(dk, dg, rab, ni, nj, size[rk])
                    : linkage.update(dg, dk, rab, ni, nj, size[rk]);
        }
        // above both: both rows
        for (int s = Math.max(from, goneSlot + 1); s < to; s++) {
            int rk = rep[s];
            double dk = d[sk + rk];
            double dg = d[sg + rk];
            d[sk + rk] = keepIsA ? linkage.update(dk, dg, rab, ni, nj, size[rk])
                    : linkage.update(dg, dk, rab, ni, nj, size[rk]);
        }
    }

    /** A matrix scan waits on memory (the column part of the triangle): smaller blocks already pay. */
    @Override
    public int scanBlock() {
        return 1024;
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

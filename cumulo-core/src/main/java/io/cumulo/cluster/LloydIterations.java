package io.cumulo.cluster;

/**
 * Lloyd's algorithm (S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28(2), 1982):
 * every iteration scores every row against every centre. One pass over the data does the assignment, the
 * exact distance to the chosen centre and the block partial sums, on blocks small enough to stay in cache.
 */
final class LloydIterations extends KMeansIterations {
    private double[] dist;
    private final double[] blockInertia;
    private double inertia = Double.NaN;

    LloydIterations(KMeansProblem p) {
        super(p);
        blockInertia = new double[p.blocks];
    }

    @Override
    String name() {
        return "lloyd";
    }

    @Override
    double[] lastDistances() {
        return dist;
    }

    @Override
    double lastInertia() {
        return inertia;
    }

    @Override
    int assign(CentreTable table, int[] labels, boolean first, double[] drifts) {
        if (dist == null) {
            dist = new double[p.n];
        }
        int[] changedPerBlock = new int[p.blocks];
        double[] centres = table.centres;
        int d = p.d;
        int kd = p.k * d;
        p.ctx.parallelFor(p.blocks, b -> {
            double[] scratch = table.newScratch();
            int[] best = new int[table.blockRows()];
            double[] fresh = p.spare[b];
            java.util.Arrays.fill(fresh, 0);
            double s = 0;
            int changed = 0;
            int sub = table.blockRows();
            for (int from = p.start(b); from < p.end(b); from += sub) {
                int to = Math.min(p.end(b), from + sub);
                table.scores(p.kernels, p.x, from, to, scratch);
                for (int i = from; i < to; i++) {
                    best[i - from] = p.kernels.argmin(scratch, (i - from) * table.stride, p.k);
                }
                for (int i = from; i < to; i++) {
                    int j = best[i - from];
                    double dd = p.kernels.squaredDistance(p.x, i * d, centres, j * d, d);
                    dist[i] = dd;
                    double wi = p.weight(i);
                    s += wi * dd;
                    if (j != labels[i]) {
                        changed++;
                        labels[i] = j;
                    }
                    p.kernels.axpy(wi, p.x, i * d, fresh, j * d, d);
                    fresh[kd + j] += wi;
                }
            }
            // the rebuilt partials are what a recomputation would give; swap them in
            p.spare[b] = p.partials[b];
            p.partials[b] = fresh;
            p.changed[b] = false;
            blockInertia[b] = s;
            changedPerBlock[b] = changed;
        });
        double total = 0;
        int changed = 0;
        for (int b = 0; b < p.blocks; b++) {
            total += blockInertia[b];
            changed += changedPerBlock[b];
        }
        inertia = total;
        return changed;
    }
}

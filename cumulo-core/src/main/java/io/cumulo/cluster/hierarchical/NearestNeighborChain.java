package io.cumulo.cluster.hierarchical;

import io.cumulo.exec.ExecutionContext;

/**
 * The nearest-neighbour chain (Benzécri 1982, Juan 1982; Müllner 2011, Figure 7): follow nearest neighbours from
 * any cluster until two are each other's nearest, merge them, and go on from what is left of the chain. For a
 * reducible linkage (single, complete, average, weighted, Ward) it finds the same tree as merging the closest pair
 * every time, with {@code O(n²)} dissimilarity evaluations and {@code O(n)} memory besides the dissimilarities.
 *
 * <p>Ties: a cluster's nearest neighbour is, among the equally near, the one before it in the chain (so the chain
 * ends), else the one with the smallest representative row. The nearest-neighbour scans of large cluster sets are
 * split into blocks of a size fixed by the dissimilarities' kind ({@link ClusterDistances#scanBlock}), run on the
 * context's threads and combined in block order with the same rule, so
 * the tree does not depend on the thread count.
 */
final class NearestNeighborChain {
    private NearestNeighborChain() {
    }

    static Merges run(ClusterDistances dist, ExecutionContext ctx) {
        int n = dist.count();
        Merges merges = new Merges(n);
        int[] chain = new int[n]; // representatives
        int len = 0;
        double[] best = new double[1];
        while (dist.count() > 1) {
            if (len == 0) {
                chain[len++] = dist.representative(0);
            }
            while (true) {
                int a = dist.slotOf(chain[len - 1]);
                int b = nearest(dist, a, best, ctx);
                double v = best[0];
                if (len >= 2) {
                    int prev = dist.slotOf(chain[len - 2]);
                    double pv = dist.ranking(a, prev);
                    if (pv <= v) {
                        merge(dist, merges, a, prev, pv, ctx);
                        len -= 2;
                        break;
                    }
                }
                chain[len++] = dist.representative(b);
            }
            ctx.checkCancelled();
        }
        return merges;
    }

    private static void merge(ClusterDistances dist, Merges merges, int a, int b, double v, ExecutionContext ctx) {
        merges.add(dist.representative(a), dist.representative(b), dist.height(v));
        dist.merge(a, b, v, ctx);
    }

    /** The nearest cluster to slot {@code a} (ties to the smaller representative), its ranking value in {@code out}. */
    static int nearest(ClusterDistances dist, int a, double[] out, ExecutionContext ctx) {
        int m = dist.count();
        int block = dist.scanBlock();
        int blocks = (m + block - 1) / block;
        if (blocks < 2 || ctx.threads() < 2) {
            return dist.nearest(a, 0, m, out);
        }
        int[] slots = new int[blocks];
        double[] values = new double[blocks];
        ctx.parallelFor(blocks, t -> {
            double[] o = new double[1];
            slots[t] = dist.nearest(a, t * block, Math.min(m, (t + 1) * block), o);
            values[t] = o[0];
        });
        int best = -1;
        double bv = Double.POSITIVE_INFINITY;
        for (int t = 0; t < blocks; t++) {
            int s = slots[t];
            if (s < 0) {
                continue;
            }
            double v = values[t];
            if (best < 0 || v < bv || (v == bv && dist.representative(s) < dist.representative(best))) {
                best = s;
                bv = v;
            }
        }
        out[0] = bv;
        return best;
    }
}

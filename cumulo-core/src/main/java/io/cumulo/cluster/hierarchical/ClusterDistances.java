package io.cumulo.cluster.hierarchical;

import io.cumulo.exec.ExecutionContext;

/**
 * The dissimilarities between the current clusters of an agglomeration, as the merging algorithms see them. The
 * clusters live in slots {@code 0 .. count()−1}; a merge puts the union in one slot and moves the last slot's
 * cluster into the other, so the live clusters stay contiguous (scans read memory in order). Each slot carries the
 * cluster's representative: the smallest original row in it, which ties are broken by and which names the cluster
 * in the merge list.
 *
 * <p>Distances are compared as a <em>ranking</em> value that orders like the height (squared distances for the
 * centroid-based linkages, whose roots need not be taken to compare them); {@link #height} turns one into a height.
 */
interface ClusterDistances {
    /** Live clusters. */
    int count();

    /** The representative (smallest original row) of the cluster in {@code slot}. */
    int representative(int slot);

    /** The ranking value of the dissimilarity between the clusters in slots {@code a ≠ b}. */
    double ranking(int a, int b);

    /**
     * The nearest cluster to slot {@code a} among slots {@code [from, to)} ({@code a} itself skipped): writes
     * its ranking value to {@code out[0]} and returns its slot, or −1 when the range holds no other cluster. Ties go to
     * the smaller representative.
     */
    int nearest(int a, int from, int to, double[] out);

    /** The height of a ranking value. */
    double height(double ranking);

    /**
     * Merges the clusters in slots {@code a} and {@code b} (their ranking value {@code rab}); the union keeps the
     * smaller representative; updates may run on the context's threads. Returns the slot the union ends up in (the slots may be renumbered: the last slot's
     * cluster moves into the freed one).
     */
    int merge(int a, int b, double rab, ExecutionContext ctx);

    /** The slot that holds representative {@code rep}, or −1 when it is merged away. */
    int slotOf(int rep);

    /** Rows (unweighted) in the cluster in {@code slot}. */
    long rows(int slot);

    /**
     * Slots per block when a scan is split over threads: large enough that a block outweighs the cost of handing it
     * to a thread. Depends on the implementation only, never on the thread count.
     */
    int scanBlock();
}

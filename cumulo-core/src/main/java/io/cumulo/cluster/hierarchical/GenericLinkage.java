package io.cumulo.cluster.hierarchical;

import io.cumulo.exec.ExecutionContext;

import java.util.Arrays;

/**
 * Müllner's generic algorithm (2011, Figure 3; after Anderberg 1973): every cluster keeps its nearest neighbour
 * among the clusters with a larger representative, and a priority queue of those distances gives the closest pair
 * at each step; a stored distance is only a lower bound after merges elsewhere, so the pair at the top is checked
 * and, if stale, its neighbour searched again. Correct for every linkage, including the non-reducible centroid and
 * median linkages whose merged clusters can come nearer to others (the tree then has inversions, heights that
 * decrease, as SciPy's). Usually {@code O(n²)} dissimilarity evaluations, {@code O(n³)} at worst.
 *
 * <p>Ties: the closest pair is the one whose smaller representative is smallest, and then whose other is; the tree
 * does not depend on the thread count.
 */
final class GenericLinkage {
    private GenericLinkage() {
    }

    static Merges run(ClusterDistances dist, ExecutionContext ctx) {
        int n = dist.count();
        Merges merges = new Merges(n);
        int[] nn = new int[n]; // by representative: the representative of its nearest neighbour above it, or −1
        double[] mind = new double[n];
        IndexedHeap heap = new IndexedHeap(n, mind);
        for (int r = 0; r < n; r++) {
            search(dist, r, nn, mind);
        }
        for (int r = 0; r < n; r++) {
            heap.insert(r);
        }
        for (int step = 0; step < n - 1; step++) {
            int r = heap.top();
            while (true) {
                int s = nn[r];
                int rs = s < 0 ? -1 : dist.slotOf(s);
                if (rs >= 0 && dist.ranking(dist.slotOf(r), rs) == mind[r]) {
                    break;
                }
                search(dist, r, nn, mind);
                heap.update(r);
                r = heap.top();
            }
            int s = nn[r];
            double v = mind[r];
            int ra = dist.slotOf(r);
            int sb = dist.slotOf(s);
            merges.add(r, s, dist.height(v));
            heap.remove(s);
            dist.merge(ra, sb, v, ctx); // the union keeps r, the smaller representative
            int rSlot = dist.slotOf(r);
            // clusters below r: the union may now be nearer than what they hold
            for (int slot = 0; slot < dist.count(); slot++) {
                int x = dist.representative(slot);
                if (x >= r) {
                    continue;
                }
                double dx = dist.ranking(slot, rSlot);
                if (dx < mind[x] || (dx == mind[x] && (nn[x] == s || r < nn[x]))) {
                    nn[x] = r;
                    mind[x] = dx;
                    heap.update(x);
                } else if (nn[x] == s) {
                    nn[x] = r; // a lower bound now: checked when it reaches the top
                }
            }
            search(dist, r, nn, mind);
            heap.update(r);
            ctx.checkCancelled();
        }
        return merges;
    }

    /** The nearest cluster to representative {@code r} among those with a larger representative. */
    private static void search(ClusterDistances dist, int r, int[] nn, double[] mind) {
        int a = dist.slotOf(r);
        int best = -1;
        double bd = Double.POSITIVE_INFINITY;
        for (int slot = 0; slot < dist.count(); slot++) {
            int x = dist.representative(slot);
            if (x <= r) {
                continue;
            }
            double v = dist.ranking(a, slot);
            if (best < 0 || v < bd || (v == bd && x < best)) {
                bd = v;
                best = x;
            }
        }
        nn[r] = best;
        mind[r] = best < 0 ? Double.POSITIVE_INFINITY : bd;
    }

    /** A binary min-heap of representatives keyed by {@code key[r]}, ties to the smaller representative. */
    static final class IndexedHeap {
        private final int[] heap;
        private final int[] pos;
        private final double[] key;
        private int size;

        IndexedHeap(int n, double[] key) {
            this.heap = new int[n];
            this.pos = new int[n];
            Arrays.fill(pos, -1);
            this.key = key;
        }

        private boolean less(int x, int y) {
            return key[x] < key[y] || (key[x] == key[y] && x < y);
        }

        void insert(int r) {
            heap[size] = r;
            pos[r] = size;
            up(size++);
        }

        int top() {
            return heap[0];
        }

        void remove(int r) {
            int i = pos[r];
            if (i < 0) {
                return;
            }
            int last = heap[--size];
            pos[r] = -1;
            if (i < size) {
                heap[i] = last;
                pos[last] = i;
                up(i);
                down(pos[last]);
            }
        }

        /** After {@code key[r]} changed. */
        void update(int r) {
            int i = pos[r];
            if (i >= 0) {
                up(i);
                down(pos[r]);
            }
        }

        private void up(int i) {
            int r = heap[i];
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (!less(r, heap[p])) {
                    break;
                }
                heap[i] = heap[p];
                pos[heap[i]] = i;
                i = p;
            }
            heap[i] = r;
            pos[r] = i;
        }

        private void down(int i) {
            int r = heap[i];
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int c = l + 1 < size && less(heap[l + 1], heap[l]) ? l + 1 : l;
                if (!less(heap[c], r)) {
                    break;
                }
                heap[i] = heap[c];
                pos[heap[i]] = i;
                i = c;
            }
            heap[i] = r;
            pos[r] = i;
        }
    }
}

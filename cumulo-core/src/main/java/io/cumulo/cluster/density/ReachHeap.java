package io.cumulo.cluster.density;

import java.util.Arrays;

/**
 * OPTICS's seed list: an indexed binary min-heap of rows keyed by (reachability, row), the key read from the shared
 * {@code reach} array, so a lowered reachability moves its row up in {@code O(log n)}. Ties go to the lower row, as
 * scikit-learn's {@code argmin} over the unvisited rows in row order gives them.
 */
final class ReachHeap {
    private final double[] reach;
    private final int[] heap;
    /** Where each row sits in the heap, -1 when it is not there. */
    private final int[] slot;
    private int size;

    ReachHeap(int n, double[] reach) {
        this.reach = reach;
        this.heap = new int[n];
        this.slot = new int[n];
        Arrays.fill(slot, -1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** {@code row}'s reachability went down (or it just got one): insert it or move it up. */
    void decreased(int row) {
        int i = slot[row];
        if (i < 0) {
            i = size++;
            heap[i] = row;
            slot[row] = i;
        }
        up(i);
    }

    /** Removes and returns the row of least (reachability, row). */
    int pop() {
        int top = heap[0];
        slot[top] = -1;
        int last = heap[--size];
        if (size > 0) {
            heap[0] = last;
            slot[last] = 0;
            down(0);
        }
        return top;
    }

    private boolean before(int a, int b) {
        double ra = reach[a];
        double rb = reach[b];
        return ra < rb || ra == rb && a < b;
    }

    private void up(int i) {
        int row = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!before(row, p)) {
                break;
            }
            heap[i] = p;
            slot[p] = i;
            i = parent;
        }
        heap[i] = row;
        slot[row] = i;
    }

    private void down(int i) {
        int row = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            int c = heap[child];
            if (!before(c, row)) {
                break;
            }
            heap[i] = c;
            slot[c] = i;
            i = child;
        }
        heap[i] = row;
        slot[row] = i;
    }
}

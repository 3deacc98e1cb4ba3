package io.cumulo.neighbors;

/**
 * A bounded max-heap of (distance, row) pairs in two parallel arrays, ordered by distance then row, so the root is
 * the pair a k-nearest search drops first. What every {@link NeighborIndex} keeps its k best candidates in.
 */
final class Heaps {
    private Heaps() {
    }

    /** Whether (d1, r1) comes before (d2, r2): nearer, or as near and a lower row. */
    static boolean before(double d1, int r1, double d2, int r2) {
        return d1 < d2 || (d1 == d2 && r1 < r2);
    }

    /** Adds (dv, rv) to a heap of {@code size} entries (the arrays have room for one more). */
    static void push(double[] dist, int[] row, int size, double dv, int rv) {
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(dist[parent], row[parent], dv, rv)) {
                break;
            }
            dist[i] = dist[parent];
            row[i] = row[parent];
            i = parent;
        }
        dist[i] = dv;
        row[i] = rv;
    }

    /** Replaces the root of a full heap of {@code size} entries with (dv, rv), which must come before the root. */
    static void replaceTop(double[] dist, int[] row, int size, double dv, int rv) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int r = l + 1;
            int worst = r < size && before(dist[l], row[l], dist[r], row[r]) ? r : l;
            if (!before(dv, rv, dist[worst], row[worst])) {
                break;
            }
            dist[i] = dist[worst];
            row[i] = row[worst];
            i = worst;
        }
        dist[i] = dv;
        row[i] = rv;
    }

    /** Sorts a heap of {@code size} entries into ascending (distance, row) order, in place. */
    static void sortAscending(double[] dist, int[] row, int size) {
        for (int end = size - 1; end > 0; end--) {
            double dv = dist[end];
            int rv = row[end];
            dist[end] = dist[0];
            row[end] = row[0];
            replaceTop(dist, row, end, dv, rv);
        }
    }
}

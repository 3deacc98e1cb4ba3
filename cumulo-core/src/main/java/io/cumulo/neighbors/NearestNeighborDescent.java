package io.cumulo.neighbors;

import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Approximate k nearest neighbours by nearest-neighbour descent (Dong, Moses and Li, "Efficient k-nearest
 * neighbor graph construction for generic similarity measures", WWW 2011): a neighbour of a neighbour is
 * likely a neighbour. Starting from random lists, each round compares every row with the neighbours and
 * reverse neighbours of its neighbours and reverse neighbours, keeping the best; only pairs reached through
 * at least one entry that changed in the previous round are compared (the paper's "new" flags). It stops when
 * fewer than {@code 0.001·n·k} entries change in a round, or after {@link #MAX_ROUNDS}.
 *
 * <p>Unlike the paper's local join, where a pair updates both rows' lists, each row here updates only its own
 * list from the previous round's lists (a "pull" round): rounds can then run in parallel with a result that
 * does not depend on the thread count, at the price of somewhat slower convergence.
 */
public final class NearestNeighborDescent {
    /** Rounds at most. */
    public static final int MAX_ROUNDS = 12;
    private static final double STOP_FRACTION = 0.001;

    private NearestNeighborDescent() {
    }

    /**
     * The {@code k} nearest (the row itself in slot 0) of every one of the {@code n} rows of {@code x} ({@code d}
     * columns, row-major), approximately, with Euclidean distances; seeded, and the same for any thread count.
     */
    public static KnnGraph search(double[] x, int n, int d, int k, long seed, ExecutionContext ctx) {
        VectorKernels kernels = VectorKernels.get();
        int kept = k - 1;
        int[] idx = new int[n * kept];
        double[] dist = new double[n * kept];
        boolean[] fresh = new boolean[n * kept];
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            SplittableRandom r = root.split();
            int o = i * kept;
            int filled = 0;
            while (filled < kept) {
                int p = r.nextInt(n);
                if (p == i || contains(idx, o, filled, p)) {
                    continue;
                }
                idx[o + filled] = p;
                dist[o + filled] = kernels.squaredDistance(x, i * d, x, p * d, d);
                filled++;
            }
            KnnGraph.sortByDistance(idx, dist, o, kept);
        }
        Arrays.fill(fresh, true);
        Chunks chunks = Chunks.of(n, 256, 64);
        int[] nextIdx = new int[n * kept];
        double[] nextDist = new double[n * kept];
        boolean[] nextFresh = new boolean[n * kept];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            // reverse lists, at most `kept` per row, sampled uniformly by a seeded reservoir
            int[] revCount = new int[n];
            int[] seen = new int[n];
            int[] rev = new int[n * kept];
            boolean[] revFresh = new boolean[n * kept];
            SplittableRandom r = root.split();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < kept; j++) {
                    int p = idx[i * kept + j];
                    int s = seen[p]++;
                    int slot = s < kept ? s : r.nextInt(s + 1);
                    if (slot < kept) {
                        rev[p * kept + slot] = i;
                        revFresh[p * kept + slot] = fresh[i * kept + j];
                        revCount[p] = Math.min(kept, revCount[p] + (s < kept ? 1 : 0));
                    }
                }
            }
            final int[] cIdx = idx;
            final double[] cDist = dist;
            final boolean[] cFresh = fresh;
            final int[] nIdx = nextIdx;
            final double[] nDist = nextDist;
            final boolean[] nFresh = nextFresh;
            long[] changes = new long[chunks.count()];
            ctx.parallelFor(chunks.count(), c -> {
                int[] mark = new int[n];
                Arrays.fill(mark, -1);
                int[] cand = new int[4 * kept * kept + 2 * kept];
                long changed = 0;
                for (int v = chunks.start(c); v < chunks.end(c); v++) {
                    int o = v * kept;
                    System.arraycopy(cIdx, o, nIdx, o, kept);
                    System.arraycopy(cDist, o, nDist, o, kept);
                    Arrays.fill(nFresh, o, o + kept, false);
                    mark[v] = v;
                    for (int j = 0; j < kept; j++) {
                        mark[cIdx[o + j]] = v;
                    }
                    int nc = 0;
                    // neighbours u of v (forward then reverse), and their neighbours w (forward then reverse)
                    for (int side = 0; side < 2; side++) {
                        int uCount = side == 0 ? kept : revCount[v];
                        for (int a = 0; a < uCount; a++) {
                            int u = side == 0 ? cIdx[o + a] : rev[o + a];
                            boolean vuFresh = side == 0 ? cFresh[o + a] : revFresh[o + a];
                            int ou = u * kept;
                            for (int side2 = 0; side2 < 2; side2++) {
                                int wCount = side2 == 0 ? kept : revCount[u];
                                for (int b = 0; b < wCount; b++) {
                                    int w = side2 == 0 ? cIdx[ou + b] : rev[ou + b];
                                    boolean uwFresh = side2 == 0 ? cFresh[ou + b] : revFresh[ou + b];
                                    if ((vuFresh || uwFresh) && mark[w] != v) {
                                        mark[w] = v;
                                        cand[nc++] = w;
                                    }
                                }
                            }
                        }
                    }
                    // a row's candidates in index order, so that ties resolve as in exact search
                    Arrays.sort(cand, 0, nc);
                    for (int t = 0; t < nc; t++) {
                        int w = cand[t];
                        double s = kernels.squaredDistance(x, v * d, x, w * d, d);
                        if (s < nDist[o + kept - 1]) {
                            insertFresh(nDist, nIdx, nFresh, o, kept, s, w);
                            changed++;
                        }
                    }
                }
                changes[c] = changed;
            });
            long total = 0;
            for (long ch : changes) {
                total += ch;
            }
            int[] ti = idx;
            idx = nextIdx;
            nextIdx = ti;
            double[] td = dist;
            dist = nextDist;
            nextDist = td;
            boolean[] tf = fresh;
            fresh = nextFresh;
            nextFresh = tf;
            if (total < STOP_FRACTION * n * kept) {
                break;
            }
        }
        int[] index = new int[n * k];
        double[] distance = new double[n * k];
        for (int i = 0; i < n; i++) {
            index[i * k] = i;
            for (int j = 0; j < kept; j++) {
                index[i * k + 1 + j] = idx[i * kept + j];
                distance[i * k + 1 + j] = Math.sqrt(dist[i * kept + j]);
            }
            KnnGraph.sortByDistance(index, distance, i * k + 1, kept);
        }
        return new KnnGraph(index, distance, k);
    }

    private static boolean contains(int[] a, int from, int len, int p) {
        for (int j = from; j < from + len; j++) {
            if (a[j] == p) {
                return true;
            }
        }
        return false;
    }

    private static void insertFresh(double[] v, int[] idx, boolean[] fresh, int o, int len, double s, int p) {
        int j = o + len - 1;
        while (j > o && v[j - 1] > s) {
            v[j] = v[j - 1];
            idx[j] = idx[j - 1];
            fresh[j] = fresh[j - 1];
            j--;
        }
        v[j] = s;
        idx[j] = p;
        fresh[j] = true;
    }
}

package io.cumulo.exec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded sampling of row indices. */
public final class Sampling {
    private Sampling() {
    }

    /**
     * {@code m} distinct indices from {@code [0, n)}, uniformly, in the order drawn: a partial Fisher–Yates
     * shuffle over a virtual identity permutation, so memory is O(m) however large n is.
     */
    public static int[] withoutReplacement(int n, int m, SplittableRandom rng) {
        if (m > n) {
            throw new IllegalArgumentException(m + " > " + n);
        }
        Map<Integer, Integer> moved = new HashMap<>();
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int atJ = moved.getOrDefault(j, j);
            moved.put(j, moved.getOrDefault(i, i));
            out[i] = atJ;
        }
        return out;
    }

    /** As {@link #withoutReplacement}, sorted increasingly (to keep rows in input order). */
    public static int[] sortedSample(int n, int m, long seed) {
        int[] s = withoutReplacement(n, m, new SplittableRandom(seed));
        Arrays.sort(s);
        return s;
    }
}

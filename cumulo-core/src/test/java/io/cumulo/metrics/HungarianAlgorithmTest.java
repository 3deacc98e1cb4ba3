package io.cumulo.metrics;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HungarianAlgorithmTest {

    @Test
    void smallHandExample() {
        // row 0 -> col 1 (1), row 1 -> col 0 (2), row 2 -> col 2 (2): 5; the diagonal costs 4 + 0 + 2 = 6
        long[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        int[] a = HungarianAlgorithm.minimumCost(cost);
        assertArrayEquals(new int[] {1, 0, 2}, a);
        assertEquals(5, HungarianAlgorithm.total(cost, a));
    }

    @Test
    void greedyIsNotEnough() {
        // the largest weight (3 at [0][0]) is not in the best matching: [0][1] + [1][0] = 2 + 2 = 4 > 3 + 0
        long[][] w = {{3, 2}, {2, 0}};
        int[] a = HungarianAlgorithm.maximumWeight(w);
        assertArrayEquals(new int[] {1, 0}, a);
        assertEquals(4, HungarianAlgorithm.total(w, a));
    }

    /** Every square and rectangular shape up to 6 × 6, against the best of all injective assignments. */
    @Test
    void agreesWithBruteForceOnRandomMatrices() {
        SplittableRandom rnd = new SplittableRandom(1955);
        int checked = 0;
        for (int rows = 0; rows <= 6; rows++) {
            for (int cols = 0; cols <= 6; cols++) {
                for (int trial = 0; trial < 25; trial++) {
                    // alternately wide-ranged values (negative too) and many ties (0/1)
                    int range = trial % 2 == 0 ? 41 : 2;
                    long[][] m = new long[rows][cols];
                    for (long[] row : m) {
                        for (int j = 0; j < cols; j++) {
                            row[j] = rnd.nextInt(range) - (range == 2 ? 0 : 20);
                        }
                    }
                    int[] min = HungarianAlgorithm.minimumCost(m);
                    checkAssignment(min, rows, cols);
                    assertEquals(bruteForce(m, false), HungarianAlgorithm.total(m, min), rows + "x" + cols);
                    int[] max = HungarianAlgorithm.maximumWeight(m);
                    checkAssignment(max, rows, cols);
                    assertEquals(bruteForce(m, true), HungarianAlgorithm.total(m, max), rows + "x" + cols);
                    checked++;
                }
            }
        }
        assertEquals(49 * 25, checked);
    }

    /** Each row gets a distinct column, and exactly min(rows, cols) rows get one. */
    private static void checkAssignment(int[] a, int rows, int cols) {
        assertEquals(rows, a.length);
        boolean[] used = new boolean[cols];
        int assigned = 0;
        for (int c : a) {
            if (c >= 0) {
                assertTrue(c < cols && !used[c], "column " + c + " given twice or out of range");
                used[c] = true;
                assigned++;
            } else {
                assertEquals(-1, c);
            }
        }
        assertEquals(Math.min(rows, cols), assigned);
    }

    /** Best total over all ways to give min(rows, cols) rows distinct columns, by recursion over the rows. */
    private static long bruteForce(long[][] m, boolean maximise) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        return best(m, 0, new boolean[cols], Math.min(rows, cols), maximise);
    }

    private static long best(long[][] m, int row, boolean[] used, int toAssign, boolean maximise) {
        if (toAssign == 0) {
            return 0;
        }
        long best = maximise ? Long.MIN_VALUE : Long.MAX_VALUE;
        // this row may stay unassigned only if enough rows remain for the columns still to be given
        if (m.length - row - 1 >= toAssign) {
            best = best(m, row + 1, used, toAssign, maximise);
        }
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                used[c] = true;
                long v = m[row][c] + best(m, row + 1, used, toAssign - 1, maximise);
                used[c] = false;
                best = maximise ? Math.max(best, v) : Math.min(best, v);
            }
        }
        return best;
    }

    @Test
    void largerMatricesAreInvariantToPermutation() {
        // no brute force at 60 x 90: the optimum must not change when rows and columns are shuffled, and a planted
        // matching with much larger weights than the rest must be found
        SplittableRandom rnd = new SplittableRandom(1957);
        int rows = 60;
        int cols = 90;
        long[][] m = new long[rows][cols];
        int[] planted = new int[rows];
        int[] perm = shuffled(cols, rnd);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = rnd.nextInt(1000);
            }
            planted[i] = perm[i];
            m[i][planted[i]] = 1_000_000;
        }
        int[] a = HungarianAlgorithm.maximumWeight(m);
        assertArrayEquals(planted, a);
        long[][] noise = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                noise[i][j] = rnd.nextInt(1000);
            }
        }
        long total = HungarianAlgorithm.total(noise, HungarianAlgorithm.minimumCost(noise));
        int[] rp = shuffled(rows, rnd);
        int[] cp = shuffled(cols, rnd);
        long[][] shuffledM = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                shuffledM[i][j] = noise[rp[i]][cp[j]];
            }
        }
        assertEquals(total, HungarianAlgorithm.total(shuffledM, HungarianAlgorithm.minimumCost(shuffledM)));
        // and the transposed problem (more rows than columns) has the same optimum
        long[][] transposed = new long[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                transposed[j][i] = noise[i][j];
            }
        }
        assertEquals(total, HungarianAlgorithm.total(transposed, HungarianAlgorithm.minimumCost(transposed)));
    }

    private static int[] shuffled(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Test
    void badMatrices() {
        assertEquals("assignment: the cost matrix is ragged (rows of 2 and 1 columns)",
                assertThrows(CumuloException.class, () -> HungarianAlgorithm.minimumCost(new long[][] {{1, 2}, {3}}))
                        .getMessage());
        assertEquals("assignment: cost 1125899906842624 is too large; expected |cost| < 2^50",
                assertThrows(CumuloException.class, () -> HungarianAlgorithm.minimumCost(new long[][] {{1L << 50}}))
                        .getMessage());
        assertArrayEquals(new int[0], HungarianAlgorithm.minimumCost(new long[0][]));
        assertArrayEquals(new int[] {-1, -1}, HungarianAlgorithm.minimumCost(new long[2][0]));
    }
}

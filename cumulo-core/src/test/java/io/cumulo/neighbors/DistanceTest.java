package io.cumulo.neighbors;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistanceTest {
    private static final double[] A = {1, 2, 3};
    private static final double[] B = {4, 6, 3};

    @Test
    void handComputedValues() {
        // differences (3, 4, 0)
        assertEquals(5.0, Distance.EUCLIDEAN.between(A, B), 0);
        assertEquals(25.0, Distance.SQEUCLIDEAN.between(A, B), 0);
        assertEquals(7.0, Distance.MANHATTAN.between(A, B), 0);
        assertEquals(4.0, Distance.CHEBYSHEV.between(A, B), 0);
        // a·b = 4 + 12 + 9 = 25, |a|² = 14, |b|² = 61
        assertEquals(1 - 25 / Math.sqrt(14 * 61), Distance.COSINE.between(A, B), 1e-15);
        // orthogonal, opposite, same direction
        assertEquals(1.0, Distance.COSINE.between(new double[] {1, 0}, new double[] {0, 3}), 0);
        assertEquals(2.0, Distance.COSINE.between(new double[] {1, 2}, new double[] {-2, -4}), 0);
        assertEquals(0.0, Distance.COSINE.between(new double[] {1, 2}, new double[] {3, 6}), 1e-16);
        // negative coordinates and odd lengths
        double[] p = {-1.5, 2, 0.5, -4, 7};
        double[] q = {0.5, -1, 0.5, -4, 1};
        assertEquals(2 + 3 + 0 + 0 + 6, Distance.MANHATTAN.between(p, q), 0);
        assertEquals(6.0, Distance.CHEBYSHEV.between(p, q), 0);
        assertEquals(4 + 9 + 36, Distance.SQEUCLIDEAN.between(p, q), 0);
        assertEquals(7.0, Distance.EUCLIDEAN.between(p, q), 0);
    }

    @Test
    void offsetsSelectTheRows() {
        double[] x = {9, 9, 1, 2, 3, 9};
        double[] y = {4, 6, 3};
        for (Distance m : Distance.values()) {
            assertEquals(m.between(A, B), m.between(x, 2, y, 0, 3), 0, m.id());
        }
    }

    @Test
    void symmetricZeroOnTheDiagonalAndNonNegative() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < 2000; t++) {
            int d = 1 + rng.nextInt(9);
            double[] a = new double[d];
            double[] b = new double[d];
            double scale = Math.pow(10, rng.nextInt(-6, 7));
            for (int i = 0; i < d; i++) {
                a[i] = (rng.nextDouble() * 2 - 1) * scale;
                b[i] = (rng.nextDouble() * 2 - 1) * scale;
            }
            for (Distance m : Distance.values()) {
                assertEquals(m.between(a, b), m.between(b, a), 0, m.id() + " symmetric");
                assertEquals(0.0, m.between(a, a), 0, m.id() + " zero to itself");
                assertTrue(m.between(a, b) >= 0, m.id());
                assertEquals(m.between(a, b), m.fromRanking(m.rankingBetween(a, 0, b, 0, d)), 0, m.id() + " ranking");
            }
            assertTrue(Distance.COSINE.between(a, b) <= 2);
        }
    }

    @Test
    void triangleInequalityWhereClaimed() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int t = 0; t < 2000; t++) {
            double[][] v = new double[3][4];
            for (double[] r : v) {
                for (int i = 0; i < 4; i++) {
                    r[i] = rng.nextDouble() * 10 - 5;
                }
            }
            for (Distance m : Distance.values()) {
                if (m.isMetric()) {
                    assertTrue(m.between(v[0], v[2]) <= m.between(v[0], v[1]) + m.between(v[1], v[2]) + 1e-12, m.id());
                }
            }
        }
        // squared Euclidean is not a metric: 0 -> 1 -> 2 on a line
        double[] a = {0};
        double[] b = {1};
        double[] c = {2};
        assertTrue(Distance.SQEUCLIDEAN.between(a, c) > Distance.SQEUCLIDEAN.between(a, b) + Distance.SQEUCLIDEAN.between(b, c));
        assertFalse(Distance.SQEUCLIDEAN.isMetric());
        assertFalse(Distance.COSINE.isMetric());
    }

    @Test
    void parseAndNames() {
        assertEquals(List.of("euclidean", "sqeuclidean", "manhattan", "cosine", "chebyshev"), Distance.ids());
        for (Distance m : Distance.values()) {
            assertEquals(m, Distance.parse(m.id()));
        }
        assertEquals(Distance.COSINE, Distance.parse(" Cosine "));
        CumuloException e = assertThrows(CumuloException.class, () -> Distance.parse("minkowski"));
        assertEquals("unknown distance 'minkowski'; expected one of euclidean, sqeuclidean, manhattan, cosine, chebyshev",
                e.getMessage());
    }

    @Test
    void cosineOfAZeroVectorIsUndefinedAndReported() {
        assertTrue(Double.isNaN(Distance.COSINE.between(new double[] {0, 0}, new double[] {1, 2})));
        Dataset data = Dataset.of(new double[][] {{1, 2}, {3, 4}, {0, 0}, {0, 0}});
        assertEquals(2, Distance.COSINE.firstUndefinedRow(data.rawValues(), 4, 2));
        assertEquals(-1, Distance.EUCLIDEAN.firstUndefinedRow(data.rawValues(), 4, 2));
        CumuloException e = assertThrows(CumuloException.class, () -> Distance.COSINE.requireDefined(data));
        assertEquals("data: row 2 is all zeros, so its cosine distance is undefined; drop the row, scale differently, "
                + "or use another metric", e.getMessage());
        Distance.MANHATTAN.requireDefined(data); // defined everywhere
        // tiny but not zero: still defined
        assertEquals(0.0, Distance.COSINE.between(new double[] {1e-150, 2e-150}, new double[] {1, 2}), 1e-15);
        assertEquals(-1, Distance.COSINE.firstUndefinedRow(new double[] {1e-150, 0}, 1, 2));
    }
}

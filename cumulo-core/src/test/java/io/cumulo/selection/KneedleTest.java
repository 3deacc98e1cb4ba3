package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KneedleTest {
    private static double[] range(int from, int to) {
        double[] x = new double[to - from + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + i;
        }
        return x;
    }

    private static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /**
     * y = 1/x at x = 1..10. x_n = (x − 1)/9; y_n = (1/x − 0.1)/0.9, so 1 − y_n = (x − 1)/(0.9x) and
     * D = (x − 1)/(0.9x) − (x − 1)/9 = (x − 1)(10 − x)/(9x) = (11 − x − 10/x)/9, largest at x = √10 between the
     * points: D(3) = 14/27 > D(4) = 1/2. Threshold 14/27 − 1/9 = 11/27; D(5) = 4/9 is above it, D(6) = 10/27 below:
     * the knee is x = 3.
     */
    @Test
    void oneOverX() {
        double[] x = range(1, 10);
        Kneedle.Result r = Kneedle.defaults().find(x, map(x, v -> 1 / v));
        assertTrue(r.found());
        assertEquals(3.0, r.knee().getAsDouble());
        assertEquals(1.0 / 3, r.kneeY().getAsDouble());
        assertEquals(2, r.kneeIndex());
        assertTrue(r.reason().isEmpty());
        double[] d = r.difference();
        for (int i = 0; i < x.length; i++) {
            assertEquals((x[i] - 1) * (10 - x[i]) / (9 * x[i]), d[i], 1e-15);
        }
        assertArrayEquals(new int[] {2}, r.candidates());
        // one candidate: every choice agrees
        assertEquals(3.0, Kneedle.defaults().withChoice(Kneedle.Choice.FIRST).find(x, map(x, v -> 1 / v)).knee().getAsDouble());
        assertEquals(3.0, Kneedle.defaults().withChoice(Kneedle.Choice.LAST).find(x, map(x, v -> 1 / v)).knee().getAsDouble());
    }

    /** After the maximum D falls to 0 at x = 10, so a knee needs S/9 > 14/27 − 0 to fail: S > 14/3. */
    @Test
    void sensitivity() {
        double[] x = range(1, 10);
        double[] y = map(x, v -> 1 / v);
        assertTrue(Kneedle.defaults().withSensitivity(4.6).find(x, y).found());
        Kneedle.Result none = Kneedle.defaults().withSensitivity(4.7).find(x, y);
        assertFalse(none.found());
        assertTrue(none.reason().orElseThrow().startsWith("the difference curve never falls"), none.reason().orElseThrow());
        assertArrayEquals(new int[] {2}, none.candidates());
        // S = 0: any fall after a maximum declares it
        assertEquals(3.0, Kneedle.defaults().withSensitivity(0).find(x, y).knee().getAsDouble());
    }

    /**
     * Slope −2 up to x = 3, then −0.4: x = 0..8, y = 8, 6, 4, 2, 1.6, 1.2, 0.8, 0.4, 0. 1 − y/8 − x/8 =
     * 0, .125, .25, .375, .3, .225, .15, .075, 0: the corner x = 3; threshold .375 − 1/8 = .25, crossed at x = 5.
     */
    @Test
    void cornerOfAPiecewiseLinearCurve() {
        double[] x = range(0, 8);
        double[] y = {8, 6, 4, 2, 1.6, 1.2, 0.8, 0.4, 0};
        Kneedle.Result r = Kneedle.defaults().find(x, y);
        assertEquals(3.0, r.knee().getAsDouble());
        assertArrayEquals(new double[] {0, .125, .25, .375, .3, .225, .15, .075, 0}, r.difference(), 1e-15);
    }

    @Test
    void noKnee() {
        double[] x = range(1, 10);
        Kneedle.Result line = Kneedle.defaults().find(x, map(x, v -> 5 - 2 * v));
        assertFalse(line.found());
        assertEquals(-1, line.kneeIndex());
        assertEquals("the difference curve has no local maximum: the curve is straight or not convex-decreasing",
                line.reason().orElseThrow());
        // a concave curve read as convex: D ≤ 0 with no interior maximum
        assertFalse(Kneedle.defaults().find(x, map(x, v -> -v * v)).found());
        assertEquals("y is constant", Kneedle.defaults().find(x, new double[10]).reason().orElseThrow());
        assertEquals("fewer than 3 points", Kneedle.defaults().find(new double[] {1, 2}, new double[] {2, 1})
                .reason().orElseThrow());
        Map<String, Object> j = line.toJson();
        assertTrue(j.containsKey("knee"));
        assertEquals(null, j.get("knee"));
    }

    /**
     * The other shapes by symmetry: y = −1/x (concave increasing) has 1 − y_n of 1/x as its y_n, so the same
     * knee x = 3; y = 1/(11 − x) (convex increasing) and y = −1/(11 − x) (concave decreasing) are 1/u and −1/u
     * with u = 11 − x read backwards, so the knee is at u = 3, x = 8.
     */
    @Test
    void otherShapes() {
        double[] x = range(1, 10);
        assertEquals(3.0, Kneedle.defaults().withShape(Kneedle.Shape.CONCAVE_INCREASING).find(x, map(x, v -> -1 / v))
                .knee().getAsDouble());
        assertEquals(8.0, Kneedle.defaults().withShape(Kneedle.Shape.CONVEX_INCREASING).find(x, map(x, v -> 1 / (11 - v)))
                .knee().getAsDouble());
        Kneedle.Result r = Kneedle.defaults().withShape(Kneedle.Shape.CONCAVE_DECREASING).find(x, map(x, v -> -1 / (11 - v)));
        assertEquals(8.0, r.knee().getAsDouble());
        // the difference curve is reported in the order the points were given: D(u) at position of x = 11 − u
        double[] d = r.difference();
        for (int i = 0; i < x.length; i++) {
            double u = 11 - x[i];
            assertEquals((u - 1) * (10 - u) / (9 * u), d[i], 1e-15);
        }
    }

    /**
     * Three bends: D = 0, .1, .2, .1, .05, .075, .15, .25, .15, .05, .125, .13, .05, 0 on x = 0..13 (given as the
     * concave increasing curve y = 260 (D + x/13), whose ends are its minimum and maximum, so y_n − x_n = D). Local
     * maxima at x = 2, 7, 11; thresholds (S/13 = .0769) .123, .173, .053 are each crossed before the next maximum
     * (by .05, .05 and 0). First declared: 2; largest D: 7; last: 11.
     */
    @Test
    void severalKnees() {
        double[] x = range(0, 13);
        double[] y = {0, 46, 92, 86, 93, 119.5, 159, 205, 199, 193, 232.5, 253.8, 253, 260};
        Kneedle k = Kneedle.defaults().withShape(Kneedle.Shape.CONCAVE_INCREASING);
        Kneedle.Result r = k.find(x, y);
        assertArrayEquals(new int[] {2, 7, 11}, r.candidates());
        assertArrayEquals(new int[] {2, 7, 11}, r.knees());
        assertEquals(7.0, r.knee().getAsDouble());
        assertEquals(2.0, k.withChoice(Kneedle.Choice.FIRST).find(x, y).knee().getAsDouble());
        assertEquals(11.0, k.withChoice(Kneedle.Choice.LAST).find(x, y).knee().getAsDouble());
        assertArrayEquals(new double[] {0, .1, .2, .1, .05, .075, .15, .25, .15, .05, .125, .13, .05, 0}, r.difference(), 1e-12);
        // S = 2.2 (S/13 = .169): thresholds .031 (not crossed: the lowest before x = 7 is .05), .081 (crossed by .05)
        // and −.039 (never crossed): only x = 7 remains, whatever the choice
        Kneedle.Result strict = k.withSensitivity(2.2).find(x, y);
        assertArrayEquals(new int[] {7}, strict.knees());
        assertEquals(7.0, k.withSensitivity(2.2).withChoice(Kneedle.Choice.FIRST).find(x, y).knee().getAsDouble());
    }

    /** Only the shape matters: moving and stretching either axis leaves the knee's index where it was. */
    @Test
    void invariantUnderAffineMapsOfTheAxes() {
        double[] x = range(1, 10);
        double[] y = map(x, v -> 1 / v);
        double[] x2 = map(x, v -> 1000 + 0.25 * v);
        double[] y2 = map(y, v -> -7 + 1e6 * v);
        assertEquals(2, Kneedle.defaults().find(x2, y2).kneeIndex());
        // unevenly spaced x, as when only some k were tried
        double[] ks = {2, 3, 4, 6, 8, 12, 16};
        double[] inertia = map(ks, v -> 100 / v);
        assertTrue(Kneedle.defaults().find(ks, inertia).found());
    }

    /** The use it is made for: the elbow of k-means inertia against k on four well-separated blobs is k = 4. */
    @Test
    void elbowOfInertiaOnFourBlobs() {
        double[][] centres = {{0, 0}, {30, 0}, {0, 30}, {30, 30}};
        SplittableRandom rng = new SplittableRandom(4);
        double[][] rows = new double[400][];
        for (int i = 0; i < rows.length; i++) {
            double[] c = centres[i % 4];
            rows[i] = new double[] {c[0] + rng.nextDouble() * 4 - 2, c[1] + rng.nextDouble() * 4 - 2};
        }
        Dataset data = Dataset.of(rows);
        double[] ks = range(1, 9);
        double[] inertia = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            inertia[i] = KMeans.builder().k((int) ks[i]).seed(1).build().fit(data).inertia();
        }
        assertEquals(4.0, Kneedle.defaults().find(ks, inertia).knee().getAsDouble());
    }

    @Test
    void badInput() {
        CumuloException e = assertThrows(CumuloException.class,
                () -> Kneedle.defaults().find(new double[] {1, 2, 3}, new double[] {1, 2}));
        assertEquals("Kneedle: 3 x values but 2 y values", e.getMessage());
        e = assertThrows(CumuloException.class,
                () -> Kneedle.defaults().find(new double[] {1, 3, 3}, new double[] {3, 2, 1}));
        assertEquals("Kneedle: x must be strictly increasing, but x[2] = 3.0 follows x[1] = 3.0", e.getMessage());
        e = assertThrows(CumuloException.class,
                () -> Kneedle.defaults().find(new double[] {1, 2, 3}, new double[] {3, Double.NaN, 1}));
        assertEquals("Kneedle: point 1 (2.0, NaN) is not finite", e.getMessage());
        e = assertThrows(CumuloException.class, () -> Kneedle.defaults().withSensitivity(-1));
        assertEquals("Kneedle sensitivity: expected a finite number >= 0, got -1.0", e.getMessage());
    }
}

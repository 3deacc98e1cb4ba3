package io.cumulo.report.paint;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tick positions and labels worked out by hand from the 1-2-5 rule. */
class TicksTest {
    @Test
    void unitIntervalInFiveSteps() {
        // 1 / 5 = 0.2 is itself a 1-2-5 step
        Ticks.TickSet t = Ticks.linear(0, 1, 5, false, true);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, t.values());
        assertArrayEquals(new String[] {"0", "0.2", "0.4", "0.6", "0.8", "1"}, t.labels());
    }

    @Test
    void looseTicksCoverTheData() {
        // 94 / 5 = 18.8 rounds up to 20; 3 lies in [0, 20], 97 in [80, 100]
        Ticks.TickSet t = Ticks.linear(3, 97, 5, false, true);
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100}, t.values());
        assertArrayEquals(new String[] {"0", "20", "40", "60", "80", "100"}, t.labels());
    }

    @Test
    void ticksWithinTheRangeOnly() {
        // 0.85 / 5 = 0.17 -> 0.2; multiples of 0.2 in [0.1, 0.95]
        assertArrayEquals(new double[] {0.2, 0.4, 0.6, 0.8}, Ticks.linear(0.1, 0.95, 5, false, false).values());
    }

    @Test
    void integerAxis() {
        // 13 / 5 = 2.6 -> 5: 0, 5, 10, 15
        assertArrayEquals(new double[] {0, 5, 10, 15}, Ticks.linear(2, 15, 5, true, true).values());
        // 13 / 10 = 1.3 -> 2: 2, 4, ..., 16
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12, 14, 16}, Ticks.linear(2, 15, 10, true, true).values());
        // 3 / 8 = 0.375 would be 0.5, but k is a whole number
        Ticks.TickSet t = Ticks.linear(0, 3, 8, true, true);
        assertArrayEquals(new double[] {0, 1, 2, 3}, t.values());
        assertArrayEquals(new String[] {"0", "1", "2", "3"}, t.labels());
    }

    @Test
    void negativeRange() {
        // 1.18 / 5 = 0.236 -> 0.5; floor(-0.37 / 0.5) = -1, ceil(0.81 / 0.5) = 2
        Ticks.TickSet t = Ticks.linear(-0.37, 0.81, 5, false, true);
        assertArrayEquals(new double[] {-0.5, 0, 0.5, 1}, t.values());
        assertArrayEquals(new String[] {"-0.5", "0", "0.5", "1"}, t.labels());
    }

    @Test
    void veryLargeAndVerySmallNumbersInScientificNotation() {
        // 3.2e6 / 4 = 8e5 -> 1e6
        Ticks.TickSet big = Ticks.linear(0, 3.2e6, 4, false, true);
        assertArrayEquals(new double[] {0, 1e6, 2e6, 3e6, 4e6}, big.values());
        assertArrayEquals(new String[] {"0", "1e6", "2e6", "3e6", "4e6"}, big.labels());
        Ticks.TickSet mixed = Ticks.linear(0, 2.5e6, 5, false, true);
        assertArrayEquals(new String[] {"0", "5e5", "1e6", "1.5e6", "2e6", "2.5e6"}, mixed.labels());
        Ticks.TickSet small = Ticks.linear(0, 4e-5, 4, false, true);
        assertArrayEquals(new double[] {0, 1e-5, 2e-5, 3e-5, 4e-5}, small.values());
        assertArrayEquals(new String[] {"0", "1e-5", "2e-5", "3e-5", "4e-5"}, small.labels());
    }

    @Test
    void logarithmicAxis() {
        // 1.5 .. 480 spans the decades 10^0 .. 10^3
        assertArrayEquals(new int[] {0, 3}, Ticks.decades(1.5, 480));
        Ticks.TickSet t = Ticks.log(0, 3, 7);
        assertArrayEquals(new double[] {1, 10, 100, 1000}, t.values());
        assertArrayEquals(new String[] {"1", "10", "100", "1000"}, t.labels());
        // two decades or fewer: 1, 2, 5 in each
        assertArrayEquals(new double[] {1, 2, 5, 10, 20, 50, 100}, Ticks.log(0, 2, 5).values());
        assertArrayEquals(new String[] {"0.01", "0.02", "0.05", "0.1"}, Ticks.log(-2, -1, 5).labels());
        // twelve decades in at most four steps: every third power
        Ticks.TickSet wide = Ticks.log(-6, 6, 4);
        assertArrayEquals(new double[] {1e-6, 1e-3, 1, 1e3, 1e6}, wide.values());
        assertArrayEquals(new String[] {"1e-6", "0.001", "1", "1000", "1e6"}, wide.labels());
        // a single value still gets a decade
        assertArrayEquals(new int[] {1, 2}, Ticks.decades(10, 10));
    }

    @Test
    void anEmptyRangeIsABug() {
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(1, 1, 5, false, true));
        assertThrows(IllegalArgumentException.class, () -> Ticks.linear(0, Double.NaN, 5, false, true));
    }
}

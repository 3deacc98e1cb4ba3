package io.cumulo.workflow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The silhouette's cost rule: exact while n²·d is within the budget (and n ≤ 20,000), else a sample it can pay for. */
class InternalScoresTest {
    @Test
    void sampleSizeFollowsTheWorkBudget() {
        // exact while n²·(d + 16) ≤ 2e10 and n ≤ 20,000
        assertEquals(0, InternalScores.silhouetteSampleSize(150, 4));
        assertEquals(0, InternalScores.silhouetteSampleSize(20_000, 16));          // 1.28e10
        assertEquals(0, InternalScores.silhouetteSampleSize(5_000, 784));          // 2.0e10
        assertEquals(0, InternalScores.silhouetteSampleSize(1, 0));
        // else m = 1e10 / (n·(d + 16)) rows, between 500 and 2,000
        assertEquals(2_000, InternalScores.silhouetteSampleSize(20_001, 2));        // 27,775 → 2,000
        assertEquals(2_000, InternalScores.silhouetteSampleSize(5_001, 784));       // 2,499 → 2,000
        assertEquals(625, InternalScores.silhouetteSampleSize(500_000, 16));        // 1e10 / 1.6e7
        assertEquals(2_000, InternalScores.silhouetteSampleSize(200_000, 2));       // 2,777 → 2,000
        assertEquals(625, InternalScores.silhouetteSampleSize(20_000, 784));        // 1e10 / 1.6e7
        assertEquals(500, InternalScores.silhouetteSampleSize(70_000, 784));        // 178 → the floor of 500
    }

    @Test
    void dbcvSampleFollowsItsBudget() {
        assertEquals(0, InternalScores.dbcvSampleSize(8_000, 2));            // 6.4e7 × 18 = 1.15e9 ≤ 4e9
        assertEquals(10_000, InternalScores.dbcvSampleSize(10_001, 2));      // √(4e9 / 18) = 14,907 → 10,000
        assertEquals(2_236, InternalScores.dbcvSampleSize(3_000, 784));      // 7.2e9 > 4e9: √(4e9 / 800)
        assertEquals(1_000, InternalScores.dbcvSampleSize(100_000, 10_000)); // 632 → the floor
    }
}

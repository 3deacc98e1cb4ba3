package io.cumulo.report;

import io.cumulo.exec.Sampling;

/**
 * Which rows a chart draws: all of them up to a limit, beyond it a seeded uniform sample (in input order), so the
 * page stays light and the same seed draws the same rows.
 *
 * @param rows  indices of the rows drawn, increasing
 * @param total the number of rows there are
 * @param seed  the sample's seed (meaningful when {@link #sampled()})
 */
record RowSample(int[] rows, int total, long seed) {
    static RowSample of(int n, int limit, long seed) {
        if (n <= limit) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new RowSample(all, n, seed);
        }
        return new RowSample(Sampling.sortedSample(n, limit, seed), n, seed);
    }

    boolean sampled() {
        return rows.length < total;
    }

    int size() {
        return rows.length;
    }

    /** "20,000 of 1,000,000 rows shown, sampled with seed 42", or null when every row is shown. */
    String note() {
        return sampled() ? Numbers.count(rows.length) + " of " + Numbers.count(total) + " rows shown, sampled with seed "
                + seed : null;
    }
}

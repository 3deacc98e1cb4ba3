package io.cumulo.metrics;

/**
 * The pair confusion counts behind the Rand index, its adjusted form and Fowlkes-Mallows, over ordered pairs of
 * distinct rows (as scikit-learn's {@code pair_confusion_matrix}, so every unordered pair counts twice):
 * {@code bothTogether} pairs share a class and a cluster, {@code togetherInClusterOnly} share a cluster but not a
 * class, {@code togetherInClassOnly} share a class but not a cluster, {@code bothApart} share neither. Exact
 * integers, from the table's cells and margins in O(non-zero cells + classes + clusters).
 */
record PairConfusion(long bothTogether, long togetherInClusterOnly, long togetherInClassOnly, long bothApart) {

    static PairConfusion of(ContingencyTable t) {
        long n = t.n();
        long cells = t.sumOfSquaredCounts();
        long clusterPairs = ContingencyTable.sumOfSquares(t.columnSums());
        long classPairs = ContingencyTable.sumOfSquares(t.rowSums());
        // sum of count² counts each row with itself once; the margins' squares likewise
        long together = cells - n;
        long clusterOnly = clusterPairs - cells;
        long classOnly = classPairs - cells;
        long apart = Math.multiplyExact(n, n) - clusterOnly - classOnly - cells;
        return new PairConfusion(together, clusterOnly, classOnly, apart);
    }

    /** All ordered pairs of distinct rows, n(n − 1). */
    long total() {
        return bothTogether + togetherInClusterOnly + togetherInClassOnly + bothApart;
    }
}

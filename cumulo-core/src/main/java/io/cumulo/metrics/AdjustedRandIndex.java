package io.cumulo.metrics;

/**
 * Adjusted Rand index (Hubert &amp; Arabie, "Comparing partitions", J. Classification 2, 1985): agreement of two
 * labelings over all pairs of rows, corrected for chance; 1 for identical partitions, about 0 for random
 * ones. Computed from pair counts as scikit-learn's {@code adjusted_rand_score}, including its special
 * case (1.0 when neither labeling splits any pair the other joins).
 */
public final class AdjustedRandIndex {
    private AdjustedRandIndex() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        double n = t.n();
        double sumSquares = 0;
        for (int i = 0; i < t.numClasses(); i++) {
            for (int j = 0; j < t.numClusters(); j++) {
                double c = t.count(i, j);
                sumSquares += c * c;
            }
        }
        double rowSq = 0;
        for (long r : t.rowSums()) {
            rowSq += (double) r * r;
        }
        double colSq = 0;
        for (long c : t.columnSums()) {
            colSq += (double) c * c;
        }
        // pair confusion matrix (ordered pairs), as scikit-learn's pair_confusion_matrix
        double tp = sumSquares - n;
        double fp = rowSq - sumSquares; // same class, different clusters
        double fn = colSq - sumSquares; // same cluster, different classes
        double tn = n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }
}

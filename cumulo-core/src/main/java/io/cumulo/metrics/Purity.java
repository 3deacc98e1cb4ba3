package io.cumulo.metrics;

/**
 * Purity (Zhao &amp; Karypis, "Criterion functions for document clustering", 2001; Manning, Raghavan &amp;
 * Schütze, "Introduction to Information Retrieval", 2008, §16.3): each cluster is credited with the rows of its
 * most frequent class, {@code Σⱼ maxᵢ nᵢⱼ / n}. In (0, 1]; 1 when every cluster holds one class, so more clusters
 * never lower it (all singletons score 1): read it beside {@link Completeness} or {@link ClusteringAccuracy},
 * which do penalise splitting. Several clusters may credit the same class (unlike the accuracy's one-to-one
 * matching). Not in scikit-learn. 1.0 for no rows.
 */
public final class Purity {
    private Purity() {
    }

    public static double score(int[] truth, int[] predicted) {
        return score(ContingencyTable.of(truth, predicted));
    }

    public static double score(ContingencyTable t) {
        if (t.n() == 0) {
            return 1.0;
        }
        long[] largest = new long[t.numClusters()];
        for (int i = 0; i < t.numClasses(); i++) {
            for (int c = t.firstCell(i); c < t.firstCell(i + 1); c++) {
                int j = t.cellCluster(c);
                largest[j] = Math.max(largest[j], t.cellCount(c));
            }
        }
        long credited = 0;
        for (long v : largest) {
            credited += v;
        }
        return (double) credited / t.n();
    }
}

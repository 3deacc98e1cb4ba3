package io.cumulo.workflow;

import io.cumulo.cluster.ClusteringModel;
import io.cumulo.estimator.Noise;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The noise share of a clustering that can leave rows out ({@link Noise}: DBSCAN, OPTICS, HDBSCAN), or of any labels
 * with noise in them: how many clusters, how many noise rows, what fraction. Every front says the same from it: the
 * {@code --json} keys {@code n_clusters}, {@code n_noise}, {@code noise_fraction}; a sentence for the summaries and
 * reports, which says plainly when every row is noise (a result, not an error).
 *
 * @param clusters clusters with at least one row
 * @param noise    rows labelled {@code -1}
 * @param rows     all rows
 */
public record NoiseSummary(int clusters, long noise, int rows) {
    /**
     * The summary of {@code labels}, when the model may label noise or some label is {@code -1}; empty otherwise (a
     * partition of every row has nothing to say here).
     */
    public static Optional<NoiseSummary> of(ClusteringModel model, int[] labels) {
        long noise = 0;
        int max = -1;
        for (int l : labels) {
            noise += l < 0 ? 1 : 0;
            max = Math.max(max, l);
        }
        if (noise == 0 && model.as(Noise.class).isEmpty()) {
            return Optional.empty();
        }
        boolean[] seen = new boolean[max + 1];
        int clusters = 0;
        for (int l : labels) {
            if (l >= 0 && !seen[l]) {
                seen[l] = true;
                clusters++;
            }
        }
        return Optional.of(new NoiseSummary(clusters, noise, labels.length));
    }

    /** Noise rows over all rows (0 without rows). */
    public double fraction() {
        return rows == 0 ? 0 : (double) noise / rows;
    }

    /** Whether no row is in a cluster. */
    public boolean allNoise() {
        return rows > 0 && noise == rows;
    }

    /**
     * "every row is noise: no cluster was found ..." when so; else "12 of 300 rows (4.0%) are noise, in no cluster".
     */
    public String sentence() {
        if (allNoise()) {
            return "every row is noise: no cluster was found (the density asked for is higher than anywhere in the "
                    + "data: raise eps or lower min-samples; 'cumulo choose-eps' suggests an eps)";
        }
        return String.format(Locale.ROOT, "%d of %d rows (%.1f%%) are noise, in no cluster", noise, rows,
                100 * fraction());
    }

    /** {@code n_clusters}, {@code n_noise}, {@code noise_fraction}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_clusters", clusters);
        m.put("n_noise", noise);
        m.put("noise_fraction", fraction());
        return m;
    }
}

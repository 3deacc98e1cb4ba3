package io.cumulo.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of one internal index on a partition, with what it was computed on: the non-empty clusters, the rows
 * that took part, and the rows labelled {@code -1} (noise) that were left out.
 *
 * @param value       the index
 * @param clusters    non-empty clusters
 * @param rows        rows that took part (noise excluded)
 * @param noisePoints rows labelled {@code -1}, left out
 */
public record IndexValue(double value, int clusters, int rows, int noisePoints) {
    /** Under the stable JSON keys: {@code value}, {@code clusters}, {@code rows}, {@code noise_points}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("clusters", clusters);
        m.put("rows", rows);
        m.put("noise_points", noisePoints);
        return m;
    }
}

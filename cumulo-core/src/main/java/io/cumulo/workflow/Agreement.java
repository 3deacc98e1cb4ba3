package io.cumulo.workflow;

import io.cumulo.data.Dataset;
import io.cumulo.data.LabelColumn;
import io.cumulo.metrics.ExternalMetrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a clustering agrees with the ground truth the data carries (its label column): every external index of
 * {@link ExternalMetrics}.
 */
public record Agreement(String labelColumn, ExternalMetrics metrics) {
    /** Against the data's label column, if it has one. */
    public static Optional<Agreement> of(Dataset data, int[] labels) {
        Optional<LabelColumn> truth = data.labels();
        return truth.map(t -> new Agreement(t.name(), ExternalMetrics.of(t.codes(), labels)));
    }

    /** {@code label_column}, then ARI, Rand, NMI, ... (the contingency table is left to {@code cumulo evaluate}). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label_column", labelColumn);
        Map<String, Object> all = metrics.toMap();
        for (String key : ExternalMetrics.KEYS) {
            if (!key.equals("contingency") && !key.equals("noise_points")) {
                m.put(key, all.get(key));
            }
        }
        return m;
    }
}

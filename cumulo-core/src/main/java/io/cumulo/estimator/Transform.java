package io.cumulo.estimator;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * A model that maps rows, training or new, into another space of {@link #numComponents()} columns: PCA, UMAP, the
 * scalers. The result keeps the rows' labels, weights and row numbers.
 */
public interface Transform {
    /** Columns of the output. */
    int numComponents();

    /** {@code data} (the model's features, in the space it was fitted in) mapped into the output space. */
    Dataset transform(Dataset data, ExecutionContext ctx);

    /** {@code c1 .. cK}: the column names of every reduction's output. */
    static List<String> componentNames(int k) {
        List<String> names = new ArrayList<>(k);
        for (int c = 1; c <= k; c++) {
            names.add("c" + c);
        }
        return names;
    }
}

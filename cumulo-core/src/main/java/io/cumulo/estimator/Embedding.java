package io.cumulo.estimator;

import io.cumulo.data.Dataset;

/**
 * A model that placed its own training rows in a low-dimensional space (t-SNE, UMAP). For UMAP this is the
 * optimised layout, which {@link Transform} does not reproduce exactly for the same rows; t-SNE has only this.
 */
public interface Embedding {
    /** Columns of the embedding. */
    int numComponents();

    /** The training rows' coordinates, {@code rows × numComponents} row-major, a copy. */
    double[] embeddingValues();

    /** The embedding as a dataset with columns {@code c1 .. cK}. */
    default Dataset embedding() {
        double[] values = embeddingValues();
        int c = numComponents();
        return Dataset.wrap(values, values.length / c, c, Transform.componentNames(c), "embedding");
    }
}

package io.cumulo.estimator;

import java.util.Optional;

/** A model whose clusters form a binary tree (bisecting k-means' splits; hierarchical clustering's merges). */
public interface Tree {
    ClusterTree tree();

    /**
     * The training rows' labels for {@code k} clusters cut from this same tree, exactly what a fit with that k (and
     * the same other parameters) would give, when the tree's leaves are the rows (hierarchical clustering); empty
     * when they are not (bisecting k-means' leaves are its clusters). Lets choose-k fit once for every k.
     */
    default Optional<int[]> labelsAt(int k) {
        return Optional.empty();
    }
}

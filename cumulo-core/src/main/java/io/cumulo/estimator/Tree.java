package io.cumulo.estimator;

/** A model whose clusters form a binary tree (bisecting k-means' splits; hierarchical clustering's merges). */
public interface Tree {
    ClusterTree tree();
}

package io.cumulo.estimator;

/** A model whose clusters have one representative each: a centre (mean), a medoid (a row), or a direction. */
public interface Centroids {
    /** What the representatives are. */
    enum Kind {
        /** A point: the (weighted) mean of the cluster's rows, or what an algorithm computes in its place. */
        CENTRE("centre"),
        /** A point that is one of the training rows. */
        MEDOID("medoid"),
        /**
         * A unit vector (spherical k-means): rows are compared by direction only, so the representative is not a
         * point near the rows and is not drawn or profiled as one.
         */
        DIRECTION("direction");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Whether the representatives are points among the rows (centres and medoids are; directions are not). */
        public boolean isPoint() {
            return this != DIRECTION;
        }
    }

    /** The representatives, {@code numClusters × numFeatures} row-major, in the space the model was fitted in; a copy. */
    double[] centresFlat();

    Kind centreKind();
}

package io.cumulo.cluster;

import io.cumulo.estimator.Centroids;
import io.cumulo.param.ParamValues;

/** A fitted clustering with one representative per cluster (centre or medoid), held row-major. */
public abstract class CentroidModel extends AbstractClusteringModel implements Centroids {
    private final double[] centres;

    protected CentroidModel(String name, ParamValues params, int features, int clusters, int[] labels, int[] sizes,
                            double[] centres) {
        super(name, params, features, clusters, labels, sizes);
        if (centres.length != features * clusters) {
            throw new IllegalArgumentException(centres.length + " values for " + clusters + " centres of " + features);
        }
        this.centres = centres.clone();
    }

    /** The representatives, one row each (copies). */
    public final double[][] centres() {
        return rows(centres, numClusters(), numFeatures());
    }

    @Override
    public final double[] centresFlat() {
        return centres.clone();
    }

    /** The array itself, for subclasses' arithmetic (never handed out). */
    protected final double[] centreValues() {
        return centres;
    }

    @Override
    public Kind centreKind() {
        return Kind.CENTRE;
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the dissimilarity between two clusters follows from that between rows: SciPy's seven methods, with the
 * Lance–Williams update that gives the dissimilarity between a merged cluster {@code i ∪ j} and any other cluster
 * {@code k} from {@code d(i,k)}, {@code d(j,k)}, {@code d(i,j)} and the sizes (Müllner 2011, "Modern hierarchical,
 * agglomerative clustering algorithms", arXiv:1109.2378, Figure 2). Heights are on the scale of the input
 * dissimilarities, as SciPy's: Ward's, centroid's and median's on that of Euclidean distances.
 */
public enum Linkage {
    /** The smallest dissimilarity between the two clusters' rows. */
    SINGLE("single", true, false),
    /** The largest. */
    COMPLETE("complete", true, false),
    /** The mean over all pairs (UPGMA). */
    AVERAGE("average", true, false),
    /** The mean of the two merged clusters' dissimilarities to the other (WPGMA). */
    WEIGHTED("weighted", true, false),
    /** Ward's minimum variance: {@code √(2·n_a·n_b/(n_a+n_b))·‖c_a − c_b‖}, Euclidean by definition. */
    WARD("ward", true, true),
    /** The distance between the clusters' centroids (UPGMC), Euclidean by definition; may decrease. */
    CENTROID("centroid", false, true),
    /** The distance between the clusters' "weighted centroids", each merge's midpoint (WPGMC); may decrease. */
    MEDIAN("median", false, true);

    private final String id;
    private final boolean reducible;
    private final boolean euclidean;

    Linkage(String id, boolean reducible, boolean euclidean) {
        this.id = id;
        this.reducible = reducible;
        this.euclidean = euclidean;
    }

    public String id() {
        return id;
    }

    /**
     * Whether merging two clusters never brings the union nearer a third than the nearer of the two was (Müllner's
     * reducibility), which lets the nearest-neighbour chain find the same tree as the plain algorithm.
     */
    public boolean reducible() {
        return reducible;
    }

    /** Whether the linkage is defined on Euclidean distances only (Ward, centroid, median). */
    public boolean euclideanOnly() {
        return euclidean;
    }

    /** Whether a cluster can be held by its centroid (and size) alone, so no dissimilarity matrix is needed. */
    public boolean centroidBased() {
        return euclidean;
    }

    /** The ids, in declaration order. */
    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Linkage l : values()) {
            out.add(l.id);
        }
        return out;
    }

    public static Linkage parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Linkage l : values()) {
            if (l.id.equals(n)) {
                return l;
            }
        }
        throw new CumuloException("parameter 'linkage': expected one of " + String.join(", ", ids()) + ", got '"
                + name + "'");
    }

    /**
     * The Lance–Williams update: the dissimilarity of {@code i ∪ j} to {@code k}, from {@code dik = d(i,k)},
     * {@code djk = d(j,k)}, {@code dij = d(i,j)} and the (weighted) sizes. For Ward, centroid and median the
     * recurrence holds for squared distances, so it is applied to their squares and the root taken, as SciPy does.
     */
    public double update(double dik, double djk, double dij, double ni, double nj, double nk) {
        switch (this) {
            case SINGLE:
                return Math.min(dik, djk);
            case COMPLETE:
                return Math.max(dik, djk);
            case AVERAGE:
                return (ni * dik + nj * djk) / (ni + nj);
            case WEIGHTED:
                return 0.5 * (dik + djk);
            case WARD: {
                double t = ni + nj + nk;
                double v = ((ni + nk) * dik * dik + (nj + nk) * djk * djk - nk * dij * dij) / t;
                return Math.sqrt(Math.max(0, v));
            }
            case CENTROID: {
                double nij = ni + nj;
                double v = (ni * dik * dik + nj * djk * djk) / nij - ni * nj * dij * dij / (nij * nij);
                return Math.sqrt(Math.max(0, v));
            }
            default: { // MEDIAN
                double v = 0.5 * dik * dik + 0.5 * djk * djk - 0.25 * dij * dij;
                return Math.sqrt(Math.max(0, v));
            }
        }
    }
}

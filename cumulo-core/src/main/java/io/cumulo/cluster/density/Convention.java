package io.cumulo.cluster.density;

import io.cumulo.CumuloException;

import java.util.Locale;

/** Which published variant of HDBSCAN's condensed tree and membership strengths a fit follows. */
public enum Convention {
    /**
     * Campello, Moulavi &amp; Sander 2013 (and the {@code hdbscan} package, scikit-learn): a component smaller than
     * {@code min-cluster-size} leaves its cluster at once; merges of equal height are one level; strengths are
     * {@code λ / λ_max} (McInnes et al.).
     */
    CAMPELLO("campello"),
    /**
     * R's {@code dbscan::hdbscan} 1.1 (Hahsler, Piekenbrock &amp; Doran 2019): small components stay in their cluster
     * and rows leave one at a time; binary merges in the order Prim's algorithm found them; strengths from core
     * distances, {@code (max core − core) / max core} within the cluster.
     */
    R_DBSCAN("r-dbscan");

    private final String id;

    Convention(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Convention parse(String name) {
        String t = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Convention c : values()) {
            if (c.id.equals(t)) {
                return c;
            }
        }
        throw new CumuloException("parameter 'convention': expected campello or r-dbscan, got '" + name + "'");
    }
}

package io.cumulo.neighbors;

/**
 * The k nearest neighbours of each of {@code rows} query rows, nearest first: neighbour {@code j} of query
 * {@code i} is row {@link #index}{@code (i, j)} of the searched data at {@link #distance}{@code (i, j)}. When the
 * queries are the searched rows themselves and the search was asked to include them, slot 0 is the row itself at
 * distance 0 (UMAP counts it among its {@code n-neighbors}). Immutable; the bulk accessors hand out the backing
 * arrays for speed, which callers must not change.
 */
public final class KnnGraph {
    private final int[] index;
    private final double[] distance;
    private final int k;

    KnnGraph(int[] index, double[] distance, int k) {
        if (index.length != distance.length || k < 1 || index.length % k != 0) {
            throw new IllegalArgumentException("neighbour lists of " + index.length + " and " + distance.length
                    + " entries do not hold k = " + k + " per row");
        }
        this.index = index;
        this.distance = distance;
        this.k = k;
    }

    /** Neighbours per query row. */
    public int k() {
        return k;
    }

    /** Query rows. */
    public int rows() {
        return index.length / k;
    }

    /** The row of the {@code j}-th nearest neighbour of query {@code i} (0-based, nearest first). */
    public int index(int i, int j) {
        return index[i * k + j];
    }

    /** Its distance. */
    public double distance(int i, int j) {
        return distance[i * k + j];
    }

    /** All neighbour rows, {@code rows × k} row-major; the backing array, not to be changed. */
    public int[] indices() {
        return index;
    }

    /** All distances, {@code rows × k} row-major; the backing array, not to be changed. */
    public double[] distances() {
        return distance;
    }

    /**
     * The same neighbours with each distance {@code e} replaced by {@code e²/2}: the cosine distance
     * {@code 1 − cos} when {@code e} is the Euclidean distance between unit vectors (which orders neighbours as the
     * cosine distance does, so a cosine search is a Euclidean search on normalised rows).
     */
    public KnnGraph unitEuclideanToCosine() {
        double[] c = new double[distance.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = distance[i] * distance[i] / 2;
        }
        return new KnnGraph(index, c, k);
    }

    /** Re-sorts {@code idx/dist[o .. o+len)} by distance, then index (insertion sort: the lists are short). */
    static void sortByDistance(int[] idx, double[] dist, int o, int len) {
        for (int a = o + 1; a < o + len; a++) {
            double dv = dist[a];
            int iv = idx[a];
            int b = a - 1;
            while (b >= o && (dist[b] > dv || (dist[b] == dv && idx[b] > iv))) {
                dist[b + 1] = dist[b];
                idx[b + 1] = idx[b];
                b--;
            }
            dist[b + 1] = dv;
            idx[b + 1] = iv;
        }
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.Locale;

/**
 * Agglomerative hierarchical clustering: every row starts as its own cluster and the two nearest clusters are merged
 * until one is left; the tree of merges (SciPy's linkage matrix: {@link ClusterTree}) gives every number of clusters
 * at once, and the model is cut at {@code k} or at a height ({@code distance-threshold}).
 *
 * <p><b>Algorithms, chosen by linkage</b> (Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms",
 * arXiv:1109.2378):
 * <ul>
 * <li>{@code single}: a minimum spanning tree grown by Prim's algorithm from the rows, any metric, no matrix
 *     ({@link SpanningTreeLinkage});</li>
 * <li>{@code ward}: the nearest-neighbour chain ({@link NearestNeighborChain}) on cluster centroids and sizes, no
 *     matrix ({@link CentroidDistances}: {@code O(n·d)} memory);</li>
 * <li>{@code centroid}, {@code median}: the generic algorithm ({@link GenericLinkage}) on centroids, no matrix;</li>
 * <li>{@code complete}, {@code average}, {@code weighted}: the nearest-neighbour chain on the condensed dissimilarity
 *     matrix ({@link MatrixDistances}, {@code 4·n²} bytes, checked against the heap first), any metric; on the matrix
 *     route centroid and median use the generic algorithm laid out for the matrix ({@link MatrixGenericLinkage}).</li>
 * </ul>
 * {@code route=matrix} forces the matrix for any linkage (with {@code metric=precomputed}, the input is the
 * matrix); heights are the same either way to rounding. Ward, centroid and median are defined on Euclidean
 * distances and refuse another metric.
 *
 * <p><b>Weights.</b> Ward, centroid and average linkage use weighted sizes (a row of weight 2 counts as two equal
 * rows); single, complete, weighted and median linkage do not depend on sizes, so weights change nothing there (a
 * warning says so).
 *
 * <p><b>Ties</b> between equally near clusters go to the one with the smaller representative (its smallest row), as
 * each algorithm documents; the tree does not depend on the thread count. Heights equal SciPy's {@code linkage} to
 * rounding, and so do the merges wherever there are no ties.
 */
public final class Agglomerative implements Clusterer<AgglomerativeModel> {
    public static final String NAME = "agglomerative";

    public static final Param<Integer> K = Param.integer("k", "number of clusters of the cut (or give "
            + "distance-threshold)").atLeast(1).defaultDescribedAs("none: give k or distance-threshold");
    public static final Param<Double> DISTANCE_THRESHOLD = Param.real("distance-threshold",
            "cut where merges are higher than this: rows joined only by higher merges are in different clusters")
            .atLeast(0).defaultDescribedAs("none");
    public static final Param<String> LINKAGE = Param.choice("linkage",
            "how cluster dissimilarity follows from row dissimilarity", "ward", "single", "complete", "average",
            "weighted", "centroid", "median").defaultValue("ward");
    public static final Param<String> METRIC = Param.choice("metric",
            "row dissimilarity (ward, centroid and median: euclidean only); precomputed: INPUT is an n × n "
                    + "dissimilarity matrix", "euclidean", "sqeuclidean", "manhattan", "cosine", "chebyshev",
            "precomputed").defaultValue("euclidean");
    public static final Param<String> ROUTE = Param.choice("route",
            "auto: no matrix for single, ward, centroid and median; matrix: the condensed dissimilarity matrix "
                    + "(4·n² bytes) for every linkage", "auto", "matrix").defaultValue("auto");

    public static final Param<Boolean> OPTIMAL_ORDERING = Param.bool("optimal-ordering",
            "show each merge's children in the order that puts similar rows next to each other (Bar-Joseph et al. "
                    + "2001, as SciPy's optimal_ordering; the tree and its cuts do not change; O(n³) time, 8·n² bytes, "
                    + "up to " + OptimalLeafOrdering.MAX_LEAVES + " rows)").defaultValue(false);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, DISTANCE_THRESHOLD, LINKAGE, METRIC, ROUTE,
            OPTIMAL_ORDERING);

    private final ParamValues params;
    private final Linkage linkage;
    private final boolean precomputed;
    private final Distance metric;

    private Agglomerative(ParamValues params) {
        this.params = params;
        this.linkage = Linkage.parse(params.get(LINKAGE));
        this.precomputed = params.get(METRIC).equals("precomputed");
        this.metric = precomputed ? null : Distance.parse(params.get(METRIC));
        if (params.isSet(K) == params.isSet(DISTANCE_THRESHOLD)) {
            throw new CumuloException(params.isSet(K)
                    ? "parameters 'k' and 'distance-threshold': give one or the other, not both"
                    : "parameter 'k' is required for agglomerative (number of clusters), or give distance-threshold");
        }
        if (linkage.euclideanOnly() && !precomputed && metric != Distance.EUCLIDEAN) {
            throw new CumuloException("parameter 'metric': linkage=" + linkage.id() + " is defined on Euclidean "
                    + "distances only, got metric=" + metric.id() + " (average or complete linkage take any metric)");
        }
    }

    public static Agglomerative of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not agglomerative parameters");
        }
        return new Agglomerative(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ParamValues params() {
        return params;
    }

    public Linkage linkage() {
        return linkage;
    }

    @Override
    public Distance distance() {
        return precomputed ? Distance.EUCLIDEAN : metric;
    }

    @Override
    public boolean takesFeatures() {
        return !precomputed;
    }

    /** With {@code metric=precomputed}, a condensed matrix (one row or one column) becomes the square one. */
    @Override
    public Dataset prepare(Dataset input) {
        return precomputed ? Precomputed.expand(input) : input;
    }

    /** Whether the fit runs without a dissimilarity matrix. */
    public boolean vectorRoute() {
        return !precomputed && params.get(ROUTE).equals("auto")
                && (linkage == Linkage.SINGLE || linkage.centroidBased());
    }

    @Override
    public AgglomerativeModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        if (params.isSet(K) && params.get(K) > n) {
            throw new CumuloException("k=" + params.get(K) + " is larger than the number of rows (" + n + ") in "
                    + source);
        }
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        if (w != null && !(linkage == Linkage.WARD || linkage == Linkage.CENTROID || linkage == Linkage.AVERAGE)) {
            ctx.warn(source + ": sample weights do not enter " + linkage.id() + " linkage (it does not depend on cluster "
                    + "sizes); they are ignored");
            w = null;
        }
        if (precomputed) {
            Precomputed.requireSquare(data);
        } else if (metric == Distance.COSINE) {
            metric.requireDefined(data);
        }
        ClusterTree tree = tree(x, n, d, w, data, ctx);
        return AgglomerativeModel.fitted(this, data, tree, ctx);
    }

    /**
     * The tree alone (SciPy's linkage matrix), without a cut or the cophenetic correlation: what the benchmarks time,
     * and all a caller that wants every cut needs. Weights as {@link #fit} takes them.
     */
    public ClusterTree tree(Dataset data, ExecutionContext ctx) {
        if (precomputed) {
            Precomputed.requireSquare(data);
        }
        return tree(data.rawValues(), data.rows(), data.cols(), data.rawWeights(), data, ctx);
    }

    private ClusterTree tree(double[] x, int n, int d, double[] w, Dataset data, ExecutionContext ctx) {
        ctx.progress().update("agglomerative: " + linkage.id() + " linkage", 0, 1);
        Merges merges;
        if (vectorRoute()) {
            if (linkage == Linkage.SINGLE) {
                merges = metric == Distance.EUCLIDEAN || metric == Distance.SQEUCLIDEAN
                        ? SpanningTreeLinkage.euclidean(x, n, d, metric == Distance.SQEUCLIDEAN, ctx)
                        : SpanningTreeLinkage.run(SpanningTreeLinkage.of(x, d, metric), n, ctx);
            } else {
                CentroidDistances cd = new CentroidDistances(x, n, d, linkage, w);
                merges = linkage.reducible() ? NearestNeighborChain.run(cd, ctx) : GenericLinkage.run(cd, ctx);
            }
        } else {
            double[] condensed = precomputed ? Precomputed.condensed(data) : condensed(x, n, d, metric, ctx);
            if (linkage == Linkage.SINGLE) {
                merges = SpanningTreeLinkage.run(Precomputed.rows(condensed, n), n, ctx);
            } else {
                // the chain for the reducible linkages; the generic algorithm laid out for the matrix for the others
                merges = linkage.reducible()
                        ? NearestNeighborChain.run(new MatrixDistances(condensed, n, linkage, w), ctx)
                        : MatrixGenericLinkage.run(condensed, n, linkage, w, ctx);
            }
        }
        ClusterTree tree = merges.toTree(linkage.reducible(), heightMeaning());
        if (!params.get(OPTIMAL_ORDERING)) {
            return tree;
        }
        // the ordering's dissimilarity is the metric's (SciPy's: the distances the linkage was given)
        OptimalLeafOrdering.Dissimilarity dis = precomputed ? OptimalLeafOrdering.ofSquare(x, n)
                : OptimalLeafOrdering.of(x, d, metric);
        return OptimalLeafOrdering.reorder(tree, dis, NAME, ctx);
    }

    private String heightMeaning() {
        return linkage.id() + " linkage distance";
    }

    /**
     * The condensed matrix of all row dissimilarities ({@code n(n−1)/2} doubles, row by row): refused with a one-line
     * message when it would not fit the heap. Rows in fixed blocks, so it does not depend on the thread count.
     */
    static double[] condensed(double[] x, int n, int d, Distance metric, ExecutionContext ctx) {
        MatrixDistances.requireFits(n, NAME);
        long entries = (long) n * (n - 1) / 2;
        requireHeap(8 * entries, n);
        double[] out = new double[(int) entries];
        boolean euclidean = metric == Distance.EUCLIDEAN || metric == Distance.SQEUCLIDEAN;
        double[][] col = euclidean ? columns(x, n, d) : null;
        VectorKernels kernels = VectorKernels.get();
        // rows in blocks fixed by n alone
        Chunks chunks = Chunks.of(n, 64, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            double[] acc = euclidean ? new double[n] : null;
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int o = (int) MatrixDistances.index(n, i, i + 1);
                int len = n - i - 1;
                if (euclidean) {
                    Arrays.fill(acc, 0, len, 0);
                    int l = 0;
                    for (; l + 4 <= d; l += 4) {
                        kernels.addSquaredDifferences4(col[l], col[l + 1], col[l + 2], col[l + 3], i + 1, col[l][i],
                                col[l + 1][i], col[l + 2][i], col[l + 3][i], acc, len);
                    }
                    for (; l < d; l++) {
                        kernels.addSquaredDifferences(col[l], i + 1, col[l][i], acc, len);
                    }
                    if (metric == Distance.EUCLIDEAN) {
                        kernels.sqrt(acc, len);
                    }
                    System.arraycopy(acc, 0, out, o, len);
                } else {
                    for (int j = i + 1; j < n; j++) {
                        out[o++] = metric.between(x, i * d, x, j * d, d);
                    }
                }
            }
        });
        return out;
    }

    /** The rows by column: {@code col[l][i] = x[i·d + l]}. */
    static double[][] columns(double[] x, int n, int d) {
        double[][] col = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                col[l][i] = x[i * d + l];
            }
        }
        return col;
    }

    /** Refuses to allocate {@code bytes} for a matrix of {@code n} rows when the heap cannot hold it. */
    static void requireHeap(long bytes, int n) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new CumuloException(NAME + ": " + n + " rows need a dissimilarity matrix of " + mb(bytes)
                    + ", more than this JVM has free (" + mb(free) + " of " + mb(rt.maxMemory()) + "); linkage=single, "
                    + "ward, centroid and median need no matrix, or raise the heap (-Xmx, or CUMULO_JAVA_OPTS)");
        }
    }

    static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : (bytes + (1 << 20) - 1 >> 20) + " MB";
    }

    /** Settings; validated when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder k(int k) {
            values.set(K, k);
            return this;
        }

        public Builder distanceThreshold(double t) {
            values.set(DISTANCE_THRESHOLD, t);
            return this;
        }

        public Builder linkage(String linkage) {
            values.set(LINKAGE, linkage);
            return this;
        }

        public Builder metric(String metric) {
            values.set(METRIC, metric);
            return this;
        }

        public Builder route(String route) {
            values.set(ROUTE, route);
            return this;
        }

        public Builder optimalOrdering(boolean on) {
            values.set(OPTIMAL_ORDERING, on);
            return this;
        }

        public Agglomerative build() {
            return new Agglomerative(values.build());
        }
    }
}

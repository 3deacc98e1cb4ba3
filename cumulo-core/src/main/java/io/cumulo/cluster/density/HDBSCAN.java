package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.hierarchical.SpanningTreeLinkage;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.CondensedTree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.KdTree;
import io.cumulo.neighbors.KnnGraph;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Locale;

/**
 * HDBSCAN*: hierarchical density-based clustering (R. J. G. B. Campello, D. Moulavi, J. Sander, "Density-Based
 * Clustering Based on Hierarchical Density Estimates", PAKDD 2013; the accelerated algorithm of L. McInnes, J. Healy,
 * "Accelerated Hierarchical Density Based Clustering", ICDMW 2017). Clusters are the regions that stay dense over the
 * widest range of density levels; rows in none of them are noise ({@code -1}).
 *
 * <ol>
 * <li><b>Core distances</b>: each row's distance to its {@code min-samples}-th nearest row, the row itself counted
 *     first (R's {@code minPts}, scikit-learn's HDBSCAN and DBSCAN {@code min_samples}; the {@code hdbscan} package
 *     does not count the row, so its {@code min_samples=m} is {@code min-samples=m+1} here). From the neighbour index
 *     ({@link NeighborIndex}).</li>
 * <li><b>Mutual reachability</b> {@code d_mr(a, b) = max(core_a, core_b, δ(a, b)/α)} and its minimum spanning tree,
 *     never a dense matrix: Prim's algorithm on the vector kernels ({@link SpanningTreeLinkage}, {@code O(n²)} time,
 *     {@code O(n)} memory) or, on a k-d tree, Borůvka's (McInnes &amp; Healy 2017).</li>
 * <li><b>Single linkage</b> of that tree, <b>condensed</b> by {@code min-cluster-size} ({@link Condensing}), the
 *     clusters <b>selected</b> by excess of mass or as leaves, with {@code cluster-selection-epsilon} and
 *     {@code allow-single-cluster} ({@link ClusterSelection}).</li>
 * <li>Per row: the label, the membership strength and the GLOSH outlier score (Campello, Moulavi, Zimek, Sander,
 *     "Hierarchical Density Estimates for Data Clustering, Visualization, and Outlier Detection", TKDD 2015)
 *     ({@link TreeLabelling}).</li>
 * </ol>
 *
 * <p>{@code convention=r-dbscan} reproduces R's {@code dbscan::hdbscan} 1.1 ({@link Convention}); it always grows the
 * tree with Prim's algorithm, whose tie order it needs. Everything is deterministic and independent of the thread
 * count; under the default convention the result depends on the distances alone, not on the tree algorithm.
 * docs/hdbscan.md says more.
 */
public final class HDBSCAN implements Clusterer<HDBSCANModel> {
    public static final String NAME = "hdbscan";

    public static final Param<Integer> MIN_CLUSTER_SIZE = Param.integer("min-cluster-size",
            "fewest rows a cluster may have; smaller groups that split off are noise").atLeast(2).defaultValue(5);
    public static final Param<Integer> MIN_SAMPLES = Param.integer("min-samples",
            "rows within a row's core distance, the row itself counted (R's minPts); larger is more conservative: "
                    + "more noise").atLeast(1).defaultDescribedAs("min-cluster-size");
    public static final Param<String> SELECTION = Param.choice("cluster-selection-method",
            "eom: the clusters of most excess of mass (stability); leaf: the finest clusters of the tree", "eom", "leaf")
            .defaultValue("eom");
    public static final Param<Double> EPSILON = Param.real("cluster-selection-epsilon",
            "clusters that split apart only below this distance are kept whole (Malzer & Baum 2020); 0: none")
            .atLeast(0).defaultValue(0.0);
    public static final Param<Boolean> ALLOW_SINGLE_CLUSTER = Param.bool("allow-single-cluster",
            "let the whole data be one cluster when that is the most stable choice").defaultValue(false);
    public static final Param<String> METRIC = Param.choice("metric", "distance between rows", "euclidean",
            "sqeuclidean", "manhattan", "cosine", "chebyshev").defaultValue("euclidean");
    public static final Param<String> INDEX = Param.choice("index",
            "neighbour search (core distances, predict) and with it the spanning tree: kd-tree: Borůvka on the tree "
                    + "(McInnes & Healy 2017); brute or ball-tree: Prim's algorithm, O(n²) time; auto: the neighbour "
                    + "index's choice, Borůvka on a k-d tree up to 16 features, Prim above", "auto", "kd-tree",
            "ball-tree", "brute").defaultValue("auto");
    public static final Param<Double> ALPHA = Param.real("alpha",
            "distances are divided by alpha in the mutual reachability (robust single linkage; 1: plain HDBSCAN)")
            .greaterThan(0).defaultValue(1.0);
    public static final Param<String> CONVENTION = Param.choice("convention",
            "campello: the published algorithm (as the hdbscan package); r-dbscan: R's dbscan::hdbscan exactly "
                    + "(small branches shed row by row, strengths from core distances; Prim's algorithm)",
            "campello", "r-dbscan").defaultValue("campello");

    /**
     * With {@code index=auto}, Borůvka's spanning tree up to this many features, Prim's above (the k-d tree may still
     * find the neighbours). Measured on 20 blobs + 5% noise, 2 cores: 100,000 × 10, Borůvka 6.4 s against Prim 167 s;
     * 20,000 × 25, 22.8 s against 9.5 s; 20,000 × 50, 31.5 s against 8.5 s (docs/benchmarks.md).
     */
    public static final int BORUVKA_MAX_FEATURES = 16;

    public static final ParamSet PARAMS = ParamSet.of(NAME, MIN_CLUSTER_SIZE, MIN_SAMPLES, SELECTION, EPSILON,
            ALLOW_SINGLE_CLUSTER, METRIC, INDEX, ALPHA, CONVENTION);

    private final ParamValues params;
    private final Distance metric;
    private final NeighborIndex.Kind index;
    private final Convention convention;

    private HDBSCAN(ParamValues params) {
        this.params = params;
        this.metric = Distance.parse(params.get(METRIC));
        this.index = NeighborIndex.Kind.parse(params.get(INDEX));
        this.convention = Convention.parse(params.get(CONVENTION));
    }

    public static HDBSCAN of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not hdbscan parameters");
        }
        return new HDBSCAN(values);
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

    @Override
    public Distance distance() {
        return metric;
    }

    public int minClusterSize() {
        return params.get(MIN_CLUSTER_SIZE);
    }

    /** {@code min-samples}, or {@code min-cluster-size} when not given. */
    public int minSamples() {
        return params.isSet(MIN_SAMPLES) ? params.get(MIN_SAMPLES) : minClusterSize();
    }

    public Convention convention() {
        return convention;
    }

    @Override
    public HDBSCANModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        int minSamples = minSamples();
        if (minSamples > n) {
            throw new CumuloException("parameter 'min-samples': " + minSamples + " rows are needed for a core distance"
                    + (params.isSet(MIN_SAMPLES) ? "" : " (min-samples defaults to min-cluster-size)") + " but "
                    + source + " has " + n + "; expected min-samples ≤ " + n);
        }
        if (metric == Distance.COSINE) {
            metric.requireDefined(data);
        }
        double[] x = data.rawValues();
        double alpha = params.get(ALPHA);
        ctx.progress().update("hdbscan: core distances", 0, 1);
        NeighborIndex idx = NeighborIndex.build(x, n, d, metric, index, ctx);
        // Borůvka on a k-d tree (index=kd-tree, or auto up to BORUVKA_MAX_FEATURES); Prim's algorithm otherwise, and
        // always for R's convention (its merge order)
        boolean boruvka = idx instanceof KdTree && convention == Convention.CAMPELLO && n > 1
                && (index == NeighborIndex.Kind.KD_TREE || d <= BORUVKA_MAX_FEATURES);
        int[] knn = boruvka ? new int[n * minSamples] : null;
        double[] core = coreDistances(idx, x, n, d, minSamples, knn, ctx);
        int dense = 0;
        for (double c : core) {
            dense += c == 0 ? 1 : 0;
        }
        if (dense > 0 && minSamples > 1) {
            ctx.warn("hdbscan: " + dense + " rows of " + data.source() + " have at least min-samples=" + minSamples
                    + " exact duplicates (core distance 0): their density is infinite, so clusters of duplicates are "
                    + "infinitely stable and outrank any other (docs/hdbscan.md); a larger min-samples, or removing or "
                    + "jittering duplicates, avoids it");
        }
        ctx.progress().update("hdbscan: spanning tree", 0, 1);
        int[] from = new int[Math.max(0, n - 1)];
        int[] to = new int[from.length];
        double[] dist = new double[from.length];
        if (boruvka) {
            BoruvkaSpanningTree.grow((KdTree) idx, x, n, d, metric, core, alpha, knn, minSamples, ctx, from, to, dist);
        } else {
            int[] count = new int[1];
            SpanningTreeLinkage.mutualReachability(x, n, d, metric, core, alpha, ctx, (a, b, h) -> {
                int i = count[0]++;
                from[i] = a;
                to[i] = b;
                dist[i] = h;
            });
        }
        SpanningTree mst = SpanningTree.sorted(n, from, to, dist, boruvka);
        ctx.checkCancelled();
        ctx.progress().update("hdbscan: condensed tree", 0, 1);
        CondensedTree tree = Condensing.condense(mst.singleLinkage(), minClusterSize(), convention);
        return HDBSCANModel.fitted(this, x, n, d, core, mst, tree, boruvka ? "boruvka" : "prim", idx, ctx);
    }

    /**
     * Each row's distance to its {@code minSamples}-th nearest row, itself first (0 when {@code minSamples} is 1), by
     * the index's batch search (the rows queried in its own order; exact, independent of the threads); with
     * {@code knn}, also the {@code minSamples} nearest rows of each ({@code n × minSamples}, row-major).
     */
    static double[] coreDistances(NeighborIndex idx, double[] x, int n, int d, int minSamples, int[] knn,
                                  ExecutionContext ctx) {
        double[] core = new double[n];
        if (minSamples <= 1 && knn == null) {
            ctx.checkCancelled();
            return core;
        }
        KnnGraph g = idx.nearest(x, n, minSamples, ctx);
        double[] dist = g.distances();
        for (int i = 0; i < n; i++) {
            core[i] = minSamples <= 1 ? 0 : dist[i * minSamples + minSamples - 1];
        }
        if (knn != null) {
            System.arraycopy(g.indices(), 0, knn, 0, n * minSamples);
        }
        return core;
    }

    /** "hdbscan (min-cluster-size=25, min-samples=10)". */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "hdbscan (%s)", params);
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder minClusterSize(int m) {
            values.set(MIN_CLUSTER_SIZE, m);
            return this;
        }

        public Builder minSamples(int m) {
            values.set(MIN_SAMPLES, m);
            return this;
        }

        /** {@code eom} or {@code leaf}. */
        public Builder selection(String method) {
            values.set(SELECTION, method);
            return this;
        }

        public Builder clusterSelectionEpsilon(double eps) {
            values.set(EPSILON, eps);
            return this;
        }

        public Builder allowSingleCluster(boolean allow) {
            values.set(ALLOW_SINGLE_CLUSTER, allow);
            return this;
        }

        public Builder metric(String metric) {
            values.set(METRIC, metric);
            return this;
        }

        /** {@code auto}, {@code kd-tree}, {@code ball-tree} or {@code brute}. */
        public Builder index(String index) {
            values.set(INDEX, index);
            return this;
        }

        public Builder alpha(double alpha) {
            values.set(ALPHA, alpha);
            return this;
        }

        /** {@code campello} or {@code r-dbscan}. */
        public Builder convention(String convention) {
            values.set(CONVENTION, convention);
            return this;
        }

        public HDBSCAN build() {
            return new HDBSCAN(values.build());
        }
    }
}

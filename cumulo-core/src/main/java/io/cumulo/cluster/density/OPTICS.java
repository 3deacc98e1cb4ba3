package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.Arrays;

/**
 * OPTICS (M. Ankerst, M. M. Breunig, H.-P. Kriegel, J. Sander, "OPTICS: ordering points to identify the clustering
 * structure", SIGMOD 1999): the rows in an order in which each is visited from the nearest already visited row, in the
 * sense of reachability, so that clusters at every density show as valleys of the reachability plot; then clusters
 * extracted from the plot by ξ-steep areas ({@code cluster-method=xi}, {@link OpticsXi}) or by a DBSCAN cut at
 * {@code eps} ({@code cluster-method=dbscan}).
 *
 * <p><b>As scikit-learn 1.2.1's {@code OPTICS}, exactly.</b> A row's core distance is the distance to its
 * {@code min-samples}-th nearest row, itself counted (infinite beyond {@code max-eps}); the reachability of row
 * {@code o} from a visited core row {@code p} is {@code max(core(p), d(p, o))}, offered to every unvisited row within
 * {@code max-eps} of {@code p} and kept if strictly smaller. Both are rounded to 15 decimals as scikit-learn rounds them
 * ({@code np.around(x, 15)}: {@code rint(x·10¹⁵)/10¹⁵}), so that two paths to the same value tie. The next row is the
 * unvisited row of smallest reachability, ties (infinite ones included, when a new part of the data starts) going to
 * the lowest row: scikit-learn's {@code argmin} over the unvisited rows in row order. Here a binary heap keyed by
 * (reachability, row) holds the rows with a finite reachability, and a cursor the lowest unvisited row, so each step
 * costs {@code O(log n)} instead of scikit-learn's {@code O(n)}. The ordering and the predecessors equal
 * scikit-learn's, and the reachabilities and core distances to rounding.
 *
 * <p><b>Memory and work.</b> {@code O(n)} extra memory: core distances by one k-nearest-neighbour query per row (in
 * parallel over fixed chunks), then one radius query of {@code max-eps} per visited core row, walked and never stored.
 * With the default infinite {@code max-eps} every query returns every row, so the work is {@code O(n²)}: give a finite
 * {@code max-eps} on large inputs.
 *
 * <p>{@code min-samples} is a count ≥ 2 (scikit-learn's integer form; its fractions of n are not taken), at most the
 * number of rows.
 */
public final class OPTICS implements Clusterer<OPTICSModel> {
    public static final String NAME = "optics";

    public static final Param<Integer> MIN_SAMPLES = Param.integer("min-samples", "the core distance is the distance "
            + "to the min-samples-th nearest row, the row itself counted as in scikit-learn").atLeast(2)
            .defaultValue(5);
    public static final Param<Double> MAX_EPS = Param.real("max-eps", "the largest distance searched: rows farther "
            + "apart never reach each other directly; a finite value makes the fit much faster").greaterThan(0)
            .defaultDescribedAs("infinity");
    public static final Param<String> METRIC = Param.choice("metric", "row distance",
            DensitySupport.metricChoices()).defaultValue("euclidean");
    public static final Param<String> INDEX = Param.choice("index", DensitySupport.INDEX_HELP,
            DensitySupport.INDEX_CHOICES).defaultValue("auto");
    public static final Param<String> CLUSTER_METHOD = Param.choice("cluster-method", "how clusters are read from "
            + "the reachability plot: xi (steep areas, scikit-learn's cluster_optics_xi) or dbscan (a cut at eps, "
            + "cluster_optics_dbscan)", "xi", "dbscan").defaultValue("xi");
    public static final Param<Double> XI = Param.real("xi", "cluster-method=xi: the least relative drop of "
            + "reachability that makes a cluster boundary").atLeast(0).lessThan(1).defaultValue(0.05);
    public static final Param<Integer> MIN_CLUSTER_SIZE = Param.integer("min-cluster-size", "cluster-method=xi: the "
            + "fewest rows of a cluster").atLeast(2).defaultDescribedAs("min-samples");
    public static final Param<Boolean> PREDECESSOR_CORRECTION = Param.bool("predecessor-correction",
            "cluster-method=xi: drop a cluster's last rows while they were reached from outside it (Schubert & "
                    + "Gertz 2018; as scikit-learn 1.3, which fixed 1.2.1's)").defaultValue(true);
    public static final Param<Double> EPS = Param.real("eps", "cluster-method=dbscan: the reachability cut; at most "
            + "max-eps").greaterThan(0).defaultDescribedAs("max-eps");

    public static final ParamSet PARAMS = ParamSet.of(NAME, MIN_SAMPLES, MAX_EPS, METRIC, INDEX, CLUSTER_METHOD, XI,
            MIN_CLUSTER_SIZE, PREDECESSOR_CORRECTION, EPS);

    private final ParamValues params;
    private final Distance metric;
    private final NeighborIndex.Kind index;
    private final boolean xiMethod;

    private OPTICS(ParamValues params) {
        this.params = params;
        this.metric = Distance.parse(params.get(METRIC));
        this.index = NeighborIndex.Kind.parse(params.get(INDEX));
        this.xiMethod = params.get(CLUSTER_METHOD).equals("xi");
        if (xiMethod && params.isSet(EPS)) {
            throw new CumuloException("parameter 'eps' applies to cluster-method=dbscan; with cluster-method=xi give "
                    + "xi (or set cluster-method=dbscan)");
        }
        if (!xiMethod) {
            // a value other than the default (the model file writes every parameter with a value)
            for (Param<?> p : new Param<?>[] {XI, MIN_CLUSTER_SIZE, PREDECESSOR_CORRECTION}) {
                if (params.isSet(p) && !params.get(p).equals(p.defaultValue())) {
                    throw new CumuloException("parameter '" + p.name() + "' applies to cluster-method=xi, not dbscan");
                }
            }
            if (!params.isSet(EPS) && !params.isSet(MAX_EPS)) {
                throw new CumuloException("parameter 'eps' is required with cluster-method=dbscan (the reachability "
                        + "cut), or give a finite max-eps to cut at");
            }
            if (params.isSet(EPS) && params.isSet(MAX_EPS) && params.get(EPS) > params.get(MAX_EPS)) {
                throw new CumuloException("parameter 'eps': " + EPS.format(params.get(EPS)) + " is larger than max-eps="
                        + MAX_EPS.format(params.get(MAX_EPS)) + "; reachabilities beyond max-eps are not computed");
            }
        }
    }

    public static OPTICS of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not optics parameters");
        }
        return new OPTICS(values);
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

    public int minSamples() {
        return params.get(MIN_SAMPLES);
    }

    /** {@code max-eps}, infinite when not given. */
    public double maxEps() {
        return params.isSet(MAX_EPS) ? params.get(MAX_EPS) : Double.POSITIVE_INFINITY;
    }

    /** The DBSCAN cut ({@code eps}, else {@code max-eps}); NaN with {@code cluster-method=xi}. */
    public double cutEps() {
        return xiMethod ? Double.NaN : params.isSet(EPS) ? params.get(EPS) : maxEps();
    }

    /** {@code min-cluster-size}, {@code min-samples} when not given. */
    public int minClusterSize() {
        return params.isSet(MIN_CLUSTER_SIZE) ? params.get(MIN_CLUSTER_SIZE) : minSamples();
    }

    public boolean xiMethod() {
        return xiMethod;
    }

    @Override
    public OPTICSModel fit(Dataset data, ExecutionContext ctx) {
        DensitySupport.requireRows(data, metric);
        int n = data.rows();
        int d = data.cols();
        int minSamples = minSamples();
        if (minSamples > n) {
            throw new CumuloException("parameter 'min-samples': " + minSamples + " is larger than the number of rows ("
                    + n + ") in " + data.source());
        }
        if (xiMethod && minClusterSize() > n) {
            throw new CumuloException("parameter 'min-cluster-size': " + minClusterSize() + " is larger than the number "
                    + "of rows (" + n + ") in " + data.source());
        }
        if (data.hasWeights()) {
            ctx.warn(data.source() + ": OPTICS takes no sample weights (neither does scikit-learn's); they are ignored");
        }
        double[] x = data.rawValues();
        double maxEps = maxEps();
        NeighborIndex idx = DensitySupport.index(NAME, x, n, d, metric, index, ctx);
        ctx.checkCancelled();
        ctx.progress().update("optics: core distances", 0, n);
        double[] core = coreDistances(idx, x, n, d, minSamples, maxEps, ctx);
        Graph g = order(idx, x, n, d, core, maxEps, ctx);
        OpticsXi.Result extracted;
        if (xiMethod) {
            extracted = OpticsXi.extract(g.reachability, g.predecessor, g.ordering, minSamples, minClusterSize(),
                    params.get(XI), params.get(PREDECESSOR_CORRECTION));
        } else {
            extracted = new OpticsXi.Result(new int[0][], dbscanCut(g.reachability, core, g.ordering, cutEps()));
        }
        int[] labels = extracted.labels();
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        if (k == 0) {
            ctx.note("optics: every row is noise: " + (xiMethod ? "no valley of the reachability plot makes a "
                    + "cluster of at least min-cluster-size rows; lower xi or min-cluster-size" : "no row has a core "
                    + "distance within eps; raise eps (at most max-eps) or lower min-samples"));
        }
        return OPTICSModel.fitted(params, x, d, g.ordering, g.reachability, core, g.predecessor, extracted.clusters(),
                labels, k, cutEps(), maxEps);
    }

    /** scikit-learn's rounding of distances, {@code np.around(v, 15)}: rint(v·10¹⁵)/10¹⁵ (∞ stays ∞). */
    static double around15(double v) {
        return Math.rint(v * 1e15) / 1e15;
    }

    /** The distance to each row's {@code minSamples}-th nearest row (itself first), ∞ beyond {@code maxEps}, rounded. */
    static double[] coreDistances(NeighborIndex idx, double[] x, int n, int d, int minSamples, double maxEps,
                                  ExecutionContext ctx) {
        double[] core = new double[n];
        Chunks chunks = Chunks.of(n, 64, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            int[] rows = new int[minSamples];
            double[] dist = new double[minSamples];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                idx.nearest(x, i * d, minSamples, rows, dist);
                double v = dist[minSamples - 1];
                core[i] = around15(v > maxEps ? Double.POSITIVE_INFINITY : v);
            }
        });
        return core;
    }

    /** The OPTICS walk's outcome, by row except {@code ordering}. */
    record Graph(int[] ordering, double[] reachability, int[] predecessor) {
    }

    /**
     * The walk: take the unvisited row of least (reachability, row), the lowest unvisited row when none has a finite
     * reachability; from a core row, offer every unvisited row within {@code maxEps} its reachability.
     */
    static Graph order(NeighborIndex idx, double[] x, int n, int d, double[] core, double maxEps, ExecutionContext ctx) {
        double[] reach = new double[n];
        Arrays.fill(reach, Double.POSITIVE_INFINITY);
        int[] pred = new int[n];
        Arrays.fill(pred, -1);
        boolean[] done = new boolean[n];
        int[] ordering = new int[n];
        ReachHeap heap = new ReachHeap(n, reach);
        int cursor = 0; // every row below it is visited
        int[] current = new int[1];
        NeighborIndex.Visitor offer = (j, dist) -> {
            if (done[j]) {
                return;
            }
            int p = current[0];
            double rd = around15(Math.max(dist, core[p]));
            if (rd < reach[j]) {
                reach[j] = rd;
                pred[j] = p;
                heap.decreased(j);
            }
        };
        for (int t = 0; t < n; t++) {
            int p;
            if (heap.isEmpty()) {
                while (done[cursor]) {
                    cursor++;
                }
                p = cursor;
            } else {
                p = heap.pop();
            }
            done[p] = true;
            ordering[t] = p;
            if (core[p] != Double.POSITIVE_INFINITY) {
                current[0] = p;
                idx.forEachWithin(x, p * d, maxEps, offer);
            }
            if ((t & 1023) == 1023) {
                ctx.checkCancelled();
                ctx.progress().update("optics: ordering", t, n);
            }
        }
        return new Graph(ordering, reach, pred);
    }

    /**
     * scikit-learn's {@code cluster_optics_dbscan}: along the ordering, a row reached from farther than {@code eps}
     * starts a new cluster if its core distance is within {@code eps}, else it is noise; a row reached within
     * {@code eps} is in the current cluster.
     */
    static int[] dbscanCut(double[] reach, double[] core, int[] ordering, double eps) {
        int n = ordering.length;
        int[] labels = new int[n];
        int current = -1;
        for (int p : ordering) {
            boolean far = reach[p] > eps;
            boolean nearCore = core[p] <= eps;
            if (far && nearCore) {
                current++;
            }
            labels[p] = far && !nearCore ? -1 : current;
        }
        return labels;
    }

    /** Settings; validated when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder minSamples(int m) {
            values.set(MIN_SAMPLES, m);
            return this;
        }

        public Builder maxEps(double v) {
            values.set(MAX_EPS, v);
            return this;
        }

        public Builder metric(String metric) {
            values.set(METRIC, metric);
            return this;
        }

        public Builder index(String kind) {
            values.set(INDEX, kind);
            return this;
        }

        public Builder clusterMethod(String method) {
            values.set(CLUSTER_METHOD, method);
            return this;
        }

        public Builder xi(double xi) {
            values.set(XI, xi);
            return this;
        }

        public Builder minClusterSize(int m) {
            values.set(MIN_CLUSTER_SIZE, m);
            return this;
        }

        public Builder predecessorCorrection(boolean on) {
            values.set(PREDECESSOR_CORRECTION, on);
            return this;
        }

        public Builder eps(double eps) {
            values.set(EPS, eps);
            return this;
        }

        public OPTICS build() {
            return new OPTICS(values.build());
        }
    }
}

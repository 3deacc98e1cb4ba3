package io.cumulo.cluster.density;

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
import java.util.Locale;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * DBSCAN (M. Ester, H.-P. Kriegel, J. Sander, X. Xu, "A density-based algorithm for discovering clusters in large
 * spatial databases with noise", KDD 1996): a row is a <em>core</em> row when the rows within {@code eps} of it,
 * itself counted, weigh at least {@code min-samples}; clusters are the sets of core rows joined by chains of core rows
 * within {@code eps} of each other, plus the <em>border</em> rows within {@code eps} of a core row; every other row
 * is noise ({@code -1}).
 *
 * <p><b>scikit-learn's semantics, exactly.</b> {@code min-samples} counts the row itself, as scikit-learn's
 * {@code min_samples} does (Apache Commons Math's and Smile's {@code minPts} count only the other rows: theirs is this
 * minus 1). "Within {@code eps}" is the {@link NeighborIndex} contract: for Euclidean the squared distance against
 * {@code eps²}, as scikit-learn's trees compare, so a row exactly at {@code eps} counts. With sample weights a row is
 * core when the weights of its neighbourhood, its own included, sum to at least {@code min-samples} (a row of weight
 * ≥ {@code min-samples} is core alone); the sum follows the index's visiting order, so only a sum within rounding of
 * {@code min-samples} could depend on the index. Clusters are numbered by their lowest core row, and a border row
 * within {@code eps} of core rows of several clusters goes to the lowest-numbered of them: the cluster scikit-learn's
 * depth-first expansion reaches it from first. So the labels equal scikit-learn's exactly, numbering included.
 *
 * <p><b>Memory: O(n), neighbourhoods walked, never stored</b> (scikit-learn keeps every neighbourhood: O(n·average
 * neighbourhood) memory, 15 GB for 180,000 points in its issue #17650). Three passes over the index, each in parallel
 * over fixed chunks of rows taken in a space-filling-curve order (consecutive queries then share the index's nodes
in cache; the results do not depend on the order): (1) core flags, from each row's neighbourhood count or weight; (2) the core rows'
 * components, by a lock-free union-find in which a root is always the lowest row of its component (a row is linked
 * only under a lower one), so the components, and hence the numbering, do not depend on the order unions happen in;
 * (3) each non-core row's label, the lowest cluster among its core neighbours. Extra memory: a byte, two ints per row.
 *
 * <p><b>predict</b> (scikit-learn's DBSCAN has none): a new row joins the cluster of its nearest core row if that row
 * is within {@code eps}, else it is noise; among equally near core rows the lowest training row wins. A core training
 * row is its own nearest core row, so it predicts its own cluster; a border row may predict another cluster than the
 * one the expansion gave it (its nearest core row need not be in the lowest-numbered cluster).
 */
public final class DBSCAN implements Clusterer<DBSCANModel> {
    public static final String NAME = "dbscan";

    public static final Param<Double> EPS = Param.real("eps", "neighbourhood radius: rows within eps of each other "
            + "are neighbours (a row exactly at eps counts)").greaterThan(0).defaultValue(0.5);
    public static final Param<Integer> MIN_SAMPLES = Param.integer("min-samples", "rows (or total sample weight) "
            + "within eps that make a row a core row, the row itself counted as in scikit-learn (Commons Math's and "
            + "Smile's minPts do not count it: theirs = this - 1)").atLeast(1).defaultValue(5);
    public static final Param<String> METRIC = Param.choice("metric", "row distance",
            DensitySupport.metricChoices()).defaultValue("euclidean");
    public static final Param<String> INDEX = Param.choice("index", DensitySupport.INDEX_HELP,
            DensitySupport.INDEX_CHOICES).defaultValue("auto");

    public static final ParamSet PARAMS = ParamSet.of(NAME, EPS, MIN_SAMPLES, METRIC, INDEX);

    private final ParamValues params;
    private final Distance metric;
    private final NeighborIndex.Kind index;

    private DBSCAN(ParamValues params) {
        this.params = params;
        this.metric = Distance.parse(params.get(METRIC));
        this.index = NeighborIndex.Kind.parse(params.get(INDEX));
    }

    public static DBSCAN of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not dbscan parameters");
        }
        return new DBSCAN(values);
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

    public double eps() {
        return params.get(EPS);
    }

    public int minSamples() {
        return params.get(MIN_SAMPLES);
    }

    @Override
    public DBSCANModel fit(Dataset data, ExecutionContext ctx) {
        DensitySupport.requireRows(data, metric);
        int n = data.rows();
        int d = data.cols();
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        double eps = eps();
        int minSamples = minSamples();
        NeighborIndex idx = DensitySupport.index(NAME, x, n, d, metric, index, ctx);
        ctx.checkCancelled();
        ctx.progress().update("dbscan: core rows", 0, 3);
        int[] order = DensitySupport.spatialOrder(x, n, d);
        boolean[] core = coreFlags(idx, x, n, d, w, eps, minSamples, order, ctx);
        ctx.progress().update("dbscan: clusters", 1, 3);
        int[] labels = labels(idx, x, n, d, eps, core, order, ctx);
        ctx.progress().update("dbscan: done", 3, 3);
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        if (k == 0) {
            ctx.note(String.format(Locale.ROOT, "dbscan: every row is noise: no row has %s within eps=%s (itself "
                            + "counted); raise eps or lower min-samples ('cumulo choose-eps' suggests an eps)",
                    w == null ? minSamples + " rows" : "a total weight of " + minSamples, EPS.format(eps)));
        }
        return DBSCANModel.fitted(params, x, d, labels, core, k);
    }

    /**
     * Pass 1: whether each row's neighbourhood (itself included) counts or weighs at least {@code minSamples}. Counts
     * come from the index's batch count (which may order the queries its own way); weights from walks in
     * {@code order}.
     */
    static boolean[] coreFlags(NeighborIndex idx, double[] x, int n, int d, double[] w, double eps, int minSamples,
                               int[] order, ExecutionContext ctx) {
        boolean[] core = new boolean[n];
        if (w == null) {
            int[] counts = idx.countWithin(x, n, eps, ctx);
            for (int i = 0; i < n; i++) {
                core[i] = counts[i] >= minSamples;
            }
            return core;
        }
        Chunks chunks = Chunks.of(n, 64, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            double[] sum = new double[1];
            NeighborIndex.Visitor add = (j, dist) -> sum[0] += w[j];
            for (int t = chunks.start(c); t < chunks.end(c); t++) {
                int i = order[t];
                sum[0] = 0;
                idx.forEachWithin(x, i * d, eps, add);
                core[i] = sum[0] >= minSamples;
            }
        });
        return core;
    }

    /**
     * Passes 2 and 3: the core rows' components (lock-free union-find whose roots are each component's lowest row),
     * numbered by that row; then each other row's lowest cluster among its core neighbours, or -1.
     */
    static int[] labels(NeighborIndex idx, double[] x, int n, int d, double eps, boolean[] core, int[] order,
                        ExecutionContext ctx) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Chunks chunks = Chunks.of(n, 64, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            Joiner join = new Joiner(parent, core);
            for (int t = chunks.start(c); t < chunks.end(c); t++) {
                int i = order[t];
                if (core[i]) {
                    join.row = i;
                    join.root = i;
                    idx.forEachWithin(x, i * d, eps, join);
                }
            }
        });
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (core[i]) {
                int r = find(parent, i);
                // the root is the component's lowest row, so it was labelled first
                labels[i] = r == i ? next++ : labels[r];
            }
        }
        ctx.progress().update("dbscan: border rows", 2, 3);
        ctx.parallelFor(chunks.count(), c -> {
            int[] best = new int[1];
            NeighborIndex.Visitor lowest = (j, dist) -> {
                if (core[j] && (best[0] < 0 || labels[j] < best[0])) {
                    best[0] = labels[j];
                }
            };
            for (int t = chunks.start(c); t < chunks.end(c); t++) {
                int i = order[t];
                if (!core[i]) {
                    best[0] = -1;
                    idx.forEachWithin(x, i * d, eps, lowest);
                    labels[i] = best[0];
                }
            }
        });
        return labels;
    }

    /**
     * Pass 2's visitor: joins the core row {@code row} with each lower core row it meets (so each pair of core
     * neighbours is joined once, from its higher row), starting each search from the root it last saw.
     */
    private static final class Joiner implements NeighborIndex.Visitor {
        final int[] parent;
        final boolean[] core;
        int row;
        /** A row of {@code row}'s set, near its root (a root it saw; the root can only move lower since). */
        int root;

        Joiner(int[] parent, boolean[] core) {
            this.parent = parent;
            this.core = core;
        }

        @Override
        public void accept(int j, double distance) {
            if (j < row && core[j]) {
                root = union(parent, root, j);
            }
        }
    }

    /** Compare-and-set on the union-find's {@code int[]} (plain reads elsewhere: see {@link #find}). */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    /**
     * The root of {@code a}'s set, halving the path on the way. Reads are plain: a parent only ever moves to an
     * ancestor, so a stale value is still an ancestor, and every link is a compare-and-set on the current value, so
     * races cost a retry, never a wrong set; the parallel loop's end publishes the final array.
     */
    static int find(int[] parent, int a) {
        while (true) {
            int p = parent[a];
            if (p == a) {
                return a;
            }
            int g = parent[p];
            if (g != p) {
                SLOT.compareAndSet(parent, a, p, g);
            }
            a = p;
        }
    }

    /**
     * Joins the sets of {@code a} and {@code b}: the higher root goes under the lower, by compare-and-set. Returns the
     * joined set's root as it was then.
     */
    static int union(int[] parent, int a, int b) {
        while (true) {
            a = find(parent, a);
            b = find(parent, b);
            if (a == b) {
                return a;
            }
            if (a < b) {
                int t = a;
                a = b;
                b = t;
            }
            if (SLOT.compareAndSet(parent, a, a, b)) {
                return b;
            }
        }
    }

    /** Settings; validated when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder eps(double eps) {
            values.set(EPS, eps);
            return this;
        }

        public Builder minSamples(int m) {
            values.set(MIN_SAMPLES, m);
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

        public DBSCAN build() {
            return new DBSCAN(values.build());
        }
    }
}

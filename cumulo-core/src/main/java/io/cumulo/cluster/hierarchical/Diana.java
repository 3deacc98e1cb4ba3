package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DIANA, divisive analysis (Kaufman &amp; Rousseeuw, "Finding Groups in Data", Wiley 1990, chapter 6): all rows start
 * in one cluster, and the cluster of largest diameter (its largest dissimilarity) is split until every row is alone.
 * A split starts a splinter group with the row of largest mean dissimilarity to the others, then moves over, one at a
 * time, the row whose mean dissimilarity to the rest exceeds that to the splinter group by the most, while any does.
 * The tree, in SciPy's linkage form with each split as a merge at the height of the split cluster's diameter, gives
 * every number of clusters, as for {@link Agglomerative}; the model also reports the divisive coefficient, as R's
 * {@code cluster::diana} does.
 *
 * <p>Uses the condensed dissimilarity matrix ({@code 4·n²} bytes, checked against the heap first) and
 * {@code O(n²)} work per level of the tree. Ties: the row with the smaller index is taken first; among clusters of
 * equal diameter the one holding the smaller row is split first.
 */
public final class Diana implements Clusterer<DianaModel> {
    public static final String NAME = "diana";

    public static final Param<Integer> K = Param.integer("k", "number of clusters of the cut (or give "
            + "distance-threshold)").atLeast(1).defaultDescribedAs("none: give k or distance-threshold");
    public static final Param<Double> DISTANCE_THRESHOLD = Param.real("distance-threshold",
            "cut where clusters are wider than this: a cluster whose diameter exceeds it is split").atLeast(0)
            .defaultDescribedAs("none");
    public static final Param<String> METRIC = Param.choice("metric",
            "row dissimilarity; precomputed: INPUT is an n × n dissimilarity matrix", "euclidean", "sqeuclidean",
            "manhattan", "cosine", "chebyshev", "precomputed").defaultValue("euclidean");

    public static final Param<Boolean> OPTIMAL_ORDERING = Param.bool("optimal-ordering",
            "show each split's parts in the order that puts similar rows next to each other (Bar-Joseph et al. "
                    + "2001; the tree and its cuts do not change; O(n³) time, up to " + OptimalLeafOrdering.MAX_LEAVES
                    + " rows)").defaultValue(false);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, DISTANCE_THRESHOLD, METRIC, OPTIMAL_ORDERING);

    private final ParamValues params;
    private final boolean precomputed;
    private final Distance metric;

    private Diana(ParamValues params) {
        this.params = params;
        this.precomputed = params.get(METRIC).equals("precomputed");
        this.metric = precomputed ? null : Distance.parse(params.get(METRIC));
        if (params.isSet(K) == params.isSet(DISTANCE_THRESHOLD)) {
            throw new CumuloException(params.isSet(K)
                    ? "parameters 'k' and 'distance-threshold': give one or the other, not both"
                    : "parameter 'k' is required for diana (number of clusters), or give distance-threshold");
        }
    }

    public static Diana of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not diana parameters");
        }
        return new Diana(values);
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
        return precomputed ? Distance.EUCLIDEAN : metric;
    }

    @Override
    public boolean takesFeatures() {
        return !precomputed;
    }

    @Override
    public Dataset prepare(Dataset input) {
        return precomputed ? Precomputed.expand(input) : input;
    }

    @Override
    public DianaModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        if (n == 0) {
            throw new CumuloException(data.source() + ": no rows to cluster");
        }
        if (params.isSet(K) && params.get(K) > n) {
            throw new CumuloException("k=" + params.get(K) + " is larger than the number of rows (" + n + ") in "
                    + data.source());
        }
        double[] dist;
        if (precomputed) {
            Precomputed.requireSquare(data);
            dist = Precomputed.condensed(data);
        } else {
            if (metric == Distance.COSINE) {
                metric.requireDefined(data);
            }
            dist = Agglomerative.condensed(data.rawValues(), n, data.cols(), metric, ctx);
        }
        Split result = divide(dist, n, ctx);
        ClusterTree tree = params.get(OPTIMAL_ORDERING)
                ? OptimalLeafOrdering.reorder(result.tree, OptimalLeafOrdering.ofCondensed(dist, n), NAME, ctx)
                : result.tree;
        return DianaModel.fitted(this, data, tree, result.coefficient, ctx);
    }

    /** The tree and the divisive coefficient. */
    record Split(ClusterTree tree, double coefficient) {
    }

    /** DIANA on a condensed matrix of {@code n} rows. */
    static Split divide(double[] dist, int n, ExecutionContext ctx) {
        Merges merges = new Merges(n);
        if (n < 2) {
            return new Split(merges.toTree(false, "diameter"), Double.NaN);
        }
        List<int[]> open = new ArrayList<>(); // clusters still to split (two rows or more), each sorted
        List<Double> diameters = new ArrayList<>();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        double whole = diameter(dist, n, all);
        open.add(all);
        diameters.add(whole);
        // the splits as merges: the pair (smallest row of each part) at the parent's diameter, later sorted
        double[] lastDiameter = new double[n]; // of the last cluster each row was in before it was alone
        while (!open.isEmpty()) {
            int pick = 0;
            for (int c = 1; c < open.size(); c++) {
                double dc = diameters.get(c);
                double dp = diameters.get(pick);
                if (dc > dp || (dc == dp && open.get(c)[0] < open.get(pick)[0])) {
                    pick = c;
                }
            }
            int[] cluster = open.remove(pick);
            double diam = diameters.remove(pick);
            int[][] parts = splinter(dist, n, cluster);
            merges.add(parts[0][0], parts[1][0], diam);
            for (int[] part : parts) {
                if (part.length == 1) {
                    lastDiameter[part[0]] = diam;
                } else {
                    open.add(part);
                    diameters.add(diameter(dist, n, part));
                }
            }
            ctx.checkCancelled();
        }
        double dc = 0;
        for (int i = 0; i < n; i++) {
            dc += 1 - (whole > 0 ? lastDiameter[i] / whole : 0);
        }
        // splits in reverse order are merges from the leaves up; sorted by height (a part's diameter is at most its
        // parent's), equal heights with the later split first
        return new Split(merges.reversedToTree("diameter"), dc / n);
    }

    private static double d(double[] dist, int n, int i, int j) {
        return i < j ? dist[(int) MatrixDistances.index(n, i, j)] : dist[(int) MatrixDistances.index(n, j, i)];
    }

    private static double diameter(double[] dist, int n, int[] rows) {
        double m = 0;
        for (int a = 0; a < rows.length; a++) {
            for (int b = a + 1; b < rows.length; b++) {
                m = Math.max(m, d(dist, n, rows[a], rows[b]));
            }
        }
        return m;
    }

    /** The splinter procedure: the cluster's rows as {splinter group, rest}, each sorted. */
    private static int[][] splinter(double[] dist, int n, int[] rows) {
        int c = rows.length;
        boolean[] inB = new boolean[c];
        double[] sumA = new double[c]; // to the rest (A), excluding itself
        double[] sumB = new double[c]; // to the splinter group (B)
        for (int a = 0; a < c; a++) {
            for (int b = a + 1; b < c; b++) {
                double v = d(dist, n, rows[a], rows[b]);
                sumA[a] += v;
                sumA[b] += v;
            }
        }
        int sizeA = c;
        int sizeB = 0;
        // first: the row of largest mean dissimilarity to the others
        int first = 0;
        for (int a = 1; a < c; a++) {
            if (sumA[a] > sumA[first]) {
                first = a;
            }
        }
        move(dist, n, rows, first, inB, sumA, sumB);
        sizeA--;
        sizeB++;
        while (sizeA > 1) {
            int best = -1;
            double gain = 0;
            for (int a = 0; a < c; a++) {
                if (inB[a]) {
                    continue;
                }
                double g = sumA[a] / (sizeA - 1) - sumB[a] / sizeB;
                if (g > gain) {
                    gain = g;
                    best = a;
                }
            }
            if (best < 0) {
                break;
            }
            move(dist, n, rows, best, inB, sumA, sumB);
            sizeA--;
            sizeB++;
        }
        int[] b = new int[sizeB];
        int[] a = new int[sizeA];
        int ib = 0;
        int ia = 0;
        for (int t = 0; t < c; t++) {
            if (inB[t]) {
                b[ib++] = rows[t];
            } else {
                a[ia++] = rows[t];
            }
        }
        return new int[][] {b, a};
    }

    private static void move(double[] dist, int n, int[] rows, int x, boolean[] inB, double[] sumA, double[] sumB) {
        inB[x] = true;
        for (int t = 0; t < rows.length; t++) {
            if (t == x) {
                continue;
            }
            double v = d(dist, n, rows[t], rows[x]);
            sumA[t] -= v;
            sumB[t] += v;
        }
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

        public Builder metric(String metric) {
            values.set(METRIC, metric);
            return this;
        }

        public Builder optimalOrdering(boolean on) {
            values.set(OPTIMAL_ORDERING, on);
            return this;
        }

        public Diana build() {
            return new Diana(values.build());
        }
    }
}

package io.cumulo.cluster.hierarchical;

import io.cumulo.CumuloException;
import io.cumulo.cluster.CentroidModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted agglomerative clustering: the whole tree ({@link #tree()}, SciPy's linkage matrix), its cut (at {@code k}
 * or at {@code distance-threshold}), the cut clusters' means as centres, and the cophenetic correlation. Immutable.
 *
 * <p><b>{@code predict}</b> puts a new row where the linkage would have merged it, had it been the last row to
 * join: into the cluster at the smallest linkage distance from it, the row alone being a cluster of one. Single,
 * complete and average (and weighted, for which a new row has no merge history, like average) compare the row with
 * every training row of each cluster (the smallest, largest or mean dissimilarity), so the model keeps the training
 * rows; Ward compares the increase of the within-cluster sum of squares, {@code n_c/(n_c+1)·‖x − c‖²}, centroid the
 * distance to the cluster's centroid, median that to its weighted centroid, so the model keeps only those. Ties go to
 * the lower cluster number. For complete, average and Ward a training row can be nearer, by this rule, to another
 * cluster than the merges put it in, so predicting the training rows need not give their labels back (single,
 * centroid and median linkage do give them back unless there are ties). With {@code metric=precomputed}, new rows
 * are their dissimilarities to the training rows, one column per training row, and only single, complete, average
 * and weighted linkage predict.
 */
public final class AgglomerativeModel extends CentroidModel implements Tree {
    private final Linkage linkage;
    private final boolean precomputed;
    private final Distance metric;
    private final ClusterTree tree;
    private final double cophenetic;
    /** The training rows (member-based linkages), else null. */
    private final double[] members;
    private final int[] memberLabels;
    /** Ward: the clusters' (weighted) sizes; median: their weighted centroids. */
    private final double[] weights;
    private final double[] medianPoints;

    private AgglomerativeModel(ParamValues params, int d, int k, int[] labels, int[] sizes, double[] centres,
                               ClusterTree tree, double cophenetic, double[] members, int[] memberLabels,
                               double[] weights, double[] medianPoints) {
        super(Agglomerative.NAME, params, d, k, labels, sizes, centres);
        this.linkage = Linkage.parse(params.get(Agglomerative.LINKAGE));
        this.precomputed = params.get(Agglomerative.METRIC).equals("precomputed");
        this.metric = precomputed ? null : Distance.parse(params.get(Agglomerative.METRIC));
        this.tree = tree;
        this.cophenetic = cophenetic;
        this.members = members;
        this.memberLabels = memberLabels;
        this.weights = weights;
        this.medianPoints = medianPoints;
    }

    /** The model of a fitted tree: its cut, centres, what predict needs, the cophenetic correlation. */
    static AgglomerativeModel fitted(Agglomerative config, Dataset data, ClusterTree tree, ExecutionContext ctx) {
        ParamValues params = config.params();
        int n = data.rows();
        int d = data.cols();
        int[] labels = params.isSet(Agglomerative.K) ? tree.cut(params.get(Agglomerative.K))
                : tree.cutAtHeight(params.get(Agglomerative.DISTANCE_THRESHOLD));
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        Linkage linkage = config.linkage();
        boolean sized = w != null && (linkage == Linkage.WARD || linkage == Linkage.CENTROID
                || linkage == Linkage.AVERAGE);
        int[] sizes = new int[k];
        double[] mass = new double[k];
        double[] centres = new double[k * d];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            double wi = sized ? w[i] : 1;
            sizes[c]++;
            mass[c] += wi;
            for (int l = 0; l < d; l++) {
                centres[c * d + l] += wi * x[i * d + l];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int l = 0; l < d; l++) {
                centres[c * d + l] /= mass[c];
            }
        }
        boolean memberRule = !linkage.centroidBased();
        double[] median = linkage == Linkage.MEDIAN ? medianPoints(tree, x, d, labels, k) : null;
        Cophenetic.Dissimilarity dis = config.distance() != null && !params.get(Agglomerative.METRIC).equals("precomputed")
                ? (i, j) -> config.distance().between(x, i * d, x, j * d, d)
                : (i, j) -> x[i * n + j];
        ctx.progress().update("agglomerative: cophenetic correlation", 0, 1);
        double coph = new Cophenetic(tree).correlation(dis, 0, ctx);
        return new AgglomerativeModel(params, d, k, labels, sizes, centres, tree, coph,
                memberRule ? x.clone() : null, memberRule ? labels.clone() : null,
                linkage == Linkage.WARD ? mass : null, median);
    }

    /**
     * Median linkage's weighted centroid of each cut cluster: each merge's point is the midpoint of its two parts',
     * the tree replayed from the rows up to the cut.
     */
    private static double[] medianPoints(ClusterTree tree, double[] x, int d, int[] labels, int k) {
        int n = tree.leaves();
        int m = tree.merges();
        double[] point = new double[(n + m) * d];
        System.arraycopy(x, 0, point, 0, n * d);
        int[] clusterOf = new int[n + m];
        for (int i = 0; i < n; i++) {
            clusterOf[i] = labels[i];
        }
        double[] out = new double[k * d];
        boolean[] done = new boolean[k];
        // a cut cluster's point is that of its topmost merge within the cluster (or of its only row)
        for (int t = 0; t < m; t++) {
            int a = tree.left(t);
            int b = tree.right(t);
            clusterOf[n + t] = clusterOf[a] == clusterOf[b] ? clusterOf[a] : -1;
            for (int l = 0; l < d; l++) {
                point[(n + t) * d + l] = 0.5 * (point[a * d + l] + point[b * d + l]);
            }
        }
        for (int node = n + m - 1; node >= 0; node--) {
            int c = clusterOf[node];
            if (c >= 0 && !done[c]) {
                System.arraycopy(point, node * d, out, c * d, d);
                done[c] = true;
            }
        }
        return out;
    }

    @Override
    public ClusterTree tree() {
        return tree;
    }

    public Linkage linkage() {
        return linkage;
    }

    /** The Pearson correlation of the rows' dissimilarities with their cophenetic distances (NaN under 3 rows). */
    public double copheneticCorrelation() {
        return cophenetic;
    }

    @Override
    public Distance distance() {
        return metric == null ? Distance.EUCLIDEAN : metric;
    }

    @Override
    public Kind centreKind() {
        return Kind.CENTRE;
    }

    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        int d = numFeatures();
        int k = numClusters();
        if (precomputed) {
            if (members == null) {
                throw new CumuloException("predict: linkage=" + linkage.id() + " with metric=precomputed cannot place "
                        + "new rows (it needs their coordinates); single, complete, average and weighted linkage can");
            }
            if (data.cols() != memberLabels.length) {
                throw new CumuloException(data.source() + ": has " + data.cols() + " columns but a model fitted on "
                        + "precomputed dissimilarities takes one per training row (" + memberLabels.length + ")");
            }
        } else {
            requireFeatures(data);
        }
        int rows = data.rows();
        int[] out = new int[rows];
        double[] x = data.rawValues();
        int cols = data.cols();
        double[] centres = centreValues();
        Chunks chunks = Chunks.of(rows, 256, 256);
        ctx.parallelFor(chunks.count(), c -> {
            double[] agg = new double[k];
            double[] cnt = new double[k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int best = 0;
                if (members != null) {
                    Arrays.fill(agg, linkage == Linkage.SINGLE ? Double.POSITIVE_INFINITY
                            : linkage == Linkage.COMPLETE ? Double.NEGATIVE_INFINITY : 0);
                    Arrays.fill(cnt, 0);
                    int n = memberLabels.length;
                    for (int j = 0; j < n; j++) {
                        double v = precomputed ? x[i * cols + j] : metric.between(x, i * d, members, j * d, d);
                        int l = memberLabels[j];
                        switch (linkage) {
                            case SINGLE:
                                agg[l] = Math.min(agg[l], v);
                                break;
                            case COMPLETE:
                                agg[l] = Math.max(agg[l], v);
                                break;
                            default:
                                agg[l] += v;
                                cnt[l]++;
                        }
                    }
                    double bv = Double.POSITIVE_INFINITY;
                    for (int l = 0; l < k; l++) {
                        double v = linkage == Linkage.SINGLE || linkage == Linkage.COMPLETE ? agg[l] : agg[l] / cnt[l];
                        if (v < bv) {
                            bv = v;
                            best = l;
                        }
                    }
                } else {
                    double[] points = linkage == Linkage.MEDIAN ? medianPoints : centres;
                    double bv = Double.POSITIVE_INFINITY;
                    for (int l = 0; l < k; l++) {
                        double s = 0;
                        for (int t = 0; t < d; t++) {
                            double diff = x[i * d + t] - points[l * d + t];
                            s += diff * diff;
                        }
                        double v = linkage == Linkage.WARD ? weights[l] / (weights[l] + 1) * s : s;
                        if (v < bv) {
                            bv = v;
                            best = l;
                        }
                    }
                }
                out[i] = best;
            }
        });
        return out;
    }

    /** The heights of the last (highest) merges, at most 10, last first. */
    public double[] lastMergeHeights() {
        int m = tree.merges();
        int shown = Math.min(10, m);
        double[] h = new double[shown];
        for (int i = 0; i < shown; i++) {
            h[i] = tree.height(m - 1 - i);
        }
        return h;
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(new KeyFigure("cophenetic_correlation", "cophenetic", cophenetic,
                "correlation of the tree's heights with the rows' dissimilarities"));
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("linkage", linkage.id());
        m.put("cophenetic_correlation", Double.isNaN(cophenetic) ? null : cophenetic);
        m.put("cophenetic_pairs", tree.leaves() <= Cophenetic.EXACT_MAX_ROWS ? "all" : Cophenetic.SAMPLED_PAIRS
                + " sampled");
        m.put("monotone", tree.monotone());
        m.put("last_merge_heights", lastMergeHeights());
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("linkage_matrix", tree.linkageMatrix());
        m.put("k", numClusters());
        m.put("centres", centres());
        if (weights != null) {
            m.put("cluster_weights", weights);
        }
        if (medianPoints != null) {
            m.put("median_points", rows(medianPoints, numClusters(), numFeatures()));
        }
        if (members != null) {
            m.put("training_rows", rows(members, memberLabels.length, numFeatures()));
        }
        m.put("cophenetic_correlation", Double.isNaN(cophenetic) ? null : cophenetic);
        return m;
    }

    private static double[][] rows(double[] flat, int k, int d) {
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
        }
        return out;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file; checks the tree. */
    public static AgglomerativeModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        Agglomerative.of(params); // the cross-parameter rules
        List<Object> z = model.getList("linkage_matrix");
        int n = z.size() + 1;
        double[] flat = model.getMatrix("linkage_matrix", n - 1, 4);
        int[] left = new int[n - 1];
        int[] right = new int[n - 1];
        double[] height = new double[n - 1];
        long[] size = new long[n - 1];
        long[] nodeSize = new long[2 * n - 1];
        Arrays.fill(nodeSize, 0, n, 1);
        for (int i = 0; i < n - 1; i++) {
            double a = flat[4 * i];
            double b = flat[4 * i + 1];
            if (a != Math.rint(a) || b != Math.rint(b) || a < 0 || b < 0 || a >= n + i || b >= n + i) {
                throw new CumuloException("model: 'linkage_matrix' row " + i + " joins " + a + " and " + b
                        + "; ids must be whole numbers below " + (n + i));
            }
            left[i] = (int) a;
            right[i] = (int) b;
            height[i] = flat[4 * i + 2];
            if (!Double.isFinite(height[i]) || height[i] < 0) {
                throw new CumuloException("model: 'linkage_matrix' row " + i + " has height " + height[i]
                        + "; heights are finite and ≥ 0");
            }
            size[i] = nodeSize[left[i]] + nodeSize[right[i]];
            nodeSize[n + i] = size[i];
            if (flat[4 * i + 3] != size[i]) {
                throw new CumuloException("model: 'linkage_matrix' row " + i + " says size " + flat[4 * i + 3]
                        + " but joins " + size[i] + " rows");
            }
        }
        long[] leaves = new long[n];
        Arrays.fill(leaves, 1);
        ClusterTree tree = new ClusterTree(n, left, right, height, size, leaves, Linkage.parse(
                params.get(Agglomerative.LINKAGE)).id() + " linkage distance");
        int k = model.getInt("k");
        int[] labels = tree.cut(k);
        double[] centres = finite(model.getMatrix("centres", k, features), "centres");
        int[] sizes = new int[k];
        for (int l : labels) {
            sizes[l]++;
        }
        Linkage linkage = Linkage.parse(params.get(Agglomerative.LINKAGE));
        double[] weights = null;
        double[] median = null;
        double[] members = null;
        int[] memberLabels = null;
        if (linkage == Linkage.WARD) {
            weights = model.getDoubleArray("cluster_weights");
            if (weights.length != k) {
                throw new CumuloException("model: 'cluster_weights' has " + weights.length + " values for k=" + k);
            }
        }
        if (linkage == Linkage.MEDIAN) {
            median = finite(model.getMatrix("median_points", k, features), "median_points");
        }
        if (!linkage.centroidBased()) {
            members = finite(model.getMatrix("training_rows", n, features), "training_rows");
            memberLabels = labels.clone();
        }
        double coph = model.has("cophenetic_correlation") && model.get("cophenetic_correlation") != null
                ? model.getDouble("cophenetic_correlation") : Double.NaN;
        return new AgglomerativeModel(params, features, k, labels, sizes, centres, tree, coph, members, memberLabels,
                weights, median);
    }

    private static double[] finite(double[] v, String key) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                throw new CumuloException("model: " + key + " must be finite numbers");
            }
        }
        return v;
    }
}

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
import java.util.Optional;

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
        int[] sizes = TreeModels.sizes(labels, k);
        double[] mass = new double[k];
        double[] centres = TreeModels.means(x, n, d, labels, k, sized ? w : null, mass);
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

    /** The tree cut into {@code k} clusters ({@link ClusterTree#cut}): what a fit with {@code k} would label. */
    @Override
    public Optional<int[]> labelsAt(int k) {
        return Optional.of(tree().cut(k));
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
            TreeModels.requireDissimilarityRows(data, memberLabels.length);
        } else {
            requireFeatures(data);
        }
        if (members != null) {
            return TreeModels.predictByMembers(linkage, metric, members, memberLabels, k, d, data, ctx);
        }
        int rows = data.rows();
        int[] out = new int[rows];
        double[] x = data.rawValues();
        double[] points = linkage == Linkage.MEDIAN ? medianPoints : centreValues();
        Chunks chunks = Chunks.of(rows, 256, 256);
        ctx.parallelFor(chunks.count(), c -> {
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int best = 0;
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
        m.put("agglomerative_coefficient", TreeModels.agglomerativeCoefficient(tree));
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
            m.put("median_points", TreeModels.rows(medianPoints, numClusters(), numFeatures()));
        }
        if (members != null) {
            m.put("training_rows", TreeModels.rows(members, memberLabels.length, numFeatures()));
        }
        m.put("cophenetic_correlation", Double.isNaN(cophenetic) ? null : cophenetic);
        return m;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file; checks the tree. */
    public static AgglomerativeModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        Agglomerative.of(params); // the cross-parameter rules
        ClusterTree tree = TreeModels.linkageFromJson(model, Linkage.parse(params.get(Agglomerative.LINKAGE)).id()
                + " linkage distance");
        int n = tree.leaves();
        int k = model.getInt("k");
        int[] labels = tree.cut(k);
        double[] centres = TreeModels.finite(model.getMatrix("centres", k, features), "centres");
        int[] sizes = TreeModels.sizes(labels, k);
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
            median = TreeModels.finite(model.getMatrix("median_points", k, features), "median_points");
        }
        if (!linkage.centroidBased()) {
            members = TreeModels.finite(model.getMatrix("training_rows", n, features), "training_rows");
            memberLabels = labels.clone();
        }
        double coph = model.has("cophenetic_correlation") && model.get("cophenetic_correlation") != null
                ? model.getDouble("cophenetic_correlation") : Double.NaN;
        return new AgglomerativeModel(params, features, k, labels, sizes, centres, tree, coph, members, memberLabels,
                weights, median);
    }
}

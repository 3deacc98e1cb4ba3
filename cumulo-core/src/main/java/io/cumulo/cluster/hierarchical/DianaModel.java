package io.cumulo.cluster.hierarchical;

import io.cumulo.cluster.CentroidModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Tree;
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
 * A fitted DIANA ({@link Diana}): the divisive tree in SciPy's linkage form (each split a merge at the split cluster's
 * diameter), its cut, the cut clusters' means as centres, and the divisive coefficient (R's {@code cluster::diana}
 * "dc": the mean over rows of 1 − the diameter of the last cluster the row was in before it was split off alone, over
 * the diameter of all rows; near 1, strong structure). Immutable.
 *
 * <p>{@code predict} follows DIANA's own criterion: a new row goes to the cut cluster of smallest mean dissimilarity
 * to it (ties to the lower cluster), so the model keeps the training rows; with {@code metric=precomputed}, new rows
 * are their dissimilarities to the training rows.
 */
public final class DianaModel extends CentroidModel implements Tree {
    private final Distance metric;
    private final ClusterTree tree;
    private final double coefficient;
    private final double[] members;
    private final int[] memberLabels;

    private DianaModel(ParamValues params, int d, int k, int[] labels, int[] sizes, double[] centres, ClusterTree tree,
                       double coefficient, double[] members) {
        super(Diana.NAME, params, d, k, labels, sizes, centres);
        boolean precomputed = params.get(Diana.METRIC).equals("precomputed");
        this.metric = precomputed ? null : Distance.parse(params.get(Diana.METRIC));
        this.tree = tree;
        this.coefficient = coefficient;
        this.members = members;
        this.memberLabels = labels.clone();
    }

    static DianaModel fitted(Diana config, Dataset data, ClusterTree tree, double coefficient, ExecutionContext ctx) {
        ParamValues params = config.params();
        int[] labels = cut(params, tree);
        int k = Arrays.stream(labels).max().orElse(-1) + 1;
        double[] x = data.rawValues();
        return new DianaModel(params, data.cols(), k, labels, TreeModels.sizes(labels, k),
                TreeModels.means(x, data.rows(), data.cols(), labels, k, null, null), tree, coefficient, x.clone());
    }

    private static int[] cut(ParamValues params, ClusterTree tree) {
        return params.isSet(Diana.K) ? tree.cut(params.get(Diana.K))
                : tree.cutAtHeight(params.get(Diana.DISTANCE_THRESHOLD));
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

    /** The divisive coefficient (NaN for a single row). */
    public double divisiveCoefficient() {
        return coefficient;
    }

    @Override
    public Distance distance() {
        return metric == null ? Distance.EUCLIDEAN : metric;
    }

    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        if (metric == null) {
            TreeModels.requireDissimilarityRows(data, memberLabels.length);
        } else {
            requireFeatures(data);
        }
        return TreeModels.predictByMembers(Linkage.AVERAGE, metric, members, memberLabels, numClusters(),
                numFeatures(), data, ctx);
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(new KeyFigure("divisive_coefficient", "divisive", coefficient,
                "divisive coefficient: near 1, clear structure"));
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("divisive_coefficient", Double.isNaN(coefficient) ? null : coefficient);
        int merges = tree.merges();
        double[] last = new double[Math.min(10, merges)];
        for (int i = 0; i < last.length; i++) {
            last[i] = tree.height(merges - 1 - i);
        }
        m.put("last_merge_heights", last);
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("linkage_matrix", tree.linkageMatrix());
        m.put("k", numClusters());
        m.put("centres", centres());
        m.put("training_rows", TreeModels.rows(members, memberLabels.length, numFeatures()));
        m.put("divisive_coefficient", Double.isNaN(coefficient) ? null : coefficient);
        return m;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file; checks the tree. */
    public static DianaModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        Diana.of(params);
        ClusterTree tree = TreeModels.linkageFromJson(model, "diameter");
        int k = model.getInt("k");
        int[] labels = tree.cut(k);
        double[] centres = TreeModels.finite(model.getMatrix("centres", k, features), "centres");
        double[] members = TreeModels.finite(model.getMatrix("training_rows", tree.leaves(), features), "training_rows");
        double dc = model.has("divisive_coefficient") && model.get("divisive_coefficient") != null
                ? model.getDouble("divisive_coefficient") : Double.NaN;
        return new DianaModel(params, features, k, labels, TreeModels.sizes(labels, k), centres, tree, dc, members);
    }
}

package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.Iterative;
import io.cumulo.estimator.KeyFigure;
import io.cumulo.estimator.Restarts;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted bisecting k-means ({@link BisectingKMeans}): the split tree, the leaf centres, training labels and
 * statistics. {@link #predict} descends the tree from the root, going at each split to the nearer of the two
 * child centres (ties to the first), exactly as the training rows were assigned. Immutable.
 *
 * <p>The tree: node 0 is the root (all rows, centre = their mean); split {@code s} (0-based, in the order the
 * splits were made) gives its node the children {@code 2s+1} and {@code 2s+2}. Each node records its parent, its
 * children, its number of rows ({@code size}), the (weighted) sum of squared distances of its rows to its centre
 * ({@code sse}), and either the split number ({@code split}, inner nodes) or the cluster it is ({@code cluster},
 * leaves, numbered left to right).
 */
public final class BisectingKMeansModel extends CentroidModel implements Iterative, Restarts, Tree {
    /** The split tree as parallel arrays indexed by node id. */
    static final class SplitTree {
        final int d;
        final int[] parent;
        final int[] left;
        final int[] right;
        final int[] size;
        final double[] sse;
        final int[] split;
        final int[] cluster;
        final double[] centres;

        SplitTree(int d, int[] parent, int[] left, int[] right, int[] size, double[] sse, int[] split, int[] cluster,
             double[] centres) {
            this.d = d;
            this.parent = parent;
            this.left = left;
            this.right = right;
            this.size = size;
            this.sse = sse;
            this.split = split;
            this.cluster = cluster;
            this.centres = centres;
        }

        int count() {
            return parent.length;
        }
    }

    private final SplitTree tree;
    private final double inertia;
    private final int iterations;
    private final boolean converged;

    BisectingKMeansModel(ParamValues params, SplitTree tree, int[] labels, double inertia, int[] sizes, int iterations,
                         boolean converged) {
        super(BisectingKMeans.NAME, params, tree.d, leaves(tree), labels, sizes, leafCentres(tree));
        this.tree = tree;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
    }

    private static int leaves(SplitTree tree) {
        int leaves = 0;
        for (int c : tree.cluster) {
            if (c >= 0) {
                leaves++;
            }
        }
        return leaves;
    }

    private static double[] leafCentres(SplitTree tree) {
        int d = tree.d;
        double[] out = new double[leaves(tree) * d];
        for (int i = 0; i < tree.count(); i++) {
            if (tree.cluster[i] >= 0) {
                System.arraycopy(tree.centres, i * d, out, tree.cluster[i] * d, d);
            }
        }
        return out;
    }

    /** (Weighted) sum of squared distances of the training rows to their leaf centres. */
    public double inertia() {
        return inertia;
    }

    /** Lloyd iterations of the 2-means splits, summed. */
    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public Optional<String> howChosen() {
        // k = 1 makes no split, so its n-init restarts never happen
        int restarts = params().get(BisectingKMeans.N_INIT);
        return tree.count() > 1 && restarts > 1 ? Optional.of("best of " + restarts + " runs per split by inertia")
                : Optional.empty();
    }

    @Override
    public List<KeyFigure> keyFigures() {
        return List.of(new KeyFigure("inertia", "inertia", inertia, ""));
    }

    /**
     * The split tree as merges over the k clusters: the splits in reverse, ordered by the nodes' sums of squared
     * distances to their centres (a node's is at least the sum of its children's, so heights never decrease).
     */
    @Override
    public ClusterTree tree() {
        int k = numClusters();
        int inner = tree.count() - k;
        Integer[] order = new Integer[inner];
        int t = 0;
        for (int i = 0; i < tree.count(); i++) {
            if (tree.left[i] >= 0) {
                order[t++] = i;
            }
        }
        // children before parents: by height, then deeper (higher id) first
        Arrays.sort(order, (a, b) -> tree.sse[a] != tree.sse[b] ? Double.compare(tree.sse[a], tree.sse[b])
                : Integer.compare(b, a));
        int[] id = new int[tree.count()];
        for (int i = 0; i < tree.count(); i++) {
            id[i] = tree.cluster[i];
        }
        int[] left = new int[inner];
        int[] right = new int[inner];
        double[] height = new double[inner];
        long[] size = new long[inner];
        for (int m = 0; m < inner; m++) {
            int node = order[m];
            left[m] = id[tree.left[node]];
            right[m] = id[tree.right[node]];
            height[m] = tree.sse[node];
            size[m] = tree.size[node];
            id[node] = k + m;
        }
        long[] leafSizes = new long[k];
        for (int i = 0; i < tree.count(); i++) {
            if (tree.cluster[i] >= 0) {
                leafSizes[tree.cluster[i]] = tree.size[i];
            }
        }
        return new ClusterTree(k, left, right, height, size, leafSizes, "sum of squared distances to the centre");
    }

    /** Nodes of the tree (2k − 1). */
    public int numNodes() {
        return tree.count();
    }

    /** The split tree, one map per node in id order (the {@code split_tree} of {@link #summary()}). */
    public List<Map<String, Object>> splitTree() {
        return nodes(false);
    }

    /** Whether {@code x[xo..xo+d)} is at least as near {@code a} as {@code b}: the one rule of training and predict. */
    static boolean firstIsNearer(VectorKernels kernels, double[] x, int xo, double[] a, double[] b, int d) {
        return kernels.squaredDistance(x, xo, a, 0, d) <= kernels.squaredDistance(x, xo, b, 0, d);
    }

    /** The cluster of each row: down the tree from the root, to the nearer child centre at each split. */
    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        requireFeatures(data);
        int d = numFeatures();
        int n = data.rows();
        int[] out = new int[n];
        double[] x = data.rawValues();
        VectorKernels kernels = VectorKernels.get();
        double[][] centre = rows(tree.centres, tree.count(), d);
        Chunks chunks = Chunks.of(n, 4096, 256);
        ctx.parallelFor(chunks.count(), c -> {
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int node = 0;
                while (tree.left[node] >= 0) {
                    int a = tree.left[node];
                    int b = tree.right[node];
                    node = firstIsNearer(kernels, x, i * d, centre[a], centre[b], d) ? a : b;
                }
                out[i] = tree.cluster[node];
            }
        });
        return out;
    }

    private List<Map<String, Object>> nodes(boolean withCentres) {
        int d = numFeatures();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < tree.count(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i);
            m.put("parent", tree.parent[i] < 0 ? null : tree.parent[i]);
            m.put("children", tree.left[i] < 0 ? new int[0] : new int[] {tree.left[i], tree.right[i]});
            m.put("size", tree.size[i]);
            m.put("sse", tree.sse[i]);
            if (tree.left[i] >= 0) {
                m.put("split", tree.split[i]);
            } else {
                m.put("cluster", tree.cluster[i]);
            }
            if (withCentres) {
                m.put("centre", Arrays.copyOfRange(tree.centres, i * d, (i + 1) * d));
            }
            out.add(m);
        }
        return out;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", numClusters());
        m.put("cluster_sizes", clusterSizes());
        m.put("inertia", inertia);
        m.put("n_iter", iterations);
        m.put("converged", converged);
        m.put("split_tree", nodes(false));
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tree", nodes(true));
        return m;
    }

    /** Rebuilds a model from the {@code model} and {@code training} blocks of a model file; checks the tree. */
    public static BisectingKMeansModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        int k = params.require(BisectingKMeans.K);
        List<Object> list = model.getList("tree");
        int count = list.size();
        if (count != 2 * k - 1) {
            throw new CumuloException("model: 'tree' has " + count + " nodes; a tree of k=" + k + " leaves has " + (2 * k - 1));
        }
        int[] parent = new int[count];
        int[] left = new int[count];
        int[] right = new int[count];
        int[] size = new int[count];
        double[] sse = new double[count];
        int[] split = new int[count];
        int[] cluster = new int[count];
        double[] centres = new double[count * features];
        boolean[] seenCluster = new boolean[k];
        for (int i = 0; i < count; i++) {
            if (!(list.get(i) instanceof Map<?, ?>)) {
                throw new CumuloException("model: 'tree' node " + i + " should be an object");
            }
            @SuppressWarnings("unchecked")
            JsonObject node = JsonObject.of((Map<String, Object>) list.get(i), "model tree node " + i);
            if (node.getInt("id") != i) {
                throw new CumuloException("model: 'tree' node " + i + " has id " + node.getInt("id") + "; nodes must be in id order");
            }
            parent[i] = node.has("parent") ? node.getInt("parent") : -1;
            if ((i == 0) != (parent[i] < 0)) {
                throw new CumuloException("model: 'tree' node " + i + (i == 0 ? " (the root) must have no parent" : " has no parent"));
            }
            int[] children = node.getIntArray("children");
            size[i] = node.has("size") ? node.getInt("size") : 0;
            sse[i] = node.has("sse") ? node.getDouble("sse") : Double.NaN;
            double[] c = node.getDoubleArray("centre");
            if (c.length != features) {
                throw new CumuloException("model: 'tree' node " + i + " has a centre of " + c.length + " values for "
                        + features + " features");
            }
            for (double v : c) {
                if (!Double.isFinite(v)) {
                    throw new CumuloException("model: 'tree' node " + i + ": centres must be finite numbers");
                }
            }
            System.arraycopy(c, 0, centres, i * features, features);
            if (children.length == 0) {
                left[i] = -1;
                right[i] = -1;
                split[i] = -1;
                cluster[i] = node.getInt("cluster");
                if (cluster[i] < 0 || cluster[i] >= k || seenCluster[cluster[i]]) {
                    throw new CumuloException("model: 'tree' node " + i + " has cluster " + cluster[i]
                            + "; leaves must be the clusters 0.." + (k - 1) + ", once each");
                }
                seenCluster[cluster[i]] = true;
            } else if (children.length == 2 && children[0] > i && children[1] > i && children[0] < count
                    && children[1] < count && children[0] != children[1]) {
                left[i] = children[0];
                right[i] = children[1];
                split[i] = node.has("split") ? node.getInt("split") : -1;
                cluster[i] = -1;
            } else {
                throw new CumuloException("model: 'tree' node " + i + " should have no children or two of higher id, found "
                        + Arrays.toString(children));
            }
        }
        for (int j = 0; j < k; j++) {
            if (!seenCluster[j]) {
                throw new CumuloException("model: 'tree' has no leaf for cluster " + j);
            }
        }
        for (int i = 0; i < count; i++) {
            if (left[i] >= 0 && (parent[left[i]] != i || parent[right[i]] != i)) {
                throw new CumuloException("model: 'tree' node " + i + "'s children do not name it as their parent");
            }
        }
        SplitTree tree = new SplitTree(features, parent, left, right, size, sse, split, cluster, centres);
        int[] sizes = training.has("cluster_sizes") ? training.getIntArray("cluster_sizes") : new int[k];
        double inertia = training.has("inertia") ? training.getDouble("inertia") : Double.NaN;
        int iter = training.has("n_iter") ? training.getInt("n_iter") : 0;
        boolean conv = training.has("converged") && training.getBoolean("converged");
        return new BisectingKMeansModel(params, tree, null, inertia, sizes, iter, conv);
    }
}

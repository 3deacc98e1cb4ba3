package io.cumulo.cluster.density;

import io.cumulo.CumuloException;
import io.cumulo.cluster.AbstractClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.CondensedTree;
import io.cumulo.estimator.DensityHierarchy;
import io.cumulo.estimator.MembershipStrengths;
import io.cumulo.estimator.Noise;
import io.cumulo.estimator.OutlierScores;
import io.cumulo.estimator.SoftAssignments;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted {@link HDBSCAN}: the training rows, their core distances, the mutual reachability spanning tree, the
 * condensed tree, the selected clusters; each training row's label, membership strength ({@code probabilities}) and
 * GLOSH outlier score. Immutable.
 *
 * <p><b>Approximate prediction</b> (McInnes's {@code approximate_predict}, made exact where it was approximate): a new
 * row {@code q} gets the core distance a training row would have ({@code core(q)}: its distance to its
 * {@code min-samples}-th nearest training row), its mutual reachability {@code max(core(q), core_j, δ(q, j)/α)} to
 * every training row {@code j}, and the training row {@code j*} with the smallest (ties: the nearer, then the lower
 * row; the search widens until no farther row could do better). With {@code λ_q = 1/d_mr(q, j*)}: if {@code j*}
 * leaves its cluster {@code P} at {@code λ_j ≤ λ_q}, {@code q} leaves {@code P} with it, at {@code λ_j}; otherwise
 * {@code q} joins the tree at {@code λ_q}, in the cluster on {@code j*}'s path that still exists there (born below
 * {@code λ_q}). From that place ({@link TreeLabelling}) come its label (the selected cluster at or above it: the
 * {@code hdbscan} package stops at the place's own cluster and so calls training rows of a sub-cluster noise), strength
 * and outlier score. A training row finds itself (mutual reachability {@code core_j}, the smallest it has), so its
 * prediction is its training label, strength and score; exact duplicates of it are placed alike.
 *
 * <p><b>Soft membership</b> ({@link #memberships}): for each selected cluster {@code s}, a distance part
 * {@code 1/δ(q, s)}, {@code δ(q, s)} being the distance to the nearest of {@code s}'s exemplars (the rows leaving each
 * leaf cluster under {@code s} at its highest level), normalised (a row on exemplars of several clusters shares
 * equally among those), times a tree part {@code m_s/λ_q}, where {@code m_s} is the highest level at which {@code q}'s
 * place and {@code s} are still connected ({@code λ_q} itself when one contains the other, else the level at which
 * their branches split): the {@code hdbscan} package's two ingredients. The products are normalised to sum to 1: the
 * membership given that the row is in some cluster. The published combination can put a row's largest membership on
 * another cluster than its label; here, for a row with a label, the vector is moved towards that label, {@code u ←
 * (1 − t)·u + t·e_label}, with the smallest {@code t} that makes the label's entry the largest (ties go to the label).
 */
public final class HDBSCANModel extends AbstractClusteringModel
        implements SoftAssignments, MembershipStrengths, OutlierScores, DensityHierarchy, Noise {
    private final Convention convention;
    private final Distance metric;
    private final double alpha;
    private final int minSamples;
    private final NeighborIndex.Kind indexKind;
    private final double[] x;
    private final int n;
    private final double[] core;
    private final SpanningTree mst;
    private final String mstAlgorithm;
    private final CondensedTree tree;
    private final int[] selected;
    private final double[] stability;
    private final TreeLabelling labelling;
    private final double[] strengths;
    private final double[] glosh;
    /** Per label, the exemplar rows. */
    private final int[][] exemplars;
    /** Depth of each cluster in the tree (the root 0). */
    private final int[] depth;
    private volatile NeighborIndex index;

    private HDBSCANModel(ParamValues params, int d, double[] x, int n, double[] core, SpanningTree mst,
                         String mstAlgorithm, CondensedTree tree, int[] selected, NeighborIndex index, int[] labels,
                         int[] sizes, TreeLabelling labelling) {
        super(HDBSCAN.NAME, params, d, selected.length, labels, sizes);
        HDBSCAN config = HDBSCAN.of(params);
        this.convention = config.convention();
        this.metric = config.distance();
        this.alpha = params.get(HDBSCAN.ALPHA);
        this.minSamples = config.minSamples();
        this.indexKind = NeighborIndex.Kind.parse(params.get(HDBSCAN.INDEX));
        this.x = x;
        this.n = n;
        this.core = core;
        this.mst = mst;
        this.mstAlgorithm = mstAlgorithm;
        this.tree = tree;
        this.selected = selected;
        this.stability = ClusterSelection.stabilities(tree, convention);
        this.labelling = labelling;
        this.index = index;
        this.strengths = new double[n];
        this.glosh = new double[n];
        for (int r = 0; r < n; r++) {
            strengths[r] = labelling.strength(tree.rowCluster(r), tree.rowLambda(r), core[r]);
            glosh[r] = labelling.glosh(tree.rowCluster(r), tree.rowLambda(r));
        }
        this.depth = new int[tree.clusters()];
        for (int c = 1; c < depth.length; c++) {
            depth[c] = depth[tree.parent(c)] + 1;
        }
        this.exemplars = exemplars(tree, selected);
    }

    /** The model of a fitted tree: the selection, the labels, strengths and scores. */
    static HDBSCANModel fitted(HDBSCAN config, double[] x, int n, int d, double[] core, SpanningTree mst,
                               CondensedTree tree, String mstAlgorithm, NeighborIndex index, ExecutionContext ctx) {
        ParamValues p = config.params();
        int[] selected = select(p, tree, config.convention());
        TreeLabelling labelling = new TreeLabelling(tree, selected, p.get(HDBSCAN.EPSILON), config.convention(), core);
        int[] labels = new int[n];
        int[] sizes = new int[selected.length];
        for (int r = 0; r < n; r++) {
            labels[r] = labelling.label(tree.rowCluster(r), tree.rowLambda(r));
            if (labels[r] >= 0) {
                sizes[labels[r]]++;
            }
        }
        if (selected.length == 0) {
            ctx.note("hdbscan: no cluster found, every row is noise (no group of at least min-cluster-size="
                    + config.minClusterSize() + " rows stands out; a smaller min-cluster-size or min-samples, or "
                    + "allow-single-cluster, may find some)");
        }
        return new HDBSCANModel(p, d, x, n, core, mst, mstAlgorithm, tree, selected, index, labels, sizes, labelling);
    }

    private static int[] select(ParamValues p, CondensedTree tree, Convention convention) {
        return ClusterSelection.select(tree, ClusterSelection.stabilities(tree, convention),
                p.get(HDBSCAN.SELECTION).equals("leaf"), p.get(HDBSCAN.EPSILON), p.get(HDBSCAN.ALLOW_SINGLE_CLUSTER));
    }

    /** Per selected cluster: the rows leaving each leaf cluster below it at that leaf's highest level. */
    private static int[][] exemplars(CondensedTree tree, int[] selected) {
        int c = tree.clusters();
        double[] top = new double[c];
        for (int r = 0; r < tree.rows(); r++) {
            top[tree.rowCluster(r)] = Math.max(top[tree.rowCluster(r)], tree.rowLambda(r));
        }
        int[] owner = new int[c];
        Arrays.fill(owner, -1);
        for (int j = 0; j < selected.length; j++) {
            owner[selected[j]] = j;
        }
        for (int i = 1; i < c; i++) {
            if (owner[i] < 0) {
                owner[i] = owner[tree.parent(i)];
            }
        }
        List<List<Integer>> ex = new ArrayList<>();
        for (int j = 0; j < selected.length; j++) {
            ex.add(new ArrayList<>());
        }
        for (int r = 0; r < tree.rows(); r++) {
            int p = tree.rowCluster(r);
            if (owner[p] >= 0 && tree.childCount(p) == 0 && tree.rowLambda(r) == top[p]) {
                ex.get(owner[p]).add(r);
            }
        }
        int[][] out = new int[selected.length][];
        for (int j = 0; j < selected.length; j++) {
            out[j] = ex.get(j).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    // ---- capabilities ----

    @Override
    public CondensedTree condensedTree() {
        return tree;
    }

    @Override
    public int[] selectedClusters() {
        return selected.clone();
    }

    @Override
    public double[] clusterStabilities() {
        double[] s = new double[selected.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = stability[selected[j]];
        }
        return s;
    }

    /** Each training row's core distance, a copy. */
    public double[] coreDistances() {
        return core.clone();
    }

    /** The convention of the fit. */
    public Convention convention() {
        return convention;
    }

    /** "prim" or "boruvka": how the spanning tree was grown. */
    public String spanningTreeAlgorithm() {
        return mstAlgorithm;
    }

    /** The spanning tree's edges in single-linkage order: {from, to} rows. */
    public int[][] spanningTreeEdges() {
        return new int[][] {mst.fromArray(), mst.toArray()};
    }

    /** Their mutual reachability distances. */
    public double[] spanningTreeDistances() {
        return mst.distances();
    }

    /** The single-linkage tree of the mutual reachability distances (SciPy's linkage form). */
    public ClusterTree singleLinkageTree() {
        return mst.singleLinkage();
    }

    @Override
    public Distance distance() {
        return metric;
    }

    @Override
    public double[] strengths() {
        return strengths.clone();
    }

    /** The training rows' GLOSH scores, a copy. */
    @Override
    public double[] trainingScores() {
        return glosh.clone();
    }

    @Override
    public int[] predict(Dataset data, ExecutionContext ctx) {
        int[] out = new int[data.rows()];
        place(data, ctx, (i, p) -> out[i] = p.label);
        return out;
    }

    @Override
    public double[] strengths(Dataset data, ExecutionContext ctx) {
        double[] out = new double[data.rows()];
        place(data, ctx, (i, p) -> out[i] = labelling.strength(p.cluster, p.lambda, p.core));
        return out;
    }

    @Override
    public double[] scores(Dataset data, ExecutionContext ctx) {
        double[] out = new double[data.rows()];
        place(data, ctx, (i, p) -> out[i] = labelling.glosh(p.cluster, p.lambda));
        return out;
    }

    /** The training rows' soft memberships, {@code n × k} row-major (computed on each call). */
    @Override
    public double[] memberships() {
        int k = numClusters();
        double[] out = new double[n * k];
        Chunks chunks = Chunks.of(n, 256, Integer.MAX_VALUE);
        ExecutionContext.defaults().parallelFor(chunks.count(), c -> {
            double[] buf = new double[2 * k];
            for (int r = chunks.start(c); r < chunks.end(c); r++) {
                int cl = tree.rowCluster(r);
                double lam = tree.rowLambda(r);
                soft(x, r * numFeatures(), cl, lam, labelling.label(cl, lam), out, r * k, buf);
            }
        });
        return out;
    }

    @Override
    public double[] memberships(Dataset data, ExecutionContext ctx) {
        int k = numClusters();
        double[] out = new double[data.rows() * k];
        double[] q = data.rawValues();
        int d = numFeatures();
        place(data, ctx, (i, p) -> soft(q, i * d, p.cluster, p.lambda, p.label, out, i * k, new double[2 * k]));
        return out;
    }

    // ---- approximate prediction ----

    /** A row's place in the condensed tree, its label and its core distance. */
    private static final class Place {
        int cluster;
        double lambda;
        double core;
        int label;
    }

    @FunctionalInterface
    private interface PlaceSink {
        void accept(int row, Place place);
    }

    private NeighborIndex index() {
        NeighborIndex i = index;
        if (i == null) {
            synchronized (this) {
                i = index;
                if (i == null) {
                    i = NeighborIndex.build(x, n, numFeatures(), metric, indexKind, ExecutionContext.defaults());
                    index = i;
                }
            }
        }
        return i;
    }

    private void place(Dataset data, ExecutionContext ctx, PlaceSink sink) {
        requireFeatures(data);
        int m = data.rows();
        int d = numFeatures();
        double[] q = data.rawValues();
        if (metric == Distance.COSINE) {
            metric.requireDefined(data);
        }
        NeighborIndex idx = index();
        Chunks chunks = Chunks.of(m, 256, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            Place p = new Place();
            int[] rows = new int[Math.min(n, 2 * minSamples)];
            double[] dist = new double[rows.length];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                placeOne(idx, q, i * d, p, rows, dist);
                sink.accept(i, p);
            }
            ctx.checkCancelled();
        });
    }

    private void placeOne(NeighborIndex idx, double[] q, int off, Place p, int[] rowsBuf, double[] distBuf) {
        int k = rowsBuf.length;
        int[] rows = rowsBuf;
        double[] dist = distBuf;
        idx.nearest(q, off, k, rows, dist);
        double coreQ = minSamples <= 1 ? 0 : dist[minSamples - 1];
        int best;
        double bestMr;
        while (true) {
            best = -1;
            bestMr = Double.POSITIVE_INFINITY;
            for (int t = 0; t < k; t++) {
                double mr = Math.max(dist[t] / alpha, Math.max(coreQ, core[rows[t]]));
                // ties: the nearer row, then the lower (the index lists equal distances by row, so the first wins)
                if (best < 0 || mr < bestMr || mr == bestMr && dist[t] < dist[best]) {
                    best = t;
                    bestMr = mr;
                }
            }
            if (k >= n || dist[k - 1] / alpha >= bestMr) {
                break;
            }
            k = (int) Math.min(n, 2L * k);
            rows = new int[k];
            dist = new double[k];
            idx.nearest(q, off, k, rows, dist);
        }
        int j = rows[best];
        double lambdaQ = Condensing.lambda(bestMr);
        int cluster = tree.rowCluster(j);
        double lambdaJ = tree.rowLambda(j);
        double lambda;
        if (lambdaQ >= lambdaJ) {
            lambda = lambdaJ;
        } else {
            while (cluster != 0 && tree.birth(cluster) >= lambdaQ) {
                cluster = tree.parent(cluster);
            }
            lambda = lambdaQ;
        }
        p.cluster = cluster;
        p.lambda = lambda;
        p.core = coreQ;
        p.label = labelling.label(cluster, lambda);
    }

    // ---- soft membership ----

    /**
     * The soft membership of the row {@code q[off ..]} placed at ({@code cluster}, {@code lambda}) with hard label
     * {@code label}, into {@code out[o .. o + k)} (see the class comment). {@code buf}: 2k scratch values.
     */
    private void soft(double[] q, int off, int cluster, double lambda, int label, double[] out, int o, double[] buf) {
        int k = numClusters();
        if (k == 0) {
            return;
        }
        int d = numFeatures();
        // distance part
        double[] w = buf;
        int zeros = 0;
        for (int s = 0; s < k; s++) {
            double min = Double.POSITIVE_INFINITY;
            for (int e : exemplars[s]) {
                min = Math.min(min, metric.between(q, off, x, e * d, d));
            }
            w[s] = min;
            if (min == 0) {
                zeros++;
            }
        }
        double wsum = 0;
        for (int s = 0; s < k; s++) {
            w[s] = zeros > 0 ? (w[s] == 0 ? 1 : 0) : 1 / w[s];
            wsum += w[s];
        }
        // tree part, times the distance part
        double sum = 0;
        for (int s = 0; s < k; s++) {
            double t = connection(cluster, lambda, selected[s]);
            double ratio = lambda == Double.POSITIVE_INFINITY ? (t == lambda ? 1 : 0) : t / lambda;
            double u = ratio * (w[s] / wsum);
            buf[k + s] = u;
            sum += u;
        }
        for (int s = 0; s < k; s++) {
            out[o + s] = sum > 0 ? buf[k + s] / sum : w[s] / wsum;
        }
        if (label >= 0) {
            double top = 0;
            for (int s = 0; s < k; s++) {
                if (s != label) {
                    top = Math.max(top, out[o + s]);
                }
            }
            double own = out[o + label];
            if (top > own) {
                double t = (top - own) / (1 + top - own);
                for (int s = 0; s < k; s++) {
                    out[o + s] *= 1 - t;
                }
                out[o + label] = Math.max(out[o + label] + t, top * (1 - t));
            }
        }
    }

    /**
     * The highest level at which a row placed in {@code cluster} up to {@code lambda} is connected with cluster
     * {@code s}: {@code lambda} when one contains the other, else the level at which their branches split.
     */
    private double connection(int cluster, double lambda, int s) {
        int a = cluster;
        int b = s;
        int lastA = -1;
        int lastB = -1;
        while (depth[a] > depth[b]) {
            lastA = a;
            a = tree.parent(a);
        }
        while (depth[b] > depth[a]) {
            lastB = b;
            b = tree.parent(b);
        }
        if (a == b) {
            return lambda;
        }
        while (a != b) {
            lastA = a;
            lastB = b;
            a = tree.parent(a);
            b = tree.parent(b);
        }
        return Math.min(lambda, tree.birth(lastA >= 0 ? lastA : lastB));
    }

    @Override
    public int noiseCount() {
        int clustered = 0;
        for (int s : clusterSizes()) {
            clustered += s;
        }
        return n - clustered;
    }

    @Override
    public int trainingRows() {
        return n;
    }

    // ---- summary and model file ----

    @Override
    public Map<String, Object> summary() {
        int k = numClusters();
        int[] sizes = clusterSizes();
        int noise = noiseCount();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("n_clusters", k);
        m.put("cluster_sizes", sizes);
        m.put("n_noise", noise);
        m.put("noise_fraction", n == 0 ? 0.0 : noise / (double) n);
        m.put("min_samples", minSamples);
        m.put("cluster_stabilities", clusterStabilities());
        double[] born = new double[k];
        for (int j = 0; j < k; j++) {
            double b = tree.birth(selected[j]);
            born[j] = b > 0 ? 1 / b : Double.POSITIVE_INFINITY;
        }
        m.put("cluster_birth_distances", born);
        m.put("condensed_tree_clusters", tree.clusters());
        m.put("spanning_tree", mstAlgorithm);
        return m;
    }

    @Override
    public Map<String, Object> toJson() {
        int d = numFeatures();
        Map<String, Object> m = new LinkedHashMap<>();
        double[][] rows = new double[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = Arrays.copyOfRange(x, r * d, (r + 1) * d);
        }
        m.put("training_rows", rows);
        m.put("core_distances", core);
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("algorithm", mstAlgorithm);
        st.put("from", mst.fromArray());
        st.put("to", mst.toArray());
        st.put("distance", mst.distances());
        m.put("spanning_tree", st);
        double[][] table = tree.table();
        int[] parent = new int[table.length];
        int[] child = new int[table.length];
        double[] lambda = new double[table.length];
        int[] size = new int[table.length];
        for (int i = 0; i < table.length; i++) {
            parent[i] = (int) table[i][0];
            child[i] = (int) table[i][1];
            lambda[i] = table[i][2];
            size[i] = (int) table[i][3];
        }
        Map<String, Object> ct = new LinkedHashMap<>();
        ct.put("parent", parent);
        ct.put("child", child);
        ct.put("lambda_val", lambda);
        ct.put("child_size", size);
        m.put("condensed_tree", ct);
        int[] sel = new int[selected.length];
        for (int j = 0; j < sel.length; j++) {
            sel[j] = n + selected[j];
        }
        m.put("selected_clusters", sel);
        return m;
    }

    /** Rebuilds a model from the {@code model} block of a model file; checks every part. */
    public static HDBSCANModel fromJson(ParamValues params, JsonObject model, JsonObject training, int features) {
        HDBSCAN config = HDBSCAN.of(params);
        double[] x = model.getMatrix("training_rows", -1, features);
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new CumuloException("model: 'training_rows' must be finite numbers");
            }
        }
        int n = features == 0 ? 0 : x.length / features;
        double[] core = model.getDoubleArray("core_distances");
        if (core.length != n) {
            throw new CumuloException("model: 'core_distances' has " + core.length + " values for " + n + " rows");
        }
        for (double c : core) {
            if (!(c >= 0 && c < Double.POSITIVE_INFINITY)) {
                throw new CumuloException("model: 'core_distances' must be finite numbers ≥ 0");
            }
        }
        JsonObject st = model.getObject("spanning_tree");
        String algorithm = st.getString("algorithm");
        SpanningTree mst = SpanningTree.read(n, st.getIntArray("from"), st.getIntArray("to"),
                st.getDoubleArray("distance"));
        JsonObject ct = model.getObject("condensed_tree");
        CondensedTree tree = treeFromTable(n, ct.getIntArray("parent"), ct.getIntArray("child"),
                lambdas(ct.getList("lambda_val")), ct.getIntArray("child_size"));
        int[] sel = model.getIntArray("selected_clusters");
        int[] selected = new int[sel.length];
        for (int j = 0; j < sel.length; j++) {
            selected[j] = sel[j] - n;
            if (selected[j] < 0 || selected[j] >= tree.clusters()) {
                throw new CumuloException("model: 'selected_clusters' must be cluster ids of the condensed tree ("
                        + n + " .. " + (n + tree.clusters() - 1) + ")");
            }
            for (int i = 0; i < j; i++) {
                if (tree.contains(selected[i], selected[j]) || tree.contains(selected[j], selected[i])) {
                    throw new CumuloException("model: 'selected_clusters' holds a cluster twice or with an ancestor");
                }
            }
        }
        TreeLabelling labelling = new TreeLabelling(tree, selected, params.get(HDBSCAN.EPSILON), config.convention(),
                core);
        int[] labels = new int[n];
        int[] sizes = new int[selected.length];
        for (int r = 0; r < n; r++) {
            labels[r] = labelling.label(tree.rowCluster(r), tree.rowLambda(r));
            if (labels[r] >= 0) {
                sizes[labels[r]]++;
            }
        }
        return new HDBSCANModel(params, features, x, n, core, mst, algorithm, tree, selected, null, labels, sizes,
                labelling);
    }

    private static double[] lambdas(List<Object> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object o = list.get(i);
            if (o == null) {
                out[i] = Double.POSITIVE_INFINITY; // JSON has no infinity: an infinite level is written null
            } else if (o instanceof Number num) {
                out[i] = num.doubleValue();
            } else {
                throw new CumuloException("model: 'condensed_tree.lambda_val' should hold numbers (null: infinite)");
            }
        }
        return out;
    }

    /** The condensed tree from the {@code hdbscan} package's table (rows first, then clusters in number order). */
    private static CondensedTree treeFromTable(int n, int[] parent, int[] child, double[] lambda, int[] size) {
        int lines = parent.length;
        if (child.length != lines || lambda.length != lines || size.length != lines || lines < n) {
            throw new CumuloException("model: 'condensed_tree' columns must have one value per line, at least one line "
                    + "per row (" + n + ")");
        }
        int clusters = lines - n + 1;
        int[] rowCluster = new int[n];
        double[] rowLambda = new double[n];
        boolean[] seen = new boolean[n];
        int[] cp = new int[clusters];
        double[] birth = new double[clusters];
        int[] csize = new int[clusters];
        cp[0] = -1;
        csize[0] = n;
        boolean[] clusterSeen = new boolean[clusters];
        for (int i = 0; i < lines; i++) {
            int p = parent[i] - n;
            int c = child[i];
            if (p < 0 || p >= clusters || c < 0 || c >= n + clusters || c == n) {
                throw new CumuloException("model: 'condensed_tree' line " + i + " is not parent cluster → row or "
                        + "cluster");
            }
            if (c < n) {
                if (seen[c] || size[i] != 1) {
                    throw new CumuloException("model: 'condensed_tree' lists row " + c + " twice or with a size other "
                            + "than 1");
                }
                seen[c] = true;
                rowCluster[c] = p;
                rowLambda[c] = lambda[i];
            } else {
                int k = c - n;
                if (clusterSeen[k]) {
                    throw new CumuloException("model: 'condensed_tree' lists cluster " + c + " twice");
                }
                clusterSeen[k] = true;
                cp[k] = p;
                birth[k] = lambda[i];
                csize[k] = size[i];
            }
        }
        for (int r = 0; r < n; r++) {
            if (!seen[r]) {
                throw new CumuloException("model: 'condensed_tree' does not place row " + r);
            }
        }
        return new CondensedTree(cp, birth, csize, rowCluster, rowLambda);
    }
}

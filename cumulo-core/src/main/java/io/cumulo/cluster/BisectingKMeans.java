package io.cumulo.cluster;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Bisecting k-means (M. Steinbach, G. Karypis, V. Kumar, "A comparison of document clustering techniques",
 * KDD Workshop on Text Mining, 2000; see also S. M. Savaresi, D. L. Boley, "On the performance of bisecting
 * K-means and PDDP", SIAM SDM 2001): start with all rows in one cluster; k − 1 times, pick a leaf cluster and
 * split it in two with 2-means ({@link KMeans} with {@code k = 2}, {@code n-init} restarts). The splits form a
 * binary tree whose k leaves are the clusters.
 *
 * <p>{@code strategy}: {@code largest-sse} splits the leaf with the largest (weighted) sum of squared distances to
 * its centre (scikit-learn's {@code biggest_inertia}, its default), {@code largest-cluster} the leaf with the most
 * rows (the largest total weight with sample weights; scikit-learn counts rows). Ties go to the leaf met first
 * left to right. A leaf whose rows are all identical is never chosen; if no leaf can be split, the data have
 * fewer than k distinct rows and the fit stops with an error.
 *
 * <p><b>Assignment follows the tree.</b> The rows of a split go to the nearer of the two new centres (ties to the
 * first), and {@link BisectingKMeansModel#predict} descends the tree the same way from the root, as scikit-learn
 * does. That makes the training labels exactly what {@code predict} gives on the training rows: the partition is
 * defined by the tree. (Assigning to the nearest leaf centre instead would relabel some training rows, since a row
 * can be nearer to a leaf centre in another branch than to any leaf of its own.) Leaves are numbered left to
 * right, the first child of a split being the first centre of its 2-means; each leaf's centre is its 2-means
 * centre, and the inertia is the weighted sum of squared distances of the rows to their leaf's centre.
 *
 * <p>The defaults follow scikit-learn 1.2's {@code BisectingKMeans}: two random rows start each 2-means (on iris
 * and wine this gives as good or better trees than k-means++ seeding, which tends to pick outlying rows as the
 * second centre), one start per split. One difference: {@code tol} is relative to the mean feature variance of
 * the cluster being split, as in {@link KMeans} (scikit-learn passes its {@code tol} unscaled to the inner
 * k-means).
 *
 * <p>Each split's random seed is drawn from one {@link SplittableRandom} seeded by {@code seed}, and k-means is
 * deterministic whatever the thread count, so the whole tree is too.
 */
public final class BisectingKMeans implements Clusterer<BisectingKMeansModel> {
    public static final String NAME = "bisecting-kmeans";

    public static final Param<Integer> K = Param.integer("k", "number of clusters (leaves of the split tree)")
            .atLeast(1);
    public static final Param<String> STRATEGY = Param.choice("strategy",
            "which leaf to split next: the one with the largest sum of squared distances, or the one with the most "
                    + "rows (the largest total weight with sample weights)",
            "largest-sse", "largest-cluster").defaultValue("largest-sse");
    public static final Param<String> INIT = Param.choice("init",
            "how each 2-means chooses its first two centres: two random rows, or greedy k-means++", "random", "k-means++")
            .defaultValue("random");
    public static final Param<Integer> N_INIT = Param.integer("n-init",
            "2-means restarts per split; the lowest inertia wins").atLeast(1).defaultValue(1);
    public static final Param<Integer> MAX_ITER = Param.integer("max-iter", "Lloyd iterations per 2-means at most")
            .atLeast(1).defaultValue(300);
    public static final Param<Double> TOL = Param.real("tol",
            "2-means stops when the squared centre shift is at most tol × the mean feature variance of the "
                    + "cluster being split").atLeast(0).defaultValue(1e-4);
    public static final Param<Long> SEED = Param.longInteger("seed", "random seed; the same seed gives the same result")
            .defaultValue(0L);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K, STRATEGY, INIT, N_INIT, MAX_ITER, TOL, SEED);

    private final ParamValues params;
    private final int k;

    private BisectingKMeans(ParamValues params) {
        int kv = params.require(K);
        this.k = kv;
        this.params = params;
    }

    /** Builds from parameter values (as parsed from {@code --param} or a model file). */
    public static BisectingKMeans of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not bisecting k-means parameters");
        }
        return new BisectingKMeans(values);
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

    public int k() {
        return k;
    }

    /** A node of the tree while it is being grown. */
    private static final class Node {
        final int id;
        final int parent;
        final double[] centre;
        int[] rows;
        int size;
        double weight;
        double sse;
        boolean splittable;
        Node left;
        Node right;
        int split = -1;
        int cluster = -1;

        Node(int id, int parent, int[] rows, double[] centre) {
            this.id = id;
            this.parent = parent;
            this.rows = rows;
            this.centre = centre;
        }
    }

    @Override
    public BisectingKMeansModel fit(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        String source = data.source();
        if (n == 0) {
            throw new CumuloException(source + ": no rows to cluster");
        }
        if (k > n) {
            throw new CumuloException("k=" + k + " is larger than the number of rows (" + n + ") in " + source);
        }
        double[] x = data.rawValues();
        double[] w = data.rawWeights();
        VectorKernels kernels = VectorKernels.get();
        boolean bySse = params.get(STRATEGY).equals("largest-sse");

        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        List<Node> nodes = new ArrayList<>();
        Node root = new Node(0, -1, all, weightedMean(x, w, d, all));
        measure(root, x, w, d, kernels);
        nodes.add(root);

        SplittableRandom master = new SplittableRandom(params.get(SEED));
        ExecutionContext inner = ctx.withProgress(ProgressListener.NONE).withWarnings(m -> { });
        boolean converged = true;
        int iterations = 0;
        for (int s = 0; s < k - 1; s++) {
            ctx.progress().update("bisecting k-means split " + (s + 1) + "/" + (k - 1), s, k - 1);
            Node target = null;
            double best = 0;
            for (Node leaf : leaves(root)) {
                double score = bySse ? leaf.sse : leaf.weight;
                if (leaf.splittable && (target == null || score > best)) {
                    target = leaf;
                    best = score;
                }
            }
            if (target == null) {
                throw new CumuloException("k=" + k + " but " + source + " has fewer than " + k
                        + " distinct rows, so some clusters would be empty or identical; choose a smaller k");
            }
            KMeansModel two = KMeans.builder().k(2).init(params.get(INIT)).nInit(params.get(N_INIT))
                    .maxIter(params.get(MAX_ITER)).tol(params.get(TOL)).seed(master.nextLong()).build()
                    .fit(data.selectRows(target.rows), inner);
            converged &= two.converged();
            iterations += two.iterations();
            double[] c = two.centresFlat();
            double[] c0 = Arrays.copyOfRange(c, 0, d);
            double[] c1 = Arrays.copyOfRange(c, d, 2 * d);
            int[] rows = target.rows;
            int[] first = new int[rows.length];
            int[] second = new int[rows.length];
            int nf = 0;
            int ns = 0;
            for (int r : rows) {
                if (BisectingKMeansModel.firstIsNearer(kernels, x, r * d, c0, c1, d)) {
                    first[nf++] = r;
                } else {
                    second[ns++] = r;
                }
            }
            Node a = new Node(2 * s + 1, target.id, Arrays.copyOf(first, nf), c0);
            Node b = new Node(2 * s + 2, target.id, Arrays.copyOf(second, ns), c1);
            measure(a, x, w, d, kernels);
            measure(b, x, w, d, kernels);
            target.left = a;
            target.right = b;
            target.split = s;
            target.rows = null;
            nodes.add(a);
            nodes.add(b);
        }
        ctx.progress().update("bisecting k-means", k - 1, Math.max(1, k - 1));
        if (!converged) {
            ctx.warn("bisecting k-means: a 2-means split did not converge within max-iter=" + params.get(MAX_ITER)
                    + " iterations; raise max-iter or tol for a stable result");
        }

        int[] labels = new int[n];
        int[] sizes = new int[k];
        double inertia = 0;
        int cluster = 0;
        for (Node leaf : leaves(root)) {
            leaf.cluster = cluster;
            for (int r : leaf.rows) {
                labels[r] = cluster;
            }
            sizes[cluster] = leaf.size;
            inertia += leaf.sse;
            cluster++;
        }

        int count = nodes.size();
        int[] parent = new int[count];
        int[] left = new int[count];
        int[] right = new int[count];
        int[] size = new int[count];
        double[] sse = new double[count];
        int[] split = new int[count];
        int[] leafCluster = new int[count];
        double[] centres = new double[count * d];
        for (Node node : nodes) {
            int i = node.id;
            parent[i] = node.parent;
            left[i] = node.left == null ? -1 : node.left.id;
            right[i] = node.right == null ? -1 : node.right.id;
            size[i] = node.size;
            sse[i] = node.sse;
            split[i] = node.split;
            leafCluster[i] = node.cluster;
            System.arraycopy(node.centre, 0, centres, i * d, d);
        }
        BisectingKMeansModel.SplitTree tree = new BisectingKMeansModel.SplitTree(d, parent, left, right, size, sse, split,
                leafCluster, centres);
        return new BisectingKMeansModel(params, tree, labels, inertia, sizes, iterations, converged);
    }

    /** The leaves under {@code root}, left to right. */
    private static List<Node> leaves(Node root) {
        List<Node> out = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            if (node.left == null) {
                out.add(node);
            } else {
                stack.push(node.right);
                stack.push(node.left);
            }
        }
        return out;
    }

    /** Size, weight, SSE about the node's centre, and whether it holds two distinct rows of positive weight. */
    private static void measure(Node node, double[] x, double[] w, int d, VectorKernels kernels) {
        int[] rows = node.rows;
        double weight = 0;
        double sse = 0;
        int firstPositive = -1;
        boolean distinct = false;
        for (int r : rows) {
            double wr = w == null ? 1.0 : w[r];
            weight += wr;
            if (wr > 0) {
                sse += wr * kernels.squaredDistance(x, r * d, node.centre, 0, d);
                if (firstPositive < 0) {
                    firstPositive = r;
                } else if (!distinct && !Arrays.equals(x, r * d, r * d + d, x, firstPositive * d,
                        firstPositive * d + d)) {
                    distinct = true;
                }
            }
        }
        node.size = rows.length;
        node.weight = weight;
        node.sse = sse;
        node.splittable = distinct;
    }

    private static double[] weightedMean(double[] x, double[] w, int d, int[] rows) {
        double[] mean = new double[d];
        double total = 0;
        for (int r : rows) {
            double wr = w == null ? 1.0 : w[r];
            total += wr;
            for (int l = 0; l < d; l++) {
                mean[l] += wr * x[r * d + l];
            }
        }
        for (int l = 0; l < d; l++) {
            mean[l] /= total;
        }
        return mean;
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set, the whole when built. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();

        public Builder k(int k) {
            values.set(K, k);
            return this;
        }

        /** {@code largest-sse} or {@code largest-cluster}. */
        public Builder strategy(String s) {
            values.set(STRATEGY, s);
            return this;
        }

        public Builder init(String init) {
            values.set(INIT, init);
            return this;
        }

        public Builder nInit(int n) {
            values.set(N_INIT, n);
            return this;
        }

        public Builder maxIter(int n) {
            values.set(MAX_ITER, n);
            return this;
        }

        public Builder tol(double t) {
            values.set(TOL, t);
            return this;
        }

        public Builder seed(long s) {
            values.set(SEED, s);
            return this;
        }

        public BisectingKMeans build() {
            return new BisectingKMeans(values.build());
        }
    }
}

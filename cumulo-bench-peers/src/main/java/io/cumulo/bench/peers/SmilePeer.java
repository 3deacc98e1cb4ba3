package io.cumulo.bench.peers;

import smile.clustering.BBDTree;
import smile.clustering.CentroidClustering;
import smile.clustering.Clustering;
import smile.clustering.KMeans;
import smile.math.distance.EuclideanDistance;
import smile.tensor.ScalarType;
import smile.tensor.Vector;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Smile 6.3.0 ({@code com.github.haifengl:smile-core}, GPL-3.0).
 *
 * <p>{@code smile-bbd}: Smile's {@code KMeans.fit(double[][], Options)} always seeds itself with k-means++
 * ({@code CentroidClustering.init}) and has no parameter for initial centres. Its Lloyd loop is a public API,
 * though: {@code fit} builds a {@link BBDTree} and calls {@link BBDTree#clustering} once per iteration (an exact
 * Lloyd step: assignment by the filtering algorithm, then the new means). This variant runs that same code
 * from the workload's centres: build the tree, up to 20 {@code clustering} calls with {@code fit}'s stopping
 * rule ({@code tol = 0}: stop when the distortion does not decrease), then {@code fit}'s ending: its
 * (package-private, called by reflection) {@code updateCentroids} when the loop ran to {@code maxIter}, the
 * pass computing each point's squared distance, and the {@link CentroidClustering} it returns. Only the k-means++ seeding and
 * {@code fit}'s input validation are left out. The tree is built inside the timed fit, as {@code fit} does.
 *
 * <p>{@code smile-fit}: the public {@code KMeans.fit(data, new Options(k, 20, 0, null))} as a user calls it,
 * seeding itself (k-means++ plus one centroid update, timed). It does not start from the workload's centres,
 * so its objective is not comparable and it may stop before 20 iterations.
 */
final class SmilePeer implements Peer {
    static final String VERSION = "6.3.0";

    /** {@code static void KMeans.updateCentroids(CentroidClustering<double[], double[]>, double[][])}. */
    private static final Method UPDATE_CENTROIDS;

    static {
        try {
            UPDATE_CENTROIDS = KMeans.class.getDeclaredMethod("updateCentroids", CentroidClustering.class,
                    double[][].class);
            UPDATE_CENTROIDS.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean given;

    private SmilePeer(boolean given) {
        this.given = given;
    }

    static List<Peer> all() {
        return List.of(new SmilePeer(true), new SmilePeer(false));
    }

    @Override
    public String id() {
        return given ? "smile-bbd" : "smile-fit";
    }

    @Override
    public String library() {
        return "Smile " + VERSION;
    }

    @Override
    public String variant() {
        return given ? "BBDTree Lloyd" : "KMeans.fit";
    }

    @Override
    public int threads(int requested) {
        // the BBD-tree filtering is single-threaded; only the final distance pass uses the common pool
        return 1;
    }

    @Override
    public boolean sameStart() {
        return given;
    }

    @Override
    public String config(PeerBench.Workload w, int threads) {
        if (given) {
            return String.format(Locale.ROOT, "new BBDTree(data); up to %d x BBDTree.clustering(k=%d, centres) "
                    + "from the given centres, stop if distortion does not decrease (KMeans.fit's loop, tol=0); "
                    + "then KMeans.fit's ending (updateCentroids, proximity pass)", w.iters(), w.k());
        }
        return String.format(Locale.ROOT, "KMeans.fit(data, new Clustering.Options(k=%d, maxIter=%d, tol=0, null)): "
                + "own k-means++ seeding (timed), not the given centres", w.k(), w.iters());
    }

    @Override
    public Object prepare(PeerBench.Workload w, int threads) {
        return w.rows();
    }

    /** What the BBD variant returns: the model, and the iteration count that Smile's model does not keep. */
    private record Fit(CentroidClustering<double[], double[]> model, int iterations) {
    }

    @Override
    public Object fit(Object prepared, PeerBench.Workload w, int threads) {
        double[][] data = (double[][]) prepared;
        if (!given) {
            return new Fit(KMeans.fit(data, new Clustering.Options(w.k(), w.iters(), 0.0, null)), -1);
        }
        int n = data.length;
        int d = w.d();
        int k = w.k();
        BBDTree bbd = new BBDTree(data);
        double[][] centroids = w.initCopy();
        Vector[] vCentroids = new Vector[k];
        Vector[] vSum = new Vector[k];
        for (int j = 0; j < k; j++) {
            vCentroids[j] = Vector.column(centroids[j]);
            vSum[j] = Vector.zeros(ScalarType.Float64, d);
        }
        int[] size = new int[k];
        int[] group = new int[n];
        // as in KMeans.fit: distortion starts at the initial partition's; with given centres there is none, so
        // the first iteration always runs
        double distortion = Double.MAX_VALUE;
        double diff = Double.MAX_VALUE;
        double tol = 0.0;
        int iter = 0;
        for (int i = 1; i <= w.iters() && diff > tol; i++) {
            double wcss = bbd.clustering(k, vCentroids, vSum, size, group);
            diff = distortion - wcss;
            distortion = wcss;
            iter = i;
        }
        // KMeans.fit's ending: when the loop ran to maxIter (diff > tol) it recomputes the means from the labels
        // with its package-private updateCentroids, called here through reflection so that the same code runs
        EuclideanDistance distance = new EuclideanDistance();
        if (diff > tol) {
            var partition = new CentroidClustering<double[], double[]>("K-Means", centroids, distance, group,
                    new double[n], new int[k + 1], new double[k + 1]);
            try {
                UPDATE_CENTROIDS.invoke(null, partition, data);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Smile's KMeans.updateCentroids failed", e);
            }
        }
        double[] proximity = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double dist = distance.applyAsDouble(data[i], centroids[group[i]]);
            proximity[i] = dist * dist;
        });
        return new Fit(new CentroidClustering<>("K-Means", centroids, distance, group, proximity), iter);
    }

    @Override
    public Result result(Object model, PeerBench.Workload w) {
        Fit f = (Fit) model;
        double[][] c = f.model().centers();
        if (f.iterations() >= 0) {
            return new Result(PeerBench.flat(c), c.length, f.iterations(), "iterations counted by the loop");
        }
        return new Result(PeerBench.flat(c), c.length, w.iters(),
                "iterations: not reported by KMeans.fit (maxIter=" + w.iters() + ")");
    }
}

package io.cumulo.bench.peers;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.DistanceMeasure;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apache Commons Math 3.6.1 ({@code org.apache.commons:commons-math3}, Apache-2.0), {@link
 * KMeansPlusPlusClusterer}.
 *
 * <p>It cannot start from given centres: the k-means++ seeding is a private method and there is no other
 * initialisation. So this peer seeds itself (k-means++ with {@code Well19937c(1)}, inside the timed fit: about
 * one assignment pass of distance computations) and runs at most 20 iterations ({@code maxIterations = 20}:
 * after the first assignment, each iteration moves the centres and reassigns; it returns early when no point
 * changes cluster). Its objective is therefore not comparable ("n/a"), and it may run fewer iterations.
 * Single-threaded.
 *
 * <p>The library does not report how many iterations it ran, so the distance measure counts its calls (the
 * Euclidean distance, as the default {@code EuclideanDistance} computes it, plus one increment): the seeding
 * makes about n·k calls and each assignment pass exactly n·k, so iterations = round(calls / (n·k)) − 2.
 */
final class CommonsMathPeer implements Peer {
    static final String VERSION = "3.6.1";

    static List<Peer> all() {
        return List.of(new CommonsMathPeer());
    }

    @Override
    public String id() {
        return "commons-math";
    }

    @Override
    public String library() {
        return "Commons Math " + VERSION;
    }

    @Override
    public String variant() {
        return "KMeansPlusPlusClusterer";
    }

    @Override
    public int threads(int requested) {
        return 1;
    }

    @Override
    public boolean sameStart() {
        return false;
    }

    @Override
    public String config(PeerBench.Workload w, int threads) {
        return String.format(Locale.ROOT, "KMeansPlusPlusClusterer(k=%d, maxIterations=%d, Euclidean, Well19937c(1), "
                + "LARGEST_VARIANCE).cluster(points): own k-means++ seeding (timed), not the given centres",
                w.k(), w.iters());
    }

    /** Euclidean distance that counts its calls (single-threaded use only). */
    static final class CountingEuclidean implements DistanceMeasure {
        private static final long serialVersionUID = 1L;
        long calls;

        @Override
        public double compute(double[] a, double[] b) {
            calls++;
            return MathArrays.distance(a, b);
        }
    }

    @Override
    public Object prepare(PeerBench.Workload w, int threads) {
        double[] x = w.x();
        int d = w.d();
        List<DoublePoint> pts = new ArrayList<>(w.n());
        for (int i = 0; i < w.n(); i++) {
            double[] row = new double[d];
            System.arraycopy(x, i * d, row, 0, d);
            pts.add(new DoublePoint(row));
        }
        return pts;
    }

    private record Fit(List<CentroidCluster<DoublePoint>> clusters, long calls) {
    }

    @Override
    public Object fit(Object prepared, PeerBench.Workload w, int threads) {
        @SuppressWarnings("unchecked")
        List<DoublePoint> pts = (List<DoublePoint>) prepared;
        CountingEuclidean dist = new CountingEuclidean();
        KMeansPlusPlusClusterer<DoublePoint> c = new KMeansPlusPlusClusterer<>(w.k(), w.iters(), dist,
                new Well19937c(1L), KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
        return new Fit(c.cluster(pts), dist.calls);
    }

    @Override
    public Result result(Object model, PeerBench.Workload w) {
        Fit f = (Fit) model;
        int d = w.d();
        double[] c = new double[f.clusters().size() * d];
        for (int j = 0; j < f.clusters().size(); j++) {
            System.arraycopy(f.clusters().get(j).getCenter().getPoint(), 0, c, j * d, d);
        }
        double passes = f.calls() / ((double) w.n() * w.k());
        int iterations = (int) Math.round(passes) - 2;
        return new Result(c, f.clusters().size(), iterations, String.format(Locale.ROOT,
                "iterations from distance calls: %.3f passes of n*k", passes));
    }
}

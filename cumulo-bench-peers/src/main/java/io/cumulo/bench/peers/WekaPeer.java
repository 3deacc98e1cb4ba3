package io.cumulo.bench.peers;

import weka.clusterers.SimpleKMeans;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SelectedTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Weka 3.8.7 ({@code nz.ac.waikato.cms.weka:weka-stable}, GPL-3.0), {@link SimpleKMeans}.
 *
 * <p>SimpleKMeans chooses its initial centres itself (random instances, k-means++, canopy or farthest-first)
 * and has no option for given ones. Each method is a protected method of the class; the k-means++ one, {@code
 * kMeansPlusPlusInit(Instances)}, is overridden here to put the workload's centres into {@code
 * m_ClusterCentroids}, and the initialisation method is set to k-means++ so that it is called. Everything else
 * is SimpleKMeans' own {@code buildClusterer}, which is the timed fit. Configuration: {@code -N k -I 20
 * -num-slots THREADS -fast -M} (no missing-value replacement: there are none, and the filter would copy the
 * data) and {@code EuclideanDistance -D} (no normalisation: Weka's default rescales every attribute to [0, 1],
 * which is a different problem). {@code -fast} skips the final pass that computes the squared errors. One
 * SimpleKMeans iteration assigns the points and then moves the centroids, so {@code -I 20} makes 20 Lloyd
 * iterations; it stops early only if no point changed cluster.
 */
final class WekaPeer implements Peer {
    static final String VERSION = "3.8.7";

    static List<Peer> all() {
        return List.of(new WekaPeer());
    }

    @Override
    public String id() {
        return "weka";
    }

    @Override
    public String library() {
        return "Weka " + VERSION;
    }

    @Override
    public String variant() {
        return "SimpleKMeans";
    }

    @Override
    public int threads(int requested) {
        return requested;
    }

    @Override
    public boolean sameStart() {
        return true;
    }

    @Override
    public String config(PeerBench.Workload w, int threads) {
        return String.format(Locale.ROOT, "SimpleKMeans -N %d -I %d -num-slots %d -fast -M -A \"EuclideanDistance -D\"; "
                + "kMeansPlusPlusInit overridden to set the given centres (-init 1)", w.k(), w.iters(), threads);
    }

    @Override
    public Object prepare(PeerBench.Workload w, int threads) {
        int d = w.d();
        ArrayList<Attribute> atts = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            atts.add(new Attribute("f" + j));
        }
        Instances data = new Instances(w.name(), atts, w.n());
        double[] x = w.x();
        for (int i = 0; i < w.n(); i++) {
            double[] row = new double[d];
            System.arraycopy(x, i * d, row, 0, d);
            data.add(new DenseInstance(1.0, row));
        }
        return data;
    }

    /** SimpleKMeans whose k-means++ initialisation is replaced by the given centres. */
    static final class GivenCentresKMeans extends SimpleKMeans {
        private static final long serialVersionUID = 1L;
        private final double[][] init;

        GivenCentresKMeans(double[][] init) {
            this.init = init;
        }

        @Override
        protected void kMeansPlusPlusInit(Instances data) {
            for (double[] c : init) {
                m_ClusterCentroids.add(new DenseInstance(1.0, c.clone()));
            }
        }

        int iterations() {
            return m_Iterations;
        }
    }

    @Override
    public Object fit(Object prepared, PeerBench.Workload w, int threads) throws Exception {
        GivenCentresKMeans km = new GivenCentresKMeans(w.initCopy());
        km.setNumClusters(w.k());
        km.setMaxIterations(w.iters());
        km.setInitializationMethod(new SelectedTag(SimpleKMeans.KMEANS_PLUS_PLUS, SimpleKMeans.TAGS_SELECTION));
        km.setNumExecutionSlots(threads);
        km.setFastDistanceCalc(true);
        km.setDontReplaceMissingValues(true);
        km.setPreserveInstancesOrder(false);
        km.setDisplayStdDevs(false);
        EuclideanDistance dist = new EuclideanDistance();
        dist.setDontNormalize(true);
        km.setDistanceFunction(dist);
        km.buildClusterer((Instances) prepared);
        return km;
    }

    @Override
    public Result result(Object model, PeerBench.Workload w) {
        GivenCentresKMeans km = (GivenCentresKMeans) model;
        Instances cs = km.getClusterCentroids();
        int d = w.d();
        double[] c = new double[cs.numInstances() * d];
        for (int j = 0; j < cs.numInstances(); j++) {
            Instance in = cs.instance(j);
            for (int a = 0; a < d; a++) {
                c[j * d + a] = in.value(a);
            }
        }
        return new Result(c, cs.numInstances(), km.iterations(), "iterations = SimpleKMeans.m_Iterations");
    }
}

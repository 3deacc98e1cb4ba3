package io.cumulo.bench.peers;

import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tribuo 4.3.2 ({@code org.tribuo:tribuo-clustering-kmeans}, Apache-2.0).
 *
 * <p>{@link KMeansTrainer} initialises its centroids itself (RANDOM: uniform within each feature's range, or
 * PLUSPLUS) and has no option for given centres. Its M-step is a protected method that subclasses may
 * override, and that is the hook used here: the trainer is configured with {@code iterations = 21}; in
 * iteration 0 its E-step assigns the points to its RANDOM centroids (the cost of one assignment pass, like
 * scikit-learn's final labelling pass) and the overridden M-step, instead of averaging, copies the workload's
 * centres into the centroid vectors. Iterations 1–20 are Tribuo's own E- and M-steps, unchanged, from the
 * workload's centres: 20 Lloyd iterations. Tribuo stops early only if no point changed cluster. The timed fit
 * is {@code trainer.train(dataset)}, which also copies the examples into Tribuo's vectors.
 *
 * <p>Feature names are zero-padded ({@code f000}…) so that Tribuo's feature map, which sorts the names, keeps
 * the columns in order.
 */
final class TribuoPeer implements Peer {
    static final String VERSION = "4.3.2";

    static List<Peer> all() {
        return List.of(new TribuoPeer());
    }

    @Override
    public String id() {
        return "tribuo";
    }

    @Override
    public String library() {
        return "Tribuo " + VERSION;
    }

    @Override
    public String variant() {
        return "KMeansTrainer";
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
        return String.format(Locale.ROOT, "KMeansTrainer(centroids=%d, iterations=%d, L2Distance, RANDOM, numThreads=%d, "
                + "seed=1), its INFO logging off, with mStep overridden once: iteration 0's M-step sets the given centres, then %d "
                + "unmodified iterations", w.k(), w.iters() + 1, threads, w.iters());
    }

    static String featureName(int j, int d) {
        int width = Integer.toString(d - 1).length();
        return "f" + "0".repeat(width - Integer.toString(j).length()) + j;
    }

    /** KMeansTrainer logs one INFO line per iteration; kept quiet (a strong reference: JUL holds loggers weakly). */
    private static final Logger TRAINER_LOGGER = Logger.getLogger(KMeansTrainer.class.getName());

    @Override
    public Object prepare(PeerBench.Workload w, int threads) {
        TRAINER_LOGGER.setLevel(Level.WARNING);
        ClusteringFactory factory = new ClusteringFactory();
        MutableDataset<ClusterID> ds = new MutableDataset<>(new SimpleDataSourceProvenance("cumulo-bench " + w.name(),
                factory), factory);
        int d = w.d();
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = featureName(j, d);
        }
        double[] x = w.x();
        for (int i = 0; i < w.n(); i++) {
            double[] row = new double[d];
            System.arraycopy(x, i * d, row, 0, d);
            ds.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, row));
        }
        return ds;
    }

    /** The trainer with the M-step hook; one per fit. */
    static final class GivenCentresTrainer extends KMeansTrainer {
        private final double[][] init;
        int mSteps;

        GivenCentresTrainer(int k, int iterations, int threads, double[][] init) {
            super(k, iterations, new L2Distance(), Initialisation.RANDOM, threads, 1L);
            this.init = init;
        }

        @Override
        protected void mStep(ForkJoinPool fjp, DenseVector[] centroidVectors, Map<Integer, List<Integer>> clusterAssignments,
                             SGDVector[] data, double[] weights) {
            if (mSteps++ == 0) {
                for (int j = 0; j < centroidVectors.length; j++) {
                    centroidVectors[j] = DenseVector.createDenseVector(init[j]);
                }
            } else {
                super.mStep(fjp, centroidVectors, clusterAssignments, data, weights);
            }
        }
    }

    private record Fit(KMeansModel model, int mSteps) {
    }

    @Override
    public Object fit(Object prepared, PeerBench.Workload w, int threads) {
        @SuppressWarnings("unchecked")
        MutableDataset<ClusterID> ds = (MutableDataset<ClusterID>) prepared;
        GivenCentresTrainer t = new GivenCentresTrainer(w.k(), w.iters() + 1, threads, w.initCopy());
        KMeansModel m = t.train(ds);
        return new Fit(m, t.mSteps);
    }

    @Override
    public Result result(Object model, PeerBench.Workload w) {
        Fit f = (Fit) model;
        List<List<Feature>> cs = f.model().getCentroids();
        int d = w.d();
        double[] c = new double[cs.size() * d];
        for (int j = 0; j < cs.size(); j++) {
            for (Feature ft : cs.get(j)) {
                int col = Integer.parseInt(ft.getName().substring(1));
                c[j * d + col] = ft.getValue();
            }
        }
        return new Result(c, cs.size(), f.mSteps() - 1, "iterations = M-steps after the one that set the centres");
    }
}

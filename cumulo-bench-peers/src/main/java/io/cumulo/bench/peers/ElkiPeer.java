package io.cumulo.bench.peers;

import elki.clustering.kmeans.AnnulusKMeans;
import elki.clustering.kmeans.CompareMeans;
import elki.clustering.kmeans.ElkanKMeans;
import elki.clustering.kmeans.ExponionKMeans;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.KDTreeFilteringKMeans;
import elki.clustering.kmeans.KDTreePruningKMeans;
import elki.clustering.kmeans.LloydKMeans;
import elki.clustering.kmeans.ShallotKMeans;
import elki.clustering.kmeans.SimplifiedElkanKMeans;
import elki.clustering.kmeans.SortMeans;
import elki.clustering.kmeans.YinYangKMeans;
import elki.clustering.kmeans.initialization.Predefined;
import elki.clustering.kmeans.parallel.ParallelLloydKMeans;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.parallel.ParallelCore;

import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * ELKI 0.8.0 ({@code io.github.elki-project:elki-clustering}, AGPL-3.0). The data are loaded once into a
 * {@link StaticArrayDatabase} (untimed); a fit is {@code new XKMeans(SquaredEuclideanDistance.STATIC, k, maxiter,
 * new Predefined(centres)).run(relation)}.
 *
 * <p>Iterations. In ELKI's Lloyd-type algorithms iteration 1 only assigns the points to the initial means, and
 * each later iteration first moves the means then reassigns; the result holds the means of the last
 * assignment. So {@code maxiter = 21} makes 20 mean updates and 21 assignment passes, exactly what
 * scikit-learn does for {@code max_iter=20} (20 iterations, then one final assignment). {@code
 * ParallelLloydKMeans} and the k-d-tree variants instead assign and update in one pass per iteration and return
 * the updated means, so they get {@code maxiter = 20} (20 passes: one assignment pass fewer than
 * scikit-learn). Every variant stops early only if no point changes cluster (none does on these workloads).
 */
final class ElkiPeer implements Peer {
    static final String VERSION = "0.8.0";

    /** Builds the algorithm for k clusters, maxiter and the initialiser; returns its run(relation) result. */
    private interface Algo {
        Clustering<KMeansModel> run(int k, int maxiter, Predefined init, Relation<NumberVector> rel);
    }

    private final String id;
    private final String variant;
    private final boolean parallel;
    /** True if iteration 1 is assignment only (maxiter = iterations + 1). */
    private final boolean assignFirst;
    private final Algo algo;

    private ElkiPeer(String id, String variant, boolean parallel, boolean assignFirst, Algo algo) {
        this.id = id;
        this.variant = variant;
        this.parallel = parallel;
        this.assignFirst = assignFirst;
        this.algo = algo;
    }

    static List<Peer> all() {
        SquaredEuclideanDistance dist = SquaredEuclideanDistance.STATIC;
        return List.of(
                new ElkiPeer("elki-lloyd", "LloydKMeans", false, true,
                        (k, it, init, rel) -> new LloydKMeans<NumberVector>(dist, k, it, init).run(rel)),
                new ElkiPeer("elki-parallel-lloyd", "ParallelLloydKMeans", true, false,
                        (k, it, init, rel) -> new ParallelLloydKMeans<NumberVector>(dist, k, it, init).run(rel)),
                new ElkiPeer("elki-elkan", "ElkanKMeans", false, true,
                        (k, it, init, rel) -> new ElkanKMeans<NumberVector>(dist, k, it, init, false).run(rel)),
                new ElkiPeer("elki-simplified-elkan", "SimplifiedElkanKMeans", false, true,
                        (k, it, init, rel) -> new SimplifiedElkanKMeans<NumberVector>(dist, k, it, init, false).run(rel)),
                new ElkiPeer("elki-hamerly", "HamerlyKMeans", false, true,
                        (k, it, init, rel) -> new HamerlyKMeans<NumberVector>(dist, k, it, init, false).run(rel)),
                new ElkiPeer("elki-annulus", "AnnulusKMeans", false, true,
                        (k, it, init, rel) -> new AnnulusKMeans<NumberVector>(dist, k, it, init, false).run(rel)),
                new ElkiPeer("elki-exponion", "ExponionKMeans", false, true,
                        (k, it, init, rel) -> new ExponionKMeans<NumberVector>(dist, k, it, init, false).run(rel)),
                new ElkiPeer("elki-shallot", "ShallotKMeans", false, true,
                        (k, it, init, rel) -> new ShallotKMeans<NumberVector>(dist, k, it, init, false).run(rel)),
                // t = 0: ELKI's default group count (k/10 for k >= 10, else k/2)
                new ElkiPeer("elki-yinyang", "YinYangKMeans", false, true,
                        (k, it, init, rel) -> new YinYangKMeans<NumberVector>(k, it, init, 0).run(rel)),
                new ElkiPeer("elki-sort", "SortMeans", false, true,
                        (k, it, init, rel) -> new SortMeans<NumberVector>(dist, k, it, init).run(rel)),
                new ElkiPeer("elki-compare", "CompareMeans", false, true,
                        (k, it, init, rel) -> new CompareMeans<NumberVector>(dist, k, it, init).run(rel)),
                // ELKI's defaults: midpoint split, leaf size 5
                new ElkiPeer("elki-kdtree-filtering", "KDTreeFilteringKMeans", false, false,
                        (k, it, init, rel) -> new KDTreeFilteringKMeans<NumberVector>(dist, k, it, init,
                                KDTreePruningKMeans.Split.MIDPOINT, 5).run(rel)),
                new ElkiPeer("elki-kdtree-pruning", "KDTreePruningKMeans", false, false,
                        (k, it, init, rel) -> new KDTreePruningKMeans<NumberVector>(dist, k, it, init,
                                KDTreePruningKMeans.Split.MIDPOINT, 5).run(rel)));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String library() {
        return "ELKI " + VERSION;
    }

    @Override
    public String variant() {
        return variant;
    }

    @Override
    public int threads(int requested) {
        return parallel ? ParallelCore.ALL_PROCESSORS : 1;
    }

    @Override
    public boolean sameStart() {
        return true;
    }

    private int maxiter(PeerBench.Workload w) {
        return assignFirst ? w.iters() + 1 : w.iters();
    }

    @Override
    public String config(PeerBench.Workload w, int threads) {
        String s = String.format(Locale.ROOT, "%s(SquaredEuclideanDistance, k=%d, maxiter=%d, Predefined(init)).run",
                variant, w.k(), maxiter(w));
        if (parallel) {
            s += "; threads = availableProcessors = " + ParallelCore.ALL_PROCESSORS
                    + (ParallelCore.ALL_PROCESSORS != threads ? " (asked for " + threads + ")" : "");
        }
        return s;
    }

    private record Prepared(Relation<NumberVector> relation) {
    }

    @Override
    public Object prepare(PeerBench.Workload w, int threads) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(w.rows()), null);
        db.initialize();
        StatisticsCapture.install(); // after ELKI has configured its logging
        Relation<NumberVector> rel = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        return new Prepared(rel);
    }

    @Override
    public Object fit(Object prepared, PeerBench.Workload w, int threads) {
        StatisticsCapture.reset();
        return algo.run(w.k(), maxiter(w), new Predefined(w.initCopy()), ((Prepared) prepared).relation());
    }

    @Override
    public Result result(Object model, PeerBench.Workload w) {
        @SuppressWarnings("unchecked")
        Clustering<KMeansModel> c = (Clustering<KMeansModel>) model;
        List<Cluster<KMeansModel>> clusters = c.getAllClusters();
        double[][] means = new double[clusters.size()][];
        for (int j = 0; j < means.length; j++) {
            means[j] = clusters.get(j).getModel().getMean();
        }
        // ELKI logs "<class>.iterations: N" (the loop counter: maxiter + 1 when it ran to the end) when statistics
        // logging is on; ParallelLloydKMeans logs nothing.
        long logged = StatisticsCapture.iterations();
        int max = maxiter(w);
        int iterations;
        String note;
        if (logged < 0) {
            iterations = w.iters();
            note = "iterations: not reported by " + variant + " (" + max + " passes configured, no early stop seen)";
        } else {
            long passes = Math.min(logged, max);
            iterations = (int) (assignFirst ? passes - 1 : passes);
            note = "ELKI statistics: " + passes + " passes" + (logged > max ? " (ran to maxiter)" : " (stopped: no change)");
        }
        return new Result(PeerBench.flat(means), means.length, iterations, note);
    }

    /**
     * Captures ELKI's "…iterations: N" statistic. Statistics logging is switched on for the k-means package only;
     * what it adds per iteration (a timer and a few counters) is negligible next to an assignment pass.
     */
    static final class StatisticsCapture extends Handler {
        private static final Logger KMEANS_LOGGER = Logger.getLogger("elki.clustering.kmeans");
        private static final StatisticsCapture INSTANCE = new StatisticsCapture();
        private static volatile long iterations = -1;

        static void install() {
            KMEANS_LOGGER.setLevel(elki.logging.Logging.Level.STATISTICS);
            KMEANS_LOGGER.setUseParentHandlers(false);
            for (Handler h : KMEANS_LOGGER.getHandlers()) {
                if (h == INSTANCE) {
                    return;
                }
            }
            KMEANS_LOGGER.addHandler(INSTANCE);
        }

        static void reset() {
            iterations = -1;
        }

        static long iterations() {
            return iterations;
        }

        @Override
        public void publish(LogRecord r) {
            String m = r.getMessage();
            int i = m == null ? -1 : m.indexOf(".iterations: ");
            if (i >= 0) {
                try {
                    iterations = Long.parseLong(m.substring(i + ".iterations: ".length()).trim());
                } catch (NumberFormatException e) {
                    // not the statistic we want
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

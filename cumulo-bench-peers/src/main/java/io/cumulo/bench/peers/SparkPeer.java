package io.cumulo.bench.peers;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Apache Spark MLlib 4.1.0 ({@code org.apache.spark:spark-mllib_2.13}, Apache-2.0) in local mode, {@code
 * local[THREADS]}, in the benchmark's JVM (Spark UI off, driver bound to 127.0.0.1, log level WARN). The data are
 * parallelised into THREADS partitions and cached (RDD: local checkpoint; DataFrame: cache) before the clock
 * starts (Spark's documentation asks for
 * cached input); the SparkSession is started once per process, before the warm-up fits.
 *
 * <p>{@code spark-mllib}: the RDD-based {@code org.apache.spark.mllib.clustering.KMeans}, the only Spark k-means
 * that takes initial centres: {@code setK(k).setMaxIterations(20).setEpsilon(0).setInitialModel(new
 * KMeansModel(centres)).run(rdd)}. Each iteration assigns every point (the "row" algorithm, with Spark's
 * triangle-inequality pruning) and moves the centres; it stops early only if no centre moved at all (epsilon
 * 0). Timed: {@code run}, which also computes and caches the norms.
 *
 * <p>{@code spark-ml-block}: the DataFrame-based {@code org.apache.spark.ml.clustering.KMeans} with {@code
 * solver = "block"} (the default for dense vectors since Spark 3.4: GEMM over stacked blocks). It has no way to
 * take initial centres ({@code initMode} is "random" or "k-means||" and the initialisation is private), so it
 * uses {@code initMode = "random"} ({@code takeSample} of k rows with seed 1, the closest to the workload's
 * centres, which are k distinct rows drawn at random) and is flagged "n/a". Timed: {@code fit(df)}, which also
 * blockifies and caches the data and, at the end, computes the training summary (one more pass).
 */
final class SparkPeer implements Peer {
    static final String VERSION = org.apache.spark.package$.MODULE$.SPARK_VERSION();

    private final boolean block;

    private SparkPeer(boolean block) {
        this.block = block;
    }

    static List<Peer> all() {
        return List.of(new SparkPeer(false), new SparkPeer(true));
    }

    /** The JVM options Spark's own launcher adds ({@code --add-opens}, {@code --add-modules=jdk.incubator.vector}…). */
    static String launcherJvmOptions() {
        return JavaModuleOptions.defaultModuleOptions();
    }

    @Override
    public String id() {
        return block ? "spark-ml-block" : "spark-mllib";
    }

    @Override
    public String library() {
        return "Spark MLlib " + VERSION;
    }

    @Override
    public String variant() {
        return block ? "ml KMeans block solver" : "mllib KMeans";
    }

    @Override
    public int threads(int requested) {
        return requested;
    }

    @Override
    public boolean sameStart() {
        return !block;
    }

    @Override
    public String config(PeerBench.Workload w, int threads) {
        if (block) {
            return String.format(Locale.ROOT, "local[%d]; ml.clustering.KMeans().setK(%d).setMaxIter(%d).setTol(0)"
                    + ".setSolver(block).setInitMode(random).setSeed(1).fit(df), df cached, %d partitions: "
                    + "own random initialisation, not the given centres", threads, w.k(), w.iters(), threads);
        }
        return String.format(Locale.ROOT, "local[%d]; mllib.clustering.KMeans().setK(%d).setMaxIterations(%d)"
                + ".setEpsilon(0).setInitialModel(centres).run(rdd), rdd cached (localCheckpoint), %d partitions", threads, w.k(),
                w.iters(), threads);
    }

    private record Prepared(SparkSession spark, JavaRDD<Vector> rdd, Dataset<Row> df) {
    }

    @Override
    public Object prepare(PeerBench.Workload w, int threads) {
        SparkConf conf = new SparkConf()
                .setMaster("local[" + threads + "]")
                .setAppName("cumulo-bench-peers")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.default.parallelism", Integer.toString(threads))
                .set("spark.sql.shuffle.partitions", Integer.toString(threads));
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        double[] x = w.x();
        int d = w.d();
        if (block) {
            List<Row> rows = new ArrayList<>(w.n());
            for (int i = 0; i < w.n(); i++) {
                double[] row = new double[d];
                System.arraycopy(x, i * d, row, 0, d);
                rows.add(RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(row)));
            }
            StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false);
            Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(threads).cache();
            df.count();
            return new Prepared(spark, null, df);
        }
        List<Vector> vs = new ArrayList<>(w.n());
        for (int i = 0; i < w.n(); i++) {
            double[] row = new double[d];
            System.arraycopy(x, i * d, row, 0, d);
            vs.add(Vectors.dense(row));
        }
        // localCheckpoint: cached (MEMORY_AND_DISK, deserialised) and cut off from the parallelised collection,
        // so that tasks do not carry their partition's data with them (they would, serialised, in every stage)
        JavaRDD<Vector> rdd = jsc.parallelize(vs, threads);
        rdd.rdd().localCheckpoint();
        rdd.count();
        return new Prepared(spark, rdd, null);
    }

    @Override
    public Object fit(Object prepared, PeerBench.Workload w, int threads) {
        Prepared p = (Prepared) prepared;
        if (block) {
            return new org.apache.spark.ml.clustering.KMeans()
                    .setK(w.k()).setMaxIter(w.iters()).setTol(0.0).setSolver("block").setInitMode("random")
                    .setSeed(1L).setFeaturesCol("features").fit(p.df());
        }
        double[][] init = w.initCopy();
        Vector[] centres = new Vector[init.length];
        for (int j = 0; j < init.length; j++) {
            centres[j] = Vectors.dense(init[j]);
        }
        return new KMeans().setK(w.k()).setMaxIterations(w.iters()).setEpsilon(0.0)
                .setInitialModel(new KMeansModel(centres)).run(p.rdd().rdd());
    }

    @Override
    public Result result(Object model, PeerBench.Workload w) {
        int d = w.d();
        if (block) {
            org.apache.spark.ml.clustering.KMeansModel m = (org.apache.spark.ml.clustering.KMeansModel) model;
            org.apache.spark.ml.linalg.Vector[] cs = m.clusterCenters();
            double[] c = new double[cs.length * d];
            for (int j = 0; j < cs.length; j++) {
                System.arraycopy(cs[j].toArray(), 0, c, j * d, d);
            }
            return new Result(c, cs.length, m.summary().numIter(), "iterations = summary.numIter");
        }
        KMeansModel m = (KMeansModel) model;
        Vector[] cs = m.clusterCenters();
        double[] c = new double[cs.length * d];
        for (int j = 0; j < cs.length; j++) {
            System.arraycopy(cs[j].toArray(), 0, c, j * d, d);
        }
        return new Result(c, cs.length, m.numIter(), "iterations = KMeansModel.numIter");
    }

    @Override
    public void close(Object prepared) {
        ((Prepared) prepared).spark().stop();
    }
}

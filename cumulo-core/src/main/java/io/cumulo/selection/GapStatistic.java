package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.decomposition.PCA;
import io.cumulo.decomposition.PCAModel;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.metrics.Inertia;
import io.cumulo.metrics.PartitionCounts;
import io.cumulo.param.Param;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The gap statistic (R. Tibshirani, G. Walther, T. Hastie, "Estimating the number of clusters in a data set via
 * the gap statistic", J. R. Statist. Soc. B 63(2), 2001). For each k, the data are clustered into k clusters and
 * their within-cluster dispersion {@code W_k = Σ_r (1/2n_r) Σ_{i,i'∈r} ‖x_i − x_i'‖² = Σ_i ‖x_i − x̄_{r(i)}‖²} is
 * compared with that of B reference data sets drawn uniformly, clustered the same way:
 *
 * <pre>
 *   gap(k)  = E*[log W*_k] − log W_k          E*[log W*_k] = (1/B) Σ_b log W*_kb
 *   sd_k    = √((1/B) Σ_b (log W*_kb − E*[log W*_k])²)
 *   s_k     = sd_k · √(1 + 1/B)               (the simulation error of E*[log W*_k])
 * </pre>
 *
 * and the number of clusters chosen is the paper's rule: the smallest k with {@code gap(k) ≥ gap(k+1) − s_{k+1}}
 * (k-max when no k in the range satisfies it, which {@link Result#ruleMet()} reports).
 *
 * <p>Reference distributions (the paper's two): {@code box}, uniform over the range of each feature; {@code pca},
 * uniform over the box aligned with the data's principal axes (the data centred and rotated onto the principal
 * components, the box of those scores drawn from, and the draws rotated back and shifted to the data's mean),
 * which follows the shape of the data. The default clusterer is {@link KMeans} with its defaults (k-means++, 10
 * restarts), any other can be plugged in as a {@link Partitioner}; {@code W_k} is always recomputed from the labels
 * it returns. Logarithms are natural.
 *
 * <p>Deterministic: the references are drawn from {@code seed} (each from its own split stream), and each fit is
 * given a seed derived from it, so with a deterministic clusterer the result does not depend on the thread count.
 * Rows labelled {@code -1} are left out when the gap is evaluated for given labels ({@link #atLabels}); sample
 * weights are not used. Cost: (B + 1) clusterings per k.
 */
public final class GapStatistic {
    public static final String NAME = "gap";

    public static final Param<Integer> K_MIN = Param.integer("k-min", "smallest number of clusters tried").atLeast(1)
            .defaultValue(1);
    public static final Param<Integer> K_MAX = Param.integer("k-max", "largest number of clusters tried").atLeast(1);
    public static final Param<Integer> REFERENCES = Param.integer("references",
            "B, the reference data sets drawn for each k").atLeast(1).defaultValue(10);
    public static final Param<String> REFERENCE = Param.choice("reference",
            "where reference data are drawn uniformly: pca (the box aligned with the data's principal axes) or box "
                    + "(the range of each feature)", "pca", "box").defaultValue("pca");
    public static final Param<Long> SEED = Param.longInteger("seed",
            "random seed for the reference data and the clusterings; the same seed gives the same result")
            .defaultValue(0L);

    public static final ParamSet PARAMS = ParamSet.of(NAME, K_MIN, K_MAX, REFERENCES, REFERENCE, SEED);

    /** Clusters {@code data} into {@code k} clusters: the labels, one per row in {@code [0, k)}. */
    @FunctionalInterface
    public interface Partitioner {
        int[] labels(Dataset data, int k, long seed, ExecutionContext ctx);
    }

    /** k-means with its default parameters (k-means++, 10 restarts), seeded. */
    public static Partitioner kMeans() {
        return (data, k, seed, ctx) -> KMeans.builder().k(k).seed(seed).build().fit(data, ctx).labels();
    }

    /** k-means with {@code nInit} restarts, seeded. */
    public static Partitioner kMeans(int nInit) {
        return (data, k, seed, ctx) -> KMeans.builder().k(k).nInit(nInit).seed(seed).build().fit(data, ctx).labels();
    }

    private final ParamValues params;
    private final Partitioner partitioner;

    private GapStatistic(ParamValues params, Partitioner partitioner) {
        if (params.isSet(K_MAX) && params.get(K_MIN) > params.get(K_MAX)) {
            throw new CumuloException("parameter 'k-min': " + params.get(K_MIN) + " is larger than k-max="
                    + params.get(K_MAX));
        }
        this.params = params;
        this.partitioner = partitioner;
    }

    /** From parameter values, with k-means as the clusterer. */
    public static GapStatistic of(ParamValues values) {
        if (values.paramSet() != PARAMS) {
            throw new IllegalArgumentException("not gap statistic parameters");
        }
        return new GapStatistic(values, kMeans());
    }

    public static Builder builder() {
        return new Builder();
    }

    public ParamValues params() {
        return params;
    }

    /** The same configuration with another clusterer. */
    public GapStatistic withPartitioner(Partitioner p) {
        return new GapStatistic(params, Objects.requireNonNull(p));
    }

    /** The gap statistic of {@code data} for every k from k-min to k-max, and the k the rule picks. */
    public Result fit(Dataset data, ExecutionContext ctx) {
        int kMin = params.get(K_MIN);
        int kMax = params.require(K_MAX);
        Dataset plain = unweighted(data, null);
        int n = plain.rows();
        if (kMax >= n) {
            throw new CumuloException("parameter 'k-max': " + kMax + " is not below the " + n + " rows of "
                    + data.source() + "; the gap statistic needs k < rows");
        }
        int[] ks = new int[kMax - kMin + 1];
        for (int i = 0; i < ks.length; i++) {
            ks[i] = kMin + i;
        }
        return run(plain, ks, null, 0, ctx);
    }

    /**
     * The gap at the number of clusters of the given labels, with {@code W_k} from those labels (rows labelled
     * {@code -1} left out, also from the reference box) and the references clustered into as many clusters.
     * k-min and k-max do not apply; the result has one k and {@link Result#chosenK()} is that k.
     */
    public Result atLabels(Dataset data, int[] labels, ExecutionContext ctx) {
        PartitionCounts p = PartitionCounts.of(data, labels, NAME);
        if (p.clusters() < 1 || p.clusters() >= p.members()) {
            throw new CumuloException(NAME + ": needs between 1 and n-1 clusters; found " + p.clusters()
                    + " clusters for " + p.members() + " rows");
        }
        int[] kept = new int[p.members()];
        int[] sub = new int[p.members()];
        for (int i = 0, j = 0; i < p.rows(); i++) {
            if (labels[i] >= 0) {
                kept[j] = i;
                sub[j++] = labels[i];
            }
        }
        Dataset plain = unweighted(data, p.noise() > 0 ? kept : null);
        return run(plain, new int[] {p.clusters()}, sub, p.noise(), ctx);
    }

    /** The rows (all, or those listed) as a plain dataset: no weights, so every clusterer counts each row once. */
    private static Dataset unweighted(Dataset data, int[] rows) {
        Dataset d = rows == null ? data : data.selectRows(rows);
        if (!d.hasWeights() && !d.hasLabels()) {
            return d;
        }
        return Dataset.wrap(d.rawValues(), d.rows(), d.cols(), d.columnNames(), d.source());
    }

    private Result run(Dataset data, int[] ks, int[] givenLabels, int noise, ExecutionContext ctx) {
        int b = params.get(REFERENCES);
        String reference = params.get(REFERENCE);
        long seed = params.get(SEED);
        int n = data.rows();
        int d = data.cols();
        ExecutionContext inner = ctx.withProgress(ProgressListener.NONE);
        ExecutionContext quiet = inner.withWarnings(w -> { });
        SplittableRandom master = new SplittableRandom(seed);
        long dataSeed = master.nextLong();
        long total = (long) ks.length * (b + 1);
        long done = 0;
        double[] logW = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            int[] labels = givenLabels != null ? givenLabels : partition(data, ks[i], dataSeed, inner);
            logW[i] = logDispersion(data, labels, ks[i], "the data", ctx);
            ctx.progress().update("gap statistic", ++done, total);
        }
        ReferenceBox box = reference.equals("pca") ? ReferenceBox.pca(data, ctx) : ReferenceBox.box(data);
        double[][] refLogW = new double[ks.length][b];
        for (int r = 0; r < b; r++) {
            SplittableRandom stream = master.split();
            long fitSeed = stream.nextLong();
            Dataset ref = box.draw(n, stream, data.columnNames(), "reference data set " + (r + 1));
            for (int i = 0; i < ks.length; i++) {
                int[] labels = partition(ref, ks[i], fitSeed, quiet);
                refLogW[i][r] = logDispersion(ref, labels, ks[i], "reference data set " + (r + 1), ctx);
                ctx.progress().update("gap statistic", ++done, total);
            }
        }
        double[] expected = new double[ks.length];
        double[] sd = new double[ks.length];
        double[] sk = new double[ks.length];
        double[] gap = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            double[] s = spread(refLogW[i]);
            expected[i] = s[0];
            sd[i] = s[1];
            sk[i] = s[2];
            gap[i] = expected[i] - logW[i];
        }
        int pick = chooseIndex(gap, sk);
        return new Result(ks, logW, expected, sd, sk, gap, pick < 0 ? ks[ks.length - 1] : ks[pick], pick >= 0, b,
                reference, seed, n, noise, d);
    }

    private int[] partition(Dataset data, int k, long seed, ExecutionContext ctx) {
        if (k == 1) {
            return new int[data.rows()]; // one cluster: nothing to fit
        }
        int[] labels = partitioner.labels(data, k, seed, ctx);
        if (labels == null || labels.length != data.rows()) {
            throw new CumuloException(NAME + ": the clusterer returned " + (labels == null ? "no" : labels.length)
                    + " labels for " + data.rows() + " rows");
        }
        return labels;
    }

    /** {@code log W_k}, W_k the within-cluster sum of squares around the clusters' means. */
    private static double logDispersion(Dataset data, int[] labels, int k, String what, ExecutionContext ctx) {
        double w = Inertia.compute(data, labels, ctx).value();
        if (!(w > 0)) {
            throw new CumuloException(NAME + ": at k=" + k + " the clusters of " + what + " have no spread (within-"
                    + "cluster dispersion 0, as when there are no more distinct rows than clusters); lower k");
        }
        return Math.log(w);
    }

    /**
     * {@code {E*, sd_k, s_k}} from the B values {@code log W*_kb}: their mean, their standard deviation with
     * divisor B (the paper's), and {@code s_k = sd_k·√(1 + 1/B)}.
     */
    static double[] spread(double[] refLogW) {
        int b = refLogW.length;
        double mean = 0;
        for (double v : refLogW) {
            mean += v;
        }
        mean /= b;
        double sq = 0;
        for (double v : refLogW) {
            sq += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(sq / b);
        return new double[] {mean, sd, sd * Math.sqrt(1 + 1.0 / b)};
    }

    /** Tibshirani's rule over consecutive k: the first index i with {@code gap[i] ≥ gap[i+1] − s[i+1]}, or −1. */
    static int chooseIndex(double[] gap, double[] sk) {
        for (int i = 0; i + 1 < gap.length; i++) {
            if (gap[i] >= gap[i + 1] - sk[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    /** Where the reference data are drawn: uniform in a box, possibly rotated (rows of {@code axes}) and shifted. */
    private static final class ReferenceBox {
        final double[] low;
        final double[] high;
        /** {@code d × d}, row l the l-th axis; {@code null}: the coordinate axes. */
        final double[] axes;
        final double[] centre;
        final int d;

        ReferenceBox(double[] low, double[] high, double[] axes, double[] centre) {
            this.low = low;
            this.high = high;
            this.axes = axes;
            this.centre = centre;
            this.d = low.length;
        }

        static ReferenceBox box(Dataset data) {
            int n = data.rows();
            int d = data.cols();
            double[] x = data.rawValues();
            double[] lo = new double[d];
            double[] hi = new double[d];
            Arrays.fill(lo, Double.POSITIVE_INFINITY);
            Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    lo[j] = Math.min(lo[j], x[i * d + j]);
                    hi[j] = Math.max(hi[j], x[i * d + j]);
                }
            }
            return new ReferenceBox(lo, hi, null, null);
        }

        /** The box of the principal-component scores (all d components), drawn in and rotated back. */
        static ReferenceBox pca(Dataset data, ExecutionContext ctx) {
            int d = data.cols();
            PCAModel model = PCA.withComponents(d).fit(data, ctx);
            double[] axes = model.components();
            double[] scores = model.transform(data).rawValues();
            ReferenceBox b = box(Dataset.wrap(scores, data.rows(), d, Dataset.defaultNames(d), data.source()));
            return new ReferenceBox(b.low, b.high, axes, model.mean());
        }

        Dataset draw(int n, SplittableRandom rng, List<String> names, String source) {
            double[] z = new double[n * d];
            double[] u = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    u[j] = low[j] + rng.nextDouble() * (high[j] - low[j]);
                }
                if (axes == null) {
                    System.arraycopy(u, 0, z, i * d, d);
                } else {
                    // back from scores to features: z = centre + Σ_l u_l · axis_l
                    for (int j = 0; j < d; j++) {
                        double s = centre[j];
                        for (int l = 0; l < d; l++) {
                            s += u[l] * axes[l * d + j];
                        }
                        z[i * d + j] = s;
                    }
                }
            }
            return Dataset.wrap(z, n, d, names, source);
        }
    }

    /** The gap statistic for each k tried, and the k chosen. */
    public static final class Result {
        private final int[] ks;
        private final double[] logW;
        private final double[] expectedLogW;
        private final double[] sd;
        private final double[] sk;
        private final double[] gap;
        private final int chosenK;
        private final boolean ruleMet;
        private final int references;
        private final String reference;
        private final long seed;
        private final int rows;
        private final int noisePoints;
        private final int features;

        Result(int[] ks, double[] logW, double[] expectedLogW, double[] sd, double[] sk, double[] gap, int chosenK,
               boolean ruleMet, int references, String reference, long seed, int rows, int noisePoints, int features) {
            this.ks = ks;
            this.logW = logW;
            this.expectedLogW = expectedLogW;
            this.sd = sd;
            this.sk = sk;
            this.gap = gap;
            this.chosenK = chosenK;
            this.ruleMet = ruleMet;
            this.references = references;
            this.reference = reference;
            this.seed = seed;
            this.rows = rows;
            this.noisePoints = noisePoints;
            this.features = features;
        }

        /** The k tried, increasing (a copy). */
        public int[] ks() {
            return ks.clone();
        }

        private int at(int k) {
            for (int i = 0; i < ks.length; i++) {
                if (ks[i] == k) {
                    return i;
                }
            }
            throw new CumuloException(NAME + ": k=" + k + " was not tried (k from " + ks[0] + " to "
                    + ks[ks.length - 1] + ")");
        }

        public double gap(int k) {
            return gap[at(k)];
        }

        /** {@code s_k = sd_k·√(1 + 1/B)}. */
        public double sk(int k) {
            return sk[at(k)];
        }

        /** {@code sd_k}, the standard deviation (divisor B) of the references' {@code log W*_k}. */
        public double sd(int k) {
            return sd[at(k)];
        }

        public double logW(int k) {
            return logW[at(k)];
        }

        /** {@code E*[log W*_k]}. */
        public double expectedLogW(int k) {
            return expectedLogW[at(k)];
        }

        /** The smallest k with {@code gap(k) ≥ gap(k+1) − s_{k+1}}; k-max when none is ({@link #ruleMet()} false). */
        public int chosenK() {
            return chosenK;
        }

        /** Whether some k in the range satisfied the rule (else {@link #chosenK()} is just the largest k tried). */
        public boolean ruleMet() {
            return ruleMet;
        }

        public int references() {
            return references;
        }

        /** {@code pca} or {@code box}. */
        public String reference() {
            return reference;
        }

        public long seed() {
            return seed;
        }

        /** Rows that took part (noise excluded). */
        public int rows() {
            return rows;
        }

        public int noisePoints() {
            return noisePoints;
        }

        /**
         * Stable JSON keys: {@code chosen_k}, {@code rule_met}, {@code rule}, {@code reference}, {@code references},
         * {@code seed}, {@code rows}, {@code noise_points}, and {@code per_k}: one object per k with {@code k},
         * {@code gap}, {@code s_k}, {@code sd_k}, {@code log_w}, {@code expected_log_w}.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chosen_k", chosenK);
            m.put("rule_met", ruleMet);
            m.put("rule", "smallest k with gap(k) >= gap(k+1) - s_(k+1)");
            m.put("reference", reference);
            m.put("references", references);
            m.put("seed", seed);
            m.put("rows", rows);
            m.put("features", features);
            m.put("noise_points", noisePoints);
            List<Object> perK = new ArrayList<>();
            for (int i = 0; i < ks.length; i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("k", ks[i]);
                e.put("gap", gap[i]);
                e.put("s_k", sk[i]);
                e.put("sd_k", sd[i]);
                e.put("log_w", logW[i]);
                e.put("expected_log_w", expectedLogW[i]);
                perK.add(e);
            }
            m.put("per_k", perK);
            return m;
        }
    }

    /** Typed setters over {@link #PARAMS}; each value is validated when set. */
    public static final class Builder {
        private final ParamValues.Builder values = PARAMS.builder();
        private Partitioner partitioner = kMeans();

        public Builder kMin(int k) {
            values.set(K_MIN, k);
            return this;
        }

        public Builder kMax(int k) {
            values.set(K_MAX, k);
            return this;
        }

        /** B, the reference data sets per k. */
        public Builder references(int b) {
            values.set(REFERENCES, b);
            return this;
        }

        /** {@code pca} or {@code box}. */
        public Builder reference(String r) {
            values.set(REFERENCE, r);
            return this;
        }

        public Builder seed(long s) {
            values.set(SEED, s);
            return this;
        }

        public Builder partitioner(Partitioner p) {
            partitioner = Objects.requireNonNull(p);
            return this;
        }

        public GapStatistic build() {
            return new GapStatistic(values.build(), partitioner);
        }
    }
}

package io.cumulo.profile;

import io.cumulo.CumuloException;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Centroids;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.model.ClusteringPipelineModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Describes clusters in the words of their features: computes a {@link ClusterProfile} from data in their
 * original units (not scaled) and any labelling of its rows. Immutable configuration.
 *
 * <p><b>Statistics.</b> For each cluster and each feature: size, share (size / all rows, noise included), mean,
 * median (exact: the middle value, or the mean of the two middle values for an even count), population
 * standard deviation {@code sd = sqrt(Σ(x − mean)² / n)} (divided by n, as NumPy's default and the standard
 * scaler, so a cluster of one row has sd 0), minimum and maximum. Every row counts once: sample weights are
 * not used. The same statistics over all rows are the profile's {@code overall} block. The centre is the
 * model's centre (k-means, mini-batch, bisecting, fuzzy c-means) or medoid (k-medoids) mapped back to the
 * original units through the model's scaler ({@link #modelCentres}), else the per-feature mean.
 *
 * <p><b>Standardised mean difference.</b> How far a cluster's mean lies from the mean of the rest, in
 * standard deviations (Cohen's d): with {@code m_in, n_in, S_in} the mean, size and sum of squared deviations
 * of the cluster and {@code m_out, n_out, S_out} those of the rest,
 * <pre>
 *   SMD = (m_in − m_out) / s_p,   s_p = sqrt((S_in + S_out) / (n_in + n_out − 2))
 * </pre>
 * the pooled sample standard deviation. Conventions that keep it finite: a difference of exactly 0 (a constant
 * feature) gives SMD 0; when {@code s_p} is 0 or undefined (both groups constant, or one row on each side) the
 * difference is divided instead by the population standard deviation of the two groups together, which is
 * positive whenever the means differ and gives {@code ±(n_in + n_out) / sqrt(n_in · n_out)}; when there is no
 * rest (a single cluster) SMD is 0. A group whose values are all equal gets exactly that value as its mean
 * and 0 as its spread, so rounding in the mean cannot create a difference out of nothing.
 *
 * <p><b>Noise.</b> Rows labelled {@code -1} form their own group, named {@code noise}, listed after the
 * clusters. The rest of a cluster is every <em>other clustered</em> row, noise left out: a cluster is
 * described by what separates it from the other clusters, not from scattered outliers. The noise group is
 * compared with all clustered rows.
 *
 * <p><b>Description.</b> {@code cluster 2 (31%): high petal_length, high petal_width, low sepal_width}: the
 * features with |SMD| ≥ {@link #DEFAULT_THRESHOLD} (0.5, a "medium" effect in Cohen's terms), at most
 * {@link #DEFAULT_MAX_DESCRIBED}, by decreasing |SMD| (ties in feature order), {@code high} for a positive SMD
 * and {@code low} for a negative one; {@code close to the overall average} when no feature reaches the
 * threshold.
 *
 * <p>Features are processed in parallel, each entirely by one task, so results do not depend on the
 * thread count.
 */
public final class ClusterProfiler {
    /** |SMD| at or above which a feature is called high or low. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** At most this many features in a description. */
    public static final int DEFAULT_MAX_DESCRIBED = 3;

    /** Features per task at most: 8 doubles are one cache line of a row. */
    private static final int FEATURE_BLOCK = 8;
    /** Values a task gathers at most (32 MB), so wide blocks are for short columns only. */
    private static final long BLOCK_VALUES = 1L << 22;

    private static final ClusterProfiler DEFAULTS = new ClusterProfiler(DEFAULT_THRESHOLD, DEFAULT_MAX_DESCRIBED);

    private final double threshold;
    private final int maxDescribed;

    private ClusterProfiler(double threshold, int maxDescribed) {
        this.threshold = threshold;
        this.maxDescribed = maxDescribed;
    }

    public static ClusterProfiler defaults() {
        return DEFAULTS;
    }

    /** The same profiler with another |SMD| threshold (a finite number > 0). */
    public ClusterProfiler withThreshold(double t) {
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new CumuloException("profile threshold: expected a finite number > 0, got " + t);
        }
        return new ClusterProfiler(t, maxDescribed);
    }

    /** The same profiler naming at most {@code m} features per description ({@code m ≥ 1}). */
    public ClusterProfiler withMaxDescribed(int m) {
        if (m < 1) {
            throw new CumuloException("profile features per description: expected an integer >= 1, got " + m);
        }
        return new ClusterProfiler(threshold, m);
    }

    public double threshold() {
        return threshold;
    }

    public int maxDescribed() {
        return maxDescribed;
    }

    /** Centres of k clusters ({@code k × d}, row-major) in the data's original units, and what they are. */
    public static final class Centres {
        private final double[] values;
        private final int k;
        private final String kind;

        /** @param kind {@code centre} or {@code medoid} */
        public Centres(double[] rowMajor, int k, String kind) {
            if (k < 0 || (k == 0 ? rowMajor.length != 0 : rowMajor.length % k != 0)) {
                throw new IllegalArgumentException(rowMajor.length + " values do not make " + k + " centres");
            }
            this.values = rowMajor.clone();
            this.k = k;
            this.kind = kind;
        }

        public int count() {
            return k;
        }

        public String kind() {
            return kind;
        }

        public double[] values() {
            return values.clone();
        }
    }

    /**
     * The centres of a fitted model in the original units (through the model's scaler's inverse): k-means,
     * mini-batch k-means, bisecting k-means and fuzzy c-means centres, k-medoids medoids. Empty for spherical
     * k-means (its centres are directions on the unit sphere of the scaled space, not points in the data's
     * units) and for algorithms without centres.
     */
    public static Optional<Centres> modelCentres(ClusteringPipelineModel pipeline) {
        if (pipeline.reduction().isPresent()) {
            return Optional.empty(); // centres live in the reduced space, which has no way back to the features
        }
        ClusteringModel m = pipeline.model();
        return m.as(Centroids.class).filter(c -> c.centreKind().isPoint()).map(c -> new Centres(
                pipeline.scaler().inverseTransform(c.centresFlat(), m.numClusters()), m.numClusters(),
                c.centreKind().id()));
    }

    /** Profiles {@code labels} (one per row of {@code data}, {@code -1} for noise), clusters named by number. */
    public ClusterProfile profile(Dataset data, int[] labels, ExecutionContext ctx) {
        return profile(data, labels, null, null, ctx);
    }

    /**
     * As {@link #profile(Dataset, int[], ExecutionContext)}, with the clusters' centres in the original units
     * ({@code null}: report means) and names ({@code null}: {@code cluster 0, cluster 1, ...}; index = cluster
     * number).
     */
    public ClusterProfile profile(Dataset data, int[] labels, Centres centres, List<String> names, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        if (labels.length != n) {
            throw new CumuloException("labels: " + labels.length + " labels for the " + n + " rows of " + data.source()
                    + "; expected one per row");
        }
        if (n == 0) {
            throw new CumuloException(data.source() + ": has no rows to profile");
        }
        int top = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] < -1) {
                throw new CumuloException("labels: row " + data.rowId(i) + " has cluster " + labels[i]
                        + "; expected -1 (noise) or a cluster number >= 0");
            }
            top = Math.max(top, labels[i] + 1);
        }
        int k = Math.max(top, Math.max(centres == null ? 0 : centres.count(), names == null ? 0 : names.size()));
        if (centres != null) {
            if (centres.count() < top || centres.values.length != centres.count() * d) {
                throw new CumuloException("profile: " + centres.count() + " centres of " + (centres.count() == 0 ? 0
                        : centres.values.length / centres.count()) + " features, for clusters 0 to " + (top - 1)
                        + " and " + d + " features");
            }
        }
        if (names != null && names.size() < top) {
            throw new CumuloException("profile: " + names.size() + " cluster names for clusters 0 to " + (top - 1));
        }
        // slot k holds the noise; rows grouped by slot, in row order within each (a stable counting sort)
        int[] start = new int[k + 2];
        for (int l : labels) {
            start[slot(l, k) + 1]++;
        }
        for (int s = 0; s <= k; s++) {
            start[s + 1] += start[s];
        }
        int[] order = new int[n];
        int[] fill = Arrays.copyOf(start, k + 1);
        for (int i = 0; i < n; i++) {
            order[fill[slot(labels[i], k)]++] = i;
        }

        double[][] mean = new double[k + 1][d];
        double[][] median = new double[k + 1][d];
        double[][] sd = new double[k + 1][d];
        double[][] min = new double[k + 1][d];
        double[][] max = new double[k + 1][d];
        double[][] smd = new double[k + 1][d];
        double[][] all = new double[5][d];
        double[] x = data.rawValues();
        // a task takes a block of adjacent features, so one read of a row's cache line serves them all; the block
        // size depends on the data's shape only, and each feature is computed alone, so threads change nothing
        int block = (int) Math.max(1, Math.min(FEATURE_BLOCK, BLOCK_VALUES / Math.max(n, 1)));
        int tasks = (d + block - 1) / block;
        ctx.parallelFor(tasks, t -> {
            int j0 = t * block;
            int width = Math.min(block, d - j0);
            double[][] buf = new double[width][n];
            for (int p = 0; p < n; p++) {
                int o = order[p] * d + j0;
                for (int b = 0; b < width; b++) {
                    buf[b][p] = x[o + b];
                }
            }
            double[] ss = new double[k + 1];
            for (int b = 0; b < width; b++) {
                int j = j0 + b;
                for (int s = 0; s <= k; s++) {
                    if (start[s + 1] > start[s]) {
                        ss[s] = describeSegment(buf[b], start[s], start[s + 1], j, mean[s], median[s], sd[s], min[s],
                                max[s]);
                    }
                }
                for (int s = 0; s <= k; s++) {
                    if (start[s + 1] > start[s]) {
                        smd[s][j] = smd(s, k, j, start, mean, ss, min, max);
                    }
                }
                // all rows: the same values, in the (fixed) order the groups left them
                describeSegment(buf[b], 0, n, j, all[0], all[1], all[2], all[3], all[4]);
            }
        });

        List<ClusterProfile.Group> groups = new ArrayList<>();
        List<Integer> empty = new ArrayList<>();
        int clustered = n - (start[k + 1] - start[k]);
        for (int s = 0; s <= k; s++) {
            int size = start[s + 1] - start[s];
            if (size == 0) {
                if (s < k) {
                    empty.add(s);
                }
                continue;
            }
            boolean noise = s == k;
            String name = noise ? "noise" : names != null && s < names.size() ? names.get(s) : "cluster " + s;
            double share = (double) size / n;
            boolean alone = (noise ? clustered : clustered - size) == 0;
            boolean fitted = centres != null && s < centres.count();
            double[] centre = fitted ? Arrays.copyOfRange(centres.values, s * d, (s + 1) * d) : mean[s];
            String kind = fitted ? centres.kind() : "mean";
            groups.add(new ClusterProfile.Group(noise ? -1 : s, name, size, share, centre, kind,
                    new ClusterProfile.FeatureStats(mean[s], median[s], sd[s], min[s], max[s]), smd[s],
                    ClusterProfile.describe(name, share, smd[s], data.columnNames(), threshold, maxDescribed, alone)));
        }
        return new ClusterProfile(data.columnNames(), n, threshold, maxDescribed,
                new ClusterProfile.FeatureStats(all[0], all[1], all[2], all[3], all[4]), groups,
                empty.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int slot(int label, int k) {
        return label < 0 ? k : label;
    }

    /**
     * Mean, median, sd, min and max of {@code v[from, to)} into slot {@code j} of the arrays (reordering that
     * range); returns the sum of squared deviations from the mean.
     */
    private static double describeSegment(double[] v, int from, int to, int j, double[] mean, double[] median,
                                          double[] sd, double[] min, double[] max) {
        int m = to - from;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int p = from; p < to; p++) {
            sum += v[p];
            lo = Math.min(lo, v[p]);
            hi = Math.max(hi, v[p]);
        }
        double mu;
        double ss;
        if (lo == hi) {
            // all equal: exactly that value and no spread (sum / m may be off by an ulp)
            mu = lo;
            ss = 0;
        } else {
            mu = sum / m;
            double sq = 0;
            double dev = 0;
            for (int p = from; p < to; p++) {
                double e = v[p] - mu;
                sq += e * e;
                dev += e;
            }
            // corrected two-pass (Chan, Golub & LeVeque 1983): removes the rounding left in the mean
            ss = Math.max(sq - dev * dev / m, 0);
        }
        mean[j] = mu;
        median[j] = median(v, from, to);
        sd[j] = Math.sqrt(ss / m);
        min[j] = lo;
        max[j] = hi;
        return ss;
    }

    /**
     * The exact median of {@code v[from, to)}: the middle value, or the mean of the two middle values. Found by
     * selection (expected linear time, where sorting every cluster's column was most of a profile's cost), which
     * reorders the range.
     */
    static double median(double[] v, int from, int to) {
        int m = to - from;
        int upper = from + m / 2;
        double hi = select(v, from, to - 1, upper);
        if (m % 2 == 1) {
            return hi;
        }
        // everything before the upper middle is at most it: the lower middle is the largest of them
        double lo = Double.NEGATIVE_INFINITY;
        for (int p = from; p < upper; p++) {
            lo = Math.max(lo, v[p]);
        }
        double med = (lo + hi) / 2;
        return Double.isInfinite(med) ? lo / 2 + hi / 2 : med;
    }

    /**
     * Hoare's selection (FIND, 1961) with a median-of-three pivot: reorders {@code v[lo..hi]} so that {@code v[k]}
     * holds the value it would have sorted, nothing before it larger and nothing after it smaller; returns it.
     */
    private static double select(double[] v, int lo, int hi, int k) {
        while (hi - lo >= 16) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < v[lo]) {
                swap(v, lo, mid);
            }
            if (v[hi] < v[lo]) {
                swap(v, lo, hi);
            }
            if (v[hi] < v[mid]) {
                swap(v, mid, hi);
            }
            double pivot = v[mid];
            int i = lo;
            int j = hi;
            // v[lo] ≤ pivot ≤ v[hi] stop the scans the first time; swapped values stop them afterwards
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(v, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        // a short range: insertion sort
        for (int p = lo + 1; p <= hi; p++) {
            double x = v[p];
            int q = p - 1;
            while (q >= lo && v[q] > x) {
                v[q + 1] = v[q];
                q--;
            }
            v[q + 1] = x;
        }
        return v[k];
    }

    private static void swap(double[] v, int a, int b) {
        double t = v[a];
        v[a] = v[b];
        v[b] = t;
    }

    /**
     * SMD of feature {@code j} for slot {@code s} against the rest (the other clusters; for the noise slot
     * {@code k}, all clusters), the rest's mean and sum of squares combined from the groups' own (Chan et al.'s
     * pairwise update), so no pass over the rows is needed.
     */
    private static double smd(int s, int k, int j, int[] start, double[][] mean, double[] ss, double[][] min,
                              double[][] max) {
        long nOut = 0;
        double sumOut = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < k; h++) {
            int nh = start[h + 1] - start[h];
            if (h != s && nh > 0) {
                nOut += nh;
                sumOut += nh * mean[h][j];
                lo = Math.min(lo, min[h][j]);
                hi = Math.max(hi, max[h][j]);
            }
        }
        if (nOut == 0) {
            return 0;
        }
        double mOut;
        double ssOut = 0;
        if (lo == hi) {
            mOut = lo;
        } else {
            mOut = sumOut / nOut;
            for (int h = 0; h < k; h++) {
                int nh = start[h + 1] - start[h];
                if (h != s && nh > 0) {
                    double e = mean[h][j] - mOut;
                    ssOut += ss[h] + nh * e * e;
                }
            }
        }
        long nIn = start[s + 1] - start[s];
        double diff = mean[s][j] - mOut;
        if (diff == 0) {
            return 0;
        }
        long dof = nIn + nOut - 2;
        double pooled = dof > 0 ? Math.sqrt((ss[s] + ssOut) / dof) : 0;
        if (pooled > 0) {
            return diff / pooled;
        }
        double together = Math.sqrt((ss[s] + ssOut + (double) nIn * nOut / (nIn + nOut) * diff * diff) / (nIn + nOut));
        return diff / together;
    }
}

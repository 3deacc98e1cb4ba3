package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.linalg.ColumnStats;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Silhouette (P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of cluster
 * analysis", J. Comput. Appl. Math. 20, 1987) under a {@link Distance} (Euclidean unless given): for each row,
 * {@code a} is its mean distance to the other members of its cluster, {@code b} the smallest mean distance to
 * another cluster, {@code s = (b − a) / max(a, b)}, and 0 for rows alone in their cluster (and when
 * {@code a = b = 0}). The score is the mean of {@code s} over the rows, from −1 to 1, higher is better. Rows
 * labelled {@code -1} (noise) are left out: they get no silhouette and do not count in anyone's {@code a} or
 * {@code b}. A clustering made under another distance (k-medoids with {@code metric}) should be judged under
 * that distance. Defined for 2 to n − 1 non-empty clusters (n the non-noise rows), as in scikit-learn.
 *
 * <p><b>Exact computation</b> takes all n² distances, but never holds them: the rows are put in cluster order
 * (so that each cluster's columns are contiguous), then blocks of {@value #ROWS} rows are scored against tiles of
 * {@value #TILE} columns, and each row keeps only its k running sums. Memory beside the data: the
 * cluster-ordered copy of the rows ({@code 8·n·d} bytes), {@code 28·n} bytes of squared lengths, order and
 * results, and per thread a tile ({@code 8·(ROWS + d + 1)·TILE} bytes) and the sums of the rows of its task
 * ({@code 8·k} bytes for each of its 512 to 1,023 rows; more only beyond 2 million rows). For n = 100,000 and
 * d = 16 that is about 16 MB (the distances themselves would take 80 GB). Tasks are blocks of rows over a split
 * that depends only on n, and each row adds its tiles in column order, so the result is the same, bit for bit,
 * whatever the thread count.
 *
 * <p>Under Euclidean distance a tile is one GEMM-shaped product ({@link VectorKernels#scoresTransposed}):
 * {@code ‖x − y‖² = ‖x‖² + ‖y‖² − 2x·y} with the rows first shifted by their mean (so the squared lengths
 * reflect the data's spread, not its distance from the origin), and every pair whose expansion cancels badly
 * (squared distance below 10⁻⁴ of {@code ‖x‖² + ‖y‖²}: near pairs, and a row with itself) summed again from
 * the differences ({@link VectorKernels#distanceSum}); each distance is then accurate to about
 * {@code (d + 2)·10⁻¹²} relative. Other distances are computed pair by pair with {@link Distance#between}.
 *
 * <p><b>Estimate</b> ({@link #estimate}): the mean silhouette of a seeded simple random sample of m rows, each
 * row's silhouette computed exactly against <em>all</em> rows (cost m·n, not n²). Each sampled value is the
 * row's exact silhouette, so the sample mean is an unbiased estimate of the exact mean over all rows, with
 * standard error {@code sd/√m · √(1 − m/n)} (sd the sample standard deviation of the m values, the second factor
 * the finite-population correction). This differs from scikit-learn's {@code sample_size}, which computes the
 * silhouette of the sample as a dataset of its own (what {@link #sampledScore} does).
 */
public final class SilhouetteScore {
    static final String NAME = "silhouette";
    /** Columns per tile: the tile's packed columns and scores of a row block stay in the core's caches. */
    static final int TILE = 256;
    /** Rows scored together against a tile. */
    static final int ROWS = 32;
    /** Below this fraction of {@code ‖x‖² + ‖y‖²}, a squared distance is recomputed from the differences. */
    static final double CANCELLATION = 1e-4;

    private SilhouetteScore() {
    }

    /** Mean Euclidean silhouette over all (non-noise) rows. */
    public static double score(Dataset data, int[] labels, ExecutionContext ctx) {
        return score(data, labels, Distance.EUCLIDEAN, ctx);
    }

    /** Mean silhouette under {@code distance} over all (non-noise) rows. */
    public static double score(Dataset data, int[] labels, Distance distance, ExecutionContext ctx) {
        return compute(data, labels, distance, ctx).mean();
    }

    /**
     * Silhouette of a seeded random sample of {@code sampleSize} rows, computed among those rows only (as
     * scikit-learn's {@code sample_size}); exact when {@code sampleSize ≥ rows}. See {@link #estimate} for an
     * unbiased estimate of the exact score with its standard error.
     */
    public static double sampledScore(Dataset data, int[] labels, int sampleSize, long seed, ExecutionContext ctx) {
        return sampledScore(data, labels, sampleSize, seed, Distance.EUCLIDEAN, ctx);
    }

    /** As {@link #sampledScore(Dataset, int[], int, long, ExecutionContext)}, under {@code distance}. */
    public static double sampledScore(Dataset data, int[] labels, int sampleSize, long seed, Distance distance,
                                      ExecutionContext ctx) {
        int n = data.rows();
        if (labels.length != n) {
            throw new CumuloException("silhouette: " + labels.length + " labels for " + n + " rows");
        }
        if (sampleSize >= n) {
            return score(data, labels, distance, ctx);
        }
        int[] pick = Sampling.sortedSample(n, sampleSize, seed);
        int[] sub = new int[sampleSize];
        for (int i = 0; i < sampleSize; i++) {
            sub[i] = labels[pick[i]];
        }
        return score(data.selectRows(pick), sub, distance, ctx);
    }

    /** Euclidean silhouette of every row (0 for noise rows, which do not take part). */
    public static double[] samples(Dataset data, int[] labels, ExecutionContext ctx) {
        return samples(data, labels, Distance.EUCLIDEAN, ctx);
    }

    /** Silhouette of every row under {@code distance} (0 for noise rows, which do not take part). */
    public static double[] samples(Dataset data, int[] labels, Distance distance, ExecutionContext ctx) {
        return compute(data, labels, distance, ctx).samples();
    }

    /** The exact silhouette: the mean, every row's value and every cluster's mean. */
    public static Result compute(Dataset data, int[] labels, Distance distance, ExecutionContext ctx) {
        return compute(data, labels, distance, ctx, VectorKernels.get());
    }

    /** As {@link #compute(Dataset, int[], Distance, ExecutionContext)} with the given kernels (tests use both). */
    static Result compute(Dataset data, int[] labels, Distance distance, ExecutionContext ctx, VectorKernels kernels) {
        Partition p = Partition.of(data, labels, NAME);
        p.requireTwoToMembersMinusOne(NAME);
        distance.requireDefined(data);
        Layout layout = new Layout(p, distance, kernels);
        double[] sorted = layout.silhouettes(null, ctx);
        double[] out = new double[p.n];
        double[] clusterSums = new double[p.k];
        for (int pos = 0; pos < layout.m; pos++) {
            int row = layout.order[pos];
            out[row] = sorted[pos];
            clusterSums[p.labels[row]] += sorted[pos];
        }
        // the mean adds the rows in input order, as the sum over samples() would
        double sum = 0;
        for (int i = 0; i < p.n; i++) {
            sum += out[i];
        }
        double[] clusterMeans = new double[p.k];
        for (int c = 0; c < p.k; c++) {
            clusterMeans[c] = p.sizes[c] == 0 ? Double.NaN : clusterSums[c] / p.sizes[c];
        }
        return new Result(sum / p.members, out, clusterMeans, p.clusters, p.members, p.noise, distance);
    }

    /**
     * The exact silhouette from a square dissimilarity matrix ({@code square} is n × n, entry (i, j) the
     * dissimilarity of rows i and j, as {@code metric=precomputed} takes it) rather than from feature vectors: the
     * definition above with the given dissimilarities in place of a distance. The result's {@link Result#distance()}
     * is null. The n² entries are read once per row, in column order, so the result does not depend on threads.
     */
    public static Result fromDissimilarities(Dataset square, int[] labels, ExecutionContext ctx) {
        int n = square.rows();
        if (square.cols() != n) {
            throw new CumuloException(NAME + ": " + square.source() + " is " + n + " × " + square.cols()
                    + "; a dissimilarity matrix is square");
        }
        Partition p = Partition.of(square, labels, NAME);
        p.requireTwoToMembersMinusOne(NAME);
        double[] x = square.rawValues();
        double[] out = new double[n];
        Chunks chunks = Chunks.of(n, 64, 256);
        ctx.parallelFor(chunks.count(), c -> {
            double[] sums = new double[p.k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                int own = labels[i];
                if (own < 0 || p.sizes[own] == 1) {
                    continue; // noise, or alone in its cluster: 0
                }
                Arrays.fill(sums, 0);
                int off = i * n;
                for (int j = 0; j < n; j++) {
                    int l = labels[j];
                    if (l >= 0) {
                        sums[l] += x[off + j];
                    }
                }
                double a = sums[own] / (p.sizes[own] - 1);
                double b = Double.POSITIVE_INFINITY;
                for (int l = 0; l < p.k; l++) {
                    if (l != own && p.sizes[l] > 0) {
                        b = Math.min(b, sums[l] / p.sizes[l]);
                    }
                }
                double m = Math.max(a, b);
                out[i] = m == 0 ? 0 : (b - a) / m;
            }
        });
        double sum = 0;
        double[] clusterSums = new double[p.k];
        for (int i = 0; i < n; i++) {
            sum += out[i];
            if (labels[i] >= 0) {
                clusterSums[labels[i]] += out[i];
            }
        }
        double[] clusterMeans = new double[p.k];
        for (int c = 0; c < p.k; c++) {
            clusterMeans[c] = p.sizes[c] == 0 ? Double.NaN : clusterSums[c] / p.sizes[c];
        }
        return new Result(sum / p.members, out, clusterMeans, p.clusters, p.members, p.noise, null);
    }

    /**
     * An unbiased estimate of the exact mean silhouette from {@code sampleSize} rows drawn without replacement
     * (seeded) among the non-noise rows, each scored exactly against all rows, with its standard error (see the
     * class comment). When {@code sampleSize} is at least the number of non-noise rows this is the exact score,
     * with standard error 0.
     */
    public static Estimate estimate(Dataset data, int[] labels, int sampleSize, long seed, Distance distance,
                                    ExecutionContext ctx) {
        return estimate(data, labels, sampleSize, seed, distance, ctx, VectorKernels.get());
    }

    /** As {@link #estimate(Dataset, int[], int, long, Distance, ExecutionContext)} with the given kernels. */
    static Estimate estimate(Dataset data, int[] labels, int sampleSize, long seed, Distance distance,
                             ExecutionContext ctx, VectorKernels kernels) {
        if (sampleSize < 2) {
            throw new CumuloException("silhouette: the sample size must be at least 2 rows, got " + sampleSize);
        }
        Partition p = Partition.of(data, labels, NAME);
        p.requireTwoToMembersMinusOne(NAME);
        distance.requireDefined(data);
        Layout layout = new Layout(p, distance, kernels);
        int m = Math.min(sampleSize, layout.m);
        // a uniform sample of the non-noise rows, taken in input order, then looked up in the cluster order
        int[] drawn = Sampling.sortedSample(layout.m, m, seed);
        int[] members = new int[layout.m];
        for (int i = 0, j = 0; i < p.n; i++) {
            if (p.labels[i] >= 0) {
                members[j++] = i;
            }
        }
        int[] positionOf = new int[p.n];
        for (int pos = 0; pos < layout.m; pos++) {
            positionOf[layout.order[pos]] = pos;
        }
        int[] positions = new int[m];
        for (int i = 0; i < m; i++) {
            positions[i] = positionOf[members[drawn[i]]];
        }
        double[] s = layout.silhouettes(positions, ctx);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        double mean = sum / m;
        double sq = 0;
        for (double v : s) {
            sq += (v - mean) * (v - mean);
        }
        double se = m >= layout.m ? 0 : Math.sqrt(sq / (m - 1) / m * (1 - (double) m / layout.m));
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = members[drawn[i]];
        }
        return new Estimate(mean, se, m, layout.m, p.noise, seed, rows, s, distance);
    }

    /** As {@link #estimate(Dataset, int[], int, long, Distance, ExecutionContext)}, Euclidean. */
    public static Estimate estimate(Dataset data, int[] labels, int sampleSize, long seed, ExecutionContext ctx) {
        return estimate(data, labels, sampleSize, seed, Distance.EUCLIDEAN, ctx);
    }

    /** The exact silhouette of a partition. */
    public static final class Result {
        private final double mean;
        private final double[] samples;
        private final double[] clusterMeans;
        private final int clusters;
        private final int rows;
        private final int noisePoints;
        private final Distance distance;

        Result(double mean, double[] samples, double[] clusterMeans, int clusters, int rows, int noisePoints,
               Distance distance) {
            this.mean = mean;
            this.samples = samples;
            this.clusterMeans = clusterMeans;
            this.clusters = clusters;
            this.rows = rows;
            this.noisePoints = noisePoints;
            this.distance = distance;
        }

        /** The mean over the non-noise rows. */
        public double mean() {
            return mean;
        }

        /** Every row's silhouette, in input order; 0 for noise rows (a copy). */
        public double[] samples() {
            return samples.clone();
        }

        /** Each cluster's mean silhouette ({@code NaN} for a cluster number with no rows) (a copy). */
        public double[] clusterMeans() {
            return clusterMeans.clone();
        }

        public int clusters() {
            return clusters;
        }

        /** Rows that took part (noise excluded). */
        public int rows() {
            return rows;
        }

        public int noisePoints() {
            return noisePoints;
        }

        /** The distance the silhouettes were computed under; null when they came from given dissimilarities. */
        public Distance distance() {
            return distance;
        }

        /** Stable JSON keys: {@code silhouette}, {@code cluster_silhouettes}, {@code metric}, {@code noise_points}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("silhouette", mean);
            m.put("cluster_silhouettes", clusterMeans.clone());
            m.put("metric", distance == null ? "precomputed" : distance.id());
            m.put("clusters", clusters);
            m.put("rows", rows);
            m.put("noise_points", noisePoints);
            return m;
        }
    }

    /** A sampled estimate of the exact mean silhouette (see {@link #estimate}). */
    public static final class Estimate {
        private final double mean;
        private final double standardError;
        private final int sampleSize;
        private final int population;
        private final int noisePoints;
        private final long seed;
        private final int[] rows;
        private final double[] values;
        private final Distance distance;

        Estimate(double mean, double standardError, int sampleSize, int population, int noisePoints, long seed,
                 int[] rows, double[] values, Distance distance) {
            this.mean = mean;
            this.standardError = standardError;
            this.sampleSize = sampleSize;
            this.population = population;
            this.noisePoints = noisePoints;
            this.seed = seed;
            this.rows = rows;
            this.values = values;
            this.distance = distance;
        }

        /** The estimate of the mean silhouette over all non-noise rows. */
        public double mean() {
            return mean;
        }

        /** Its standard error, {@code sd/√m · √(1 − m/n)}; 0 when every row was scored. */
        public double standardError() {
            return standardError;
        }

        /** m, the rows scored. */
        public int sampleSize() {
            return sampleSize;
        }

        /** n, the non-noise rows the sample was drawn from (and scored against). */
        public int population() {
            return population;
        }

        public int noisePoints() {
            return noisePoints;
        }

        public long seed() {
            return seed;
        }

        /** Whether every non-noise row was scored (then the estimate is the exact score). */
        public boolean isExact() {
            return sampleSize >= population;
        }

        /** The sampled rows (0-based indices into the data, increasing) (a copy). */
        public int[] sampledRows() {
            return rows.clone();
        }

        /** Their exact silhouettes, in the order of {@link #sampledRows()} (a copy). */
        public double[] sampledValues() {
            return values.clone();
        }

        public Distance distance() {
            return distance;
        }

        /**
         * Stable JSON keys: {@code silhouette}, {@code silhouette_standard_error}, {@code silhouette_sample_size},
         * {@code rows}, {@code seed}, {@code metric}, {@code noise_points}.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("silhouette", mean);
            m.put("silhouette_standard_error", standardError);
            m.put("silhouette_sample_size", sampleSize);
            m.put("rows", population);
            m.put("seed", seed);
            m.put("metric", distance.id());
            m.put("noise_points", noisePoints);
            return m;
        }
    }

    /**
     * The non-noise rows in cluster order (stable: input order within a cluster), copied contiguously, with what
     * the tiles need. Under Euclidean distance the copy is shifted by the rows' mean and their squared lengths
     * are kept.
     */
    private static final class Layout {
        final Partition p;
        final Distance distance;
        final boolean euclidean;
        final int m;
        final int d;
        final int k;
        /** Cluster-ordered position → input row. */
        final int[] order;
        /** Cluster c occupies positions {@code [start[c], start[c + 1])}. */
        final int[] start;
        /** The rows in cluster order, {@code m × d} (shifted by their mean under Euclidean). */
        final double[] xs;
        /** Squared lengths of the rows of {@code xs} (Euclidean only). */
        final double[] norms;
        final VectorKernels kernels;

        Layout(Partition p, Distance distance, VectorKernels kernels) {
            this.p = p;
            this.kernels = kernels;
            this.distance = distance;
            this.euclidean = distance == Distance.EUCLIDEAN;
            this.m = p.members;
            this.d = p.d;
            this.k = p.k;
            start = new int[k + 1];
            for (int c = 0; c < k; c++) {
                start[c + 1] = start[c] + p.sizes[c];
            }
            order = new int[m];
            int[] next = Arrays.copyOf(start, k);
            for (int i = 0; i < p.n; i++) {
                int l = p.labels[i];
                if (l >= 0) {
                    order[next[l]++] = i;
                }
            }
            xs = new double[m * d];
            for (int pos = 0; pos < m; pos++) {
                System.arraycopy(p.x, order[pos] * d, xs, pos * d, d);
            }
            if (euclidean) {
                double[] mu = ColumnStats.means(xs, m, d);
                for (int pos = 0; pos < m; pos++) {
                    for (int j = 0; j < d; j++) {
                        xs[pos * d + j] -= mu[j];
                    }
                }
                norms = new double[m];
                for (int pos = 0; pos < m; pos++) {
                    norms[pos] = kernels.dot(xs, pos * d, xs, pos * d, d);
                }
            } else {
                norms = null;
            }
        }

        /**
         * Silhouettes of the rows at the given cluster-ordered positions ({@code null}: all, in cluster order),
         * each against all rows.
         */
        double[] silhouettes(int[] positions, ExecutionContext ctx) {
            int r = positions == null ? m : positions.length;
            double[] out = new double[r];
            Chunks chunks = Chunks.of(r, 16 * ROWS, 4096);
            ctx.parallelFor(chunks.count(), c -> {
                int from = chunks.start(c);
                int to = chunks.end(c);
                double[] sums = new double[(to - from) * k];
                if (euclidean) {
                    euclideanSums(positions, from, to, sums);
                } else {
                    genericSums(positions, from, to, sums);
                }
                for (int i = from; i < to; i++) {
                    int pos = positions == null ? i : positions[i];
                    out[i] = silhouette(sums, (i - from) * k, p.labels[order[pos]]);
                }
            });
            return out;
        }

        /** {@code s} of one row from its sums of distances to every cluster (its own includes the 0 to itself). */
        private double silhouette(double[] sums, int off, int own) {
            if (p.sizes[own] <= 1) {
                return 0;
            }
            double a = sums[off + own] / (p.sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && p.sizes[c] > 0) {
                    b = Math.min(b, sums[off + c] / p.sizes[c]);
                }
            }
            double den = Math.max(a, b);
            return den == 0 ? 0 : (b - a) / den;
        }

        /**
         * Sums of Euclidean distances from rows {@code [from, to)} of the list to every cluster: tile by tile of
         * columns, the tile's columns packed transposed once and scored against {@link #ROWS} rows at a time.
         */
        private void euclideanSums(int[] positions, int from, int to, double[] sums) {
            int rows = to - from;
            // the rows to score, contiguous as scoresTransposed needs them: the layout itself when scoring all rows
            double[] xr;
            int r0;
            if (positions == null) {
                xr = xs;
                r0 = from;
            } else {
                xr = new double[rows * d];
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(xs, positions[from + i] * d, xr, i * d, d);
                }
                r0 = 0;
            }
            double[] q = new double[rows];
            for (int i = 0; i < rows; i++) {
                q[i] = positions == null ? norms[from + i] : norms[positions[from + i]];
            }
            double[] mT = new double[d * TILE];
            double[] bias = new double[TILE];
            double[] scores = new double[ROWS * TILE];
            for (int t0 = 0; t0 < m; t0 += TILE) {
                int w = Math.min(TILE, m - t0);
                // columns t0 .. t0+w−1 transposed, times −2, with their squared lengths as bias (padding stays 0)
                for (int j = 0; j < w; j++) {
                    int o = (t0 + j) * d;
                    for (int l = 0; l < d; l++) {
                        mT[l * TILE + j] = -2 * xs[o + l];
                    }
                    bias[j] = norms[t0 + j];
                }
                if (w < TILE) {
                    for (int l = 0; l < d; l++) {
                        Arrays.fill(mT, l * TILE + w, (l + 1) * TILE, 0);
                    }
                    Arrays.fill(bias, w, TILE, 0);
                }
                for (int b0 = 0; b0 < rows; b0 += ROWS) {
                    int b1 = Math.min(rows, b0 + ROWS);
                    kernels.scoresTransposed(xr, d, r0 + b0, r0 + b1, mT, bias, TILE, scores);
                    for (int i = b0; i < b1; i++) {
                        int so = (i - b0) * TILE;
                        int off = i * k;
                        // the tile's columns fall into runs of one cluster each
                        int j = t0;
                        int end = t0 + w;
                        int c = clusterAt(j);
                        while (j < end) {
                            while (start[c + 1] <= j) {
                                c++;
                            }
                            int runEnd = Math.min(end, start[c + 1]);
                            sums[off + c] += kernels.distanceSum(scores, so + j - t0, runEnd - j, q[i], xr,
                                    (r0 + i) * d, xs, d, j, norms, CANCELLATION);
                            j = runEnd;
                        }
                    }
                }
            }
        }

        /** The cluster holding cluster-ordered position {@code pos}. */
        private int clusterAt(int pos) {
            int lo = 0;
            int hi = k - 1;
            // the last c with start[c] ≤ pos, skipping empty clusters
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (start[mid] <= pos) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        /** As {@link #euclideanSums}, pair by pair under any distance. */
        private void genericSums(int[] positions, int from, int to, double[] sums) {
            for (int i = from; i < to; i++) {
                int pos = positions == null ? i : positions[i];
                int off = (i - from) * k;
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = start[c]; j < start[c + 1]; j++) {
                        s += distance.between(xs, pos * d, xs, j * d, d);
                    }
                    sums[off + c] = s;
                }
            }
        }
    }
}

package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every internal validity index of one partition at once, under stable JSON keys, in this order:
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>value</th><th>better</th></tr>
 * <tr><td>{@code silhouette}</td><td>{@link SilhouetteScore}: exact up to {@link Options#silhouetteExactMax} rows,
 * above that the unbiased estimate from {@link Options#silhouetteSampleSize} sampled rows, and then also
 * {@code silhouette_standard_error} and {@code silhouette_sample_size}; followed by {@code silhouette_metric}, the
 * distance</td><td>higher</td></tr>
 * <tr><td>{@code calinski_harabasz}</td><td>{@link CalinskiHarabasz}</td><td>higher</td></tr>
 * <tr><td>{@code davies_bouldin}</td><td>{@link DaviesBouldin}</td><td>lower</td></tr>
 * <tr><td>{@code inertia}</td><td>{@link Inertia}: around the given centres (a k-means model's), else around the
 * clusters' means</td><td>lower (for a fixed k)</td></tr>
 * <tr><td>{@code bic}</td><td>{@link KMeansBic}, Pelleg &amp; Moore's form (same centres as inertia)</td>
 * <td>higher</td></tr>
 * <tr><td>{@code noise_points}</td><td>rows labelled {@code -1}, left out of every index</td><td></td></tr>
 * </table>
 *
 * <p>An index that is undefined for the partition is {@code null}: silhouette, Calinski–Harabasz and
 * Davies–Bouldin need 2 to n − 1 non-empty clusters, BIC more rows than clusters and some spread. Every index
 * except the silhouette (which takes the given distance) is Euclidean; none uses sample weights. The gap statistic
 * clusters reference data, so it is model selection ({@code io.cumulo.selection.GapStatistic}), not here. Bad input (labels that do not match the rows, a label below −1) is a one-line {@link CumuloException}.
 */
public final class InternalIndices {
    private InternalIndices() {
    }

    /** With the default options: Euclidean silhouette, indices around the clusters' means. */
    public static Map<String, Object> compute(Dataset data, int[] labels, ExecutionContext ctx) {
        return compute(data, labels, (double[]) null, Options.defaults(), ctx);
    }

    /**
     * With given centres ({@code k × d} row-major, row c the centre of cluster c) for inertia and BIC, or
     * {@code null} for the clusters' means.
     */
    public static Map<String, Object> compute(Dataset data, int[] labels, double[] centres, Options options,
                                              ExecutionContext ctx) {
        Objects.requireNonNull(options);
        Partition p = Partition.of(data, labels, "internal indices");
        if (centres != null) {
            p.requireCentres(centres, "internal indices");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        boolean defined = p.twoToMembersMinusOne();
        if (defined) {
            if (p.members <= options.silhouetteExactMax) {
                m.put("silhouette", SilhouetteScore.compute(data, labels, options.distance, ctx).mean());
            } else {
                SilhouetteScore.Estimate e = SilhouetteScore.estimate(data, labels, options.silhouetteSampleSize,
                        options.seed, options.distance, ctx);
                m.put("silhouette", e.mean());
                m.put("silhouette_standard_error", e.standardError());
                m.put("silhouette_sample_size", e.sampleSize());
            }
            m.put("silhouette_metric", options.distance.id());
        } else {
            m.put("silhouette", null);
        }
        double[] means = p.centroids(ctx);
        m.put("calinski_harabasz", defined ? CalinskiHarabasz.of(p, means, ctx).value() : null);
        m.put("davies_bouldin", defined ? DaviesBouldin.of(p, means, ctx).value() : null);
        double[] around = centres != null ? centres : means;
        m.put("inertia", Inertia.of(p, around, ctx).value());
        KMeansBic.Result bic = KMeansBic.of(p, around, ctx);
        m.put("bic", bic == null ? null : bic.bic());
        m.put("noise_points", p.noise);
        return m;
    }

    /** How the indices are computed. */
    public static final class Options {
        /** Exact silhouette up to this many (non-noise) rows by default. */
        public static final int DEFAULT_SILHOUETTE_EXACT_MAX = 20_000;
        /** Rows scored for the silhouette estimate above it by default. */
        public static final int DEFAULT_SILHOUETTE_SAMPLE_SIZE = 10_000;

        final Distance distance;
        final int silhouetteExactMax;
        final int silhouetteSampleSize;
        final long seed;

        private Options(Builder b) {
            this.distance = b.distance;
            this.silhouetteExactMax = b.silhouetteExactMax;
            this.silhouetteSampleSize = b.silhouetteSampleSize;
            this.seed = b.seed;
        }

        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Distance distance = Distance.EUCLIDEAN;
            private int silhouetteExactMax = DEFAULT_SILHOUETTE_EXACT_MAX;
            private int silhouetteSampleSize = DEFAULT_SILHOUETTE_SAMPLE_SIZE;
            private long seed;

            /** The silhouette's distance (the one the clustering was made under); Euclidean by default. */
            public Builder distance(Distance d) {
                distance = Objects.requireNonNull(d);
                return this;
            }

            /** Exact silhouette up to this many non-noise rows; above, the sampled estimate. */
            public Builder silhouetteExactMax(int rows) {
                if (rows < 0) {
                    throw new CumuloException("silhouette exact limit must be ≥ 0 rows, got " + rows);
                }
                silhouetteExactMax = rows;
                return this;
            }

            /** Rows scored by the silhouette estimate (at least 2). */
            public Builder silhouetteSampleSize(int rows) {
                if (rows < 2) {
                    throw new CumuloException("silhouette sample size must be at least 2 rows, got " + rows);
                }
                silhouetteSampleSize = rows;
                return this;
            }

            /** Seed of the silhouette sample. */
            public Builder seed(long s) {
                seed = s;
                return this;
            }

            public Options build() {
                return new Options(this);
            }
        }
    }
}

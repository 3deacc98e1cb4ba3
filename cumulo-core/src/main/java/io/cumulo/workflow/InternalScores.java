package io.cumulo.workflow;

import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import io.cumulo.metrics.CalinskiHarabasz;
import io.cumulo.metrics.DBCV;
import io.cumulo.metrics.DaviesBouldin;
import io.cumulo.metrics.ExternalMetrics;
import io.cumulo.metrics.Inertia;
import io.cumulo.metrics.KMeansBic;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The internal indices of one partition, computed the one way every front (cluster, evaluate, the server) shows
 * them. Noise rows (label {@code -1}) are left out of every index. The silhouette is under the clustering's own
 * distance (a silhouette under another distance judges a partition its algorithm never tried to make): exact up to
 * {@link #SILHOUETTE_EXACT_MAX} rows when that costs at most {@link #SILHOUETTE_EXACT_WORK}, otherwise the unbiased
 * estimate from {@link #silhouetteSampleSize seeded rows}, each scored against every row, with its standard error
 * (the report's silhouette plot draws the same rows). The
 * centroid-based indices (Calinski-Harabasz, Davies-Bouldin, inertia around the clusters' means, BIC) are Euclidean
 * whatever the clustering's distance. An index undefined for the partition (fewer than 2 clusters, or as many
 * clusters as rows) is null.
 *
 * @param silhouette        exact or estimated mean silhouette, or null
 * @param silhouetteSampled the estimate, when the silhouette was estimated ({@link #silhouetteSampleSize}), else null
 * @param dbcv              DBCV (density-based clustering validation) under the silhouette's distance, for
 *                          clusterings that leave rows out as noise; null when not asked or undefined
 * @param dbcvSampleSize    the rows DBCV was computed on when sampled ({@link #dbcvSampleSize(int, int)}), else 0
 */
public record InternalScores(int clusters, long noise, Double silhouette, SilhouetteScore.Estimate silhouetteSampled,
                             Distance silhouetteDistance, Double calinskiHarabasz, Double daviesBouldin, Double inertia,
                             Double bic, Double dbcv, int dbcvSampleSize) {
    /** Exact silhouette up to this many rows. */
    public static final int SILHOUETTE_EXACT_MAX = 20_000;
    /** The most rows of the silhouette estimate. */
    public static final int SILHOUETTE_SAMPLE = 2_000;
    /** The fewest rows of the silhouette estimate, whatever it costs. */
    public static final int SILHOUETTE_SAMPLE_MIN = 500;
    /**
     * What one row pair costs the silhouette, in multiply-adds: its d coordinates plus {@value #PAIR_OVERHEAD} for the
     * square root, the sum into its cluster and the loop (measured: 200,000 × 2 costs about as much per pair as 18
     * features would).
     */
    static final int PAIR_OVERHEAD = 16;
    /** The exact silhouette's budget, n²·(d + overhead): about 0.6 s on 2 cores (20,000 × 16 is exact). */
    public static final double SILHOUETTE_EXACT_WORK = 2e10;
    /**
     * The estimate's budget, m·n·(d + overhead): about 0.3 s warm on 2 cores. Without it, the silhouette of 70,000
     * rows × 784 features from 2,000 sampled rows took 7 s, four times the k-means fit it judged (docs/benchmarks.md,
     * "Cold start").
     */
    public static final double SILHOUETTE_WORK = 1e10;

    /**
     * How many rows the silhouette of {@code n} rows of {@code d} features is computed from: 0 for the exact value
     * (up to {@link #SILHOUETTE_EXACT_MAX} rows, within {@link #SILHOUETTE_EXACT_WORK}), otherwise as many sampled
     * rows as {@link #SILHOUETTE_WORK} pays for, kept between {@link #SILHOUETTE_SAMPLE_MIN} and
     * {@link #SILHOUETTE_SAMPLE}.
     */
    public static int silhouetteSampleSize(int n, int d) {
        double perPair = Math.max(d, 1) + PAIR_OVERHEAD;
        if (n <= SILHOUETTE_EXACT_MAX && (double) n * n * perPair <= SILHOUETTE_EXACT_WORK) {
            return 0;
        }
        double m = SILHOUETTE_WORK / ((double) n * perPair);
        return (int) Math.max(SILHOUETTE_SAMPLE_MIN, Math.min(SILHOUETTE_SAMPLE, m));
    }

    /** DBCV's budget in row pairs × (features + 16): about a second on 2 cores (its pairs are not vectorised). */
    public static final double DBCV_WORK = 4e9;
    /** The most rows DBCV is computed on. */
    public static final int DBCV_MAX_ROWS = 10_000;

    /**
     * How many rows DBCV of {@code n} rows of {@code d} features is computed on: 0 for all of them (n²·(d + 16) within
     * {@link #DBCV_WORK} and n ≤ {@link #DBCV_MAX_ROWS}), else √(work / (d + 16)) seeded rows, at most
     * {@link #DBCV_MAX_ROWS}, at least 1,000.
     */
    public static int dbcvSampleSize(int n, int d) {
        double perPair = Math.max(d, 1) + PAIR_OVERHEAD;
        if (n <= DBCV_MAX_ROWS && (double) n * n * perPair <= DBCV_WORK) {
            return 0;
        }
        return (int) Math.max(1_000, Math.min(DBCV_MAX_ROWS, Math.sqrt(DBCV_WORK / perPair)));
    }

    /**
     * The indices of {@code labels} on {@code data}; {@code seed} draws the silhouette's sample on large inputs;
     * {@code withInertia}: also the inertia around the clusters' means (one more pass over the data).
     */
    public static InternalScores of(Dataset data, int[] labels, Distance distance, long seed, boolean withInertia,
                                    ExecutionContext ctx) {
        return of(data, labels, distance, seed, withInertia, false, ctx);
    }

    /**
     * As {@link #of(Dataset, int[], Distance, long, boolean, ExecutionContext)}; {@code withDbcv}: also DBCV (the
     * density clusterings' index: clusters of any shape, noise counted against it), on a seeded sample of
     * {@link #dbcvSampleSize} rows for large inputs.
     */
    public static InternalScores of(Dataset data, int[] labels, Distance distance, long seed, boolean withInertia,
                                    boolean withDbcv, ExecutionContext ctx) {
        ExecutionContext quiet = ctx.withProgress(ProgressListener.NONE);
        long noise = Arrays.stream(labels).filter(l -> l == ExternalMetrics.NOISE).count();
        int clusters = (int) Arrays.stream(labels).filter(l -> l != ExternalMetrics.NOISE).distinct().count();
        boolean defined = clusters >= 2 && clusters < labels.length - noise;
        Double silhouette = null;
        SilhouetteScore.Estimate estimate = null;
        Double ch = null;
        Double db = null;
        Double bic = null;
        if (defined) {
            int sample = silhouetteSampleSize(data.rows(), data.cols());
            if (sample == 0) {
                silhouette = SilhouetteScore.score(data, labels, distance, quiet);
            } else {
                estimate = SilhouetteScore.estimate(data, labels, sample, seed, distance, quiet);
                silhouette = estimate.mean();
            }
            ch = CalinskiHarabasz.score(data, labels, quiet);
            db = DaviesBouldin.score(data, labels, quiet);
            bic = KMeansBic.compute(data, labels, quiet).bic();
        }
        Double inertia = withInertia && clusters >= 1 ? Inertia.score(data, labels, quiet) : null;
        Double dbcv = null;
        int dbcvSample = 0;
        if (withDbcv && DBCV.isDefined(labels)) {
            dbcvSample = dbcvSampleSize(data.rows(), data.cols());
            DBCV.Result r = dbcvSample == 0 ? DBCV.compute(data, labels, distance, quiet)
                    : DBCV.estimate(data, labels, dbcvSample, seed, distance, quiet);
            dbcv = r.value();
        }
        return new InternalScores(clusters, noise, silhouette, estimate, distance, ch, db, inertia, bic, dbcv,
                dbcvSample);
    }

    /**
     * The indices of {@code labels} on a square dissimilarity matrix ({@code metric=precomputed}): the exact
     * silhouette from the given dissimilarities ({@link #silhouetteDistance} null). Calinski-Harabasz,
     * Davies-Bouldin, inertia and BIC need feature vectors, so they are null: the matrix's rows are not features.
     */
    public static InternalScores ofDissimilarities(Dataset square, int[] labels, ExecutionContext ctx) {
        long noise = Arrays.stream(labels).filter(l -> l == ExternalMetrics.NOISE).count();
        int clusters = (int) Arrays.stream(labels).filter(l -> l != ExternalMetrics.NOISE).distinct().count();
        boolean defined = clusters >= 2 && clusters < labels.length - noise;
        Double silhouette = defined ? SilhouetteScore.fromDissimilarities(square, labels,
                ctx.withProgress(ProgressListener.NONE)).mean() : null;
        return new InternalScores(clusters, noise, silhouette, null, null, null, null, null, null, null, 0);
    }

    /** The silhouette's distance as the JSON and summaries name it: "precomputed" for given dissimilarities. */
    public String silhouetteMetric() {
        return silhouetteDistance == null ? "precomputed" : silhouetteDistance.id();
    }

    /**
     * What qualifies the silhouette, for the summaries: another distance than Euclidean; an estimate from sampled
     * rows, with its standard error.
     */
    public List<String> silhouetteNotes() {
        List<String> notes = new ArrayList<>();
        if (silhouette != null && silhouetteDistance == null) {
            notes.add("the given dissimilarities");
        } else if (silhouette != null && silhouetteDistance != Distance.EUCLIDEAN) {
            notes.add(silhouetteDistance.id() + " distance");
        }
        if (silhouetteSampled != null) {
            notes.add("estimated on " + silhouetteSampled.sampledRows().length + " sampled rows, standard error "
                    + FigureFormat.format(silhouetteSampled.standardError()));
        }
        return notes;
    }

    /** Whether the silhouette was estimated from sampled rows. */
    public boolean silhouetteIsEstimate() {
        return silhouetteSampled != null;
    }

    /**
     * The keys {@code cumulo cluster --json} has: {@code silhouette} (with {@code silhouette_standard_error} and
     * {@code silhouette_sample_size} when estimated), {@code silhouette_metric} when defined,
     * {@code calinski_harabasz}, {@code davies_bouldin}, {@code bic}, and {@code noise_points} when there is noise.
     */
    public Map<String, Object> toClusterJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        putSilhouette(m);
        if (silhouette != null) {
            m.put("silhouette_metric", silhouetteMetric());
        }
        m.put("calinski_harabasz", calinskiHarabasz);
        m.put("davies_bouldin", daviesBouldin);
        m.put("bic", bic);
        putDbcv(m);
        if (noise > 0) {
            m.put("noise_points", (int) noise);
        }
        return m;
    }

    /**
     * The keys {@code cumulo evaluate --data} has: {@code noise_excluded}, {@code n_clusters}, the silhouette's,
     * {@code silhouette_metric}, {@code calinski_harabasz}, {@code davies_bouldin}, {@code inertia}, {@code bic}.
     */
    public Map<String, Object> toEvaluateJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("noise_excluded", noise);
        m.put("n_clusters", (long) clusters);
        putSilhouette(m);
        m.put("silhouette_metric", silhouetteMetric());
        m.put("calinski_harabasz", calinskiHarabasz);
        m.put("davies_bouldin", daviesBouldin);
        m.put("inertia", inertia);
        m.put("bic", bic);
        putDbcv(m);
        return m;
    }

    /** {@code dbcv} (and {@code dbcv_sample_size} when sampled) when it was computed. */
    private void putDbcv(Map<String, Object> m) {
        if (dbcv != null) {
            m.put("dbcv", dbcv);
            if (dbcvSampleSize > 0) {
                m.put("dbcv_sample_size", dbcvSampleSize);
            }
        }
    }

    private void putSilhouette(Map<String, Object> m) {
        m.put("silhouette", silhouette);
        if (silhouetteSampled != null) {
            m.put("silhouette_standard_error", silhouetteSampled.standardError());
            m.put("silhouette_sample_size", silhouetteSampled.sampledRows().length);
        }
    }
}

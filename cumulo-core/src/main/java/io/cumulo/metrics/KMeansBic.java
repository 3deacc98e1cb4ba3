package io.cumulo.metrics;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.ExecutionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bayesian information criterion of a k-means partition in the spherical-Gaussian form of X-means (D. Pelleg,
 * A. Moore, "X-means: extending K-means with efficient estimation of the number of clusters", ICML 2000,
 * section 3.2). With R rows in M dimensions, K non-empty clusters of {@code R_n} rows and centres {@code μ_n}:
 *
 * <pre>
 *   σ̂²   = Σ_i ‖x_i − μ_(i)‖² / (R − K)                         (pooled over the clusters)
 *   l̂(D) = Σ_n R_n log R_n − R log R − (R/2) log 2π − (R·M/2) log σ̂² − (R − K)/2
 *   p    = (K − 1) + M·K + 1                                    (mixing weights, centres, one variance)
 *   BIC  = l̂(D) − (p/2) log R
 * </pre>
 *
 * <p><b>Sign: larger is better</b> (the paper's convention: a log-likelihood minus a penalty; the k with the
 * largest BIC is chosen). Logarithms are natural.
 *
 * <p>How this reads the paper: its per-cluster log-likelihood is {@code −(R_n/2) log 2π − (R_n·M/2) log σ̂² −
 * (R_n − K)/2 + R_n log R_n − R_n log R}, summed over the clusters. The term {@code −(R_n − K)/2} stands for
 * {@code −Σ_{i∈n} ‖x_i − μ_n‖² / (2σ̂²)}; summed over all clusters with the pooled σ̂² that is exactly
 * {@code −(R − K)/2}, which is what is used here (adding {@code −(R_n − K)/2} cluster by cluster, as some
 * implementations do, would give {@code −(R − K²)/2}). The constant {@code −(R/2) log 2π} is the paper's
 * (a proper M-dimensional density would have {@code −(R·M/2) log 2π}); it does not depend on K, so it does not
 * change which K wins. The centres are the clusters' means, or given ones (a k-means model's). Rows labelled
 * {@code -1} (noise) are left out; sample weights are not used.
 */
public final class KMeansBic {
    static final String NAME = "bic";

    private KMeansBic() {
    }

    /**
     * The criterion and its parts.
     *
     * @param bic           {@code l̂(D) − (p/2) log R}; larger is better
     * @param logLikelihood {@code l̂(D)}
     * @param parameters    {@code p = (K − 1) + M·K + 1}
     * @param variance      the pooled {@code σ̂²}
     * @param clusters      K, non-empty clusters
     * @param rows          R, rows that took part
     * @param noisePoints   rows labelled {@code -1}, left out
     */
    public record Result(double bic, double logLikelihood, int parameters, double variance, int clusters, int rows,
                         int noisePoints) {
        /** Stable JSON keys: {@code bic}, {@code log_likelihood}, {@code parameters}, {@code variance}, ... */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bic", bic);
            m.put("log_likelihood", logLikelihood);
            m.put("parameters", parameters);
            m.put("variance", variance);
            m.put("clusters", clusters);
            m.put("rows", rows);
            m.put("noise_points", noisePoints);
            return m;
        }
    }

    /** With the clusters' means as centres. */
    public static Result compute(Dataset data, int[] labels, ExecutionContext ctx) {
        Partition p = Partition.of(data, labels, NAME);
        return require(of(p, p.centroids(ctx), ctx), p);
    }

    /** With given centres ({@code ≥ k × d} row-major): a k-means model's. */
    public static Result compute(Dataset data, int[] labels, double[] centres, ExecutionContext ctx) {
        Partition p = Partition.of(data, labels, NAME);
        p.requireCentres(centres, NAME);
        return require(of(p, centres, ctx), p);
    }

    private static Result require(Result r, Partition p) {
        if (r == null) {
            if (p.members <= p.clusters) {
                throw new CumuloException(NAME + ": needs more rows than clusters to estimate the variance; found "
                        + p.clusters + " clusters for " + p.members + " rows");
            }
            throw new CumuloException(NAME + ": undefined because every row lies on its centre (the pooled variance is 0)");
        }
        return r;
    }

    /** The criterion, or {@code null} where it is undefined (R ≤ K, or σ̂² = 0). */
    static Result of(Partition p, double[] centres, ExecutionContext ctx) {
        int r = p.members;
        int k = p.clusters;
        if (r <= k) {
            return null;
        }
        double sse = 0;
        for (double s : p.distanceSums(centres, true, ctx)) {
            sse += s;
        }
        double variance = sse / (r - k);
        if (!(variance > 0)) {
            return null;
        }
        int m = p.d;
        double ll = 0;
        for (int size : p.sizes) {
            if (size > 0) {
                ll += size * Math.log(size);
            }
        }
        ll += -r * Math.log(r) - r / 2.0 * Math.log(2 * Math.PI) - (double) r * m / 2.0 * Math.log(variance) - (r - k) / 2.0;
        int params = (k - 1) + m * k + 1;
        double bic = ll - params / 2.0 * Math.log(r);
        return new Result(bic, ll, params, variance, k, r, p.noise);
    }
}

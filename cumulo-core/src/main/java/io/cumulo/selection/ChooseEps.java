package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.exec.Chunks;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.neighbors.Distance;
import io.cumulo.neighbors.NeighborIndex;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Choosing DBSCAN's {@code eps} from the sorted k-distance plot (Ester et al. 1996, section 4.2; the advice users are
 * given with DBSCAN, automated): every row's distance to its k-th nearest row, itself counted as DBSCAN's
 * {@code min-samples} counts it (k = {@code min-samples}), sorted ascending. Rows inside clusters have small
 * k-distances and make the long flat part; noise rows make the steep rise at the end. The suggested {@code eps} is the
 * k-distance at the knee of that curve, found by {@link Kneedle} (a convex increasing curve; the knee where the
 * difference curve is largest): with it, the rows left of the knee would be core rows, those right of it border rows
 * or noise. Immutable; {@link #run} does the work (one k-nearest-neighbour query per row on a {@link NeighborIndex},
 * in parallel over fixed chunks; {@code O(n)} memory).
 */
public final class ChooseEps {
    /** The quantiles of the k-distance reported beside the knee. */
    static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

    private final int minSamples;
    private final Distance metric;
    private final NeighborIndex.Kind index;
    private final Kneedle kneedle;

    private ChooseEps(int minSamples, Distance metric, NeighborIndex.Kind index) {
        if (minSamples < 1) {
            throw new CumuloException("--min-samples: expected an integer ≥ 1, got " + minSamples);
        }
        this.minSamples = minSamples;
        this.metric = metric;
        this.index = index;
        this.kneedle = Kneedle.defaults().withShape(Kneedle.Shape.CONVEX_INCREASING);
    }

    /** k = {@code minSamples} (the row itself counted), under {@code metric}, the search by {@code index}. */
    public static ChooseEps of(int minSamples, Distance metric, NeighborIndex.Kind index) {
        return new ChooseEps(minSamples, metric, index);
    }

    public int minSamples() {
        return minSamples;
    }

    public Distance metric() {
        return metric;
    }

    /**
     * The outcome.
     *
     * @param sorted    every row's k-distance, ascending
     * @param knee      Kneedle's result on ({@code 0 .. n−1}, {@code sorted})
     * @param eps       the suggested eps (the k-distance at the knee), NaN when there is no knee
     * @param kneeIndex the knee's position in {@code sorted}, or -1
     * @param noKnee    why there is no eps (no knee, or a knee at distance 0), null when there is one
     */
    public record Result(int minSamples, Distance metric, double[] sorted, Kneedle.Result knee, double eps,
                         int kneeIndex, String noKnee) {
        public boolean found() {
            return kneeIndex >= 0;
        }

        /** The fraction of rows whose k-distance is at most eps: the rows that would be core rows. */
        public double coreFraction() {
            if (!found()) {
                return Double.NaN;
            }
            int i = kneeIndex;
            while (i + 1 < sorted.length && sorted[i + 1] <= eps) {
                i++;
            }
            return (double) (i + 1) / sorted.length;
        }

        /** The k-distance below which a fraction {@code q} of the rows lie (the nearest rank, ascending). */
        public double quantile(double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        /** Why this eps, in one sentence; or why there is none. */
        public String reason() {
            String k = ordinal(minSamples);
            if (!found()) {
                return "no eps suggested: " + noKnee + "; look at the curve and take an eps where it turns upward";
            }
            return String.format(Locale.ROOT, "the knee (Kneedle) of the sorted distances to each row's %s nearest row "
                    + "(itself counted, as min-samples=%d counts): %.1f%% of rows have %d rows within eps and would be "
                    + "core rows; beyond the knee the distances rise steeply (sparse rows: borders and noise)", k,
                    minSamples, 100 * coreFraction(), minSamples);
        }

        /**
         * {@code eps} (null without a knee), {@code knee_index}, {@code core_fraction}, {@code reason},
         * {@code k_distance_quantiles}, {@code k_distance_max}, the Kneedle settings (not its difference curve: one
         * value per row).
         */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("min_samples", minSamples);
            m.put("metric", metric.id());
            m.put("eps", found() ? (Object) eps : null);
            m.put("knee_index", found() ? (Object) kneeIndex : null);
            m.put("core_fraction", found() ? (Object) coreFraction() : null);
            m.put("reason", reason());
            Map<String, Object> q = new LinkedHashMap<>();
            for (double p : QUANTILES) {
                q.put(String.format(Locale.ROOT, "%.2f", p), quantile(p));
            }
            m.put("k_distance_quantiles", q);
            m.put("k_distance_max", sorted[sorted.length - 1]);
            Map<String, Object> kn = new LinkedHashMap<>(knee.toJson());
            kn.remove("difference");
            kn.remove("knees");
            m.put("kneedle", kn);
            return m;
        }

        private static String ordinal(int k) {
            int r100 = k % 100;
            String suffix = r100 >= 11 && r100 <= 13 ? "th" : k % 10 == 1 ? "st" : k % 10 == 2 ? "nd"
                    : k % 10 == 3 ? "rd" : "th";
            return k + suffix;
        }
    }

    /** The sorted k-distances of the rows of {@code data} and their knee. */
    public Result run(Dataset data, ExecutionContext ctx) {
        int n = data.rows();
        int d = data.cols();
        if (n == 0) {
            throw new CumuloException(data.source() + ": no rows");
        }
        if (minSamples > n) {
            throw new CumuloException("--min-samples: " + minSamples + " is larger than the number of rows (" + n
                    + ") in " + data.source());
        }
        metric.requireDefined(data);
        double[] x = data.rawValues();
        NeighborIndex idx;
        try {
            idx = NeighborIndex.build(x, n, d, metric, index, ctx);
        } catch (CumuloException e) {
            throw new CumuloException("--index " + index.id() + " with --metric " + metric.id() + ": " + e.getMessage());
        }
        ctx.progress().update("choose-eps: " + minSamples + "-nearest distances", 0, 1);
        double[] kd = new double[n];
        int k = minSamples;
        Chunks chunks = Chunks.of(n, 64, Integer.MAX_VALUE);
        ctx.parallelFor(chunks.count(), c -> {
            int[] rows = new int[k];
            double[] dist = new double[k];
            for (int i = chunks.start(c); i < chunks.end(c); i++) {
                idx.nearest(x, i * d, k, rows, dist);
                kd[i] = dist[k - 1];
            }
        });
        Arrays.sort(kd);
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        Kneedle.Result knee = kneedle.find(rank, kd);
        int at = knee.kneeIndex();
        if (at < 0) {
            return new Result(minSamples, metric, kd, knee, Double.NaN, -1, "no knee in the sorted distances to each "
                    + "row's " + Result.ordinal(k) + " nearest row (" + knee.reason().orElse("") + ")");
        }
        if (kd[at] == 0) {
            return new Result(minSamples, metric, kd, knee, Double.NaN, -1, String.format(Locale.ROOT, "the knee is at "
                    + "distance 0: %d of %d rows have %d or more identical rows (themselves counted); give a larger "
                    + "--min-samples", at + 1, n, k));
        }
        return new Result(minSamples, metric, kd, knee, kd[at], at, null);
    }
}

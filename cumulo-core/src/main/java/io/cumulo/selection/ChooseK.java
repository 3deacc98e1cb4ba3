package io.cumulo.selection;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.ClusterTree;
import io.cumulo.estimator.Tree;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.Sampling;
import io.cumulo.metrics.CalinskiHarabasz;
import io.cumulo.metrics.DaviesBouldin;
import io.cumulo.metrics.Inertia;
import io.cumulo.metrics.KMeansBic;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Choosing the number of clusters: fits a clustering for every k of a range, computes each criterion on every fit,
 * recommends a k per criterion and one overall.
 *
 * <p>Per criterion: <b>elbow</b>, the knee of the inertia curve found by {@link Kneedle} (Satopää et al. 2011);
 * <b>silhouette</b> and <b>Calinski-Harabasz</b> (ch), the largest; <b>Davies-Bouldin</b> (db), the smallest;
 * <b>gap</b> (Tibshirani, Walther &amp; Hastie 2001), the smallest k with {@code gap(k) ≥ gap(k+1) − s(k+1)};
 * <b>BIC</b> (Pelleg &amp; Moore's spherical-Gaussian form), the largest; <b>height</b> (hierarchical trees only), the
 * largest jump between the merge heights on either side of the cut. Ties go to the smaller k.
 *
 * <p>Overall: the k recommended by the most criteria; between ks with as many votes, the one with the higher
 * silhouette (the criterion that compares cohesion with separation directly), else the smaller k.
 *
 * <p>Work shared between the ks: the data are scaled once (by the caller); the gap statistic draws its B
 * reference sets once and clusters each of them for every k; the rows of the silhouette sample (when n is
 * large) are the same for every k, so the estimates differ by the clusterings, not by the draw.
 */
public final class ChooseK {
    /** The criteria, by the names the CLI and JSON use. */
    public enum Criterion {
        ELBOW("elbow"), SILHOUETTE("silhouette"), CH("ch"), DB("db"), GAP("gap"), BIC("bic"), HEIGHT("height");

        private final String id;

        Criterion(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The criterion called {@code name}; an unknown name is an error listing the known ones. */
        public static Criterion parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Criterion c : values()) {
                if (c.id.equals(n)) {
                    return c;
                }
            }
            List<String> known = new ArrayList<>();
            for (Criterion c : values()) {
                known.add(c.id);
            }
            throw new CumuloException("unknown criterion '" + name + "'; expected some of: " + String.join(", ", known));
        }
    }

    /** Exact silhouette up to this many rows (and within {@link #SILHOUETTE_WORK}); else a seeded sample of rows. */
    public static final int SILHOUETTE_EXACT_MAX = 20_000;
    /** The most rows of the sampled silhouette (scored among themselves, the same rows for every k). */
    public static final int SILHOUETTE_SAMPLE = 10_000;
    /** The fewest rows of the sampled silhouette. */
    public static final int SILHOUETTE_SAMPLE_MIN = 2_000;
    /**
     * The silhouette's budget per k in row pairs × (features + 16), as {@code cumulo cluster}'s
     * ({@code workflow.InternalScores}): about half a second on 2 cores. Without it, 10,000 sampled rows of 784
     * features cost 7.8·10¹⁰ multiply-adds for every k.
     */
    public static final double SILHOUETTE_WORK = 2e10;

    /**
     * Rows the silhouette of each k is computed among: 0 for every row (exact: n ≤ {@link #SILHOUETTE_EXACT_MAX}
     * and n²·(d + 16) ≤ {@link #SILHOUETTE_WORK}), else √(work / (d + 16)) seeded rows, between
     * {@link #SILHOUETTE_SAMPLE_MIN} and {@link #SILHOUETTE_SAMPLE} (10,000 up to 184 features).
     */
    public static int silhouetteSampleSize(int n, int d) {
        double perPair = Math.max(d, 1) + 16;
        if (n <= SILHOUETTE_EXACT_MAX && (double) n * n * perPair <= SILHOUETTE_WORK) {
            return 0;
        }
        double m = Math.sqrt(SILHOUETTE_WORK / perPair);
        return (int) Math.max(SILHOUETTE_SAMPLE_MIN, Math.min(SILHOUETTE_SAMPLE, m));
    }
    /**
     * Above this many rows the gap statistic is computed on a seeded sample of this size: the full fit's labels
     * restricted to the sampled rows, and references of the sample's size (B references × every k would otherwise
     * cost B times the fits themselves).
     */
    public static final int GAP_MAX_ROWS = 5_000;

    private final int kMin;
    private final int kMax;
    private final Set<Criterion> criteria;
    private final boolean criteriaGiven;
    private final int gapReferences;
    private final String gapReference;
    private final long seed;
    private final Distance distance;

    private ChooseK(Builder b) {
        if (b.kMin < 2) {
            throw new CumuloException("k-range: the smallest k must be at least 2, got " + b.kMin
                    + " (one cluster has no silhouette, Calinski-Harabasz or Davies-Bouldin value)");
        }
        if (b.kMax < b.kMin) {
            throw new CumuloException("k-range: " + b.kMin + ".." + b.kMax + " is empty; expected MIN..MAX with MIN ≤ MAX");
        }
        if (b.criteria.isEmpty()) {
            throw new CumuloException("criteria: none given");
        }
        if (b.gapReferences < 1) {
            throw new CumuloException("gap-references: expected at least 1, got " + b.gapReferences);
        }
        if (!b.gapReference.equals("pca") && !b.gapReference.equals("box")) {
            throw new CumuloException("gap-reference: expected pca or box, got '" + b.gapReference + "'");
        }
        this.kMin = b.kMin;
        this.kMax = b.kMax;
        this.criteria = Collections.unmodifiableSet(EnumSet.copyOf(b.criteria));
        this.criteriaGiven = b.criteriaGiven;
        this.gapReferences = b.gapReferences;
        this.gapReference = b.gapReference;
        this.seed = b.seed;
        this.distance = b.distance;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int kMin() {
        return kMin;
    }

    public int kMax() {
        return kMax;
    }

    public Set<Criterion> criteria() {
        return criteria;
    }

    /** The criteria and the k values of one fit. */
    public record Row(int k, double inertia, Double silhouette, Double calinskiHarabasz, Double daviesBouldin,
                      Double gap, Double gapSk, Double bic, Double heightJump, double fitSeconds) {
        /** Under the stable JSON keys (criteria not computed are left out). */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", k);
            m.put("inertia", inertia);
            putIf(m, "silhouette", silhouette);
            putIf(m, "calinski_harabasz", calinskiHarabasz);
            putIf(m, "davies_bouldin", daviesBouldin);
            putIf(m, "gap", gap);
            putIf(m, "gap_sk", gapSk);
            putIf(m, "bic", bic);
            putIf(m, "height_jump", heightJump);
            m.put("fit_seconds", fitSeconds);
            return m;
        }

        private static void putIf(Map<String, Object> m, String key, Double v) {
            if (v != null) {
                m.put(key, v);
            }
        }
    }

    /** One criterion's answer: a k, or none and why. */
    public record Recommendation(Criterion criterion, Integer k, String note) {
    }

    /** The whole table, each criterion's recommendation and the overall one. */
    public record Result(List<Row> table, Map<Criterion, Recommendation> recommendations, int recommendedK,
                         String reason, int rows, int silhouetteSampleSize, boolean gapSampled,
                         String silhouetteMetric, boolean oneTree) {
        /** Whether the silhouettes were computed among {@link #silhouetteSampleSize} sampled rows. */
        public boolean silhouetteSampled() {
            return silhouetteSampleSize > 0;
        }

        /** {@code table}, {@code recommendations} (criterion → k or null), {@code recommended_k}, {@code reason}. */
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> t = new ArrayList<>();
            for (Row r : table) {
                t.add(r.toJson());
            }
            m.put("table", t);
            Map<String, Object> rec = new LinkedHashMap<>();
            Map<String, Object> notes = new LinkedHashMap<>();
            for (Recommendation r : recommendations.values()) {
                rec.put(r.criterion().id(), r.k());
                if (r.note() != null) {
                    notes.put(r.criterion().id(), r.note());
                }
            }
            m.put("recommendations", rec);
            if (!notes.isEmpty()) {
                m.put("notes", notes);
            }
            m.put("recommended_k", recommendedK);
            m.put("reason", reason);
            if (table.get(0).silhouette() != null) {
                m.put("silhouette_metric", silhouetteMetric);
            }
            if (silhouetteSampled()) {
                m.put("silhouette_sample_size", silhouetteSampleSize);
            }
            if (gapSampled) {
                m.put("gap_sample_size", GAP_MAX_ROWS);
            }
            m.put("fits", oneTree ? 1 : table.size());
            return m;
        }
    }

    /**
     * Fits {@code clustererForK.apply(k)} to {@code data} (already scaled as wanted) for every k of the range and
     * evaluates the criteria. The gap statistic refits the same clusterers to its reference sets. A clusterer whose
     * model cuts its tree at any k ({@link Tree#labelsAt}, hierarchical clustering) is fitted once: every k is a cut
     * of that one tree, exactly what a fit at that k would give; its references for the gap are fitted once each too.
     */
    public Result run(Dataset data, IntFunction<Clusterer<?>> clustererForK, ExecutionContext ctx) {
        int n = data.rows();
        if (kMax >= n) {
            throw new CumuloException("k-range: the largest k (" + kMax + ") must be below the number of rows (" + n
                    + ") of " + data.source());
        }
        int count = kMax - kMin + 1;
        int silhouetteSample = silhouetteSampleSize(n, data.cols());
        List<Row> table = new ArrayList<>();
        ctx.progress().update("choose-k: k=" + kMin, 0, count);
        long t0 = System.nanoTime();
        ClusteringModel firstModel = clustererForK.apply(kMin).fit(data, ctx);
        double firstSeconds = (System.nanoTime() - t0) / 1e9;
        ClusterTree tree = firstModel.as(Tree.class).filter(t -> t.labelsAt(kMin).isPresent()).map(Tree::tree)
                .orElse(null);
        Set<Criterion> used = EnumSet.copyOf(criteria);
        if (tree == null && used.contains(Criterion.HEIGHT)) {
            if (criteriaGiven) {
                throw new CumuloException("criterion height: needs a tree over the rows (agglomerative, diana); "
                        + firstModel.name() + " builds none");
            }
            used.remove(Criterion.HEIGHT);
        }
        if (used.isEmpty()) {
            throw new CumuloException("criteria: none applies to " + firstModel.name());
        }
        Tree cutter = tree == null ? null : firstModel.as(Tree.class).orElseThrow();
        GapStatistic gapStat = used.contains(Criterion.GAP)
                ? GapStatistic.builder().references(gapReferences).reference(gapReference).seed(seed)
                        .partitioner(tree == null ? (d, k, s, c) -> clustererForK.apply(k).fit(d, c).labels()
                                : new OneTreePerDataset(clustererForK)).build()
                : null;
        // gap(k) and s_k by k, from the fits below; one more k past the range so the rule can judge kMax too
        Map<Integer, double[]> gap = new HashMap<>();
        int[] gapRows = n > GAP_MAX_ROWS ? Sampling.sortedSample(n, GAP_MAX_ROWS, seed) : null;
        Dataset gapData = gapRows == null ? data : data.selectRows(gapRows);
        for (int t = 0; t < count; t++) {
            int k = kMin + t;
            ctx.progress().update("choose-k: k=" + k, t, count);
            int[] labels;
            double seconds;
            if (t == 0) {
                labels = firstModel.labels();
                seconds = firstSeconds;
            } else if (cutter != null) {
                long c0 = System.nanoTime();
                labels = cutter.labelsAt(k).orElseThrow();
                seconds = (System.nanoTime() - c0) / 1e9;
            } else {
                long f0 = System.nanoTime();
                labels = clustererForK.apply(k).fit(data, ctx).labels();
                seconds = (System.nanoTime() - f0) / 1e9;
            }
            double inertia = Inertia.score(data, labels, ctx);
            Double sil = null;
            Double ch = null;
            Double db = null;
            Double bic = null;
            if (used.contains(Criterion.SILHOUETTE)) {
                sil = silhouetteSample > 0
                        ? SilhouetteScore.sampledScore(data, labels, silhouetteSample, seed, distance, ctx)
                        : SilhouetteScore.score(data, labels, distance, ctx);
            }
            if (used.contains(Criterion.CH)) {
                ch = CalinskiHarabasz.score(data, labels, ctx);
            }
            if (used.contains(Criterion.DB)) {
                db = DaviesBouldin.score(data, labels, ctx);
            }
            if (used.contains(Criterion.BIC)) {
                bic = KMeansBic.compute(data, labels, ctx).bic();
            }
            Double jump = used.contains(Criterion.HEIGHT) ? heightJump(tree, k) : null;
            Double g = null;
            Double s = null;
            if (gapStat != null) {
                GapStatistic.Result gr = gapStat.atLabels(gapData, restrict(labels, gapRows), ctx);
                int kk = gr.ks()[0]; // the non-empty clusters: k unless the fit left one empty
                g = gr.gap(kk);
                s = gr.sk(kk);
                gap.put(k, new double[] {g, s});
            }
            table.add(new Row(k, inertia, sil, ch, db, g, s, bic, jump, seconds));
        }
        if (gapStat != null && kMax + 1 < n) {
            int k = kMax + 1;
            // only the gap needs this k: fitted on the gap's rows
            int[] labels = cutter != null && gapRows == null ? cutter.labelsAt(k).orElseThrow()
                    : clustererForK.apply(k).fit(gapData, ctx).labels();
            GapStatistic.Result gr = gapStat.atLabels(gapData, labels, ctx);
            gap.put(k, new double[] {gr.gap(gr.ks()[0]), gr.sk(gr.ks()[0])});
        }
        ctx.progress().update("choose-k", count, count);
        Map<Criterion, Recommendation> rec = new EnumMap<>(Criterion.class);
        // gap: the references are drawn from the seed alone, so every k is compared with the same B data sets
        for (Criterion c : used) {
            rec.put(c, recommend(c, table, gap, tree));
        }
        int[] overall = new int[1];
        String reason = overall(table, rec, overall);
        return new Result(List.copyOf(table), Collections.unmodifiableMap(rec), overall[0], reason, n, silhouetteSample,
                gapStat != null && gapRows != null, distance.id(), tree != null);
    }

    /**
     * The largest-jump rule's value at k: how much higher the merge that would leave k − 1 clusters is than the
     * last merge made for k clusters ({@code h[n−k] − h[n−k−1]}, merges in the tree's order).
     */
    static double heightJump(ClusterTree tree, int k) {
        int m = tree.merges();
        return tree.height(m - k + 1) - tree.height(m - k);
    }

    /**
     * The gap's partitioner for a clusterer with a tree: one fit per data set (the data or a reference), every k a
     * cut of it. A data set is recognised by its values, so the references the gap draws again for each k (the same
     * values from the same seed) are fitted once.
     */
    private static final class OneTreePerDataset implements GapStatistic.Partitioner {
        private final IntFunction<Clusterer<?>> clustererForK;
        private final List<double[]> values = new ArrayList<>();
        private final List<Tree> trees = new ArrayList<>();

        OneTreePerDataset(IntFunction<Clusterer<?>> clustererForK) {
            this.clustererForK = clustererForK;
        }

        @Override
        public int[] labels(Dataset data, int k, long seed, ExecutionContext ctx) {
            double[] v = data.rawValues();
            for (int i = 0; i < values.size(); i++) {
                if (Arrays.equals(values.get(i), v)) {
                    return trees.get(i).labelsAt(k).orElseThrow();
                }
            }
            ClusteringModel m = clustererForK.apply(k).fit(data, ctx);
            Tree t = m.as(Tree.class).orElseThrow();
            values.add(v);
            trees.add(t);
            return m.labels();
        }
    }

    private static int[] restrict(int[] labels, int[] rows) {
        if (rows == null) {
            return labels;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    private Recommendation recommend(Criterion c, List<Row> table, Map<Integer, double[]> gap, ClusterTree tree) {
        switch (c) {
            case ELBOW: {
                if (table.size() < 3) {
                    return new Recommendation(c, null, "the elbow needs at least 3 values of k");
                }
                double[] x = new double[table.size()];
                double[] y = new double[table.size()];
                for (int t = 0; t < x.length; t++) {
                    x[t] = table.get(t).k();
                    y[t] = table.get(t).inertia();
                }
                Kneedle.Result r = Kneedle.defaults().find(x, y);
                if (!r.found()) {
                    return new Recommendation(c, null, r.reason().orElse("no elbow in the inertia curve"));
                }
                return new Recommendation(c, (int) Math.round(r.knee().getAsDouble()), null);
            }
            case SILHOUETTE:
                return best(c, table, Row::silhouette, true);
            case CH:
                return best(c, table, Row::calinskiHarabasz, true);
            case DB:
                return best(c, table, Row::daviesBouldin, false);
            case BIC:
                return best(c, table, Row::bic, true);
            case HEIGHT: {
                Recommendation r = best(c, table, Row::heightJump, true);
                return tree.monotone() || r.k() == null ? r : new Recommendation(c, r.k(), "the tree is not "
                        + "monotone (centroid or median linkage): heights are compared in merge order");
            }
            case GAP: {
                for (Row r : table) {
                    double[] next = gap.get(r.k() + 1);
                    if (next != null && r.gap() >= next[0] - next[1]) {
                        return new Recommendation(c, r.k(), null);
                    }
                }
                return new Recommendation(c, null, "no k in " + kMin + ".." + kMax
                        + " has gap(k) ≥ gap(k+1) − s(k+1); more clusters may be needed");
            }
            default:
                throw new IllegalStateException(c.toString());
        }
    }

    private static Recommendation best(Criterion c, List<Row> table, Function<Row, Double> value,
                                       boolean larger) {
        Integer bestK = null;
        double bestV = 0;
        for (Row r : table) {
            Double v = value.apply(r);
            if (v == null || Double.isNaN(v)) {
                continue;
            }
            if (bestK == null || (larger ? v > bestV : v < bestV)) {
                bestK = r.k();
                bestV = v;
            }
        }
        return new Recommendation(c, bestK, bestK == null ? "no value for any k" : null);
    }

    /** The overall k into {@code out[0]}; returns the one-sentence reason. */
    private static String overall(List<Row> table, Map<Criterion, Recommendation> rec, int[] out) {
        Map<Integer, List<String>> votes = new TreeMap<>();
        for (Recommendation r : rec.values()) {
            if (r.k() != null) {
                votes.computeIfAbsent(r.k(), x -> new ArrayList<>()).add(r.criterion().id());
            }
        }
        if (votes.isEmpty()) {
            out[0] = table.get(0).k();
            return "no criterion recommended a k in the range; reporting the smallest";
        }
        int bestK = -1;
        int bestVotes = 0;
        double bestSil = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Integer, List<String>> e : votes.entrySet()) {
            int v = e.getValue().size();
            double sil = silhouetteOf(table, e.getKey());
            if (v > bestVotes || (v == bestVotes && sil > bestSil)) {
                bestK = e.getKey();
                bestVotes = v;
                bestSil = sil;
            }
        }
        out[0] = bestK;
        int voters = 0;
        for (List<String> l : votes.values()) {
            voters += l.size();
        }
        List<String> who = votes.get(bestK);
        String reason = "k=" + bestK + " is recommended by " + join(who) + " (" + who.size() + " of " + voters
                + " criteria)";
        boolean tied = false;
        for (Map.Entry<Integer, List<String>> e : votes.entrySet()) {
            if (e.getKey() != bestK && e.getValue().size() == bestVotes) {
                tied = true;
            }
        }
        return tied ? reason + "; it ties on votes and has the higher silhouette" : reason;
    }

    private static double silhouetteOf(List<Row> table, int k) {
        for (Row r : table) {
            if (r.k() == k && r.silhouette() != null) {
                return r.silhouette();
            }
        }
        return Double.NEGATIVE_INFINITY;
    }

    private static String join(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** Settings; validated when built. */
    public static final class Builder {
        private int kMin = 2;
        private int kMax = 15;
        private Set<Criterion> criteria = EnumSet.allOf(Criterion.class);
        private boolean criteriaGiven;
        private int gapReferences = 10;
        private String gapReference = "pca";
        private long seed;
        private Distance distance = Distance.EUCLIDEAN;

        public Builder kRange(int min, int max) {
            this.kMin = min;
            this.kMax = max;
            return this;
        }

        public Builder criteria(Set<Criterion> c) {
            this.criteria = EnumSet.noneOf(Criterion.class);
            this.criteria.addAll(c);
            this.criteriaGiven = true;
            return this;
        }

        /** B, the number of reference data sets of the gap statistic (default 10). */
        public Builder gapReferences(int b) {
            this.gapReferences = b;
            return this;
        }

        /** Where the gap's references are drawn: {@code pca} (default) or {@code box} ({@link GapStatistic}). */
        public Builder gapReference(String r) {
            this.gapReference = r;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * The distance of the silhouette (default Euclidean): the clustering's own, e.g. k-medoids' metric. The
         * centroid-based criteria (inertia, CH, DB, gap, BIC) are Euclidean whatever it is.
         */
        public Builder silhouetteDistance(Distance d) {
            this.distance = Objects.requireNonNull(d);
            return this;
        }

        public ChooseK build() {
            return new ChooseK(this);
        }
    }
}

package io.cumulo.profile;

import io.cumulo.CumuloException;
import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each cluster looks like, in the features' own units: its size and share, centre, per-feature mean,
 * median, standard deviation, minimum and maximum, the standardised mean difference (SMD) of every feature
 * against the rest of the data, the features ranked by it, and a one-line description such as
 * {@code cluster 2 (31%): high petal_length, high petal_width, low sepal_width}. Made by
 * {@link ClusterProfiler}, which defines every number; immutable.
 *
 * <p>The JSON form ({@link #toJson()}, read back by {@link #fromJson(JsonObject)}) is versioned:
 * {@code "format": "cumulo-profile"}, {@code "format_version": 1}; a reader refuses newer versions.
 */
public final class ClusterProfile {
    public static final String FORMAT = "cumulo-profile";
    public static final int FORMAT_VERSION = 1;

    /** Per-feature statistics of one group of rows (or of all rows). Immutable; accessors return copies. */
    public static final class FeatureStats {
        private final double[] mean;
        private final double[] median;
        private final double[] sd;
        private final double[] min;
        private final double[] max;

        FeatureStats(double[] mean, double[] median, double[] sd, double[] min, double[] max) {
            this.mean = mean.clone();
            this.median = median.clone();
            this.sd = sd.clone();
            this.min = min.clone();
            this.max = max.clone();
        }

        public double[] mean() {
            return mean.clone();
        }

        public double[] median() {
            return median.clone();
        }

        /** Population standard deviation (divided by the group's size). */
        public double[] sd() {
            return sd.clone();
        }

        public double[] min() {
            return min.clone();
        }

        public double[] max() {
            return max.clone();
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", mean);
            m.put("median", median);
            m.put("sd", sd);
            m.put("min", min);
            m.put("max", max);
            return m;
        }

        static FeatureStats fromJson(JsonObject j, int d) {
            return new FeatureStats(vector(j, "mean", d), vector(j, "median", d), vector(j, "sd", d),
                    vector(j, "min", d), vector(j, "max", d));
        }
    }

    /** The profile of one cluster (or of the noise rows). Immutable; accessors return copies. */
    public static final class Group {
        private final int cluster;
        private final String name;
        private final int size;
        private final double share;
        private final double[] centre;
        private final String centreKind;
        private final FeatureStats stats;
        private final double[] smd;
        private final String description;

        Group(int cluster, String name, int size, double share, double[] centre, String centreKind, FeatureStats stats,
              double[] smd, String description) {
            this.cluster = cluster;
            this.name = name;
            this.size = size;
            this.share = share;
            this.centre = centre.clone();
            this.centreKind = centreKind;
            this.stats = stats;
            this.smd = smd.clone();
            this.description = description;
        }

        /** The cluster number, {@code -1} for the noise rows. */
        public int cluster() {
            return cluster;
        }

        public boolean isNoise() {
            return cluster < 0;
        }

        /** How the group is called in the description: {@code cluster 2}, {@code noise}, or a given name. */
        public String name() {
            return name;
        }

        public int size() {
            return size;
        }

        /** Size over the number of rows profiled (noise included). */
        public double share() {
            return share;
        }

        /** The model's centre or medoid in the original units, or the per-feature mean; see {@link #centreKind()}. */
        public double[] centre() {
            return centre.clone();
        }

        /** {@code centre} (a fitted centre), {@code medoid} (a data row) or {@code mean} (no centre: the means). */
        public String centreKind() {
            return centreKind;
        }

        public FeatureStats stats() {
            return stats;
        }

        /** Standardised mean difference of each feature against the rest (see {@link ClusterProfiler}). */
        public double[] smd() {
            return smd.clone();
        }

        /** Feature indices by decreasing |SMD|, ties in feature order. */
        public int[] ranking() {
            return rank(smd);
        }

        public String description() {
            return description;
        }
    }

    private final List<String> features;
    private final int rows;
    private final double threshold;
    private final int maxDescribed;
    private final FeatureStats overall;
    private final List<Group> groups;
    private final int[] emptyClusters;

    ClusterProfile(List<String> features, int rows, double threshold, int maxDescribed, FeatureStats overall,
                   List<Group> groups, int[] emptyClusters) {
        this.features = List.copyOf(features);
        this.rows = rows;
        this.threshold = threshold;
        this.maxDescribed = maxDescribed;
        this.overall = overall;
        this.groups = List.copyOf(groups);
        this.emptyClusters = emptyClusters.clone();
    }

    public List<String> features() {
        return features;
    }

    /** Rows profiled, noise included. */
    public int rows() {
        return rows;
    }

    /** |SMD| at or above which a feature is called high or low. */
    public double threshold() {
        return threshold;
    }

    /** At most this many features in a description. */
    public int maxDescribed() {
        return maxDescribed;
    }

    /** Statistics of all rows together. */
    public FeatureStats overall() {
        return overall;
    }

    /** The clusters with at least one row, by number, then the noise group if there is one. */
    public List<Group> groups() {
        return groups;
    }

    /** Cluster numbers that had no row (for example when a model labels new data). */
    public int[] emptyClusters() {
        return emptyClusters.clone();
    }

    /** The group of cluster {@code c} ({@code -1}: noise), if it has rows. */
    public Optional<Group> group(int c) {
        return groups.stream().filter(g -> g.cluster() == c).findFirst();
    }

    /** One description per group, in {@link #groups()} order. */
    public List<String> descriptions() {
        return groups.stream().map(Group::description).toList();
    }

    /**
     * The one-line description: {@code NAME (SHARE): high f1, low f2, ...}, at most {@code maxDescribed}
     * features with |SMD| ≥ {@code threshold}, by decreasing |SMD|; {@code close to the overall average} when
     * none passes; {@code the only cluster} when there is nothing to compare with.
     */
    static String describe(String name, double share, double[] smd, List<String> features, double threshold,
                           int maxDescribed, boolean nothingToCompare) {
        StringBuilder sb = new StringBuilder(name).append(" (").append(percent(share)).append("): ");
        if (nothingToCompare) {
            return sb.append(name.equals("noise") ? "every row is noise" : "the only cluster").toString();
        }
        int said = 0;
        for (int j : rank(smd)) {
            if (said == maxDescribed || !(Math.abs(smd[j]) >= threshold)) {
                break;
            }
            sb.append(said == 0 ? "" : ", ").append(smd[j] > 0 ? "high " : "low ").append(features.get(j));
            said++;
        }
        if (said == 0) {
            sb.append("close to the overall average");
        }
        return sb.toString();
    }

    /**
     * A share as a whole percentage; {@code <1%} and {@code >99%} rather than a rounded 0% or 100% for a group
     * that is neither empty nor everything.
     */
    static String percent(double share) {
        if (share > 0 && share < 0.005) {
            return "<1%";
        }
        if (share < 1 && share > 0.995) {
            return ">99%";
        }
        return Math.round(share * 100) + "%";
    }

    static int[] rank(double[] smd) {
        Integer[] idx = new Integer[smd.length];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(Math.abs(smd[b]), Math.abs(smd[a]));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[idx.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = idx[j];
        }
        return out;
    }

    /** The versioned JSON form (the {@code profile} block of {@code --json} outputs). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", FORMAT_VERSION);
        m.put("n_samples", rows);
        m.put("features", features);
        m.put("smd_threshold", threshold);
        m.put("max_described", maxDescribed);
        m.put("overall", overall.toJson());
        List<Object> list = new ArrayList<>();
        for (Group g : groups) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cluster", g.cluster);
            c.put("name", g.name);
            c.put("size", g.size);
            c.put("share", g.share);
            c.put("description", g.description);
            c.put("centre", g.centre);
            c.put("centre_kind", g.centreKind);
            c.putAll(g.stats.toJson());
            c.put("smd", g.smd);
            List<Object> ranked = new ArrayList<>();
            for (int j : g.ranking()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("feature", features.get(j));
                f.put("smd", g.smd[j]);
                f.put("direction", Math.abs(g.smd[j]) >= threshold ? (g.smd[j] > 0 ? "high" : "low") : "similar");
                ranked.add(f);
            }
            c.put("distinguishing", ranked);
            list.add(c);
        }
        m.put("clusters", list);
        m.put("empty_clusters", emptyClusters);
        return m;
    }

    public String toJsonString() {
        return Json.writePretty(toJson());
    }

    /** Reads the JSON form back; every problem is a one-line {@link CumuloException} naming the field. */
    public static ClusterProfile fromJson(JsonObject j) {
        if (!FORMAT.equals(j.get("format"))) {
            throw new CumuloException("not a Cumulo cluster profile (no \"format\": \"" + FORMAT + "\")");
        }
        int version = j.getInt("format_version");
        if (version > FORMAT_VERSION || version < 1) {
            throw new CumuloException("cluster profile format version " + version + " is not one this Cumulo reads (1 to "
                    + FORMAT_VERSION + ")");
        }
        List<String> features = j.getStringList("features");
        int d = features.size();
        List<Group> groups = new ArrayList<>();
        List<Object> clusters = j.getList("clusters");
        for (int i = 0; i < clusters.size(); i++) {
            if (!(clusters.get(i) instanceof Map<?, ?>)) {
                throw new CumuloException("cluster profile: 'clusters' entry " + i + " should be an object");
            }
            @SuppressWarnings("unchecked")
            JsonObject c = JsonObject.of((Map<String, Object>) clusters.get(i), "cluster profile clusters[" + i + "]");
            groups.add(new Group(c.getInt("cluster"), c.getString("name"), c.getInt("size"), c.getDouble("share"),
                    vector(c, "centre", d), c.getString("centre_kind"), FeatureStats.fromJson(c, d), vector(c, "smd", d),
                    c.getString("description")));
        }
        return new ClusterProfile(features, j.getInt("n_samples"), j.getDouble("smd_threshold"), j.getInt("max_described"),
                FeatureStats.fromJson(j.getObject("overall"), d), groups, j.getIntArray("empty_clusters"));
    }

    private static double[] vector(JsonObject j, String key, int d) {
        double[] v = j.getDoubleArray(key);
        if (v.length != d) {
            throw new CumuloException("cluster profile: '" + key + "' has " + v.length + " values for " + d + " features");
        }
        return v;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClusterProfile[%d rows, %d features, %d groups]", rows, features.size(),
                groups.size());
    }
}

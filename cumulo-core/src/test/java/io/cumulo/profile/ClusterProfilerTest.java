package io.cumulo.profile;

import io.cumulo.CumuloException;
import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.model.ClusteringPipeline;
import io.cumulo.model.ClusteringPipelineModel;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterProfilerTest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();

    /**
     * Features a, b, c; cluster 0 = rows 0-3, cluster 1 = rows 4-6, noise = row 7.
     * a: cluster 0 {1, 2, 3, 10}, cluster 1 {4, 6, 8}, noise 100. b: 5 everywhere. c: 0 in cluster 0, 1 in cluster 1,
     * 50 for the noise row.
     */
    private static Dataset small() {
        return Dataset.of(new double[][] {
            {1, 5, 0}, {2, 5, 0}, {3, 5, 0}, {10, 5, 0}, {4, 5, 1}, {6, 5, 1}, {8, 5, 1}, {100, 5, 50}},
            List.of("a", "b", "c"));
    }

    private static final int[] SMALL_LABELS = {0, 0, 0, 0, 1, 1, 1, -1};

    @Test
    void handComputedStatistics() {
        ClusterProfile p = ClusterProfiler.defaults().profile(small(), SMALL_LABELS, ONE);
        assertEquals(8, p.rows());
        assertEquals(3, p.groups().size());
        ClusterProfile.Group c0 = p.groups().get(0);
        ClusterProfile.Group c1 = p.groups().get(1);
        ClusterProfile.Group noise = p.groups().get(2);
        assertEquals(0, c0.cluster());
        assertEquals(-1, noise.cluster());
        assertTrue(noise.isNoise());
        assertEquals(4, c0.size());
        assertEquals(3, c1.size());
        assertEquals(1, noise.size());
        assertEquals(0.5, c0.share());
        assertEquals(0.375, c1.share());
        assertEquals(0.125, noise.share());
        // a in cluster 0: mean 16/4 = 4; even count, median (2 + 3)/2; deviations -3,-2,-1,6: SS 50, sd sqrt(50/4)
        assertArrayEquals(new double[] {4, 5, 0}, c0.stats().mean());
        assertArrayEquals(new double[] {2.5, 5, 0}, c0.stats().median());
        assertArrayEquals(new double[] {Math.sqrt(12.5), 0, 0}, c0.stats().sd(), 1e-15);
        assertArrayEquals(new double[] {1, 5, 0}, c0.stats().min());
        assertArrayEquals(new double[] {10, 5, 0}, c0.stats().max());
        // cluster 1: odd count, the middle value; SS 8, sd sqrt(8/3)
        assertArrayEquals(new double[] {6, 5, 1}, c1.stats().mean());
        assertArrayEquals(new double[] {6, 5, 1}, c1.stats().median());
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 0, 0}, c1.stats().sd(), 1e-15);
        // one row: its values, no spread
        assertArrayEquals(new double[] {100, 5, 50}, noise.stats().mean());
        assertArrayEquals(new double[] {100, 5, 50}, noise.stats().median());
        assertArrayEquals(new double[] {0, 0, 0}, noise.stats().sd());
        // all 8 rows: a sorted 1,2,3,4,6,8,10,100: median (4 + 6)/2, mean 134/8
        assertEquals(134.0 / 8, p.overall().mean()[0], 1e-14);
        assertEquals(5.0, p.overall().median()[0]);
        // no model: the centre is the mean
        assertArrayEquals(c0.stats().mean(), c0.centre());
        assertEquals("mean", c0.centreKind());
    }

    @Test
    void handComputedStandardisedMeanDifferences() {
        ClusterProfile p = ClusterProfiler.defaults().profile(small(), SMALL_LABELS, ONE);
        double[] smd0 = p.groups().get(0).smd();
        double[] smd1 = p.groups().get(1).smd();
        double[] smdNoise = p.groups().get(2).smd();
        // a: clusters 0 and 1 compared without the noise row: (4 - 6) / sqrt((50 + 8) / (4 + 3 - 2))
        assertEquals(-2 / Math.sqrt(58.0 / 5), smd0[0], 1e-15);
        assertEquals(2 / Math.sqrt(58.0 / 5), smd1[0], 1e-15);
        // b: constant everywhere: exactly 0, not NaN
        assertEquals(0.0, smd0[1]);
        assertEquals(0.0, smdNoise[1]);
        // c: both clusters constant with different values: pooled sd 0, so divided by the population sd of the 7
        // rows together, which gives (n_in + n_out) / sqrt(n_in n_out) = 7 / sqrt(12)
        assertEquals(-7 / Math.sqrt(12), smd0[2], 1e-15);
        assertEquals(7 / Math.sqrt(12), smd1[2], 1e-15);
        // the noise row against all 7 clustered rows: a: mean 34/7, SS = 230 - 34²/7 = 454/7, pooled over 1 + 7 - 2
        assertEquals((100 - 34.0 / 7) / Math.sqrt(454.0 / 7 / 6), smdNoise[0], 1e-12);
        // c: clustered mean 3/7, SS = 3 - 9/7 = 12/7
        assertEquals((50 - 3.0 / 7) / Math.sqrt(12.0 / 7 / 6), smdNoise[2], 1e-12);
        // ranking by |SMD|, ties in feature order
        assertArrayEquals(new int[] {2, 0, 1}, p.groups().get(0).ranking());
        assertArrayEquals(new int[] {2, 0, 1}, p.groups().get(2).ranking());
    }

    @Test
    void descriptions() {
        ClusterProfile p = ClusterProfiler.defaults().profile(small(), SMALL_LABELS, ONE);
        assertEquals(List.of("cluster 0 (50%): low c, low a", "cluster 1 (38%): high c, high a",
                "noise (13%): high c, high a"), p.descriptions());
        // |SMD| of a is 0.587: below a threshold of 0.6
        assertEquals("cluster 0 (50%): low c",
                ClusterProfiler.defaults().withThreshold(0.6).profile(small(), SMALL_LABELS, ONE).descriptions().get(0));
        assertEquals("cluster 1 (38%): high c",
                ClusterProfiler.defaults().withMaxDescribed(1).profile(small(), SMALL_LABELS, ONE).descriptions().get(1));
        // the same values in both clusters: nothing stands out
        Dataset same = Dataset.of(new double[][] {{1}, {2}, {3}, {1}, {2}, {3}});
        assertEquals("cluster 0 (50%): close to the overall average",
                ClusterProfiler.defaults().profile(same, new int[] {0, 0, 0, 1, 1, 1}, ONE).descriptions().get(0));
        // one cluster: no rest, SMD 0
        ClusterProfile one = ClusterProfiler.defaults().profile(same, new int[6], ONE);
        assertEquals(List.of("cluster 0 (100%): the only cluster"), one.descriptions());
        assertArrayEquals(new double[] {0}, one.groups().get(0).smd());
        assertEquals(List.of("noise (100%): every row is noise"),
                ClusterProfiler.defaults().profile(same, new int[] {-1, -1, -1, -1, -1, -1}, ONE).descriptions());
        // two clusters of one row each: no degrees of freedom; population sd of the pair is |diff|/2, so SMD ±2
        ClusterProfile pair = ClusterProfiler.defaults().profile(Dataset.of(new double[][] {{0}, {1}}), new int[] {0, 1}, ONE);
        assertArrayEquals(new double[] {-2}, pair.groups().get(0).smd());
        assertEquals("cluster 1 (50%): high x0", pair.descriptions().get(1));
        // shares that would round to 0% or 100%
        assertEquals("<1%", ClusterProfile.percent(0.004));
        assertEquals(">99%", ClusterProfile.percent(0.996));
        assertEquals("100%", ClusterProfile.percent(1.0));
        assertEquals("33%", ClusterProfile.percent(1.0 / 3));
    }

    @Test
    void namesCentresAndEmptyClusters() {
        ClusterProfiler.Centres centres = new ClusterProfiler.Centres(new double[] {1, 1, 1, 2, 2, 2, 3, 3, 3}, 3, "centre");
        ClusterProfile p = ClusterProfiler.defaults().profile(small(), SMALL_LABELS, centres, List.of("red", "green", "blue"),
                ONE);
        assertEquals("red (50%): low c, low a", p.descriptions().get(0));
        assertEquals("noise", p.groups().get(2).name());
        assertArrayEquals(new double[] {2, 2, 2}, p.groups().get(1).centre());
        assertEquals("centre", p.groups().get(1).centreKind());
        // the noise group has no centre of its own
        assertEquals("mean", p.groups().get(2).centreKind());
        // cluster 2 ("blue") has no rows
        assertArrayEquals(new int[] {2}, p.emptyClusters());
        assertTrue(p.group(2).isEmpty());
    }

    /** Selection against sorting, on random values with many repeats and on sorted and reversed runs. */
    @Test
    void medianBySelectionIsTheSortedMiddle() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int m = 1 + rng.nextInt(trial < 1000 ? 40 : 3000);
            double[] v = new double[m + 6];
            int kind = rng.nextInt(4);
            for (int i = 0; i < v.length; i++) {
                v[i] = kind == 0 ? rng.nextInt(5) : kind == 1 ? i : kind == 2 ? -i : rng.nextDouble() * 100 - 50;
            }
            int from = rng.nextInt(4);
            double[] sorted = Arrays.copyOfRange(v, from, from + m);
            Arrays.sort(sorted);
            double expected = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
            double[] before = v.clone();
            assertEquals(expected, ClusterProfiler.median(v, from, from + m), "trial " + trial);
            // only the range is reordered, and it keeps its values
            double[] after = Arrays.copyOfRange(v, from, from + m);
            Arrays.sort(after);
            assertArrayEquals(sorted, after);
            for (int i = 0; i < v.length; i++) {
                if (i < from || i >= from + m) {
                    assertEquals(before[i], v[i]);
                }
            }
        }
        assertEquals(Double.MAX_VALUE, ClusterProfiler.median(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}, 0, 2));
    }

    @Test
    void relabellingClustersPermutesTheProfiles() {
        Dataset x = Fixtures.blobs(400, 3, 4, 5, 11);
        int[] labels = new int[x.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 7 == 0 ? -1 : (int) ((x.get(i, 0) + 100) * 3) % 4;
        }
        int[] perm = {2, 0, 3, 1};
        int[] relabelled = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            relabelled[i] = labels[i] < 0 ? -1 : perm[labels[i]];
        }
        ClusterProfile a = ClusterProfiler.defaults().profile(x, labels, ONE);
        ClusterProfile b = ClusterProfiler.defaults().profile(x, relabelled, ONE);
        for (int c = 0; c < 4; c++) {
            ClusterProfile.Group ga = a.group(c).orElseThrow();
            ClusterProfile.Group gb = b.group(perm[c]).orElseThrow();
            assertEquals(ga.size(), gb.size());
            assertArrayEquals(ga.stats().mean(), gb.stats().mean());
            assertArrayEquals(ga.stats().median(), gb.stats().median());
            assertArrayEquals(ga.stats().sd(), gb.stats().sd());
            // the rest is combined in another order: equal up to rounding
            assertArrayEquals(ga.smd(), gb.smd(), 1e-12);
            assertEquals(ga.description().replace("cluster " + c, "cluster " + perm[c]), gb.description());
        }
        assertArrayEquals(a.group(-1).orElseThrow().smd(), b.group(-1).orElseThrow().smd(), 1e-12);
    }

    @Test
    void sameResultWhateverTheThreads() {
        Dataset x = Fixtures.blobs(3000, 9, 5, 5, 3);
        int[] labels = new int[x.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * 7919) % 6 - 1;
        }
        String one = Json.write(ClusterProfiler.defaults().profile(x, labels, ONE).toJson());
        String four = Json.write(ClusterProfiler.defaults().profile(x, labels, ExecutionContext.defaults().withThreads(4))
                .toJson());
        assertEquals(one, four);
    }

    @Test
    void jsonRoundTrip() {
        ClusterProfile p = ClusterProfiler.defaults().profile(small(), SMALL_LABELS, ONE);
        Map<String, Object> j = p.toJson();
        assertEquals("cumulo-profile", j.get("format"));
        assertEquals(1, j.get("format_version"));
        String text = p.toJsonString();
        ClusterProfile back = ClusterProfile.fromJson(JsonObject.parse(text, "p.json"));
        assertEquals(text, back.toJsonString());
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) j.get("clusters")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) ((List<Object>) first.get("distinguishing")).get(0);
        assertEquals("c", top.get("feature"));
        assertEquals("low", top.get("direction"));
        String newer = text.replace("\"format_version\": 1", "\"format_version\": 2");
        CumuloException e = assertThrows(CumuloException.class, () -> ClusterProfile.fromJson(JsonObject.parse(newer, "p.json")));
        assertEquals("cluster profile format version 2 is not one this Cumulo reads (1 to 1)", e.getMessage());
    }

    @Test
    void badInput() {
        Dataset x = small();
        CumuloException e = assertThrows(CumuloException.class,
                () -> ClusterProfiler.defaults().profile(x, new int[] {0, 1}, ONE));
        assertEquals("labels: 2 labels for the 8 rows of data; expected one per row", e.getMessage());
        e = assertThrows(CumuloException.class,
                () -> ClusterProfiler.defaults().profile(x, new int[] {0, 0, 0, -2, 1, 1, 1, 1}, ONE));
        assertEquals("labels: row 3 has cluster -2; expected -1 (noise) or a cluster number >= 0", e.getMessage());
        e = assertThrows(CumuloException.class, () -> ClusterProfiler.defaults().profile(x, SMALL_LABELS,
                new ClusterProfiler.Centres(new double[] {1, 1, 1}, 1, "centre"), null, ONE));
        assertEquals("profile: 1 centres of 3 features, for clusters 0 to 1 and 3 features", e.getMessage());
        e = assertThrows(CumuloException.class, () -> ClusterProfiler.defaults().withThreshold(0));
        assertEquals("profile threshold: expected a finite number > 0, got 0.0", e.getMessage());
        e = assertThrows(CumuloException.class, () -> ClusterProfiler.defaults().withMaxDescribed(0));
        assertEquals("profile features per description: expected an integer >= 1, got 0", e.getMessage());
    }

    /** NumPy on masked rows (tools/reference/make_profile_reference.py): iris by species, random data with noise. */
    @Test
    void agreesWithTheReference() {
        JsonObject ref = Fixtures.json("reference/profile.json");
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        JsonObject irisRef = ref.getObject("iris_species");
        int[] species = iris.labels().orElseThrow().codes();
        assertArrayEquals(irisRef.getIntArray("labels"), species);
        check(irisRef, ClusterProfiler.defaults().profile(iris, species, ONE));

        JsonObject noiseRef = ref.getObject("random_noise");
        double[] flat = noiseRef.getMatrix("data", -1, 4);
        Dataset x = Dataset.wrap(flat, flat.length / 4, 4, noiseRef.getStringList("features"), "random");
        check(noiseRef, ClusterProfiler.defaults().profile(x, noiseRef.getIntArray("labels"), ONE));
    }

    @SuppressWarnings("unchecked")
    private static void check(JsonObject ref, ClusterProfile p) {
        JsonObject overall = ref.getObject("overall");
        assertArrayEquals(overall.getDoubleArray("mean"), p.overall().mean(), 1e-12);
        assertArrayEquals(overall.getDoubleArray("median"), p.overall().median(), 0);
        assertArrayEquals(overall.getDoubleArray("sd"), p.overall().sd(), 1e-12);
        List<Object> groups = ref.getList("groups");
        assertEquals(groups.size(), p.groups().size());
        for (int i = 0; i < groups.size(); i++) {
            JsonObject g = JsonObject.of((Map<String, Object>) groups.get(i), "profile.json");
            ClusterProfile.Group mine = p.groups().get(i);
            assertEquals(g.getInt("cluster"), mine.cluster());
            assertEquals(g.getInt("size"), mine.size());
            assertEquals(g.getDouble("share"), mine.share(), 1e-15);
            assertArrayEquals(g.getDoubleArray("mean"), mine.stats().mean(), 1e-12);
            assertArrayEquals(g.getDoubleArray("median"), mine.stats().median(), 0);
            assertArrayEquals(g.getDoubleArray("sd"), mine.stats().sd(), 1e-12);
            assertArrayEquals(g.getDoubleArray("min"), mine.stats().min(), 0);
            assertArrayEquals(g.getDoubleArray("max"), mine.stats().max(), 0);
            assertArrayEquals(g.getDoubleArray("smd"), mine.smd(), 1e-11);
        }
    }

    @Test
    void irisSpeciesDescribedByTheirPetals() {
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        ClusterProfile p = ClusterProfiler.defaults().profile(iris, iris.labels().orElseThrow().codes(), null,
                iris.labels().orElseThrow().categories(), ONE);
        assertEquals("setosa (33%): low petal_length, low petal_width, low sepal_length", p.descriptions().get(0));
        assertEquals("virginica (33%): high petal_width, high petal_length, high sepal_length", p.descriptions().get(2));
    }

    /**
     * A k-means centre mapped back through the scaler is in the original units: scikit-learn's centres from the
     * same initial rows, inverse-transformed by its StandardScaler; and, k-means having converged, each
     * cluster's mean in the original units.
     */
    @Test
    void kMeansCentresInOriginalUnits() {
        JsonObject ref = Fixtures.json("reference/profile.json").getObject("kmeans_iris_standard");
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        int[] rows = ref.getIntArray("init_rows");
        double[][] init = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            init[i] = iris.row(rows[i]);
        }
        ClusteringPipelineModel model = new ClusteringPipeline(Scaler.named("standard"),
                KMeans.builder().initialCentres(init).algorithm("lloyd").build()).fit(iris, ONE);
        assertArrayEquals(ref.getIntArray("labels"), model.model().labels());
        ClusterProfiler.Centres centres = ClusterProfiler.modelCentres(model).orElseThrow();
        assertEquals("centre", centres.kind());
        assertArrayEquals(ref.getMatrix("centres_original_units", 3, 4), centres.values(), 1e-12);
        ClusterProfile p = ClusterProfiler.defaults().profile(iris, model.model().labels(), centres, null, ONE);
        for (ClusterProfile.Group g : p.groups()) {
            assertArrayEquals(g.stats().mean(), g.centre(), 1e-12);
        }
        // spherical k-means centres are directions, not points in centimetres: no centre, the means instead
        ClusteringPipelineModel cosine = new ClusteringPipeline(Scaler.named("standard"),
                KMeans.builder().k(3).metric("cosine").build()).fit(iris, ONE);
        assertTrue(ClusterProfiler.modelCentres(cosine).isEmpty());
    }
}

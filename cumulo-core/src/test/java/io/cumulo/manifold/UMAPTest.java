package io.cumulo.manifold;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.neighbors.ExactNeighbors;
import io.cumulo.neighbors.KnnGraph;
import io.cumulo.neighbors.NearestNeighborDescent;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UMAPTest {
    private static final JsonObject REF = Fixtures.json("reference/umap.json");
    private static final Dataset DIGITS = DatasetReader.read("builtin:digits", ReadOptions.defaults());

    private static Dataset digitsRows(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return DIGITS.selectRows(rows);
    }

    // ---- a and b of the membership curve ----

    @Test
    void abFitReproducesUmapLearnDefaultsAndScipy() {
        double[] ab = UmapLayout.fitAB(1.0, 0.1);
        // the values umap-learn documents for its defaults
        assertEquals(1.577, ab[0], 1e-3);
        assertEquals(0.895, ab[1], 1e-3);
        for (Object o : REF.getList("ab_fits")) {
            @SuppressWarnings("unchecked")
            JsonObject f = JsonObject.of((Map<String, Object>) o, "ab_fits");
            double[] mine = UmapLayout.fitAB(f.getDouble("spread"), f.getDouble("min_dist"));
            String what = "spread " + f.getDouble("spread") + " min-dist " + f.getDouble("min_dist");
            assertEquals(f.getDouble("a"), mine[0], 1e-6 * f.getDouble("a"), what + " a");
            assertEquals(f.getDouble("b"), mine[1], 1e-6 * f.getDouble("b"), what + " b");
        }
    }

    // ---- ρ and σ ----

    @Test
    void calibrationSolvesItsEquationOnAHandCase() {
        // ρ = 1 and, with σ = 0.5, the other two memberships are exp(−ln 2) = 1/2: 1 + 1/2 + 1/2 = 2 = log2 4
        double x = 0.5 * Math.log(2);
        double[] dist = {0, 1, 1 + x, 1 + x};
        double[] out = new double[2];
        FuzzySimplicialSet.calibrate(dist, 4, 1, 1, out, 1);
        assertEquals(1.0, out[0], 0);
        assertEquals(0.5, out[1], 1e-4);
    }

    @Test
    void calibrationOfEveryDigitsRowMeetsTheTarget() {
        int k = 15;
        KnnGraph knn = ExactNeighbors.euclidean(DIGITS.rawValues(), DIGITS.rows(), DIGITS.cols(), DIGITS.rawValues(),
                DIGITS.rows(), k, true, ExecutionContext.defaults());
        double[] rs = new double[2 * DIGITS.rows()];
        FuzzySimplicialSet.calibrate(knn.distances(), k, 1, DIGITS.rows(), rs, FuzzySimplicialSet.meanDistance(knn.distances()));
        double target = Math.log(k) / Math.log(2);
        for (int i = 0; i < DIGITS.rows(); i++) {
            assertTrue(rs[2 * i] > 0, "rho of row " + i);
            double sum = FuzzySimplicialSet.membershipSum(knn.distances(), i * k + 1, k - 1, rs[2 * i], rs[2 * i + 1]);
            assertEquals(target, sum, 1e-4, "row " + i);
        }
    }

    @Test
    void calibrationOfTiedNeighboursFallsBackToTheFloor() {
        // both neighbours at ρ: memberships are 1 whatever σ, the sum 2 > log2 3; σ shrinks to its floor
        double[] dist = {0, 1, 1};
        double[] out = new double[2];
        FuzzySimplicialSet.calibrate(dist, 3, 1, 1, out, 1);
        assertEquals(1.0, out[0], 0);
        assertEquals(FuzzySimplicialSet.MIN_SIGMA_SCALE * 1.0, out[1], 1e-15);
    }

    // ---- the fuzzy union ----

    @Test
    void fuzzyUnionOnAHandCase() {
        // 0→1 (0.5), 1→0 (0.4), 2→0 (1.0)
        FuzzySimplicialSet g = FuzzySimplicialSet.union(3, 1, new int[] {1, 0, 0}, new double[] {0.5, 0.4, 1.0});
        assertEquals(0.5 + 0.4 - 0.2, g.get(0, 1), 1e-15);
        assertEquals(0.7, g.get(1, 0), 1e-15);
        assertEquals(1.0, g.get(0, 2), 0);
        assertEquals(1.0, g.get(2, 0), 0);
        assertEquals(0.0, g.get(1, 2), 0);
        assertEquals(4, g.edges());
    }

    @Test
    void digitsGraphIsSymmetricWithWeightsInUnitInterval() {
        KnnGraph knn = ExactNeighbors.euclidean(DIGITS.rawValues(), DIGITS.rows(), DIGITS.cols(), DIGITS.rawValues(),
                DIGITS.rows(), 15, true, ExecutionContext.defaults());
        FuzzySimplicialSet g = FuzzySimplicialSet.of(knn, DIGITS.rows(), ExecutionContext.defaults());
        assertTrue(g.edges() >= DIGITS.rows() * 14);
        for (int i = 0; i < g.n; i++) {
            for (int e = g.rowStart[i]; e < g.rowStart[i + 1]; e++) {
                int j = g.col[e];
                assertTrue(j != i, "self loop at " + i);
                assertTrue(g.weight[e] > 0 && g.weight[e] <= 1, "weight " + g.weight[e]);
                assertEquals(g.weight[e], g.get(j, i), 0, "(" + i + ", " + j + ")");
                if (e > g.rowStart[i]) {
                    assertTrue(g.col[e - 1] < j, "columns ascending in row " + i);
                }
            }
        }
    }

    // ---- neighbours ----

    @Test
    void exactNeighboursMatchScikitLearnBruteForce() {
        JsonObject r = REF.getObject("digits_knn");
        int rows = r.getInt("rows");
        int k = r.getInt("k");
        double[] expected = r.getMatrix("distances", rows, k);
        double[] x = DIGITS.rawValues();
        int d = DIGITS.cols();
        for (int threads : new int[] {1, 2}) {
            KnnGraph knn = ExactNeighbors.euclidean(x, DIGITS.rows(), d, x, DIGITS.rows(), k, true,
                    ExecutionContext.defaults().withThreads(threads));
            for (int i = 0; i < rows; i++) {
                assertEquals(i, knn.indices()[i * k]);
                for (int j = 0; j < k; j++) {
                    assertEquals(expected[i * k + j], knn.distances()[i * k + j], 1e-9, "row " + i + " slot " + j);
                    int p = knn.indices()[i * k + j];
                    assertEquals(Math.sqrt(sq(x, d, i, p)), knn.distances()[i * k + j], 1e-12);
                }
            }
        }
    }

    @Test
    void nearestNeighbourDescentRecallsMostExactNeighbours() {
        double[] x = DIGITS.rawValues();
        int n = DIGITS.rows();
        int d = DIGITS.cols();
        int k = 15;
        KnnGraph exact = ExactNeighbors.euclidean(x, n, d, x, n, k, true, ExecutionContext.defaults());
        KnnGraph approx = NearestNeighborDescent.search(x, n, d, k, 3, ExecutionContext.defaults());
        KnnGraph again = NearestNeighborDescent.search(x, n, d, k, 3, ExecutionContext.singleThreaded());
        assertArrayEquals(approx.indices(), again.indices(), "same seed, 1 or all threads");
        // recall by distance (ties make index sets ambiguous): found entries within the exact k-th distance
        int hits = 0;
        for (int i = 0; i < n; i++) {
            double kth = exact.distances()[i * k + k - 1];
            Set<Integer> seen = new HashSet<>();
            for (int j = 1; j < k; j++) {
                int p = approx.indices()[i * k + j];
                assertTrue(p != i && seen.add(p), "row " + i + ": neighbours distinct and not itself");
                assertEquals(Math.sqrt(sq(x, d, i, p)), approx.distances()[i * k + j], 1e-12);
                if (approx.distances()[i * k + j] <= kth) {
                    hits++;
                }
            }
        }
        double recall = (double) hits / (n * (k - 1));
        assertTrue(recall >= 0.95, "recall " + recall);
    }

    @Test
    void cosineNeighboursCarryCosineDistances() {
        Dataset data = Dataset.of(new double[][] {{1, 0}, {1, 1}, {0, 2}, {-1, 0.1}, {3, 0.2}});
        double[] x = UMAP.searchRows(data, true);
        KnnGraph knn = ExactNeighbors.euclidean(x, 5, 2, x, 5, 3, true, ExecutionContext.defaults());
        knn = knn.unitEuclideanToCosine();
        double[] raw = data.rawValues();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 3; j++) {
                int p = knn.indices()[i * 3 + j];
                double cos = (raw[2 * i] * raw[2 * p] + raw[2 * i + 1] * raw[2 * p + 1])
                        / Math.hypot(raw[2 * i], raw[2 * i + 1]) / Math.hypot(raw[2 * p], raw[2 * p + 1]);
                assertEquals(1 - cos, knn.distances()[i * 3 + j], 1e-12);
            }
        }
        // row 0 = (1, 0): nearest others by angle are (3, 0.2) then (1, 1)
        assertArrayEquals(new int[] {0, 4, 1}, Arrays.copyOfRange(knn.indices(), 0, 3));
    }

    // ---- the test helper against scikit-learn ----

    @Test
    void trustworthinessHelperMatchesScikitLearn() {
        JsonObject t = REF.getObject("trustworthiness");
        double[] x = t.getMatrix("x", -1, 6);
        double[] y = t.getMatrix("y", -1, 2);
        int n = x.length / 6;
        assertEquals(t.getDouble("value"), EmbeddingQuality.trustworthiness(x, 6, y, 2, n, t.getInt("k")), 1e-12);
    }

    // ---- determinism ----

    @Test
    void sameSeedSameEmbeddingWhateverTheThreads() {
        Dataset data = digitsRows(0, 400);
        UMAP umap = UMAP.builder().seed(11).nEpochs(60).build();
        double[] one = umap.fit(data, ExecutionContext.singleThreaded()).embeddingValues();
        double[] two = umap.fit(data, ExecutionContext.defaults().withThreads(2)).embeddingValues();
        double[] four = umap.fit(data, ExecutionContext.defaults().withThreads(4)).embeddingValues();
        assertArrayEquals(one, two);
        assertArrayEquals(one, four);
        double[] other = UMAP.builder().seed(12).nEpochs(60).build().fit(data, ExecutionContext.singleThreaded())
                .embeddingValues();
        assertFalse(Arrays.equals(one, other), "another seed, another embedding");
        double[] descent = UMAP.builder().seed(11).nEpochs(60).neighbors("nn-descent").build()
                .fit(data, ExecutionContext.defaults().withThreads(3)).embeddingValues();
        double[] descent1 = UMAP.builder().seed(11).nEpochs(60).neighbors("nn-descent").build()
                .fit(data, ExecutionContext.singleThreaded()).embeddingValues();
        assertArrayEquals(descent, descent1);
    }

    @Test
    void inputIsNotModifiedAndEmbeddingHasTheAskedShape() {
        Dataset data = digitsRows(0, 200);
        double[] before = data.rawValues().clone();
        List<String> seen = new ArrayList<>();
        ExecutionContext ctx = ExecutionContext.defaults().withProgress((task, done, total) -> seen.add(task + " " + done
                + "/" + total));
        UMAPModel m = UMAP.builder().nComponents(3).nEpochs(30).init("random").build().fit(data, ctx);
        assertTrue(seen.contains("UMAP: exact nearest neighbours 0/1"), seen.toString());
        assertEquals("UMAP: layout 30/30", seen.get(seen.size() - 1));
        assertArrayEquals(before, data.rawValues());
        assertEquals(200 * 3, m.embeddingValues().length);
        assertEquals(3, m.numComponents());
        assertEquals(List.of("c1", "c2", "c3"), m.transform(data, ExecutionContext.defaults()).columnNames());
        for (double v : m.embeddingValues()) {
            assertTrue(Double.isFinite(v));
        }
        UMAPModel p = UMAP.builder().nEpochs(30).init("pca").build().fit(data);
        assertEquals(400, p.embeddingValues().length);
    }

    @Test
    void disconnectedGraphKeepsItsComponentsApart() {
        // three far blobs: the 15-neighbour graph has three components (eigenvalue 1 three times)
        int per = 100;
        double[][] rows = new double[3 * per][];
        int[] labels = new int[3 * per];
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < rows.length; i++) {
            labels[i] = i / per;
            rows[i] = new double[5];
            for (int l = 0; l < 5; l++) {
                rows[i][l] = 100 * labels[i] + UmapLayout.gaussian(rng);
            }
        }
        UMAPModel m = UMAP.builder().seed(4).nEpochs(100).build().fit(Dataset.of(rows));
        for (double v : m.embeddingValues()) {
            assertTrue(Double.isFinite(v));
        }
        assertEquals(1.0, EmbeddingQuality.knnAccuracy(m.embeddingValues(), 2, rows.length, labels, 10), 0);
    }

    // ---- transform and the model file ----

    @Test
    void transformPlacesNewDigitsAmongTheirClass() {
        Dataset train = digitsRows(0, 1500);
        Dataset test = digitsRows(1500, DIGITS.rows());
        UMAPModel m = UMAP.builder().seed(5).build().fit(train, ExecutionContext.defaults());
        double[] y = m.transformValues(test, ExecutionContext.defaults());
        double[] emb = m.embeddingValues();
        int[] trainLabels = train.labels().orElseThrow().codes();
        int[] testLabels = test.labels().orElseThrow().codes();
        // label of the nearest training point in the embedding (codes: categories in the same order, digits 0..9)
        assertEquals(train.labels().orElseThrow().categories(), test.labels().orElseThrow().categories());
        int correct = 0;
        for (int i = 0; i < test.rows(); i++) {
            int best = -1;
            double bd = Double.POSITIVE_INFINITY;
            for (int j = 0; j < train.rows(); j++) {
                double dx = y[2 * i] - emb[2 * j];
                double dy = y[2 * i + 1] - emb[2 * j + 1];
                if (dx * dx + dy * dy < bd) {
                    bd = dx * dx + dy * dy;
                    best = j;
                }
            }
            if (trainLabels[best] == testLabels[i]) {
                correct++;
            }
        }
        double acc = (double) correct / test.rows();
        assertTrue(acc >= 0.9, "1-NN accuracy of transformed rows " + acc);
        assertArrayEquals(y, m.transformValues(test, ExecutionContext.singleThreaded()), "transform is deterministic");

        UMAPModel back = UMAPModel.fromJson(JsonObject.parse(m.toJsonString(), "umap.json"));
        assertArrayEquals(emb, back.embeddingValues());
        assertEquals(m.a(), back.a(), 0);
        assertEquals(m.b(), back.b(), 0);
        assertEquals(m.params(), back.params());
        assertArrayEquals(y, back.transformValues(test, ExecutionContext.defaults()), "a model read back transforms the same");
        assertEquals(m.toJsonString(), back.toJsonString());
    }

    @Test
    void cosineMetricSeparatesDigits() {
        Dataset data = digitsRows(0, 900);
        UMAPModel m = UMAP.builder().metric("cosine").seed(1).nEpochs(200).build().fit(data);
        double acc = EmbeddingQuality.knnAccuracy(m.embeddingValues(), 2, data.rows(), data.labels().orElseThrow().codes(), 10);
        assertTrue(acc >= 0.9, "kNN accuracy with cosine " + acc);
    }

    // ---- bad input ----

    @Test
    void badInputGetsOneLineErrorsNamingTheProblem() {
        Dataset small = digitsRows(0, 10);
        assertMessage(() -> UMAP.builder().nNeighbors(10).build().fit(small), "n-neighbors");
        assertMessage(() -> UMAP.builder().nNeighbors(1).build(), "n-neighbors");
        assertMessage(() -> UMAP.builder().nNeighbors(2).build().fit(digitsRows(0, 3)), "at least 4 rows");
        assertMessage(() -> UMAP.builder().minDist(1.5).build(), "min-dist");
        assertMessage(() -> UMAP.builder().minDist(0.5).spread(0.2).build(), "spread");
        assertMessage(() -> UMAP.builder().spread(0).build(), "spread");
        assertMessage(() -> UMAP.builder().nComponents(0).build(), "n-components");
        assertMessage(() -> UMAP.builder().nComponents(5).nNeighbors(2).build().fit(digitsRows(0, 5)), "n-components");
        assertMessage(() -> UMAP.builder().metric("manhattan").build(), "metric");
        assertMessage(() -> UMAP.builder().init("tsne").build(), "init");
        assertMessage(() -> UMAP.builder().learningRate(0).build(), "learning-rate");
        assertMessage(() -> UMAP.builder().nEpochs(0).build(), "n-epochs");
        Dataset zero = Dataset.of(new double[][] {{1, 2}, {3, 1}, {0, 0}, {2, 2}, {5, 1}});
        assertMessage(() -> UMAP.builder().nNeighbors(3).metric("cosine").build().fit(zero), "row 2 is all zeros");
        UMAPModel m = UMAP.builder().nNeighbors(3).nEpochs(10).build().fit(
                Dataset.of(new double[][] {{1, 2}, {3, 1}, {0, 0}, {2, 2}, {5, 1}}));
        assertMessage(() -> m.transformValues(Dataset.of(new double[][] {{1, 2, 3}}), ExecutionContext.defaults()), "has 3 features");
        assertMessage(() -> UMAP.builder().nComponents(3).init("pca").nNeighbors(3).build().fit(zero), "pca");
        String json = m.toJsonString();
        assertMessage(() -> UMAPModel.fromJson(JsonObject.parse(json.replace("\"format_version\": 1",
                "\"format_version\": 9"), "m.json")), "format version 9");
        assertMessage(() -> UMAPModel.fromJson(JsonObject.parse(json.replace("cumulo-umap", "x"), "m.json")),
                "not a Cumulo UMAP model");
    }

    private static void assertMessage(Executable call, String part) {
        CumuloException e = assertThrows(CumuloException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should mention " + part);
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private static double sq(double[] x, int d, int i, int j) {
        double s = 0;
        for (int l = 0; l < d; l++) {
            double t = x[i * d + l] - x[j * d + l];
            s += t * t;
        }
        return s;
    }
}

package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.Json;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.StandardScaler;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PCATest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    private final JsonObject ref = Fixtures.json("reference/pca.json");
    /** scikit-learn 1.2.1, tools/reference/make_pca_reference.py. */
    private final JsonObject sk = Fixtures.json("reference/pca_sklearn.json");
    /** ../shared/reference/reference-results.json (copied): PCA ratios of the classic sets. */
    private final JsonObject shared = Fixtures.json("reference/shared-reference-results.json");

    private static Dataset builtin(String name, boolean standardized) {
        Dataset raw = DatasetReader.read("builtin:" + name, ReadOptions.defaults());
        return standardized ? new StandardScaler().fit(raw).transform(raw) : raw;
    }

    @Test
    void explainedVarianceAndComponentsMatchScikitLearn() {
        check(ref.getObject("iris"), builtin("iris", false), "iris", 2);
        check(ref.getObject("wine_standardized"), builtin("wine", true), "wine_standardized", 2);
    }

    @Test
    void classicSetsMatchScikitLearnRatiosTo1e10() {
        for (String name : List.of("iris", "wine", "breast-cancer", "digits")) {
            for (boolean std : new boolean[] {false, true}) {
                String key = name + (std ? "_standardized" : "_raw");
                JsonObject r = sk.getObject(key);
                Dataset data = builtin(name, std);
                // components compared where the eigenvalues are well separated from their neighbours
                check(r, data, key, separatedLeading(r.getDoubleArray("explained_variance")));
                assertEquals(r.getInt("count_0.95"), PCA.of(params(0.95)).fit(data, ONE).numComponents(), key);
                assertEquals(r.getInt("count_0.5"), PCA.of(params(0.5)).fit(data, ONE).numComponents(), key);
                assertEquals(r.getDouble("noise_variance_k2"), PCA.withComponents(2).fit(data, ONE).noiseVariance(),
                        1e-10 * r.getDoubleArray("explained_variance")[0], key + " noise variance");
            }
        }
    }

    @Test
    void sharedReferenceRatiosAgree() {
        JsonObject classic = shared.getObject("classic");
        String[][] sets = {{"iris", "iris"}, {"wine", "wine"}, {"breast_cancer_wdbc", "breast-cancer"}, {"digits", "digits"}};
        for (String[] s : sets) {
            JsonObject r = classic.getObject(s[0]);
            for (boolean std : new boolean[] {false, true}) {
                double[] want = r.getDoubleArray(std ? "pca_evr_standardized" : "pca_evr_raw");
                double[] got = PCA.withComponents(want.length).fit(builtin(s[1], std), ONE).explainedVarianceRatio();
                for (int j = 0; j < want.length; j++) {
                    assertEquals(want[j], got[j], 1e-10, s[0] + (std ? " standardized " : " raw ") + j);
                }
            }
        }
    }

    private static ParamValues params(double nComponents) {
        return PCA.PARAMS.builder().set(PCA.N_COMPONENTS, nComponents).build();
    }

    /** How many leading components have eigenvalues at least 1% apart from both neighbours (and not ~0). */
    private static int separatedLeading(double[] var) {
        int j = 0;
        while (j < var.length && var[j] > 1e-8 * var[0]
                && (j == 0 || var[j - 1] - var[j] > 0.01 * var[j - 1])
                && (j + 1 == var.length || var[j] - var[j + 1] > 0.01 * var[j])) {
            j++;
        }
        return j;
    }

    private void check(JsonObject r, Dataset data, String name, int compared) {
        int d = data.cols();
        PCAModel m = PCA.withComponents(d).fit(data, ONE);
        double[] ratio = r.getDoubleArray("explained_variance_ratio");
        double[] var = r.getDoubleArray("explained_variance");
        for (int j = 0; j < d; j++) {
            assertEquals(ratio[j], m.explainedVarianceRatio()[j], 1e-10, name + " ratio " + j);
            assertEquals(var[j], m.explainedVariance()[j], 1e-10 * var[0], name + " variance " + j);
        }
        double[] comps = r.getMatrix("components", d, d);
        double[] mine = m.components();
        assertTrue(compared >= 2 || name.startsWith("digits"), name + ": only " + compared + " separated components");
        for (int j = 0; j < compared; j++) {
            for (int l = 0; l < d; l++) {
                assertEquals(comps[j * d + l], mine[j * d + l], 1e-8, name + " component " + j + "," + l);
            }
        }
    }

    @Test
    void transformWhiteningAndInverseMatchScikitLearn() {
        for (String name : List.of("iris", "wine")) {
            for (boolean std : new boolean[] {false, true}) {
                String key = name + (std ? "_standardized" : "_raw");
                JsonObject r = sk.getObject(key);
                Dataset data = builtin(name, std);
                Dataset first10 = data.selectRows(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
                int d = data.cols();
                PCAModel plain = PCA.withComponents(2).fit(data, ONE);
                PCAModel white = PCA.withComponents(2).whiten(true).fit(data, ONE);
                Dataset z = plain.transform(first10);
                Dataset zw = white.transform(first10);
                assertEquals(List.of("c1", "c2"), z.columnNames());
                double scale = Math.sqrt(plain.explainedVariance()[0]);
                assertClose(r.getMatrix("transform_k2_first10", 10, 2), z.rawValues(), 1e-9 * scale, key + " transform");
                assertClose(r.getMatrix("whiten_transform_k2_first10", 10, 2), zw.rawValues(), 1e-9,
                        key + " whitened transform");
                assertClose(r.getMatrix("inverse_k2_first10", 10, d), plain.inverseTransform(z).rawValues(),
                        1e-9 * scale, key + " inverse");
                assertClose(r.getMatrix("whiten_inverse_k2_first10", 10, d), white.inverseTransform(zw).rawValues(),
                        1e-9 * scale, key + " whitened inverse");
                assertEquals(data.columnNames(), plain.inverseTransform(z).columnNames());
            }
        }
    }

    /**
     * Above 32 features and with few components kept, the eigenvectors come from inverse iteration on the tridiagonal
     * form ({@code HouseholderEigen.Reduction}); with many kept, from the full QR decomposition. The two are
     * independent computations: the leading components must agree (up to rounding), for the covariance (n > d) and
     * the Gram (n < d) routes, and the reduction's parallel loops must give the same bits for any thread count.
     */
    @Test
    void fewComponentsByInverseIterationAgreeWithTheFullDecompositionAndThreads() {
        for (int[] shape : new int[][] {{700, 300}, {300, 420}}) {
            Dataset data = Fixtures.blobs(shape[0], shape[1], 6, 4, 19);
            PCAModel few = PCA.withComponents(6).fit(data, ONE);
            PCAModel many = PCA.withComponents(Math.min(shape[0], shape[1]) / 2).fit(data, ONE);
            PCAModel threaded = PCA.withComponents(6).fit(data, ExecutionContext.defaults().withThreads(3));
            assertArrayEquals(few.components(), threaded.components(), "components with 3 threads");
            assertArrayEquals(few.explainedVariance(), threaded.explainedVariance());
            int d = shape[1];
            for (int j = 0; j < 6; j++) {
                assertEquals(many.explainedVariance()[j], few.explainedVariance()[j],
                        1e-11 * many.explainedVariance()[0], "variance " + j);
                for (int l = 0; l < d; l++) {
                    assertEquals(many.components()[j * d + l], few.components()[j * d + l], 1e-8,
                            "component " + j + ", feature " + l + " of " + shape[0] + " x " + d);
                }
            }
        }
    }

    @Test
    void fewerRowsThanFeaturesGoesThroughTheGramMatrix() {
        JsonObject r = sk.getObject("digits_first12_wide");
        Dataset wide = builtin("digits", false).selectRows(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        PCAModel m = PCA.withComponents(12).fit(wide, ONE);
        double[] ratio = r.getDoubleArray("explained_variance_ratio");
        for (int j = 0; j < 11; j++) { // the 12th eigenvalue is 0: its ratio is rounding on both sides
            assertEquals(ratio[j], m.explainedVarianceRatio()[j], 1e-10, "ratio " + j);
        }
        assertEquals(0, m.explainedVarianceRatio()[11], 1e-12);
        int sep = separatedLeading(r.getDoubleArray("explained_variance"));
        double[] comps = r.getMatrix("components", 12, 64);
        double[] mine = m.components();
        for (int j = 0; j < Math.min(sep, 11); j++) {
            for (int l = 0; l < 64; l++) {
                assertEquals(comps[j * 64 + l], mine[j * 64 + l], 1e-8, "component " + j + "," + l);
            }
        }
        // all 12 components orthonormal, the last one (no variance) completed
        for (int a = 0; a < 12; a++) {
            for (int b = 0; b < 12; b++) {
                double s = 0;
                for (int l = 0; l < 64; l++) {
                    s += mine[a * 64 + l] * mine[b * 64 + l];
                }
                assertEquals(a == b ? 1 : 0, s, 1e-10, "orthonormal " + a + "," + b);
            }
        }
        double[] z = PCA.withComponents(3).fit(wide, ONE).transform(wide).rawValues();
        assertClose(r.getMatrix("transform_k3", 12, 3), z, 1e-8, "wide transform");
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + " size");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol, what + " [" + i + "]");
        }
    }

    @Test
    void projectionOfALineIsExact() {
        // points on the line y = 2x: one component explains everything
        Dataset d = Dataset.of(new double[][] {{0, 0}, {1, 2}, {2, 4}, {3, 6}});
        PCAModel m = PCA.withComponents(2).fit(d, ONE);
        assertEquals(1.0, m.explainedVarianceRatio()[0], 1e-15);
        assertEquals(0.0, m.explainedVarianceRatio()[1], 1e-15);
        // variance along (1,2)/√5: scores ±1.5√5, ±0.5√5 → (2·11.25 + 2·1.25) / 3
        assertEquals(25.0 / 3, m.explainedVariance()[0], 1e-12);
        Dataset s = m.transform(d);
        // rows 0 and 3 tie for the largest |score| (exact negatives); numpy's argmax takes the first: row 0 positive
        assertEquals(1.5 * Math.sqrt(5), s.get(0, 0), 1e-12);
        assertEquals(-1.5 * Math.sqrt(5), s.get(3, 0), 1e-12);
        assertEquals(0.0, s.get(0, 1), 1e-12);
        // the line is in the span of the first component: the inverse of one component gives the data back
        PCAModel one = PCA.withComponents(1).fit(d, ONE);
        assertArrayEquals(d.rawValues(), one.inverseTransform(one.transform(d)).rawValues(), 1e-12);
        assertArrayEquals(new double[] {1.0}, one.cumulativeVarianceRatio(), 1e-15);
    }

    @Test
    void varianceFractionPicksTheSmallestCountExceedingIt() {
        // independent columns of variances 4, 2, 1, 1 (ratios .5, .25, .125, .125): hand-made, exactly representable
        Dataset d = Dataset.of(new double[][] {
                {2, 0, 0, 0}, {-2, 0, 0, 0}, {0, Math.sqrt(2), 0, 0}, {0, -Math.sqrt(2), 0, 0},
                {0, 0, 1, 0}, {0, 0, -1, 0}, {0, 0, 0, 1}, {0, 0, 0, -1}});
        assertEquals(1, PCA.withVariance(0.4).fit(d, ONE).numComponents());
        assertEquals(2, PCA.withVariance(0.6).fit(d, ONE).numComponents());
        assertEquals(3, PCA.withVariance(0.8).fit(d, ONE).numComponents());
        assertEquals(4, PCA.withVariance(0.9).fit(d, ONE).numComponents());
        assertEquals(4, PCA.withVariance(1.0).fit(d, ONE).numComponents());
        PCAModel m = PCA.withVariance(0.8).fit(d, ONE);
        assertArrayEquals(new double[] {0.5, 0.75, 0.875}, m.cumulativeVarianceRatio(), 1e-14);
        // variances 8/7, 4/7, 2/7, 2/7 (n − 1 = 7): the one dropped eigenvalue is the noise variance
        assertEquals(2.0 / 7, m.noiseVariance(), 1e-14);
    }

    @Test
    void badInputIsOneLineErrorNamingTheProblem() {
        Dataset iris = builtin("iris", false);
        String e = assertThrows(CumuloException.class, () -> PCA.withComponents(5).fit(iris, ONE)).getMessage();
        assertTrue(e.contains("n-components") && e.contains("4 features"), e);
        Dataset three = iris.selectRows(new int[] {0, 1, 2});
        e = assertThrows(CumuloException.class, () -> PCA.withComponents(4).fit(three, ONE)).getMessage();
        assertTrue(e.contains("n-components") && e.contains("3 rows"), e);
        e = assertThrows(CumuloException.class, () -> PCA.withVariance(1.5)).getMessage();
        assertTrue(e.contains("(0, 1]"), e);
        assertThrows(CumuloException.class, () -> PCA.withVariance(0));
        assertThrows(CumuloException.class, () -> PCA.withVariance(-0.5));
        assertThrows(CumuloException.class, () -> PCA.of(params(2.5)));
        e = assertThrows(CumuloException.class,
                () -> PCA.PARAMS.builder().setText("n-components", "-1").build()).getMessage();
        assertTrue(e.contains("n-components"), e);
        Dataset oneRow = iris.selectRows(new int[] {0});
        e = assertThrows(CumuloException.class, () -> PCA.withComponents(1).fit(oneRow, ONE)).getMessage();
        assertTrue(e.contains("at least 2 rows"), e);
        Dataset constant = Dataset.of(new double[][] {{1, 2}, {1, 2}, {1, 2}});
        e = assertThrows(CumuloException.class, () -> PCA.withComponents(1).fit(constant, ONE)).getMessage();
        assertTrue(e.contains("constant"), e);
        for (String msg : List.of(e)) {
            assertFalse(msg.contains("\n"), msg);
        }
        PCAModel m = PCA.withComponents(2).fit(iris, ONE);
        Dataset wrong = Dataset.of(new double[][] {{1, 2, 3}});
        assertThrows(CumuloException.class, () -> m.transform(wrong));
        assertThrows(CumuloException.class, () -> m.inverseTransform(wrong));
    }

    @Test
    void sameBitsWhateverTheThreadCount() {
        Dataset data = Fixtures.blobs(20_000, 23, 5, 10, 7);
        PCAModel a = PCA.withComponents(5).fit(data, ONE);
        PCAModel b = PCA.withComponents(5).fit(data, ExecutionContext.defaults().withThreads(4));
        assertArrayEquals(a.components(), b.components());
        assertArrayEquals(a.explainedVariance(), b.explainedVariance());
        assertArrayEquals(a.transform(data, ONE).rawValues(),
                b.transform(data, ExecutionContext.defaults().withThreads(3)).rawValues());
    }

    @Test
    void invariantsOnRandomData() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] rows = new double[500][7];
        for (double[] row : rows) {
            for (int l = 0; l < 7; l++) {
                row[l] = (l + 1) * Fixtures.gaussian(rng) + 100 * l; // far from the origin: centring matters
            }
        }
        Dataset data = Dataset.of(rows);
        PCAModel m = PCA.withComponents(7).fit(data, ONE);
        double[] z = m.transform(data).rawValues();
        double[] var = m.explainedVariance();
        // score columns: mean 0, sample variance = explained variance, uncorrelated
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 7; b++) {
                double s = 0;
                for (int i = 0; i < 500; i++) {
                    s += z[i * 7 + a] * z[i * 7 + b];
                }
                assertEquals(a == b ? var[a] : 0, s / 499, 1e-9 * var[0], "score covariance " + a + "," + b);
            }
        }
        double sum = 0;
        for (double v : var) {
            sum += v;
        }
        assertEquals(m.totalVariance(), sum, 1e-12 * sum);
        // all components kept: the inverse transform is the identity
        assertArrayEquals(data.rawValues(), m.inverseTransform(m.transform(data)).rawValues(), 1e-9);
        // whitened scores have unit variance
        double[] w = PCA.withComponents(3).whiten(true).fit(data, ONE).transform(data).rawValues();
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 500; i++) {
                s += w[i * 3 + j] * w[i * 3 + j];
            }
            assertEquals(1.0, s / 499, 1e-12);
        }
    }

    @Test
    void modelJsonRoundTrip() {
        Dataset data = builtin("wine", true);
        PCAModel m = PCA.withComponents(3).whiten(true).fit(data, ONE);
        String text = Json.writePretty(m.toJson());
        PCAModel back = PCAModel.fromJson(m.params(), JsonObject.parse(text, "model.json"), data.columnNames());
        assertArrayEquals(m.components(), back.components());
        assertArrayEquals(m.mean(), back.mean());
        assertArrayEquals(m.explainedVarianceRatio(), back.explainedVarianceRatio());
        assertArrayEquals(m.transform(data).rawValues(), back.transform(data).rawValues());
        assertEquals(text, Json.writePretty(back.toJson()));
        String broken = text.replace("\"n_components\": 3", "\"n_components\": 2");
        String e = assertThrows(CumuloException.class, () -> PCAModel.fromJson(m.params(),
                JsonObject.parse(broken, "model.json"), data.columnNames())).getMessage();
        assertTrue(e.contains("components"), e);
    }
}

package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamValues;
import io.cumulo.preprocessing.StandardScaler;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomizedPCATest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    /** scikit-learn 1.2.1's exact PCA, tools/reference/make_pca_reference.py. */
    private final JsonObject sk = Fixtures.json("reference/pca_sklearn.json");

    private static PCA randomized(int k, long seed) {
        ParamValues v = PCA.PARAMS.builder().set(PCA.N_COMPONENTS, (double) k).set(PCA.SOLVER, "randomized")
                .set(PCA.SEED, seed).build();
        return PCA.of(v);
    }

    private static Dataset builtin(String name, boolean standardized) {
        Dataset raw = DatasetReader.read("builtin:" + name, ReadOptions.defaults());
        return standardized ? new StandardScaler().fit(raw).transform(raw) : raw;
    }

    @Test
    void leadingRatiosAndComponentsMatchTheExactOnes() {
        String[][] sets = {{"digits", "raw"}, {"digits", "standardized"}, {"breast-cancer", "standardized"},
            {"wine", "standardized"}};
        for (String[] s : sets) {
            JsonObject r = sk.getObject(s[0] + "_" + s[1]);
            Dataset data = builtin(s[0], s[1].equals("standardized"));
            int d = data.cols();
            int k = 3;
            PCAModel m = randomized(k, 42).fit(data, ONE);
            double[] ratio = r.getDoubleArray("explained_variance_ratio");
            double[] comps = r.getMatrix("components", d, d);
            for (int j = 0; j < k; j++) {
                assertEquals(ratio[j], m.explainedVarianceRatio()[j], 1e-6, s[0] + " " + s[1] + " ratio " + j);
                for (int l = 0; l < d; l++) {
                    // same svd_flip signs, so the components compare directly
                    assertEquals(comps[j * d + l], m.components()[j * d + l], 1e-3, s[0] + " component " + j + "," + l);
                }
            }
        }
    }

    @Test
    void deterministicForASeedWhateverTheThreads() {
        Dataset data = Fixtures.blobs(30_000, 40, 6, 10, 5);
        PCAModel a = randomized(4, 7).fit(data, ONE);
        PCAModel b = randomized(4, 7).fit(data, ExecutionContext.defaults().withThreads(4));
        assertArrayEquals(a.components(), b.components());
        assertArrayEquals(a.explainedVariance(), b.explainedVariance());
        PCAModel c = randomized(4, 8).fit(data, ONE);
        assertFalse(Arrays.equals(a.components(), c.components()), "another seed, other rounding");
        PCAModel exact = PCA.withComponents(4).fit(data, ONE);
        assertArrayEquals(exact.explainedVarianceRatio(), c.explainedVarianceRatio(), 1e-6);
    }

    @Test
    void componentsAreOrthonormalEvenWhenTheBasisExceedsTheRank() {
        // digits has constant pixels (rank < 64): 10 + 10 oversamples + power iterations must still give unit vectors
        Dataset data = builtin("digits", false);
        PCAModel m = randomized(10, 1).fit(data, ONE);
        double[] v = m.components();
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                double s = 0;
                for (int l = 0; l < 64; l++) {
                    s += v[a * 64 + l] * v[b * 64 + l];
                }
                assertEquals(a == b ? 1 : 0, s, 1e-9);
            }
        }
        assertTrue(m.noiseVariance() > 0);
    }

    @Test
    void varianceFractionIsRefusedWithTheRandomizedSolver() {
        String e = assertThrows(CumuloException.class, () -> PCA.of(PCA.PARAMS.builder().set(PCA.N_COMPONENTS, 0.9)
                .set(PCA.SOLVER, "randomized").build())).getMessage();
        assertTrue(e.contains("n-components") && e.contains("randomized"), e);
    }
}

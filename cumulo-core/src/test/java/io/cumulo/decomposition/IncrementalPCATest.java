package io.cumulo.decomposition;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.preprocessing.StandardScaler;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalPCATest {
    private static final ExecutionContext ONE = ExecutionContext.singleThreaded();
    /** scikit-learn 1.2.1's IncrementalPCA, tools/reference/make_pca_reference.py. */
    private final JsonObject inc = Fixtures.json("reference/pca_sklearn.json").getObject("incremental");

    private static Dataset builtin(String name, boolean standardized) {
        Dataset raw = DatasetReader.read("builtin:" + name, ReadOptions.defaults());
        return standardized ? new StandardScaler().fit(raw).transform(raw) : raw;
    }

    @Test
    void matchesScikitLearnsIncrementalPca() {
        String[][] sets = {{"iris_raw", "iris"}, {"wine_standardized", "wine"}, {"digits_raw", "digits"},
            {"breast-cancer_standardized", "breast-cancer"}};
        for (String[] s : sets) {
            JsonObject r = inc.getObject(s[0]);
            Dataset data = builtin(s[1], s[0].endsWith("standardized"));
            int k = r.getInt("n_components");
            int d = data.cols();
            PCAModel m = IncrementalPCA.of(k).batchSize(r.getInt("batch_size")).fit(data, ONE);
            double[] var = r.getDoubleArray("explained_variance");
            double[] ratio = r.getDoubleArray("explained_variance_ratio");
            for (int j = 0; j < k; j++) {
                assertEquals(ratio[j], m.explainedVarianceRatio()[j], 1e-10, s[0] + " ratio " + j);
                assertEquals(var[j], m.explainedVariance()[j], 1e-10 * var[0], s[0] + " variance " + j);
            }
            assertArrayEquals(r.getDoubleArray("mean"), m.mean(), 1e-12, s[0] + " mean");
            assertEquals(r.getDouble("noise_variance"), m.noiseVariance(), 1e-9 * var[0], s[0] + " noise variance");
            double[] comps = r.getMatrix("components", k, d);
            for (int t = 0; t < k * d; t++) {
                assertEquals(comps[t], m.components()[t], 1e-8, s[0] + " component entry " + t);
            }
            Dataset z = m.transform(data.selectRows(new int[] {0, 1, 2, 3, 4}));
            assertArrayEquals(r.getMatrix("transform_first5", 5, k), z.rawValues(), 1e-8 * Math.sqrt(var[0]), s[0]);
        }
    }

    @Test
    void oneBatchIsExactPca() {
        Dataset wine = builtin("wine", true);
        PCAModel a = IncrementalPCA.of(3).batchSize(178).fit(wine, ONE);
        PCAModel b = PCA.withComponents(3).fit(wine, ONE);
        assertArrayEquals(b.explainedVarianceRatio(), a.explainedVarianceRatio(), 1e-12);
        assertArrayEquals(b.explainedVariance(), a.explainedVariance(), 1e-10);
    }

    @Test
    void rankKDataIsRecoveredExactlyWhateverTheBatches() {
        // rows on a plane in 5-D: two components hold everything, so batches lose nothing
        Dataset data = Fixtures.uniform(500, 2, 3);
        double[][] rows = new double[500][5];
        for (int i = 0; i < 500; i++) {
            double u = data.get(i, 0);
            double v = data.get(i, 1);
            rows[i] = new double[] {u + v, u - v, 2 * u, 3 + v, -u};
        }
        Dataset plane = Dataset.of(rows);
        PCAModel exact = PCA.withComponents(2).fit(plane, ONE);
        PCAModel batched = IncrementalPCA.of(2).batchSize(37).fit(plane, ONE);
        assertArrayEquals(exact.explainedVariance(), batched.explainedVariance(), 1e-10);
        assertArrayEquals(exact.mean(), batched.mean(), 1e-12);
        // same subspace: the projections agree up to each component's sign
        double[] pe = exact.inverseTransform(exact.transform(plane)).rawValues();
        double[] pb = batched.inverseTransform(batched.transform(plane)).rawValues();
        assertArrayEquals(pe, pb, 1e-9);
    }

    @Test
    void streamingThroughTheFitterEqualsFit() {
        Dataset iris = builtin("iris", false);
        IncrementalPCA ipca = IncrementalPCA.of(2);
        IncrementalPCA.Fitter f = ipca.start(iris.columnNames());
        for (int s = 0; s < 150; s += 50) {
            int[] idx = new int[50];
            for (int i = 0; i < 50; i++) {
                idx[i] = s + i;
            }
            f.partialFit(iris.selectRows(idx));
        }
        assertEquals(150, f.rowsSeen());
        PCAModel viaFit = ipca.batchSize(50).fit(iris, ONE);
        assertArrayEquals(viaFit.components(), f.model().components());
    }

    @Test
    void badInput() {
        assertThrows(CumuloException.class, () -> IncrementalPCA.of(0));
        assertThrows(CumuloException.class, () -> IncrementalPCA.of(3).batchSize(2));
        Dataset iris = builtin("iris", false);
        String e = assertThrows(CumuloException.class, () -> IncrementalPCA.of(5).fit(iris, ONE)).getMessage();
        assertTrue(e.contains("n-components") && e.contains("4 features"), e);
        IncrementalPCA.Fitter f = IncrementalPCA.of(2).start(iris.columnNames());
        assertThrows(CumuloException.class, f::model);
        assertThrows(CumuloException.class, () -> f.partialFit(Dataset.of(new double[][] {{1, 2}, {3, 4}})));
        Dataset constant = Dataset.of(new double[][] {{1, 2}, {1, 2}, {1, 2}});
        e = assertThrows(CumuloException.class, () -> IncrementalPCA.of(1).fit(constant, ONE)).getMessage();
        assertTrue(e.contains("constant"), e);
    }
}

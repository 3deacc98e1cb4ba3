package io.cumulo.decomposition;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.preprocessing.StandardScaler;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PCATest {
    private final JsonObject ref = Fixtures.json("reference/pca.json");

    @Test
    void explainedVarianceAndComponentsMatchScikitLearn() {
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        Dataset wine = DatasetReader.read("builtin:wine", ReadOptions.defaults());
        check("iris", iris);
        check("wine_standardized", new StandardScaler().fit(wine).transform(wine));
    }

    private void check(String name, Dataset data) {
        JsonObject r = ref.getObject(name);
        int d = data.cols();
        PCAModel m = PCA.withComponents(d).fit(data, ExecutionContext.singleThreaded());
        double[] ratio = r.getDoubleArray("explained_variance_ratio");
        double[] var = r.getDoubleArray("explained_variance");
        for (int j = 0; j < d; j++) {
            assertEquals(ratio[j], m.explainedVarianceRatio()[j], 1e-10, name + " ratio " + j);
            assertEquals(var[j], m.explainedVariance()[j], 1e-10 * var[0], name + " variance " + j);
        }
        double[] comps = r.getMatrix("components", d, d);
        double[] mine = m.components();
        // compare the leading components (well separated eigenvalues), signs included (svd_flip convention)
        for (int j = 0; j < 2; j++) {
            for (int l = 0; l < d; l++) {
                assertEquals(comps[j * d + l], mine[j * d + l], 1e-8, name + " component " + j + "," + l);
            }
        }
    }

    @Test
    void projectionOfALineIsExact() {
        // points on the line y = 2x: one component explains everything
        Dataset d = Dataset.of(new double[][] {{0, 0}, {1, 2}, {2, 4}, {3, 6}});
        PCAModel m = PCA.withComponents(2).fit(d, ExecutionContext.singleThreaded());
        assertEquals(1.0, m.explainedVarianceRatio()[0], 1e-15);
        assertEquals(0.0, m.explainedVarianceRatio()[1], 1e-15);
        Dataset s = m.transform(d);
        // scores along (1,2)/sqrt(5) around the mean (1.5, 3): -1.5*sqrt(5) ... (orientation: largest |score| positive)
        assertEquals(1.5 * Math.sqrt(5), Math.abs(s.get(0, 0)), 1e-12);
        assertEquals(0.0, s.get(0, 1), 1e-12);
    }
}

package io.cumulo.metrics;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.linalg.VectorKernels;
import io.cumulo.neighbors.Distance;
import io.cumulo.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Agreement with scikit-learn 1.2.1 (silhouette, per-row silhouettes, Calinski–Harabasz, Davies–Bouldin) and with
 * numpy (inertia, Pelleg &amp; Moore's BIC written out in Python) to 1e-9 relative, on fixed labelings of the four
 * classic sets and a synthetic set far from the origin: reference/internal_indices.json, made by
 * tools/reference/make_internal_indices_reference.py. The same file holds the numbers for four of Fränti's sets,
 * which are not in the repository: tools/reference/check_franti_indices.sh checks those against the shared copy.
 */
class InternalIndicesReferenceTest {
    private static final double REL = 1e-9;
    private final ExecutionContext ctx = ExecutionContext.defaults();
    private final JsonObject ref = Fixtures.json("reference/internal_indices.json");

    @Test
    void classicSets() {
        for (String name : new String[] {"iris", "wine", "breast-cancer", "digits"}) {
            Dataset data = DatasetReader.read("builtin:" + name, ReadOptions.defaults());
            checkSet(name, data, ref.getObject("classic").getObject(name));
        }
    }

    /** Fränti-like: 15 clusters at coordinates of 1e5..1e6, integer values (equal rows): cancellation territory. */
    @Test
    void farFromTheOrigin() {
        checkSet("far", far(), ref.getObject("synthetic").getObject("far"));
    }

    /** The plain-Java kernels give the same values (they differ from the Vector API ones only in the last bits). */
    @Test
    void plainJavaKernelsAgreeToo() {
        JsonObject e = ref.getObject("synthetic").getObject("far").getObject("labelings").getObject("kmeans");
        double s = SilhouetteScore.compute(far(), e.getIntArray("labels"), Distance.EUCLIDEAN, ctx,
                VectorKernels.scalar()).mean();
        assertEquals(e.getDouble("silhouette"), s, REL * Math.abs(e.getDouble("silhouette")));
        Dataset digits = DatasetReader.read("builtin:digits", ReadOptions.defaults());
        e = ref.getObject("classic").getObject("digits").getObject("labelings").getObject("kmeans");
        s = SilhouetteScore.compute(digits, e.getIntArray("labels"), Distance.EUCLIDEAN, ctx,
                VectorKernels.scalar()).mean();
        assertEquals(e.getDouble("silhouette"), s, REL * Math.abs(e.getDouble("silhouette")));
    }

    private static Dataset far() {
        return Fixtures.csv("reference/internal_indices_far_data.csv",
                ReadOptions.builder().labelColumn("label").build());
    }

    private void checkSet(String name, Dataset data, JsonObject set) {
        assertEquals(set.getInt("n"), data.rows(), name);
        int[] truth = data.labels().orElseThrow().codes();
        int[] rows = set.getIntArray("sample_rows");
        JsonObject labelings = set.getObject("labelings");
        for (String l : new String[] {"truth", "kmeans", "noise", "random"}) {
            if (!labelings.has(l)) {
                continue;
            }
            JsonObject e = labelings.getObject(l);
            int[] labels;
            if (l.equals("truth")) {
                labels = truth;
            } else if (l.equals("noise")) {
                labels = truth.clone();
                for (int i = 3; i < labels.length; i += 7) {
                    labels[i] = -1;
                }
            } else {
                labels = e.getIntArray("labels");
            }
            String what = name + "/" + l;
            SilhouetteScore.Result sil = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx);
            close(e.getDouble("silhouette"), sil.mean(), what + " silhouette");
            double[] samples = sil.samples();
            double[] expected = e.getDoubleArray("samples");
            for (int i = 0; i < rows.length; i++) {
                // per-row values: 1e-9 of the row's scale (a value near 0 is the difference of two means near 1)
                assertEquals(expected[i], samples[rows[i]], REL, what + " silhouette of row " + rows[i]);
            }
            close(e.getDouble("calinski_harabasz"), CalinskiHarabasz.score(data, labels, ctx), what + " CH");
            close(e.getDouble("davies_bouldin"), DaviesBouldin.score(data, labels, ctx), what + " DB");
            close(e.getDouble("inertia"), Inertia.score(data, labels, ctx), what + " inertia");
            close(e.getDouble("bic"), KMeansBic.compute(data, labels, ctx).bic(), what + " BIC");
            int noise = e.getInt("noise_points");
            assertEquals(noise, sil.noisePoints(), what);
            assertEquals(noise, CalinskiHarabasz.compute(data, labels, ctx).noisePoints(), what);

            // the one entry point gives the same numbers under its keys
            Map<String, Object> all = InternalIndices.compute(data, labels, ctx);
            close(e.getDouble("silhouette"), (Double) all.get("silhouette"), what + " [silhouette]");
            close(e.getDouble("calinski_harabasz"), (Double) all.get("calinski_harabasz"), what + " [calinski_harabasz]");
            close(e.getDouble("davies_bouldin"), (Double) all.get("davies_bouldin"), what + " [davies_bouldin]");
            close(e.getDouble("inertia"), (Double) all.get("inertia"), what + " [inertia]");
            close(e.getDouble("bic"), (Double) all.get("bic"), what + " [bic]");
            assertEquals(noise, all.get("noise_points"), what);
        }
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.abs(expected), what);
    }
}

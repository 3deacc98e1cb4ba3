package io.cumulo.bench;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.metrics.CalinskiHarabasz;
import io.cumulo.metrics.DaviesBouldin;
import io.cumulo.metrics.Inertia;
import io.cumulo.metrics.KMeansBic;
import io.cumulo.metrics.SilhouetteScore;
import io.cumulo.neighbors.Distance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks the internal indices against scikit-learn 1.2.1 on Fränti's sets, which are not in the repository (their
 * licence does not allow it), so the unit tests cannot: the numbers are in cumulo-core's
 * {@code reference/internal_indices.json} (made by {@code tools/reference/make_internal_indices_reference.py}), the
 * data in the shared copy. Run by {@code tools/reference/check_franti_indices.sh}.
 *
 * <p>Usage: {@code IndicesReferenceCheck FRANTI_DIR REFERENCE_JSON [SHARED_RESULTS_JSON]}. Prints one line per set
 * and labelling with the largest relative difference of silhouette, Calinski–Harabasz, Davies–Bouldin, inertia
 * and BIC, and of the per-row silhouettes (absolute); with the shared results file, also the ground truth's
 * silhouette against the one computed there. Exits 1 if any difference exceeds 1e-9.
 */
public final class IndicesReferenceCheck {
    private static final double TOLERANCE = 1e-9;

    private IndicesReferenceCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: IndicesReferenceCheck FRANTI_DIR REFERENCE_JSON [SHARED_RESULTS_JSON]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        JsonObject ref = JsonObject.parse(Files.readString(Path.of(args[1])), args[1]).getObject("franti");
        JsonObject shared = args.length > 2
                ? JsonObject.parse(Files.readString(Path.of(args[2])), args[2]).getObject("franti") : null;
        ExecutionContext ctx = ExecutionContext.defaults();
        boolean ok = true;
        for (String name : new String[] {"s1", "a1", "unbalance", "dim032"}) {
            Dataset data = DatasetReader.read(dir.resolve(name + ".csv").toString(),
                    ReadOptions.builder().labelColumn("label").build());
            int[] truth = data.labels().orElseThrow().codes();
            JsonObject set = ref.getObject(name);
            int[] rows = set.getIntArray("sample_rows");
            for (String l : new String[] {"truth", "kmeans", "noise"}) {
                JsonObject e = set.getObject("labelings").getObject(l);
                int[] labels = l.equals("truth") ? truth : l.equals("kmeans") ? e.getIntArray("labels") : noise(truth);
                SilhouetteScore.Result sil = SilhouetteScore.compute(data, labels, Distance.EUCLIDEAN, ctx);
                double worst = 0;
                worst = Math.max(worst, rel(e.getDouble("silhouette"), sil.mean()));
                worst = Math.max(worst, rel(e.getDouble("calinski_harabasz"), CalinskiHarabasz.score(data, labels, ctx)));
                worst = Math.max(worst, rel(e.getDouble("davies_bouldin"), DaviesBouldin.score(data, labels, ctx)));
                worst = Math.max(worst, rel(e.getDouble("inertia"), Inertia.score(data, labels, ctx)));
                worst = Math.max(worst, rel(e.getDouble("bic"), KMeansBic.compute(data, labels, ctx).bic()));
                double[] samples = sil.samples();
                double[] expected = e.getDoubleArray("samples");
                double rowWorst = 0;
                for (int i = 0; i < rows.length; i++) {
                    rowWorst = Math.max(rowWorst, Math.abs(expected[i] - samples[rows[i]]));
                }
                boolean pass = worst <= TOLERANCE && rowWorst <= TOLERANCE
                        && e.getInt("noise_points") == sil.noisePoints();
                ok &= pass;
                System.out.printf(Locale.ROOT, "%-10s %-7s silhouette %.6f  largest relative difference %.1e, "
                                + "per-row %.1e, noise %d  %s%n", name, l, sil.mean(), worst, rowWorst,
                        sil.noisePoints(), pass ? "ok" : "FAIL");
            }
            if (shared != null && shared.has(name)) {
                double s = shared.getObject(name).getDouble("silhouette_true_labels");
                double d = rel(s, SilhouetteScore.score(data, truth, ctx));
                ok &= d <= TOLERANCE;
                System.out.printf(Locale.ROOT, "%-10s truth   against the shared results: relative difference %.1e  %s%n",
                        name, d, d <= TOLERANCE ? "ok" : "FAIL");
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private static int[] noise(int[] truth) {
        int[] labels = truth.clone();
        for (int i = 3; i < labels.length; i += 7) {
            labels[i] = -1;
        }
        return labels;
    }

    private static double rel(double expected, double actual) {
        return Math.abs(expected - actual) / Math.abs(expected);
    }
}

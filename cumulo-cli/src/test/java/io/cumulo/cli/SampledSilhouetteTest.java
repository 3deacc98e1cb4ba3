package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.metrics.SilhouetteScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Above 20,000 rows `cluster --json` gives the unbiased silhouette estimate from 5,000 seeded rows with its standard
 * error: checked against the exact silhouette of the same labels (within four standard errors) rather than against
 * the estimator itself.
 */
class SampledSilhouetteTest {
    @TempDir
    Path dir;

    @Test
    void estimateAbove20000RowsIsWithinItsErrorOfTheExactValue() throws Exception {
        int n = 24_000;
        SplittableRandom rng = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(4);
            csv.append(c * 3 + rng.nextGaussian()).append(',').append(c % 2 * 4 + rng.nextGaussian()).append(',')
                    .append(rng.nextGaussian()).append('\n');
        }
        Path data = dir.resolve("blobs.csv");
        Files.writeString(data, csv);
        Path labelsFile = dir.resolve("labels.csv");
        Map<String, Object> j = ClusterCommandTest.json(Cli.run("cluster", data.toString(), "--k", "4", "--seed", "1",
                "--out", labelsFile.toString(), "--json"));
        assertEquals(2000L, ((Number) j.get("silhouette_sample_size")).longValue());
        double estimate = (Double) j.get("silhouette");
        double se = (Double) j.get("silhouette_standard_error");
        assertTrue(se > 0 && se < 0.02, "standard error " + se);
        Dataset x = DatasetReader.read(data.toString(), ReadOptions.defaults());
        int[] labels = Files.readAllLines(labelsFile).stream().skip(1)
                .mapToInt(line -> Integer.parseInt(line.split(",")[1])).toArray();
        assertEquals(n, labels.length);
        double exact = SilhouetteScore.score(x, labels, ExecutionContext.defaults());
        assertTrue(Math.abs(estimate - exact) < 4 * se, "estimate " + estimate + " ± " + se + ", exact " + exact);
        assertTrue(Arrays.stream(labels).allMatch(l -> l >= 0 && l < 4));
    }
}

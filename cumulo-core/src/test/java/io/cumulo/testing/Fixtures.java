package io.cumulo.testing;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Test data: reference files under src/test/resources, and seeded synthetic data. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path resource(String name) {
        try {
            var url = Fixtures.class.getResource("/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Dataset csv(String name) {
        return DatasetReader.read(resource(name).toString(), ReadOptions.defaults());
    }

    public static Dataset csv(String name, ReadOptions options) {
        return DatasetReader.read(resource(name).toString(), options);
    }

    public static JsonObject json(String name) {
        try {
            return JsonObject.parse(Files.readString(resource(name), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code k} Gaussian blobs (unit spread) around centres drawn in [-box, box]^d. */
    public static Dataset blobs(int n, int d, int k, double box, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (rng.nextDouble() * 2 - 1) * box;
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centres[c * d + j] + gaussian(rng);
            }
        }
        return Dataset.wrap(x, n, d, Dataset.defaultNames(d), "blobs");
    }

    public static Dataset uniform(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        return Dataset.wrap(x, n, d, Dataset.defaultNames(d), "uniform");
    }

    public static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    public static double[][] rows(double[] flat, int k, int d) {
        double[][] out = new double[k][d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }
}

package io.cumulo.bench;

import io.cumulo.data.Dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A shared benchmark workload as the bench scripts write it: {@code NAME.meta} (a properties file with at least
 * {@code n} and {@code d}) beside {@code NAME.f64} (the n × d rows, little-endian float64, row-major).
 */
record Workload(String name, Properties meta, Dataset data) {
    static Workload read(Path dir, String name) throws IOException {
        Properties meta = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(name + ".meta"))) {
            meta.load(r);
        }
        Workload partial = new Workload(name, meta, null);
        int n = partial.intValue("n");
        int d = partial.intValue("d");
        double[] x = KMeansBench.readF64(dir.resolve(name + ".f64"), (long) n * d);
        return new Workload(name, meta, Dataset.wrap(x, n, d, Dataset.defaultNames(d), name));
    }

    /** An integer of the meta file (e.g. {@code n}, {@code d}, {@code k}, {@code components}). */
    int intValue(String key) {
        return Integer.parseInt(meta.getProperty(key).trim());
    }
}

package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.cluster.Clusterer;
import io.cumulo.cluster.ClusteringModel;
import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.cluster.KMedoids;
import io.cumulo.cluster.KMedoidsModel;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The clustering algorithms Cumulo knows by name: how to build each from parameter values and how to read
 * its fitted model back. The CLI ({@code --algorithm}, {@code --param}, {@code cumulo params}), the model
 * files and the docs all go through here.
 */
public final class Algorithms {
    /** Reads the {@code model} block of a model file. */
    @FunctionalInterface
    public interface ModelReader {
        ClusteringModel read(ParamValues params, JsonObject model, JsonObject training, int features);
    }

    /** One registered algorithm. */
    public static final class Entry {
        private final String name;
        private final String description;
        private final ParamSet params;
        private final Function<ParamValues, Clusterer<?>> factory;
        private final ModelReader reader;

        Entry(String name, String description, ParamSet params, Function<ParamValues, Clusterer<?>> factory,
              ModelReader reader) {
            this.name = name;
            this.description = description;
            this.params = params;
            this.factory = factory;
            this.reader = reader;
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public ParamSet params() {
            return params;
        }

        public Clusterer<?> create(ParamValues values) {
            return factory.apply(values);
        }

        public ClusteringModel readModel(ParamValues values, JsonObject model, JsonObject training, int features) {
            return reader.read(values, model, training, features);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry(KMeans.NAME, "k-means: exact Lloyd, Elkan, Hamerly or Yinyang iterations; k-means++ or k-means|| seeding; restarts; random swap", KMeans.PARAMS,
                KMeans::of, KMeansModel::fromJson));
        register(new Entry(KMedoids.NAME, "k-medoids (FasterPAM, PAM, CLARA, FasterCLARA; medoids are rows; any distance)",
                KMedoids.PARAMS, KMedoids::of, KMedoidsModel::fromJson));
    }

    private Algorithms() {
    }

    private static void register(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    public static List<Entry> all() {
        return List.copyOf(ENTRIES.values());
    }

    /** The algorithm called {@code name}; an unknown name lists the known ones. */
    public static Entry get(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new CumuloException("unknown algorithm '" + name + "'; available: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }
}

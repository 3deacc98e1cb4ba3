package io.cumulo.workflow;

import io.cumulo.data.ReadOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What every job's builder takes alike: the input and how to read it, the method's parameters as text, the seed,
 * the scaling, and whether existing output files may be replaced.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class TaskBuilder<B extends TaskBuilder<B>> {
    String input;
    ReadOptions read = ReadOptions.defaults();
    Map<String, String> params = Map.of();
    Long seed;
    String scale = "none";
    boolean overwrite;

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** A CSV/TSV/.npy file or {@code builtin:NAME}. */
    public B input(String input) {
        this.input = input;
        return self();
    }

    public B read(ReadOptions read) {
        this.read = Objects.requireNonNull(read);
        return self();
    }

    /** The method's parameters as text, as {@code --param NAME=VALUE} gives them (null: none). */
    public B params(Map<String, String> params) {
        this.params = params == null ? Map.of() : new LinkedHashMap<>(params);
        return self();
    }

    /** The seed (null: the method's default, 0). */
    public B seed(Long seed) {
        this.seed = seed;
        return self();
    }

    /** A scaler name: standard, minmax, robust or none (the default). */
    public B scale(String scale) {
        this.scale = Objects.requireNonNull(scale);
        return self();
    }

    /** Whether existing output files may be replaced (otherwise that is an error, before any work). */
    public B overwrite(boolean overwrite) {
        this.overwrite = overwrite;
        return self();
    }
}

package io.cumulo.cli;

import picocli.CommandLine.Option;

/** {@code --seed}, the same in every command that makes random choices. */
public final class SeedOption {
    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default 0); the same seed gives the same result.")
    Long seed;

    long orZero() {
        return seed == null ? 0 : seed;
    }
}

package io.cumulo.cli;

import io.cumulo.CumuloException;
import picocli.CommandLine.Option;

/** Flags about how a command runs and reports, the same in every command. */
public final class RunOptions {
    @Option(names = "--threads", paramLabel = "T",
            description = "Threads to use (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the summary.")
    boolean json;

    @Option(names = "--overwrite", description = "Replace output files that already exist (otherwise that is an error).")
    boolean overwrite;

    int threads() {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new CumuloException("--threads: expected an integer >= 1, got " + threads);
        }
        return threads;
    }
}

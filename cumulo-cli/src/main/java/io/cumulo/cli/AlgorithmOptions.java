package io.cumulo.cli;

import picocli.CommandLine.Option;

import java.util.Map;

/** Which clustering to fit, on which scaling: the same flags in every command that fits one. */
public final class AlgorithmOptions {
    @Option(names = "--algorithm", paramLabel = "NAME", defaultValue = "kmeans",
            description = "Clustering algorithm (default: ${DEFAULT-VALUE}); 'cumulo params' lists them.")
    String algorithm;

    @Option(names = "--scale", paramLabel = "HOW", defaultValue = "none",
            description = "Feature scaling before clustering: standard, minmax, robust or none (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "An algorithm parameter, e.g. --param max-iter=500 (repeatable).")
    Map<String, String> params;
}

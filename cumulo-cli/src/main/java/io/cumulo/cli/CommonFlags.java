package io.cumulo.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags that mean the same in every command (docs/cli.md, "Conventions"), and why a command that does not take
 * one does not: a user who types {@code cumulo predict ... --seed 3} is told why, not just "unknown option". A test
 * checks every command against this table.
 */
final class CommonFlags {
    /** The common flags, in the order docs/cli.md lists them. */
    static final List<String> FLAGS = List.of("--seed", "--threads", "--scale", "--columns", "--drop-columns",
            "--missing", "--delimiter", "--json", "--out", "--overwrite", "--report", "--plots");

    private static final String NO_DATA = "it reads no data";

    /** Command → flag → why it does not apply. A common flag not listed here applies to the command. */
    private static final Map<String, Map<String, String>> NOT_APPLICABLE = Map.of(
            "predict", Map.of(
                    "--seed", "predict makes no random choices (the model assigns each row)",
                    "--scale", "the model's own scaling is applied",
                    "--report", "predict makes no report; 'cumulo profile INPUT --model FILE --report FILE' describes "
                            + "the clusters of new rows",
                    "--plots", "predict makes no report; 'cumulo profile INPUT --model FILE --plots DIR' draws the "
                            + "clusters of new rows"),
            "profile", Map.of(
                    "--seed", "profiles make no random choices",
                    "--scale", "profiles are in the input's units (with --model, the model's own scaling assigns the "
                            + "rows)"),
            "neighbors", Map.of(
                    "--seed", "the neighbours are exact: nothing is random",
                    "--report", "neighbors makes no report; --json has the distances to the k-th neighbour",
                    "--plots", "neighbors makes no report; --json has the distances to the k-th neighbour"),
            "choose-eps", Map.of(
                    "--seed", "choose-eps makes no random choices (every row's k-th neighbour distance, sorted)"),
            "evaluate", Map.of(
                    "--out", "evaluate writes no table; --json has every index and the contingency table"),
            "demo", Map.of(
                    "--scale", "the demo uses standard scaling",
                    "--columns", "the demo's data is builtin:iris",
                    "--drop-columns", "the demo's data is builtin:iris",
                    "--missing", "the demo's data is builtin:iris",
                    "--delimiter", "the demo's data is builtin:iris",
                    "--out", "the demo writes its files into --out-dir",
                    "--report", "the demo writes report.html into --out-dir",
                    "--plots", "the demo writes report.html into --out-dir"),
            "params", notApplicable(NO_DATA, "--json"),
            "datasets", notApplicable(NO_DATA, "--json"));

    private CommonFlags() {
    }

    /** Every common flag but {@code kept}, all with the same reason. */
    private static Map<String, String> notApplicable(String reason, String... kept) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : FLAGS) {
            if (!List.of(kept).contains(f)) {
                m.put(f, reason);
            }
        }
        return Map.copyOf(m);
    }

    /** Why {@code flag} does not apply to {@code command}; empty when it does (or is not a common flag). */
    static Optional<String> whyNot(String command, String flag) {
        return Optional.ofNullable(NOT_APPLICABLE.getOrDefault(command, Map.of()).get(flag));
    }
}

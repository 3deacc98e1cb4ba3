package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.exec.ProgressListener;
import picocli.CommandLine.Option;

import java.util.function.Function;

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

    /**
     * How the command's work runs: {@code --threads}, a progress bar on a terminal's stderr, warnings and notes on
     * stderr as one line each (the bar cleared first).
     */
    ExecutionContext context(CumuloCommand parent) {
        ProgressListener progress = TerminalProgress.forStderr(parent.err);
        return ExecutionContext.defaults().withThreads(threads()).withProgress(progress)
                .withWarnings(w -> {
                    TerminalProgress.finish(progress);
                    parent.err.println("warning: " + w);
                })
                .withNotes(n -> {
                    TerminalProgress.finish(progress);
                    parent.err.println("note: " + n);
                });
    }

    /** Runs {@code job} on {@link #context}, clearing the progress bar however it ends. */
    <T> T run(CumuloCommand parent, Function<ExecutionContext, T> job) {
        ExecutionContext ctx = context(parent);
        try {
            return job.apply(ctx);
        } finally {
            TerminalProgress.finish(ctx.progress());
        }
    }
}

package io.cumulo.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process with captured output, as a user at a terminal would see it. */
final class Cli {
    record Result(int exit, String out, String err) {
        /** The single stderr line of a user error. */
        String errorLine() {
            String[] lines = err.strip().split("\n");
            if (lines.length != 1) {
                throw new AssertionError("expected one line on stderr, got:\n" + err);
            }
            return lines[0];
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

package io.cumulo.cli;

import io.cumulo.CumuloException;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Entry point of the {@code cumulo} command. Exit codes: 0 success, 2 user error (bad input, bad flag,
 * impossible parameters; one line on stderr), 1 anything else (a bug: message and stack trace).
 */
public final class Main {
    public static final int OK = 0;
    public static final int BUG = 1;
    public static final int USER_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = stderr();
        System.setErr(err);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * The real stderr. The launcher hands it over as file descriptor 3 ({@code -Dcumulo.stderr.fd=3}) because
     * the JVM's own stderr goes through a filter (see ./cumulo). Writing to that very descriptor (not a reopened
     * path) shares its file offset, so redirections like {@code 2>log} behave as for any program, and messages
     * appear before the command exits. Java has no public way to wrap a descriptor number, hence the field.
     */
    private static PrintStream stderr() {
        String fdNumber = System.getProperty("cumulo.stderr.fd");
        if (fdNumber != null) {
            try {
                FileDescriptor fd = new FileDescriptor();
                Field f = FileDescriptor.class.getDeclaredField("fd");
                f.setAccessible(true);
                f.setInt(fd, Integer.parseInt(fdNumber));
                return new PrintStream(new FileOutputStream(fd), true, StandardCharsets.UTF_8);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not opened up (run without the launcher): use the JVM's stderr
            }
        }
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CumuloCommand top = new CumuloCommand(out, err);
        CommandLine cl = new CommandLine(top);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setUsageHelpAutoWidth(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(cmd + ": error: " + notApplicable(ex).orElse(oneLine(ex.getMessage())) + " (see '" + cmd
                    + " --help')");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, err));
        ParamsCommand.describeAlgorithmInClusterHelp(cl.getSubcommands().get("cluster"), args);
        try {
            return cl.execute(args);
        } catch (RuntimeException e) {
            return handle(e, err);
        }
    }

    /** For a common flag a command does not take: which flag, and why it does not apply (see {@link CommonFlags}). */
    private static Optional<String> notApplicable(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return Optional.empty();
        }
        String arg = u.getUnmatched().get(0);
        String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String command = ex.getCommandLine().getCommandName();
        return CommonFlags.whyNot(command, flag).map(why -> flag + " does not apply to " + command + ": " + why);
    }

    static int handle(Throwable ex, PrintStream err) {
        Throwable t = ex;
        while (!(t instanceof CumuloException) && t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        if (t instanceof CumuloException) {
            err.println("cumulo: error: " + oneLine(t.getMessage()));
            return USER_ERROR;
        }
        if (ex instanceof OutOfMemoryError) {
            err.println("cumulo: error: out of memory; give Java more with CUMULO_JAVA_OPTS=-Xmx<size> "
                    + "(this machine: " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB allowed now)");
            return BUG;
        }
        err.println("cumulo: internal error: " + ex + " (this is a bug; please report it with the command you ran)");
        ex.printStackTrace(err);
        return BUG;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}

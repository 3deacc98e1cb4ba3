package io.cumulo.cli;

import io.cumulo.exec.ProgressListener;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal and only once a task has run for
 * half a second, so quick runs and redirected output stay clean.
 */
final class TerminalProgress implements ProgressListener {
    private static final long DELAY_NANOS = 500_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** A bar on {@code err} when it is a terminal, else nothing. */
    static ProgressListener forStderr(PrintStream err) {
        return stderrIsTerminal() ? new TerminalProgress(err) : ProgressListener.NONE;
    }

    /** The launcher tells us (it can test file descriptor 2); otherwise ask Linux where fd 2 points. */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("cumulo.stderr.tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            String t = target.toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        long now = System.nanoTime();
        if (now - start < DELAY_NANOS || (drawn && now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double f = total <= 0 ? 0 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        StringBuilder sb = new StringBuilder("\r[");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        sb.append(String.format(Locale.ROOT, "] %3.0f%% %-30s", f * 100, task));
        err.print(sb);
        err.flush();
    }

    /** Clears the bar, if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
            drawn = false;
        }
    }

    static void finish(ProgressListener p) {
        if (p instanceof TerminalProgress) {
            ((TerminalProgress) p).finish();
        }
    }
}

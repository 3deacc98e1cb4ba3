package io.cumulo.cli;

import io.cumulo.exec.ProgressListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalProgressTest {
    @Test
    void quietWhenStderrIsNotATerminal() {
        String before = System.getProperty("cumulo.stderr.tty");
        try {
            System.setProperty("cumulo.stderr.tty", "false");
            assertSame(ProgressListener.NONE, TerminalProgress.forStderr(System.err));
        } finally {
            restore(before);
        }
    }

    @Test
    void drawsABarOnATerminalAfterHalfASecondAndClearsIt() throws Exception {
        String before = System.getProperty("cumulo.stderr.tty");
        try {
            System.setProperty("cumulo.stderr.tty", "true");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            ProgressListener p = TerminalProgress.forStderr(err);
            p.update("k-means run 1/10", 1, 100);
            assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing for quick work");
            Thread.sleep(550);
            p.update("k-means run 5/10", 50, 100);
            String drawn = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(drawn.startsWith("\r[===============>") && drawn.contains(" 50% k-means run 5/10"), drawn);
            TerminalProgress.finish(p);
            assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("\r"), "line cleared");
        } finally {
            restore(before);
        }
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty("cumulo.stderr.tty");
        } else {
            System.setProperty("cumulo.stderr.tty", before);
        }
    }
}

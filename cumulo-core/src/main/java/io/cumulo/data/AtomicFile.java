package io.cumulo.data;

import io.cumulo.CumuloException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that no reader ever sees half of it: the content goes to a new temporary file beside the target
 * (a plain new file, not {@code createTempFile}, whose 0600 mode would stick to the result), which is then moved into
 * place, atomically where the file system allows. Whether an existing target may be replaced is the caller's check.
 */
public final class AtomicFile {
    /** What writes the content into the temporary file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes {@code p} (creating its parent directories); an I/O failure is a one-line {@link CumuloException}
     * naming the file, and leaves no temporary file behind.
     */
    public static void write(Path p, Body body) {
        Path abs = p.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.createDirectories(abs.getParent());
            try {
                body.writeTo(tmp);
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CumuloException(p + ": cannot write (" + e.getMessage() + ")");
        }
    }
}

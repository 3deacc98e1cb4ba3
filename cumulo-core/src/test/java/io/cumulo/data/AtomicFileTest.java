package io.cumulo.data;

import io.cumulo.CumuloException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void writesCreatingParentsAndReplaces() throws Exception {
        Path p = dir.resolve("a/b/out.txt");
        AtomicFile.write(p, tmp -> Files.writeString(tmp, "first"));
        AtomicFile.write(p, tmp -> Files.writeString(tmp, "second"));
        assertEquals("second", Files.readString(p));
        assertEquals(List.of(p), Files.list(p.getParent()).toList(), "no temporary file left");
    }

    @Test
    void aFailureIsOneLineNamingTheFileAndLeavesNothing() throws Exception {
        Path blocker = dir.resolve("plain-file");
        Files.writeString(blocker, "x");
        Path p = blocker.resolve("out.txt"); // its parent is a file
        CumuloException e = assertThrows(CumuloException.class,
                () -> AtomicFile.write(p, tmp -> Files.writeString(tmp, "y")));
        assertTrue(e.getMessage().startsWith(p + ": cannot write ("), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
        Path q = dir.resolve("q.txt");
        CumuloException failed = assertThrows(CumuloException.class, () -> AtomicFile.write(q, tmp -> {
            Files.writeString(tmp, "partial");
            throw new IOException("disk full");
        }));
        assertEquals(q + ": cannot write (disk full)", failed.getMessage());
        assertEquals(List.of(blocker), Files.list(dir).toList(), "neither the target nor a temporary file");
    }
}

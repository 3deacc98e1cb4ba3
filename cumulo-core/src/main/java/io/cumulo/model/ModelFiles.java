package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** What every Cumulo model file (clustering or reduction) shares: reading it, and its envelope's checks. */
final class ModelFiles {
    private ModelFiles() {
    }

    /** The file's text; a missing or unreadable file is a one-line error naming it. */
    static String readText(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CumuloException(path + ": no such model file");
        } catch (IOException e) {
            throw new CumuloException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Parses {@code text} and checks it is a Cumulo model file ({@code format}); errors name {@code source}. */
    static JsonObject parse(String text, String source) {
        if (text.isBlank()) {
            throw new CumuloException(source + ": is empty, not a Cumulo model file");
        }
        JsonObject j = JsonObject.parse(text, source);
        if (!ClusteringPipelineModel.FORMAT.equals(j.get("format"))) {
            throw new CumuloException(source + ": not a Cumulo model file (no \"format\": \""
                    + ClusteringPipelineModel.FORMAT + "\")");
        }
        return j;
    }
}

package io.cumulo.cli;

import io.cumulo.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the packaged jar through the repository's ./cumulo launcher, as a user does. */
class LauncherIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run cumulo(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("cumulo.root")).toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("cumulo").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("CUMULO_JAR", System.getProperty("cumulo.jar"));
        pb.environment().putAll(env);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished in time");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void demoRunsAndWritesItsFiles() throws Exception {
        Run r = cumulo(Map.of(), "demo");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ARI         0.6201  (against species)"), r.out());
        Path demo = dir.resolve("cumulo-demo");
        assertEquals("row,cluster,species", Files.readAllLines(demo.resolve("labels.csv")).get(0));
        assertTrue(Files.readString(demo.resolve("model.json")).contains("\"algorithm\": \"kmeans\""));
        assertTrue(Files.readString(demo.resolve("report.html")).contains("Plotly"));
        // and the model it wrote labels new data
        Run p = cumulo(Map.of(), "predict", "--model", "cumulo-demo/model.json", "builtin:iris", "--json");
        assertEquals(0, p.exit(), p.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) Json.parse(p.out().strip());
        assertEquals(150L, j.get("n_samples"));
    }

    @Test
    void jsonIsTheOnlyThingOnStdout() throws Exception {
        Run r = cumulo(Map.of(), "cluster", "builtin:wine", "--k", "3", "--scale", "standard", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.out().strip().split("\n").length);
        assertTrue(Json.parse(r.out().strip()) instanceof Map);
    }

    @Test
    void userErrorsExitWithTwoAndOneLine() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "a,b\n1,x\n");
        Run r = cumulo(Map.of(), "cluster", "bad.csv", "--k", "1");
        assertEquals(2, r.exit());
        assertEquals("cumulo: error: bad.csv, line 2, column 'b': expected a number, found \"x\" (name a text column with "
                + "--label-column or leave it out with --drop-columns)", r.err().strip());
    }

    @Test
    void saysWhatToInstallWhenNoSuitableJavaIsFound() throws Exception {
        Run r = cumulo(Map.of("CUMULO_JAVA_HOME", dir.resolve("no-such-jdk").toString()), "--version");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("cumulo: needs Java 17 or newer"), r.err());
        assertEquals(1, r.err().strip().split("\n").length);
    }
}

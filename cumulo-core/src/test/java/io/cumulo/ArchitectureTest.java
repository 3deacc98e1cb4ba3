package io.cumulo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency rules of docs/architecture.md, checked on the sources: a package of the core uses only packages
 * of lower layers (comments aside), and no front (profile, workflow, report, CLI) tests a model's concrete class
 * with {@code instanceof}: they ask for capabilities.
 */
class ArchitectureTest {
    /** Layer of each package: a package may use its own layer's listed exceptions and any lower layer. */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("json", 0), Map.entry("exec", 0),
            Map.entry("param", 1), Map.entry("linalg", 1),
            Map.entry("data", 2),
            Map.entry("estimator", 3),
            Map.entry("preprocessing", 4), Map.entry("neighbors", 4),
            Map.entry("metrics", 5),
            Map.entry("cluster", 6), Map.entry("decomposition", 6), Map.entry("manifold", 6),
            Map.entry("selection", 7), Map.entry("model", 7),
            Map.entry("profile", 8),
            Map.entry("workflow", 9));
    /** Same-layer uses the architecture allows: UMAP and t-SNE start from PCA. */
    private static final Set<String> SAME_LAYER = Set.of("manifold->decomposition");

    private static final Path CORE = Path.of("src/main/java/io/cumulo");
    private static final Pattern USE = Pattern.compile("\\bio\\.cumulo\\.([a-z]+)\\.");

    /** The file's code with comments removed and string and character literals emptied. */
    private static String code(Path file) {
        String s;
        try {
            s = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                out.append(' ');
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (c == '"' || c == '\'') {
                if (s.startsWith("\"\"\"", i)) {
                    int end = s.indexOf("\"\"\"", i + 3);
                    i = end < 0 ? s.length() : end + 3;
                } else {
                    i++;
                    while (i < s.length() && s.charAt(i) != c) {
                        i += s.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                }
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyPackageOfTheCoreHasALayer() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> s = Files.list(CORE)) {
            s.filter(Files::isDirectory).forEach(p -> packages.add(p.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(LAYER.keySet()), packages, "packages of the core vs the layers in this test");
    }

    @Test
    void packagesUseOnlyLowerLayers() {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(CORE)) {
            String pkg = CORE.relativize(file).getName(0).toString();
            if (!LAYER.containsKey(pkg)) {
                continue;
            }
            Matcher m = USE.matcher(code(file));
            Set<String> used = new TreeSet<>();
            while (m.find()) {
                used.add(m.group(1));
            }
            for (String u : used) {
                if (u.equals(pkg) || !LAYER.containsKey(u)) {
                    continue;
                }
                int from = LAYER.get(pkg);
                int to = LAYER.get(u);
                if (to > from || to == from && !SAME_LAYER.contains(pkg + "->" + u)) {
                    violations.add(CORE.relativize(file) + " uses " + u);
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void frontsAskForCapabilitiesNotConcreteModels() throws IOException {
        // the concrete classes of the algorithm packages: what the fronts must not test for
        Set<String> concrete = new TreeSet<>();
        Pattern decl = Pattern.compile("\\b(?:final\\s+|abstract\\s+)*(?:class|record)\\s+([A-Z]\\w*)");
        for (String family : List.of("cluster", "decomposition", "manifold", "preprocessing", "model")) {
            for (Path f : javaFiles(CORE.resolve(family))) {
                Matcher m = decl.matcher(code(f));
                while (m.find()) {
                    concrete.add(m.group(1));
                }
            }
        }
        assertTrue(concrete.contains("KMeansModel"), "scan found " + concrete);
        List<Path> fronts = new ArrayList<>();
        fronts.addAll(javaFiles(CORE.resolve("profile")));
        fronts.addAll(javaFiles(CORE.resolve("workflow")));
        fronts.addAll(javaFiles(Path.of("../cumulo-report/src/main/java")));
        fronts.addAll(javaFiles(Path.of("../cumulo-cli/src/main/java")));
        Pattern instanceOf = Pattern.compile("instanceof\\s+([A-Z]\\w*)");
        List<String> violations = new ArrayList<>();
        for (Path f : fronts) {
            Matcher m = instanceOf.matcher(code(f));
            while (m.find()) {
                if (concrete.contains(m.group(1))) {
                    violations.add(f + ": instanceof " + m.group(1));
                }
            }
        }
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}

package io.cumulo.cli;

import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every common flag ({@link CommonFlags#FLAGS}) on every command: where it means something the command takes it and
 * runs; where it does not, the command refuses it in one line saying why, exit code 2.
 */
class CommonFlagsTest {
    @TempDir
    static Path dir;
    private static Path data;
    private static Path model;
    private static Path labels;
    private static int fresh;

    /** A CSV of iris with an id column to drop and the species as ground truth; a model and labels fitted on it. */
    @BeforeAll
    static void files() throws Exception {
        Dataset iris = DatasetReader.read("builtin:iris", ReadOptions.defaults());
        StringBuilder sb = new StringBuilder("id," + String.join(",", iris.columnNames()) + ",species\n");
        for (int i = 0; i < iris.rows(); i++) {
            sb.append(i);
            for (int j = 0; j < iris.cols(); j++) {
                sb.append(',').append(iris.get(i, j));
            }
            sb.append(',').append(iris.labels().orElseThrow().value(i)).append('\n');
        }
        data = dir.resolve("iris.csv");
        Files.writeString(data, sb.toString());
        model = dir.resolve("model.json");
        labels = dir.resolve("labels.csv");
        Cli.Result r = Cli.run("cluster", data.toString(), "--k", "3", "--drop-columns", "id", "--label-column",
                "species", "--model", model.toString(), "--out", labels.toString());
        assertEquals(0, r.exit(), r.err());
    }

    /** A command run that succeeds on the files above, without any common flag. */
    private static List<String> base(String command) {
        return switch (command) {
            case "cluster" -> List.of("cluster", data.toString(), "--k", "3", "--label-column", "species");
            case "predict" -> List.of("predict", "--model", model.toString(), data.toString());
            case "reduce" -> List.of("reduce", data.toString(), "--label-column", "species");
            case "choose-k" -> List.of("choose-k", data.toString(), "--k-range", "2..3", "--criteria", "elbow,silhouette",
                    "--label-column", "species");
            case "choose-eps" -> List.of("choose-eps", data.toString(), "--min-samples", "5", "--label-column",
                    "species");
            case "profile" -> List.of("profile", data.toString(), "--model", model.toString());
            case "evaluate" -> List.of("evaluate", "--labels", labels.toString(), "--truth", data.toString(),
                    "--label-column", "species", "--data", data.toString());
            case "demo" -> List.of("demo", "--out-dir", next("demo").toString());
            case "neighbors" -> List.of("neighbors", data.toString(), "--k", "3", "--label-column", "species");
            case "params", "datasets" -> List.of(command);
            default -> throw new AssertionError("no base run for " + command);
        };
    }

    private static Path next(String stem) {
        return dir.resolve(stem + "-" + (fresh++));
    }

    /** The flag with a valid value for {@code command}. */
    private static List<String> withValue(String command, String flag) {
        String features = "sepal_length,sepal_width,petal_length,petal_width";
        return switch (flag) {
            case "--seed" -> List.of(flag, "5");
            case "--threads" -> List.of(flag, "1");
            case "--scale" -> List.of(flag, "standard");
            case "--columns" -> List.of(flag, features);
            case "--drop-columns" -> List.of(flag, "id");
            case "--missing" -> List.of(flag, "mean");
            case "--delimiter" -> List.of(flag, ",");
            case "--json", "--overwrite" -> List.of(flag);
            case "--out" -> List.of(flag, next("out").toString() + ".csv");
            case "--report" -> List.of(flag, next("report").toString() + ".html");
            case "--plots" -> List.of(flag, next("plots").toString());
            default -> throw new AssertionError(flag);
        };
    }

    @Test
    void everyCommonFlagWorksOrIsRefusedWithItsReason() {
        CommandLine cl = new CommandLine(new CumuloCommand(System.out, System.err));
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String command = e.getKey();
            if (command.equals("help")) {
                continue;
            }
            for (String flag : CommonFlags.FLAGS) {
                Optional<String> why = CommonFlags.whyNot(command, flag);
                CommandLine.Model.OptionSpec option = e.getValue().getCommandSpec().findOption(flag);
                List<String> args = new ArrayList<>(base(command));
                args.addAll(withValue(command, flag));
                Cli.Result r = Cli.run(args.toArray(new String[0]));
                if (why.isPresent()) {
                    assertNull(option, command + " declares " + flag + " but the table says it does not apply");
                    assertEquals(2, r.exit(), command + " " + flag + ": " + r.err());
                    assertEquals("cumulo " + command + ": error: " + flag + " does not apply to " + command + ": "
                            + why.get() + " (see 'cumulo " + command + " --help')", r.errorLine());
                    assertTrue(r.out().isEmpty(), r.out());
                } else {
                    assertNotNull(option, command + " should take " + flag);
                    assertEquals(0, r.exit(), String.join(" ", args) + "\n" + r.err());
                    assertFalse(r.err().contains("\tat "), r.err());
                }
                checked.add(command + " " + flag);
            }
        }
        assertEquals(11 * CommonFlags.FLAGS.size(), checked.size(), "every command and every common flag: " + checked);
    }

    @Test
    void seedReachesTheMapsOfReduce() {
        Cli.Result a = Cli.run("reduce", "builtin:iris", "--method", "umap", "--param", "n-epochs=20", "--seed", "3",
                "--json");
        Cli.Result b = Cli.run("reduce", "builtin:iris", "--method", "umap", "--param", "n-epochs=20", "--param",
                "seed=3", "--json");
        assertEquals(0, a.exit(), a.err());
        assertTrue(a.out().contains("\"seed\":3"), a.out());
        assertEquals(b.out().replaceAll("\"fit_seconds\":[^,]*", ""), a.out().replaceAll("\"fit_seconds\":[^,]*", ""));
        Cli.Result c = Cli.run("reduce", "builtin:iris", "--seed", "3", "--param", "seed=4");
        assertEquals("cumulo: error: --seed 3 contradicts --param seed=4", c.errorLine());
    }
}

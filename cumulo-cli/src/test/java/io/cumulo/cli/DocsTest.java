package io.cumulo.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/cli.md must describe every command and flag, and its parameter tables must be the generated ones. */
class DocsTest {
    private static String doc() throws Exception {
        return Files.readString(Path.of("..", "docs", "cli.md"));
    }

    @Test
    void everyCommandAndFlagIsDocumented() throws Exception {
        String doc = doc();
        CommandLine cl = new CommandLine(new CumuloCommand(System.out, System.err));
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            assertTrue(doc.contains("## `cumulo " + e.getKey()), "section for " + e.getKey());
            for (CommandLine.Model.OptionSpec o : e.getValue().getCommandSpec().options()) {
                assertTrue(doc.contains("`" + o.longestName()), e.getKey() + " " + o.longestName() + " is not in docs/cli.md");
            }
        }
    }

    @Test
    void parameterTablesAreTheGeneratedOnes() throws Exception {
        String doc = doc();
        String begin = "<!-- params:begin -->\n";
        String end = "<!-- params:end -->";
        String inDoc = doc.substring(doc.indexOf(begin) + begin.length(), doc.indexOf(end));
        Cli.Result r = Cli.run("params", "--markdown");
        assertEquals(r.out(), inDoc, "run './cumulo params --markdown' and paste its output into docs/cli.md");
    }
}

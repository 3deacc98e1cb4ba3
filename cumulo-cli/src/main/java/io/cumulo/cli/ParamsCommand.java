package io.cumulo.cli;

import io.cumulo.CumuloException;
import io.cumulo.json.Json;
import io.cumulo.model.Registry;
import io.cumulo.param.Param;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code cumulo params}: the methods and their parameters, from the same descriptions the code uses. */
@Command(name = "params", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class,
        description = {"List the methods (clustering algorithms, reductions, scalings), or the parameters of one "
                + "(for --param NAME=VALUE)."})
public final class ParamsCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A method name.")
    String name;

    @Option(names = "--markdown", description = "Print Markdown tables (as in docs/cli.md).")
    boolean markdown;

    @Option(names = "--json", description = "Print the methods and their parameter descriptions as one JSON object "
            + "(what forms are built from).")
    boolean json;

    /**
     * Makes {@code cumulo cluster [--algorithm X] --help} end with X's parameters (k-means by default), from the
     * same descriptions {@code --param} parses.
     */
    static void describeAlgorithmInClusterHelp(CommandLine cluster, String[] args) {
        String algorithm = "kmeans";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--algorithm") && i + 1 < args.length) {
                algorithm = args[i + 1];
            } else if (args[i].startsWith("--algorithm=")) {
                algorithm = args[i].substring("--algorithm=".length());
            }
        }
        Optional<Registry.Entry<?>> found = Registry.find(Registry.Kind.CLUSTERING, algorithm);
        if (found.isEmpty()) {
            return; // the run itself will say so
        }
        Registry.Entry<?> e = found.get();
        List<String> lines = new ArrayList<>(List.of(cluster.getCommandSpec().usageMessage().footer()));
        lines.add("");
        lines.add("Parameters of " + e.name() + " (" + e.description() + "), as --param NAME=VALUE:");
        for (Param<?> p : e.params().params()) {
            lines.add(String.format("  %-14s %s", p.name(), p.description()));
            lines.add(String.format("  %-14s   values: %s; default: %s", "", p.expected(), p.defaultText()));
        }
        cluster.getCommandSpec().usageMessage().footer(lines.toArray(new String[0]));
    }

    /** The description of an entry as listed: where it is used, then what it is. */
    private static String described(Registry.Entry<?> e) {
        return switch (e.kind()) {
            case CLUSTERING -> e.description();
            case REDUCTION -> "(cumulo reduce) " + e.description();
            case SCALING -> "(--scale) " + e.description();
        };
    }

    private List<Registry.Entry<?>> chosen() {
        if (name == null) {
            return Registry.all();
        }
        List<Registry.Entry<?>> found = Registry.named(name);
        if (found.isEmpty()) {
            throw new CumuloException("unknown algorithm or method '" + name + "'; available: " + String.join(", ",
                    Registry.all().stream().map(Registry.Entry::name).distinct().toList()));
        }
        return found;
    }

    @Override
    public Integer call() {
        List<Registry.Entry<?>> entries = chosen();
        if (json) {
            List<Object> methods = new ArrayList<>();
            for (Registry.Entry<?> e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", e.kind().id());
                m.put("name", e.name());
                m.put("title", e.title());
                m.put("description", e.description());
                m.put("params", e.params().params().stream().map(Param::toJson).toList());
                methods.add(m);
            }
            parent.out.println(Json.write(Map.of("methods", methods)));
            return Main.OK;
        }
        for (Registry.Entry<?> e : entries) {
            if (markdown) {
                if (e.params().params().isEmpty()) {
                    continue; // the scalings: nothing to tabulate
                }
                parent.out.println("### `" + e.name() + "`: " + described(e));
                parent.out.println();
                parent.out.print(e.params().markdownTable());
                parent.out.println();
                continue;
            }
            parent.out.println(e.name() + ": " + described(e));
            if (name == null) {
                continue;
            }
            for (Param<?> p : e.params().params()) {
                parent.out.printf("  %-10s %s%n", p.name(), p.description());
                parent.out.printf("  %-10s   values: %s; default: %s%n", "", p.expected(), p.defaultText());
            }
        }
        if (name == null && !markdown) {
            parent.out.println();
            parent.out.println("Parameters of one: cumulo params NAME");
        }
        return Main.OK;
    }
}

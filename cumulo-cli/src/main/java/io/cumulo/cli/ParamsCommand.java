package io.cumulo.cli;

import io.cumulo.model.Algorithms;
import io.cumulo.param.Param;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code cumulo params}: the algorithms and their parameters, from the same descriptions the code uses. */
@Command(name = "params", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, description = {"List the algorithms, or the parameters of one (for --param NAME=VALUE)."})
public final class ParamsCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ALGORITHM", description = "An algorithm name.")
    String algorithm;

    @Option(names = "--markdown", description = "Print a Markdown table (as in docs/cli.md).")
    boolean markdown;

    /**
     * Makes {@code cumulo cluster [--algorithm X] --help} end with X's parameters (k-means by default), from the
     * same descriptions {@code --param} parses.
     */
    static void describeAlgorithmInClusterHelp(picocli.CommandLine cluster, String[] args) {
        String name = "kmeans";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--algorithm") && i + 1 < args.length) {
                name = args[i + 1];
            } else if (args[i].startsWith("--algorithm=")) {
                name = args[i].substring("--algorithm=".length());
            }
        }
        Algorithms.Entry e;
        try {
            e = Algorithms.get(name);
        } catch (io.cumulo.CumuloException unknown) {
            return; // the run itself will say so
        }
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                cluster.getCommandSpec().usageMessage().footer()));
        lines.add("");
        lines.add("Parameters of " + e.name() + " (" + e.description() + "), as --param NAME=VALUE:");
        for (Param<?> p : e.params().params()) {
            lines.add(String.format("  %-14s %s", p.name(), p.description()));
            lines.add(String.format("  %-14s   values: %s; default: %s", "", p.expected(), p.defaultText()));
        }
        cluster.getCommandSpec().usageMessage().footer(lines.toArray(new String[0]));
    }

    /** One algorithm or reduction method as listed here. */
    private record Entry(String name, String description, io.cumulo.param.ParamSet params) {
    }

    /** The clusterers ({@code cumulo cluster}), then the reduction methods ({@code cumulo reduce}). */
    private static List<Entry> all() {
        List<Entry> out = new java.util.ArrayList<>();
        for (Algorithms.Entry e : Algorithms.all()) {
            out.add(new Entry(e.name(), e.description(), e.params()));
        }
        for (String name : io.cumulo.model.Reducers.names()) {
            io.cumulo.model.Reducers.Method m = io.cumulo.model.Reducers.get(name);
            out.add(new Entry(m.name(), "(cumulo reduce) " + m.description(), m.params()));
        }
        return out;
    }

    private static Entry named(String name) {
        for (Entry e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        List<String> names = all().stream().map(Entry::name).toList();
        throw new io.cumulo.CumuloException("unknown algorithm or method '" + name + "'; available: "
                + String.join(", ", names));
    }

    @Override
    public Integer call() {
        List<Entry> entries = algorithm == null ? all() : List.of(named(algorithm));
        for (Entry e : entries) {
            if (markdown) {
                parent.out.println("### `" + e.name() + "`: " + e.description());
                parent.out.println();
                parent.out.print(e.params().markdownTable());
                parent.out.println();
                continue;
            }
            parent.out.println(e.name() + ": " + e.description());
            if (algorithm == null) {
                continue;
            }
            for (Param<?> p : e.params().params()) {
                parent.out.printf("  %-10s %s%n", p.name(), p.description());
                parent.out.printf("  %-10s   values: %s; default: %s%n", "", p.expected(), p.defaultText());
            }
        }
        if (algorithm == null && !markdown) {
            parent.out.println();
            parent.out.println("Parameters of one: cumulo params NAME");
        }
        return Main.OK;
    }
}

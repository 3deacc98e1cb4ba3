package io.cumulo.cli;

import io.cumulo.Version;
import io.cumulo.linalg.VectorKernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** The top-level {@code cumulo} command; the work happens in its subcommands. */
@Command(name = "cumulo", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class,
        description = {"Unsupervised machine learning on the JVM: cluster a table, save the model, label new data.", ""},
        subcommands = {ClusterCommand.class, PredictCommand.class, ReduceCommand.class, ChooseKCommand.class, ChooseEpsCommand.class,
            ProfileCommand.class, EvaluateCommand.class, NeighborsCommand.class, DemoCommand.class, ParamsCommand.class,
            DatasetsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 2 bad input or usage (one line on stderr), 1 internal error.",
            "Docs: docs/cli.md in the Cumulo repository."})
public final class CumuloCommand implements Callable<Integer> {
    final PrintStream out;
    final PrintStream err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    CumuloCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return Main.USER_ERROR;
    }

    /** {@code cumulo --version}. */
    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cumulo " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), kernels: "
                    + VectorKernels.get().name()};
        }
    }
}

package io.cumulo.cli;

import io.cumulo.data.BuiltinDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code cumulo datasets}: the bundled datasets. */
@Command(name = "datasets", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, description = {"List the bundled datasets (read as builtin:NAME), with their licences."})
public final class DatasetsCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Override
    public Integer call() {
        for (BuiltinDataset d : BuiltinDataset.values()) {
            parent.out.printf("builtin:%-14s %5d rows x %2d features, label column '%s'%n", d.id(), d.rows(), d.features(),
                    d.labelColumn());
            parent.out.printf("  %s%n  licence: %s%n", d.description(), d.licence());
        }
        return Main.OK;
    }
}

package io.cumulo.cli;

import io.cumulo.data.BuiltinDataset;
import io.cumulo.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code cumulo datasets}: the bundled datasets. */
@Command(name = "datasets", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, description = {"List the bundled datasets (read as builtin:NAME), with their licences."})
public final class DatasetsCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the list.")
    boolean json;

    @Override
    public Integer call() {
        if (json) {
            List<Object> list = new ArrayList<>();
            for (BuiltinDataset d : BuiltinDataset.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("input", "builtin:" + d.id());
                m.put("rows", d.rows());
                m.put("features", d.features());
                m.put("label_column", d.labelColumn());
                m.put("description", d.description());
                m.put("licence", d.licence());
                list.add(m);
            }
            parent.out.println(Json.write(Map.of("datasets", list)));
            return Main.OK;
        }
        for (BuiltinDataset d : BuiltinDataset.values()) {
            parent.out.printf("builtin:%-14s %5d rows x %2d features, label column '%s'%n", d.id(), d.rows(), d.features(),
                    d.labelColumn());
            parent.out.printf("  %s%n  licence: %s%n", d.description(), d.licence());
        }
        return Main.OK;
    }
}

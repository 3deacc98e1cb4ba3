package io.cumulo.cli;

import io.cumulo.json.Json;
import io.cumulo.model.Registry;
import io.cumulo.workflow.PredictTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cumulo predict}: apply a saved model to new rows. */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = CumuloCommand.VersionInfo.class, sortOptions = false,
        description = {"Assign the rows of INPUT to the clusters of a saved model.",
            "The model's features are taken from INPUT by name (or by position for .npy files, or as listed with --columns); "
                + "the model's scaling is applied to them."},
        footer = {"", "Example: cumulo predict --model model.json new.csv --out labels.csv"})
public final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    CumuloCommand parent;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by 'cumulo cluster --model'.")
    Path modelFile;

    @Parameters(index = "0", paramLabel = "INPUT", description = "Data to label.")
    String input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the labels CSV (row,cluster[,memberships][,label]) here.")
    Path out;

    @Mixin
    InputOptions inputOptions;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() {
        PredictTask task = new PredictTask(modelFile, input, inputOptions.toBuilder().build(), out, run.overwrite);
        PredictTask.Result r = task.run(run.context(parent));
        if (run.json) {
            parent.out.println(Json.write(r.toJson()));
        } else {
            parent.out.printf(Locale.ROOT, "%s model %s applied to %s: %d rows%n",
                    Registry.clustering(r.model().algorithm()).title(), modelFile, input, r.data().rows());
            parent.out.println();
            Summaries.printSizes(parent.out, r.sizes(), r.data().rows());
            if (r.agreement() != null) {
                parent.out.println();
                Summaries.printAgreement(parent.out, r.agreement());
            }
            if (out != null) {
                parent.out.println();
                parent.out.println("wrote " + out);
            }
        }
        return Main.OK;
    }
}

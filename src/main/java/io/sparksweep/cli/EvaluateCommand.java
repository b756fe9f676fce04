package io.sparksweep.cli;

import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.train.ModelEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code evaluate MODEL}: a saved model reloaded and scored on its test set again. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Reload a model saved by `rerun` (<sweep>/models/<run>/model.zip) and evaluate it on its test set, "
                + "cut again from the dataset with the recipe in the model's provenance; it gives the test accuracy "
                + "its run recorded, exactly. Needs no Spark.",
                "Exit codes: 0 evaluated, 2 bad input (missing file, not a model, missing data)."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.zip saved by rerun.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The dataset folder, if it moved since the model was trained. Default: the one recorded.")
    Path data;

    @Override
    public Integer call() throws Exception {
        try {
            ModelEvaluation.Result r = ModelEvaluation.evaluate(model, data);
            SavedModelProvenance p = r.provenance();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("model %s: sweep %s, trial %s, seed %d%s%n", model, p.run().sweep(), p.run().trialId(),
                    p.seeds().run(), p.training().fullTrain() ? ", trained on train+validation" : "");
            out.printf("test set: %d images%s%n", r.testImages(), r.sameTestSet() ? " (the run's, same SHA-256)"
                    : " (NOT the run's test set: its SHA-256 differs, so the accuracies are not comparable)");
            out.printf("test accuracy %.4f (%d of %d), test loss %.4f%n", r.testAccuracy(),
                    Math.round(r.testAccuracy() * r.testImages()), r.testImages(), r.testLoss());
            out.printf("recorded when trained: test accuracy %.4f, test loss %.4f: %s%n", p.metrics().testAccuracy(),
                    p.metrics().testLoss(), r.matchesRecorded() ? "identical" : "different");
            out.flush();
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}

package io.sparksweep.testing;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.run.RunStatus;
import io.sparksweep.train.RunTrainer;
import io.sparksweep.train.TrainingPlan;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One really trained LeNet-5 (2,250 Fashion-MNIST images, 2 epochs, about 75 % test accuracy), saved once per test JVM
 * the way a run's model is saved (ModelSerializer zip, as RunTrainer left it: project layers inside).
 */
public final class TrainedModels {

    private static Path lenet5;
    private static PreparedData data;

    private TrainedModels() {
    }

    /** The data the model was trained on; its test split was never seen in training. */
    public static synchronized PreparedData data() {
        if (data == null) {
            data = new DataPreparation().prepare(ProjectPaths.fashionMnist(), true, 2500, 500, 0.1, 3);
        }
        return data;
    }

    public static synchronized Path lenet5() {
        if (lenet5 == null) {
            String json = ModelFamilies.build(ModelSettings.defaults("lenet5")).toJson();
            RunTrainer.TrainedModel trained = new RunTrainer(data(), 1, -1)
                    .trainModel(json, new TrainingPlan(64, true, 2, 2), 7, epoch -> { });
            if (trained.outcome().status() != RunStatus.OK) {
                throw new IllegalStateException("fixture model did not train: " + trained.outcome().error());
            }
            try {
                Path folder = Files.createTempDirectory("sparksweep-model");
                folder.toFile().deleteOnExit();
                Path file = folder.resolve("lenet5.zip");
                ModelSerializer.writeModel(trained.network(), file.toFile(), false);
                file.toFile().deleteOnExit();
                lenet5 = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lenet5;
    }
}

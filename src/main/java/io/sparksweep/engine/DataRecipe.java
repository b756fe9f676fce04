package io.sparksweep.engine;

import io.sparksweep.spec.SweepDefinition;

import java.nio.file.Path;

/** How a sweep's splits were cut from a dataset folder, so a saved model's test set can be cut again. */
public record DataRecipe(String dataset, String path, int trainLimit, int testLimit, double validationFraction, long seed) {

    public static DataRecipe of(SweepDefinition definition, Path folder) {
        SweepDefinition.DataSettings d = definition.data();
        return new DataRecipe(d.dataset(), folder.toAbsolutePath().normalize().toString(), d.trainLimit(), d.testLimit(),
                d.validationFraction(), definition.seed());
    }
}

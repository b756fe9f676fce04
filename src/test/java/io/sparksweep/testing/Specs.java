package io.sparksweep.testing;

import io.sparksweep.model.ModelFamilies;
import io.sparksweep.spec.SpecLoader;
import io.sparksweep.spec.SweepDefinition;

/** Spec text for tests: a tiny real sweep on the shipped data, plus whatever space lines a test needs. */
public final class Specs {

    private Specs() {
    }

    public static SweepDefinition tiny(String name, String extraYaml) {
        String yaml = "name: " + name + "\n"
                + "data: {dataset: fashion-mnist, path: '" + ProjectPaths.fashionMnist() + "', trainLimit: 400, testLimit: 200, validationFraction: 0.25}\n"
                + "model: lenet5\n"
                + "training: {maxEpochs: 1, optimizer: adam}\n"
                + extraYaml;
        return new SpecLoader(ModelFamilies.names(), ModelFamilies.optimizers()).loadText(yaml, name + ".yaml");
    }
}

package io.sparksweep.engine;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.space.Trial;
import io.sparksweep.space.TrialPlanner;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.store.SweepInfo;

import java.util.List;

/** The YAML route into the engine: a validated spec becomes data plus trials, all before any training. */
public final class SpecSweeps {

    private SpecSweeps() {
    }

    public static SweepRequest request(SweepDefinition definition) {
        SweepDefinition.DataSettings d = definition.data();
        PreparedData data = new DataPreparation().prepare(d.path(), d.dataset().equals("fashion-mnist"),
                d.trainLimit(), d.testLimit(), d.validationFraction(), definition.seed());
        List<Trial> trials = TrialPlanner.plan(definition, data.fingerprint());
        return new SweepRequest(definition.name(), trials, definition.repeats(), definition.seed(), data,
                definition.sourceText(), SweepInfo.Origin.SPEC, definition.metric(), definition.saveModels(),
                DataRecipe.of(definition, d.path()));
    }
}

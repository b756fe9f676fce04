package io.sparksweep.space;

import io.sparksweep.spec.SpecException;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.testing.Specs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialPlannerTest {

    @Test
    void gridCountIsTheProductOfChoicesAndSteps() {
        SweepDefinition d = Specs.tiny("grid", """
                space:
                  learningRate: [0.001, 0.01]
                  batchSize: [64, 128]
                  shuffle: [true, false]
                  patience: [3]
                  dropout: {min: 0.0, max: 0.5}
                search: {strategy: grid, gridSteps: 3}
                """);
        List<Trial> trials = TrialPlanner.plan(d, "data");
        assertEquals(2 * 2 * 2 * 3, trials.size());
        Set<Object> dropouts = trials.stream().map(t -> t.hyperparameters().get("dropout")).collect(Collectors.toSet());
        assertEquals(Set.of(0.0, 0.25, 0.5), dropouts, "grid points span the continuous range");
        assertEquals(trials.size(), trials.stream().map(Trial::trialId).distinct().count(), "ids are distinct");
        assertTrue(trials.stream().allMatch(t -> t.plan().patience() == 3 && t.plan().maxEpochs() == 1));
    }

    @Test
    void sameSpecGivesSameTrialsAndIds() {
        String space = "space: {learningRate: {min: 0.0001, max: 0.1, scale: log}, dropout: [0.0, 0.3]}\n"
                + "search: {strategy: random, samples: 6}\nseed: 5\n";
        List<Trial> a = TrialPlanner.plan(Specs.tiny("r", space), "data");
        List<Trial> b = TrialPlanner.plan(Specs.tiny("r", space), "data");
        assertEquals(6, a.size());
        assertEquals(a.stream().map(Trial::trialId).toList(), b.stream().map(Trial::trialId).toList());
        assertEquals(a.stream().map(Trial::hyperparameters).toList(), b.stream().map(Trial::hyperparameters).toList());
        for (Trial t : a) {
            double lr = (Double) t.hyperparameters().get("learningRate");
            assertTrue(lr >= 1e-4 && lr <= 0.1, "log-uniform draw inside the range: " + lr);
        }
        List<Trial> otherSeed = TrialPlanner.plan(Specs.tiny("r", space.replace("seed: 5", "seed: 6")), "data");
        assertNotEquals(a.stream().map(Trial::trialId).toList(), otherSeed.stream().map(Trial::trialId).toList());
        List<Trial> otherData = TrialPlanner.plan(Specs.tiny("r", space), "other data");
        assertNotEquals(a.get(0).trialId(), otherData.get(0).trialId(), "data is part of a trial's identity");
    }

    @Test
    void randomSearchKeepsDistinctConfigurationsOnly() {
        List<Trial> trials = TrialPlanner.plan(Specs.tiny("small", """
                space: {batchSize: [32, 64], shuffle: [true, false]}
                search: {strategy: random, samples: 10}
                """), "data");
        assertEquals(4, trials.size(), "only 4 distinct configurations exist");
    }

    @Test
    void modelChoiceBuildsEachFamily() {
        List<Trial> trials = TrialPlanner.plan(Specs.tiny("families", "space: {model: [lenet5, stride, baseline]}\n"), "data");
        assertEquals(3, trials.size());
        assertEquals(Set.of("lenet5", "stride", "baseline"), trials.stream().map(Trial::model).collect(Collectors.toSet()));
        assertTrue(trials.stream().allMatch(t -> t.networkJson().contains("\"confs\"")));
    }

    @Test
    void impossibleGeometryFailsBeforeTraining() {
        SpecException e = assertThrows(SpecException.class,
                () -> TrialPlanner.plan(Specs.tiny("bad", "model: stride\nspace: {kernelSize: [31]}\n"), "data"));
        assertTrue(e.getMessage().startsWith("bad.yaml: space: configuration"), e.getMessage());
    }

    @Test
    void theIdHashesWhatTrainsNotHowTheSpecSpelledIt() {
        Trial implicit = TrialPlanner.plan(Specs.tiny("ids", "space: {learningRate: [0.01]}\n"), "data").get(0);
        Trial explicit = TrialPlanner.plan(Specs.tiny("ids",
                "space: {learningRate: [0.01], batchSize: [64], shuffle: [true], patience: [3], dropout: [0.0]}\n"),
                "data").get(0);
        assertEquals(implicit.plan(), explicit.plan(), "defaults are filled in");
        assertEquals(implicit.trialId(), explicit.trialId(), "a default written out is the same trial");
        assertEquals(implicit.trialId(), TrialIds.of(implicit.plan(), implicit.networkJson(), "data"));
        // A code change that alters a family's network shows up as another network JSON: another trial.
        String wider = implicit.networkJson().replaceFirst("\"nout\" : 120", "\"nout\" : 121");
        assertNotEquals(implicit.networkJson(), wider, "the test edits the dense layer's width");
        assertNotEquals(implicit.trialId(), TrialIds.of(implicit.plan(), wider, "data"));
        Trial otherPatience = TrialPlanner.plan(Specs.tiny("ids", "space: {learningRate: [0.01], patience: [4]}\n"),
                "data").get(0);
        assertEquals(implicit.networkJson(), otherPatience.networkJson());
        assertNotEquals(implicit.trialId(), otherPatience.trialId(), "the training plan is part of the identity");
    }

    @Test
    void oldSpecsKeepTheirTrialIds() {
        SweepDefinition d = Specs.tiny("ids", "space: {learningRate: [0.001, 0.01], dropout: [0.0, 0.5]}\n");
        for (Trial t : TrialPlanner.plan(d, "data")) {
            // The canonical text trial ids hashed before schedules and augmentation existed.
            String legacy = "plan=TrainingPlan[batchSize=64, shuffle=true, patience=3, maxEpochs=1];network="
                    + t.networkJson().replaceAll("\"seed\"\\s*:\\s*-?\\d+", "\"seed\" : 0") + ";data=data";
            assertEquals(TrialIds.sha256Hex(legacy).substring(0, 12), t.trialId(), t.hyperparameters().toString());
            assertEquals(Set.of("model", "optimizer", "learningRate", "dropout"), t.hyperparameters().keySet(),
                    "no schedule or augmentation column for a spec that names neither");
            assertTrue(t.plan().schedule().isNone() && t.plan().augmentation().isNone());
            assertEquals("{\"batchSize\":64,\"shuffle\":true,\"patience\":3,\"maxEpochs\":1}", t.plan().toJson());
        }
    }

    @Test
    void scheduleAndAugmentationAreHyperparametersOfTheTrial() {
        List<Trial> plain = TrialPlanner.plan(Specs.tiny("s", "space: {learningRate: [0.01]}\n"), "data");
        List<Trial> trials = TrialPlanner.plan(Specs.tiny("s", """
                space:
                  learningRate: [0.01]
                  schedule: [none, {step: {every: 20, factor: 0.8}}, {plateau: {patience: 3, factor: 0.5, min: 1e-5}}]
                  augmentation: [false, {shift: 2, flip: true}]
                """), "data");
        assertEquals(6, trials.size());
        assertEquals(6, trials.stream().map(Trial::trialId).distinct().count(), "every schedule and augmentation is its own trial");
        Set<String> schedules = trials.stream().map(t -> (String) t.hyperparameters().get("schedule")).collect(Collectors.toSet());
        assertEquals(Set.of("none", "step(every=20,factor=0.8)", "plateau(patience=3,factor=0.5,min=1.0E-5)"), schedules);
        Trial none = trials.stream().filter(t -> t.hyperparameters().get("schedule").equals("none")
                && t.hyperparameters().get("augmentation").equals("none")).findFirst().orElseThrow();
        assertEquals(plain.get(0).trialId(), none.trialId(), "schedule none and no augmentation written out are the default trial");
        Trial step = trials.stream().filter(t -> t.hyperparameters().get("schedule").toString().startsWith("step")
                && t.hyperparameters().get("augmentation").equals("shift=2,flip=true")).findFirst().orElseThrow();
        assertEquals(new io.sparksweep.run.LearningRateSchedule.Step(20, 0.8), step.plan().schedule());
        assertEquals(new io.sparksweep.run.Augmentation(2, true), step.plan().augmentation());
        assertEquals(step.plan(), io.sparksweep.train.TrainingPlan.fromJson(step.plan().toJson()), "plan_json round trip");
        assertEquals(none.networkJson(), step.networkJson(), "the schedule is applied at training time, not in the family's network");
    }
}

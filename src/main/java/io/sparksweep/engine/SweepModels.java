package io.sparksweep.engine;

import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.run.RunRecord;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SaveModels;
import io.sparksweep.store.SweepStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A sweep's own runs' models ({@code training.saveModels}): every ok run's as {@code models/<trial>-<seed>/}
 * ({@code all}), or one per trial as {@code models/<trial>/}, replaced whenever a run of the trial with a better
 * test metric finishes ({@code best}). Driver side, one call per finished run, before the run is journaled.
 */
final class SweepModels {

    private final SweepRequest request;
    private final SweepStore store;
    private final Map<String, Trial> trials = new HashMap<>();

    SweepModels(SweepRequest request, SweepStore store) {
        this.request = request;
        this.store = store;
        request.trials().forEach(t -> trials.put(t.trialId(), t));
    }

    boolean keepsModels() {
        return request.saveModels() != SaveModels.NONE;
    }

    void finished(TrainedRun trained) {
        RunRecord run = trained.run();
        if (!keepsModels() || trained.model() == null || !run.ok()) {
            return;
        }
        boolean all = request.saveModels() == SaveModels.ALL;
        String name = all ? run.trialId() + "-" + run.seed() : run.trialId();
        if (!all && ModelFiles.saved(store, name).filter(kept -> !better(run, kept)).isPresent()) {
            return;
        }
        Trial trial = trials.get(run.trialId());
        RunRecord asSweepRun = new RunRecord(run.sweep(), run.trialId(), run.model(), run.seed(), -1,
                run.hyperparameters(), run.status(), run.error(), run.testAccuracy(), run.testLoss(), run.epochsTrained(),
                run.bestEpoch(), run.trainSeconds(), run.executor(), run.gpu(), run.epochs(), run.classes(),
                run.confusion(), run.provenance(), run.finishedAt());
        ModelFiles.save(store, name, trained.model(), ModelFiles.provenance(request.name(), name, asSweepRun,
                trial.networkJson(), trial.plan(), false, request.data(), request.recipe()));
    }

    private boolean better(RunRecord run, SavedModelProvenance kept) {
        return switch (request.metric()) {
            case ACCURACY -> run.testAccuracy() > kept.metrics().testAccuracy();
            case LOSS -> run.testLoss() < kept.metrics().testLoss();
        };
    }
}

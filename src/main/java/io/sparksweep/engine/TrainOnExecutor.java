package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import io.sparksweep.model.RunFacts;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.train.RunOutcome;
import io.sparksweep.train.RunTrainer;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.LongAccumulator;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function a Spark task runs: train the one run of its partition on the executor's copy of the
 * broadcast data, with as many ND4J threads as the task has cores, on the GPU Spark assigned (if any); the run
 * comes back with its model zip when the assignment keeps it.
 */
final class TrainOnExecutor extends AbstractFunction1<Iterator<RunAssignment>, RunResult> implements Serializable {

    static final String GPU_RESOURCE = "gpu";
    private final Broadcast<PreparedData> data;
    private final LongAccumulator epochs;

    /** @param epochs counts the run's epochs as it trains them (see {@link EpochProgress}) */
    TrainOnExecutor(Broadcast<PreparedData> data, LongAccumulator epochs) {
        this.data = data;
        this.epochs = epochs;
    }

    @Override
    public RunResult apply(Iterator<RunAssignment> partition) {
        return trainRun(partition.next(), data.value(), TaskContext.get(), epochs);
    }

    /**
     * Trains one run, or the rest of a paused one, in the calling Spark task; the model comes back as a zip if the
     * assignment keeps it. A run that reaches its {@link RunAssignment#pauseAfter()} comes back paused instead.
     */
    static RunResult trainRun(RunAssignment run, PreparedData prepared, TaskContext task, LongAccumulator epochs) {
        String gpu = assignedGpu(task);
        RunTrainer trainer = new RunTrainer(prepared, Math.max(1, task.cpus()), gpu == null ? -1 : Integer.parseInt(gpu));
        epochs.add(run.epochsBefore()); // the progress line counts the run's epochs, not this task's
        RunTrainer.Segment segment = trainer.trainSegment(run.trial().networkJson(), run.trial().plan(), run.seed(),
                run.startState(), run.resume() == null ? null : run.resume().checkpoint(), run.pauseAfter(),
                epoch -> epochs.add(1));
        if (segment instanceof RunTrainer.Paused paused) {
            return new PausedRun(run.checkpointed(run.pauseAfter(), paused));
        }
        return finished(run, (RunTrainer.TrainedModel) segment, prepared,
                Map.of("spark.taskAttempt", Long.toString(task.taskAttemptId())), executorName(), gpu);
    }

    /**
     * A trained run as the driver receives it, wherever it trained: its record (provenance with the data's hash, the
     * seed and {@code facts}) and, when the run keeps its model and ended ok, the model zip.
     */
    static TrainedRun finished(RunAssignment run, RunTrainer.TrainedModel trained, PreparedData prepared,
                               Map<String, String> facts, String executor, String gpu) {
        RunOutcome outcome = trained.outcome();
        byte[] model = run.keepModel() && outcome.status() == RunStatus.OK ? trained.zip() : null;
        Map<String, String> provenance = new LinkedHashMap<>(outcome.runtime());
        provenance.put(RunFacts.DATA_SHA256, prepared.fingerprint());
        provenance.put(RunFacts.SEED, Long.toString(run.seed()));
        provenance.putAll(facts);
        return new TrainedRun(new RunRecord(run.sweep(), run.trial().trialId(), run.trial().model(), run.seed(), run.repeat(),
                run.trial().hyperparameters(),
                outcome.status(), outcome.error(), outcome.testAccuracy(), outcome.testLoss(), outcome.epochsTrained(),
                outcome.bestEpoch(), outcome.seconds(), executor, gpu, outcome.epochs(), outcome.classes(),
                outcome.confusion(), new Provenance().runJson(provenance), System.currentTimeMillis()), model,
                outcome.status() == RunStatus.OK ? outcome.predictions() : null);
    }

    /** The GPU address Spark's resource scheduler gave this task, or null when none was requested. */
    static String assignedGpu(TaskContext task) {
        ResourceInformation gpu = task.resourcesJMap().get(GPU_RESOURCE);
        return gpu == null || gpu.addresses().length == 0 ? null : gpu.addresses()[0];
    }

    private static String executorName() {
        SparkEnv env = SparkEnv.get();
        return env.executorId() + "@" + env.blockManager().blockManagerId().host();
    }
}

package io.sparksweep.engine;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.PreparedData;
import io.sparksweep.model.ModelFamilies;
import io.sparksweep.model.ModelSettings;
import io.sparksweep.run.EpochRecord;
import io.sparksweep.run.RunStatus;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.train.RunOutcome;
import io.sparksweep.train.RunTrainer;
import io.sparksweep.train.TrainingPlan;
import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One LeNet-5 trained data-parallel by dl4j-spark on real local[2] Spark. */
@Slow
class DistributedTrainingTest {

    @Test
    void oneNetworkTrainedAcrossTwoWorkersLearns() {
        PreparedData data = new DataPreparation().prepare(ProjectPaths.fashionMnist(), true, 2000, 500, 0.1, 5);
        String json = ModelFamilies.build(ModelSettings.defaults("lenet5")).toJson();
        List<EpochRecord> told = new ArrayList<>();
        RunTrainer.TrainedModel trained = DistributedTraining.train(LocalSpark.session(), json,
                new TrainingPlan(32, true, 3, 5), 11, data, 2,
                new DistributedTraining.Settings(2, DistributedTraining.DEFAULT_AVERAGING_FREQUENCY), told::add);
        RunOutcome outcome = trained.outcome();

        assertEquals(RunStatus.OK, outcome.status(), outcome.error());
        assertTrue(outcome.testAccuracy() > 0.5, "well above chance (0.1) after 2 epochs on 1,800 images: "
                + outcome.testAccuracy());
        assertEquals(2, outcome.epochs().size(), "epochs overrides the plan's maximum");
        assertEquals(outcome.epochs(), told);
        for (EpochRecord e : outcome.epochs()) {
            assertTrue(Double.isFinite(e.trainLoss()) && e.valLoss() > 0 && e.valAccuracy() > 0.1 && e.seconds() > 0,
                    e.toString());
        }
        assertTrue(outcome.epochs().get(1).valLoss() < outcome.epochs().get(0).valLoss() + 0.2,
                "no blow-up between epochs: " + outcome.epochs());
        assertEquals("2", outcome.runtime().get("workers"));
        assertEquals(500, outcome.classes().stream().mapToLong(c -> c.support()).sum(), "evaluated on the test set");
        for (Layer layer : trained.network().getLayers()) {
            assertTrue(layer.getClass().getName().startsWith("org.deeplearning4j."),
                    "DL4J's own layers under parameter averaging: " + layer.getClass());
        }
        // the model the caller saves gives the accuracy that was reported
        double[] correct = {0};
        var out = trained.network().output(org.nd4j.linalg.factory.Nd4j.create(
                toFloats(data.test().pixels()), new long[] {data.test().count(), 784}), false);
        for (int i = 0; i < data.test().count(); i++) {
            correct[0] += out.getRow(i).argMax().getInt(0) == data.test().label(i) ? 1 : 0;
        }
        assertEquals(outcome.testAccuracy(), correct[0] / data.test().count(), 1e-9);
    }

    /**
     * Data-parallel runs go through the run loop: when the caller stops (here an interrupt while the first run trains),
     * the run in flight has its Spark job cancelled and starts no other, no run is handed over, and the next run never
     * starts.
     */
    @Test
    void aStoppedRunLoopCancelsTheDataParallelRunInFlightAndStartsNothingMore() throws Exception {
        org.apache.spark.sql.SparkSession spark = LocalSpark.session();
        PreparedData data = new DataPreparation().prepare(ProjectPaths.fashionMnist(), true, 400, 100, 0.2, 5);
        io.sparksweep.space.Trial trial = new io.sparksweep.space.Trial("dp", "lenet5", java.util.Map.of(),
                ModelFamilies.build(ModelSettings.defaults("lenet5")).toJson(), new TrainingPlan(32, true, 20, 20));
        List<RunAssignment> runs = List.of(new RunAssignment("dp", trial, 0, 1), new RunAssignment("dp", trial, 1, 2));
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Set<String> groups = java.util.concurrent.ConcurrentHashMap.newKeySet();
        org.apache.spark.scheduler.SparkListener interrupter = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
                String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
                if (group != null && group.startsWith("sparksweep-dp-")) {
                    groups.add(group);
                    if (started.incrementAndGet() == 2) {
                        caller.interrupt();
                    }
                }
            }
        };
        List<TrainedRun> handed = new ArrayList<>();
        spark.sparkContext().addSparkListener(interrupter);
        try {
            IllegalStateException stopped;
            try {
                stopped = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        () -> new DistributedRunTraining(spark).train(runs, data, RunCheckpoints.NONE, handed::add));
            } finally {
                Thread.interrupted();
            }
            assertTrue(stopped.getMessage().contains("interrupted"), stopped.getMessage());
            assertEquals(List.of(), handed, "the stopped run is not handed over, the second never trained");
            int jobsWhenStopped = started.get();
            Thread.sleep(3_000);
            assertEquals(jobsWhenStopped, started.get(), "no job of the stopped run started after the loop returned");
            // Only this run's jobs: classes running beside this one use the same session.
            org.apache.spark.SparkStatusTracker tracker = spark.sparkContext().statusTracker();
            List<Integer> running = groups.stream().flatMap(g -> java.util.Arrays.stream(tracker.getJobIdsForGroup(g)).boxed())
                    .filter(id -> tracker.getJobInfo(id).isDefined()
                            && tracker.getJobInfo(id).get().status() == org.apache.spark.JobExecutionStatus.RUNNING)
                    .toList();
            assertFalse(groups.isEmpty());
            assertEquals(List.of(), running, "its job was cancelled");
        } finally {
            spark.sparkContext().removeSparkListener(interrupter);
        }
    }

    private static float[] toFloats(byte[] pixels) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (pixels[i] & 0xFF) / 255f;
        }
        return f;
    }
}

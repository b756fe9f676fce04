package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each run trained as one network across all executors ({@link DistributedTraining}, dl4j-spark parameter averaging),
 * one run after another; the driver holds the model, so it comes back like a run trained in a task.
 */
public final class DistributedRunTraining implements RunTraining {

    private final SparkSession spark;

    public DistributedRunTraining(SparkSession spark) {
        this.spark = spark;
    }

    /** Data-parallel training gives other numbers than one task's for the same seed. */
    @Override
    public String runIdSuffix() {
        return "-dp";
    }

    @Override
    public void train(List<RunAssignment> runs, PreparedData data, Consumer<TrainedRun> finished) {
        for (RunAssignment run : runs) {
            var trained = DistributedTraining.train(spark, run.trial().networkJson(), run.trial().plan(), run.seed(),
                    data, run.trial().plan().maxEpochs());
            finished.accept(TrainOnExecutor.finished(run, trained, data,
                    Map.of("spark.master", spark.sparkContext().master()), "data-parallel", null));
        }
    }
}

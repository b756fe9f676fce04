package io.sparksweep.engine;

import io.sparksweep.data.PreparedData;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Every run one Spark task over the broadcast data, the same task a sweep's runs train in. */
public final class SparkTaskTraining implements RunTraining {

    private final SparkSession spark;
    private final String jobName;

    public SparkTaskTraining(SparkSession spark, String jobName) {
        this.spark = spark;
        this.jobName = jobName;
    }

    @Override
    public void train(List<RunAssignment> runs, PreparedData data, Consumer<TrainedRun> finished) {
        if (runs.isEmpty()) {
            return;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<PreparedData> shared = jsc.broadcast(data);
        JavaRDD<RunAssignment> rdd = jsc.parallelize(runs, runs.size());
        BlockingQueue<TrainedRun> done = new LinkedBlockingQueue<>();
        try {
            jsc.setJobGroup("sparksweep-" + jobName, jobName, true);
            SimpleFutureAction<?> job = spark.sparkContext().submitJob(rdd.rdd(), new TrainOnExecutor(shared),
                    ScalaInterop.partitions(runs.size()),
                    ScalaInterop.resultHandler((Integer partition, TrainedRun run) -> done.add(run)), ScalaInterop.unit());
            int received = 0;
            while (received < runs.size()) {
                TrainedRun run = done.poll(1, TimeUnit.SECONDS);
                if (run == null) {
                    if (job.isCompleted()) {
                        job.value().get().get(); // throws the job's failure, if any
                        if (done.isEmpty()) {
                            break;
                        }
                    }
                    continue;
                }
                received++;
                finished.accept(run);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(jobName + " interrupted; finished runs are saved, run again to resume", e);
        } finally {
            jsc.clearJobGroup();
            shared.unpersist();
        }
    }
}

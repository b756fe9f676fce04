package io.sparksweep.engine;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How many epochs each run in flight has trained, while it trains: every run's task adds one to {@link #counter()}
 * per epoch, and each executor's heartbeat (every {@code spark.executor.heartbeatInterval}, 10 s by default) carries
 * its running tasks' counts to the driver. A mini-VGG run trains for an hour; without this the console said nothing
 * between its start and its end.
 */
final class EpochProgress extends SparkListener implements AutoCloseable {

    private final SparkContext sc;
    private final LongAccumulator counter;
    private final Consumer<List<Long>> onChange;
    /** Epochs so far by task id, for tasks still running; ordered, so runs keep their place in a message. */
    private final Map<Long, Long> byTask = new ConcurrentSkipListMap<>();

    /** @param onChange given {@link #inFlight()} (on Spark's listener thread) whenever a run's count moved or a run ended */
    EpochProgress(SparkContext sc, Consumer<List<Long>> onChange) {
        this.sc = sc;
        this.counter = sc.longAccumulator("sparksweep epochs trained");
        this.onChange = onChange;
        sc.addSparkListener(this);
    }

    /** What a run's task adds one to after each epoch; ships with the task. */
    LongAccumulator counter() {
        return counter;
    }

    /** Epochs trained so far by each run in flight whose executor has reported since, in the order the runs started. */
    List<Long> inFlight() {
        return List.copyOf(byTask.values());
    }

    /** Counts as the console shows them: "7, 3". */
    static String joined(List<Long> epochs) {
        return epochs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        boolean changed = false;
        for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task
                : JavaConverters.seqAsJavaList(update.accumUpdates())) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
                if (info.id() == counter.id() && info.update().isDefined()
                        && info.update().get() instanceof Number epochs && epochs.longValue() > 0) {
                    Long before = byTask.put((Long) task._1(), epochs.longValue());
                    changed |= before == null || before != epochs.longValue();
                }
            }
        }
        if (changed) {
            onChange.accept(inFlight());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (byTask.remove(taskEnd.taskInfo().taskId()) != null) {
            onChange.accept(inFlight());
        }
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}

package io.sparksweep.engine;

import io.sparksweep.run.RunRecord;
import io.sparksweep.stats.RankMetric;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Console progress of a sweep: runs done / total, ok / failed / diverged, tasks running (from a
 * SparkListener) with the epochs each has trained so far ({@link EpochProgress}), elapsed and ETA (from the progress
 * bar), and the best mean validation score over seeds so far. Not on a terminal (a log file, CI) a line is printed
 * when anything but the clock changed, at most every 15 s.
 */
final class ProgressReporter extends SparkListener implements AutoCloseable {

    private final ProgressBar bar;
    private final RankMetric metric;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger taskRetries = new AtomicInteger();
    private final Map<String, double[]> sumsByTrial = new HashMap<>();
    private List<Long> epochsInFlight = List.of();
    private int ok;
    private int failed;
    private int diverged;

    ProgressReporter(String sweep, int totalRuns, RankMetric metric, PrintWriter out) {
        this.metric = metric;
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(sweep).setInitialMax(totalRuns)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" runs", 1).setMaxRenderedLength(140).continuousUpdate();
        if (System.console() == null) {
            // Not a terminal (CI, a log file): whole lines, not carriage-return redraws.
            builder.setConsumer(new DelegatingProgressBarConsumer(new ChangedLines(out), 140))
                    .setUpdateIntervalMillis(15_000);
        } else {
            builder.setUpdateIntervalMillis(1_000);
        }
        this.bar = builder.build();
        bar.setExtraMessage(message());
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        running.decrementAndGet();
        if (!taskEnd.taskInfo().successful()) {
            taskRetries.incrementAndGet();
        }
    }

    synchronized void runFinished(RunRecord run) {
        switch (run.status()) {
            case OK -> {
                ok++;
                // The running best is read on validation, as the ranking chooses by default: the test score is
                // what the chosen configuration reports, never what picks it.
                double value = run.bestEpochRecord().map(e -> metric == RankMetric.ACCURACY ? e.valAccuracy() : e.valLoss())
                        .orElse(Double.NaN);
                if (!Double.isNaN(value)) {
                    double[] sums = sumsByTrial.computeIfAbsent(run.trialId(), k -> new double[2]);
                    sums[0] += value;
                    sums[1]++;
                }
            }
            case DIVERGED -> diverged++;
            default -> failed++;
        }
        bar.step();
        bar.setExtraMessage(message());
    }

    /** The epochs each run in flight has trained so far, as its executor last reported them. */
    synchronized void epochsInFlight(List<Long> epochs) {
        epochsInFlight = epochs;
        bar.setExtraMessage(message());
    }

    /** Moves the bar's end to this many runs after those finished: a search that stops early ends the bar at 100 %. */
    synchronized void remaining(int runs) {
        bar.maxHint(bar.getCurrent() + runs);
    }

    private String message() {
        String best = "";
        boolean higherIsBetter = metric.higherIsBetter();
        double bestMean = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (Map.Entry<String, double[]> e : sumsByTrial.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (higherIsBetter ? mean > bestMean : mean < bestMean) {
                bestMean = mean;
                best = String.format(" best on validation %s %.4f (n=%d)", e.getKey(), mean, (int) e.getValue()[1]);
            }
        }
        String epochs = epochsInFlight.isEmpty() ? "" : " (epochs " + EpochProgress.joined(epochsInFlight) + ")";
        return String.format("ok %d failed %d diverged %d running %d%s%s%s", ok, failed, diverged,
                Math.max(0, running.get()), epochs, taskRetries.get() > 0 ? " task retries " + taskRetries.get() : "",
                best);
    }

    @Override
    public void close() {
        bar.close();
    }

    /**
     * Prints a line only when it differs from the one before in more than the clock (elapsed and ETA), which moves at
     * every redraw: a log gets a line when a run ends or a run's epoch count moves, not one per redraw.
     */
    static final class ChangedLines implements Consumer<String> {

        private static final java.util.regex.Pattern CLOCK = java.util.regex.Pattern.compile("\\(\\d+:\\d\\d:\\d\\d / [^)]*\\)");
        private final PrintWriter out;
        private String last;

        ChangedLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void accept(String line) {
            String withoutClock = CLOCK.matcher(line).replaceAll("");
            if (!withoutClock.equals(last)) {
                out.println(line);
                last = withoutClock;
            }
        }
    }
}

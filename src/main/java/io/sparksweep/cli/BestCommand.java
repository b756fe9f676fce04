package io.sparksweep.cli;

import io.sparksweep.stats.Correction;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.store.SqlViews;
import io.sparksweep.store.SweepResults;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "best", mixinStandardHelpOptions = true,
        description = {"Ranks the trials of a sweep by the mean of a metric over their ok runs and says which "
                + "ones the leader really beats. By default the validation metric at each run's best epoch chooses "
                + "and the test metric of the same runs is reported beside it; for successive halving only the last "
                + "rung is ranked. Each trial's runs are compared with the leader's by a two-sided "
                + "paired t-test by seed (repeat r of every trial uses the same seed), or by Welch's t-test when "
                + "the two trials' seeds differ, or by the exact sign-flip test when every seed's difference is the "
                + "same. The p-values are Holm-corrected over all pairwise comparisons of the ranked trials, because "
                + "the leader is picked from the same runs: then the chance that any trial as good as the best is "
                + "called worse stays below alpha. A trial with corrected p >= alpha is tied with the leader (the "
                + "gap is within seed-to-seed noise) and then the leader is not a clear winner. Trials with fewer "
                + "than 2 ok runs cannot be tested. P(leader better) is the share of seeds where the leader's run "
                + "beats the trial's, with an exact binomial (Clopper-Pearson) 95%% interval."})
public final class BestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ResultsOptions results;

    @Mixin
    SweepArgument sweepArgument;

    @Option(names = "--metric", paramLabel = "METRIC",
            description = "accuracy (higher is better) or loss (lower is better). Default: the spec's "
                    + "training.metric (accuracy when it has none).")
    String metric;

    @Option(names = "--select-on", paramLabel = "SET",
            description = "validation (each run's validation metric at its best epoch chooses; the test metric of "
                    + "the same runs is shown beside it, never used to choose) or test (the test metric chooses: its "
                    + "leader's test score is optimistic). Default: the spec's training.selection (validation when "
                    + "it has none). Sweeps whose runs table has no validation columns fall back to test, with a note.")
    String selectOn;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (aligned, with the verdict in words), csv or json (one row per ranked trial, "
                    + "nothing else). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10",
            description = "Show the best K trials; the verdict still compares the leader with all of them. "
                    + "Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "Significance level: p below it means worse than the leader, else tied. "
                    + "Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--correction", paramLabel = "METHOD", defaultValue = "holm",
            description = "holm (Holm's step-down correction over all pairwise comparisons of the ranked trials: "
                    + "the chance that any trial as good as the best is called worse stays below alpha) or none "
                    + "(each test alone; with many trials some equal ones look worse by chance). "
                    + "Default: ${DEFAULT-VALUE}.")
    String correction;

    @Override
    public Integer call() throws Exception {
        try {
            OutputFormat outputFormat = OutputFormat.parse(format);
            Correction correctionMethod = Correction.parse(correction);
            RankMetric rankMetric = metric == null ? null : RankMetric.parse(metric);
            Selection selection = selectOn == null ? null : Selection.parse(selectOn);
            if (top < 1) {
                throw new IllegalArgumentException("--top must be at least 1, got " + top);
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("--alpha must be between 0 and 1, got " + alpha);
            }
            results.checkSweepsBeforeSpark();
            SparkSession spark = results.startSpark(spec.name());
            SweepResults sweepResults = SweepResults.open(spark, results.folder, sweepArgument.name);
            RankingChoice own = SweepRanking.specChoice(sweepResults.specText());
            Ranking ranking = SweepRanking.of(sweepResults, new RankingChoice(
                    rankMetric != null ? rankMetric : own.metric(), selection != null ? selection : own.selection(),
                    alpha, correctionMethod));
            new RankingReport(sweepArgument.name, ranking, sweepResults.settingColumns(), sweepResults.settingsByTrial())
                    .print(spec.commandLine().getOut(), top, outputFormat);
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}

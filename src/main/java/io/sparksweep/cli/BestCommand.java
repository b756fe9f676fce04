package io.sparksweep.cli;

import io.sparksweep.results.BestRanking;
import io.sparksweep.results.Correction;
import io.sparksweep.results.RankMetric;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.SqlViews;
import io.sparksweep.results.SweepResults;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "best", mixinStandardHelpOptions = true,
        description = {"Ranks the trials of a sweep by the mean of a metric over their ok runs and says which "
                + "ones the leader really beats. Each trial's runs are compared with the leader's by a two-sided "
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

    @Parameters(index = "0", paramLabel = "SWEEP", description = "Name of the sweep (its folder in the results "
            + "folder).")
    String sweep;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "accuracy",
            description = "accuracy (test accuracy, higher is better) or loss (test loss, lower is better). "
                    + "Default: ${DEFAULT-VALUE}.")
    String metric;

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
            RankMetric rankMetric = RankMetric.parse(metric);
            Correction correctionMethod = Correction.parse(correction);
            if (top < 1) {
                throw new IllegalArgumentException("--top must be at least 1, got " + top);
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("--alpha must be between 0 and 1, got " + alpha);
            }
            results.checkSweepsBeforeSpark();
            SparkSession spark = results.startSpark(spec.name());
            SweepResults sweepResults = SweepResults.open(spark, results.folder, sweep);
            Ranking ranking = BestRanking.rank(sweepResults.okValuesBySeed(rankMetric), rankMetric, alpha,
                    correctionMethod);
            new RankingReport(sweep, ranking, sweepResults.settingColumns(), sweepResults.settingsByTrial())
                    .print(spec.commandLine().getOut(), top);
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}

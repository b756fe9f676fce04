package io.sparksweep.cli;

import io.sparksweep.decide.HalvingPolicy;
import io.sparksweep.search.PolicyReplay;
import io.sparksweep.decide.RaceDecision;
import io.sparksweep.decide.RacePolicy;
import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.Selection;
import io.sparksweep.store.StoredRuns;
import io.sparksweep.spec.SweepDefinition;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays a race over seeds, or successive halving, on the stored runs of a sweep and prints "
                + "its decisions and the runs it would have used against the exhaustive count: what racing or "
                + "halving would have saved on this grid. The replay feeds repeat r of every trial as seed r to "
                + "the same policy a sweep runs with, so on an exhaustive sweep (every trial x the same seeds) it "
                + "is exactly what a race with those seeds decides. Decisions are taken on the validation metric "
                + "at each run's best epoch unless --select-on test; the winner's test metric is printed beside it."})
public final class ReplayCommand implements Callable<Integer> {

    /** What to replay. */
    enum Strategy {
        RACE, HALVING;

        /** {@code race} or {@code halving}, any case; picocli's one-line error otherwise. */
        static final class Converter implements ITypeConverter<Strategy> {
            @Override
            public Strategy convert(String value) {
                return ChoiceConverters.parse(name -> Arrays.stream(values())
                        .filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown value '" + name
                                + "'; expected race or halving")), value);
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ResultsOptions results;

    @Mixin
    SweepArgument sweepArgument;

    @Option(names = "--strategy", paramLabel = "race|halving", required = true, converter = Strategy.Converter.class,
            description = "race (eliminate candidates significantly worse than another, seed by seed) or halving "
                    + "(promote the top 1/reduction at each rung of epochs).")
    Strategy strategy;

    @Option(names = "--metric", paramLabel = "METRIC", defaultValue = "accuracy", converter = ChoiceConverters.Metric.class,
            description = "accuracy (higher is better) or loss (lower is better); race only. Default: ${DEFAULT-VALUE}.")
    RankMetric metric;

    @Option(names = "--select-on", paramLabel = "SET", defaultValue = "validation",
            converter = ChoiceConverters.SelectionSet.class,
            description = "validation (the metric of each run's best epoch on the validation split) or test; race "
                    + "only (halving always promotes on validation). Default: ${DEFAULT-VALUE}.")
    Selection selectOn;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "Race: the chance of ever eliminating a candidate of the best mean. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--min-seeds", paramLabel = "K", defaultValue = "2",
            description = "Race: seeds every candidate gets before the first look. Default: ${DEFAULT-VALUE}.")
    int minSeeds;

    @Option(names = "--max-seeds", paramLabel = "N", defaultValue = "0",
            description = "Race: most seeds a candidate gets; halving: seeds per candidate. Default: every stored "
                    + "repeat.")
    int maxSeeds;

    @Option(names = "--budget", paramLabel = "RUNS", defaultValue = "0",
            description = "Race: most runs in total (0: no limit). Default: ${DEFAULT-VALUE}.")
    int budget;

    @Option(names = "--resolution", paramLabel = "STEP", defaultValue = "-1",
            description = "Race: smallest step of the scores, 1/n for an accuracy on n items; a difference of "
                    + "scores is credited with at least this much noise. Default: inferred from the stored "
                    + "accuracies (the least n that makes them all whole numbers of items); 0 for a loss.")
    double resolution;

    @Option(names = "--rungs", paramLabel = "E1,E2,...", split = ",",
            description = "Halving: increasing epoch counts of the rungs, e.g. 1,2.")
    List<Integer> rungs;

    @Option(names = "--reduction", paramLabel = "R", defaultValue = "3",
            description = "Halving: the top 1/R of a rung is promoted. Default: ${DEFAULT-VALUE}.")
    int reduction;

    @Override
    public Integer call() throws Exception {
        try {
            Strategy chosen = strategy;
            RankMetric rankMetric = metric;
            Selection selection = selectOn;
            check(alpha > 0 && alpha < 1, "--alpha must be between 0 and 1, got " + alpha);
            check(minSeeds >= 1, "--min-seeds must be at least 1, got " + minSeeds);
            check(maxSeeds >= 0, "--max-seeds must be at least 1 (0: every stored repeat), got " + maxSeeds);
            check(budget >= 0, "--budget must be at least 0, got " + budget);
            check(reduction >= 2, "--reduction must be at least 2, got " + reduction);
            check(chosen == Strategy.RACE || rungs != null && !rungs.isEmpty(), "--rungs is needed with --strategy halving");
            results.checkSweepsBeforeSpark();
            SparkSession spark = results.startSpark(spec.name());
            List<StoredRuns.StoredRun> runs = StoredRuns.read(spark, results.folder, sweepArgument.name);
            check(!runs.isEmpty(), "sweep '" + sweepArgument.name + "' has no runs to replay");
            int stored = runs.stream().mapToInt(StoredRuns.StoredRun::repeat).max().orElse(0) + 1;
            int seeds = maxSeeds > 0 ? maxSeeds : stored;
            PrintWriter out = spec.commandLine().getOut();
            if (chosen == Strategy.RACE) {
                race(out, runs, seeds, stored, rankMetric, selection);
            } else {
                halving(out, runs, seeds);
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }

    private void race(PrintWriter out, List<StoredRuns.StoredRun> runs, int seeds, int stored, RankMetric rankMetric,
                      Selection selection) {
        check(minSeeds <= seeds, "--min-seeds " + minSeeds + " is more than the " + seeds + " seeds to race over");
        check(seeds <= stored, "--max-seeds " + seeds + " is more than the " + stored + " seeds stored");
        boolean higher = rankMetric.higherIsBetter();
        double step = resolution >= 0 ? resolution : higher ? PolicyReplay.resolution(runs.stream()
                .mapToDouble(r -> r.score().metric(selection, RankMetric.ACCURACY)).toArray()) : 0;
        SweepDefinition.Race settings = new SweepDefinition.Race(minSeeds, seeds, alpha, budget);
        PolicyReplay.Race race = PolicyReplay.race(runs, settings, selection, rankMetric, step);
        List<String> trials = race.trials();
        String metricName = selection.label() + " " + rankMetric.name().toLowerCase(Locale.ROOT);
        List<Integer> looks = race.policy().spendingLooks();
        out.printf("%s: race replayed over %d trials, seeds %d-%d of the %d stored, on %s; alpha %s over %d looks at "
                        + "%s seeds (%.3g each), score step %s%n", sweepArgument.name, trials.size(), minSeeds, seeds, stored,
                metricName, alpha, looks.size(), looks.size() == 1 ? looks.get(0) : looks.get(0) + "-"
                        + looks.get(looks.size() - 1), race.policy().alphaAt(looks.get(0)),
                step > 0 ? String.format(Locale.ROOT, "%.6g", step) : "none (continuous)");
        RacePolicy.Progress progress = race.progress();
        boolean[] out0 = new boolean[trials.size()];
        int runsSoFar = 0;
        for (int k = minSeeds; k <= progress.seeds(); k++) {
            int in = 0;
            for (boolean gone : out0) {
                in += gone ? 0 : 1;
            }
            runsSoFar += k == minSeeds ? in * k : in;
            final int look = k;
            List<RaceDecision> here = progress.decisions().stream().filter(d -> d.seeds() == look
                    && d.action() != RaceDecision.Action.WINNER).toList();
            out.printf("look %d seeds (%d in, %d runs so far): %s%n", k, in, runsSoFar,
                    here.isEmpty() ? "no elimination" : here.size() + " out");
            for (RaceDecision d : here) {
                out0[d.candidate()] = true;
                if (d.action() == RaceDecision.Action.FAILED) {
                    out.printf("  failed      %s: a run failed or diverged%n", trials.get(d.candidate()));
                } else {
                    out.printf(Locale.ROOT, "  eliminated  %s (mean %.4f): %s (%.4f) better, p %.2g <= %.2g%n",
                            trials.get(d.candidate()), own(d.mean(), higher), trials.get(d.against()),
                            own(d.againstMean(), higher), d.pValue(), d.threshold());
                }
            }
        }
        int exhaustive = race.exhaustive();
        if (!progress.over()) {
            out.printf("race not decided: the stored runs stop before look %d seeds; %d runs so far of %d exhaustive%n",
                    progress.seeds(), progress.committed(), exhaustive);
            return;
        }
        int winner = race.winner();
        Ranking.Entry top = race.verdict().flatMap(Ranking::leader).orElseThrow();
        double winnerTest = testMean(runs, trials.get(winner), seeds, rankMetric);
        out.printf(Locale.ROOT, "winner %s: %s %.4f over %d seeds (the sweep's ranking of the runs raced leads with "
                        + "it), test %s %.4f (%s); %d left at the end (%s)%n",
                trials.get(winner), metricName, top.stats().mean(), top.stats().n(),
                rankMetric.name().toLowerCase(Locale.ROOT), winnerTest, selection == Selection.TEST
                        ? "chosen on the test set: optimistic" : "reported, not chosen on", progress.aliveCount(),
                progress.end().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        out.printf(Locale.ROOT, "runs: %d of %d exhaustive (%d trials x %d seeds) = %.0f %%%n", progress.committed(),
                exhaustive, trials.size(), seeds, 100.0 * progress.committed() / exhaustive);
        int leader = race.leader();
        out.printf(Locale.ROOT, "exhaustive leader on %s over all %d seeds: %s (%.4f): %s%n", metricName, seeds,
                trials.get(leader), race.fullMeans()[leader], leader == winner ? "the same as the race's winner"
                        : "NOT the race's winner (" + trials.get(winner) + " " + String.format(Locale.ROOT, "%.4f",
                        race.fullMeans()[winner]) + (progress.alive()[leader] ? ", still in at the end)" : ", eliminated)"));
    }

    private void halving(PrintWriter out, List<StoredRuns.StoredRun> runs, int seeds) {
        for (int i = 0; i < rungs.size(); i++) {
            check(rungs.get(i) >= 1 && (i == 0 || rungs.get(i) > rungs.get(i - 1)),
                    "--rungs must be increasing epoch counts from 1, got " + rungs);
        }
        int epochs = runs.stream().mapToInt(r -> r.valLoss().length).max().orElse(0);
        check(rungs.get(rungs.size() - 1) <= epochs, "the last rung (" + rungs.get(rungs.size() - 1)
                + " epochs) is past the " + epochs + " epochs stored");
        PolicyReplay.Halving halving = PolicyReplay.halving(runs, new SweepDefinition.Halving(rungs, reduction), seeds);
        List<String> trials = halving.trials();
        out.printf("%s: halving replayed over %d trials x %d seeds, rungs %s epochs, top 1/%d promoted, on validation "
                + "accuracy at each rung's best epoch%n", sweepArgument.name, trials.size(), seeds, rungs, reduction);
        HalvingPolicy.Progress progress = halving.progress();
        for (int rung = 0; rung <= progress.rung(); rung++) {
            final int r = rung;
            List<HalvingPolicy.Promotion> here = progress.promotions().stream().filter(p -> p.rung() == r).toList();
            if (here.isEmpty()) {
                continue;
            }
            out.printf("rung %d (%d epochs): %d in%n", rung + 1, rungs.get(rung), here.size());
            boolean last = rung == progress.rung() && progress.over();
            for (HalvingPolicy.Promotion p : here) {
                out.printf(Locale.ROOT, "  %-2d %s mean %.4f%s%n", p.rank(), trials.get(p.candidate()), p.mean(),
                        p.promoted() ? "  promoted" : last && p.candidate() == halving.winner() ? "  winner" : "");
            }
        }
        if (!progress.over()) {
            out.printf("halving not decided: the stored runs lack rung %d of some member%n", progress.rung() + 1);
            return;
        }
        out.printf(Locale.ROOT, "winner %s (the leader of the sweep's ranking of the last rung's runs); run-epochs: %d "
                        + "of %d exhaustive (%d trials x %d seeds x %d epochs) = %.0f %%%n",
                halving.winner() < 0 ? "none (every run failed)" : trials.get(halving.winner()), halving.runEpochs(),
                halving.exhaustive(), trials.size(), seeds, rungs.get(rungs.size() - 1),
                100.0 * halving.runEpochs() / halving.exhaustive());
    }

    private static double testMean(List<StoredRuns.StoredRun> runs, String trial, int seeds, RankMetric metric) {
        return runs.stream().filter(r -> r.score().trialId().equals(trial) && r.repeat() < seeds && r.score().ok())
                .mapToDouble(r -> r.score().metric(Selection.TEST, metric))
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static double own(double score, boolean higherIsBetter) {
        return higherIsBetter ? score : -score;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

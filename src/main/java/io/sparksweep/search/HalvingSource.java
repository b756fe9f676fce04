package io.sparksweep.search;

import io.sparksweep.decide.HalvingPolicy;
import io.sparksweep.decide.Scores;
import io.sparksweep.engine.RunAssignment;
import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.TrainedRun;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.RankingChoice;
import io.sparksweep.store.DecisionTable;
import io.sparksweep.store.PromotionRecord;
import io.sparksweep.store.RunScore;
import io.sparksweep.store.SweepRanking;
import io.sparksweep.store.SweepStore;
import io.sparksweep.store.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Successive halving over epochs as a {@link RunSource}: offers the runs {@link HalvingPolicy} wants and replays its
 * decisions after every finished run. A run of candidate c at rung k has its own trial id ({@link #rungTrial}), so
 * the runs table tells rungs apart and resume knows what is done. Rung k > 1 continues each seed from the state the
 * same seed's run ended rung k - 1 with, kept below the sweep folder as {@code state/<trial>-<seed>-r<k>.zip}
 * ({@link #keep} writes it before the engine journals the run, so a journaled run always has its state).
 *
 * <p>The policy only promotes and stops. Once the halving is over its winner is the leader of the sweep's one
 * ranking ({@link SweepRanking#rank}) over the last rung's runs, on the sweep's metric and selection set: the ranking
 * {@code run}'s closing lines and {@code best} compute from the tables, so the promotions table's {@code winner} row,
 * the closing line and they name the same trial.
 */
public final class HalvingSource implements RunSource {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HalvingSource.class);

    private final String sweep;
    private final List<Trial> candidates;
    private final SweepDefinition.Halving settings;
    private final long[] seeds;
    private final HalvingPolicy policy;
    private final SweepStore store;
    private final Map<String, int[]> slotOf = new HashMap<>();
    private final Map<Long, Integer> repeatOf = new HashMap<>();
    private final RankingChoice choice;
    private final double[][][] scores;
    /** The ranking's metric per slot, in its own units; NaN unless the run ended ok. */
    private final double[][][] ranked;
    private final Set<HalvingPolicy.Slot> started = new HashSet<>();
    private HalvingPolicy.Progress progress;

    /**
     * @param choice the sweep's ranking: its metric and selection set name the winner among the last rung's runs
     * @param known  runs already finished (ok, failed or diverged) in this sweep folder; others are ignored
     */
    public HalvingSource(String sweep, List<Trial> candidates, long masterSeed, int repeats,
                         SweepDefinition.Halving settings, RankingChoice choice, Collection<RunScore> known,
                         SweepStore store) {
        this.sweep = sweep;
        this.candidates = List.copyOf(candidates);
        this.settings = settings;
        this.store = store;
        this.choice = choice;
        this.policy = new HalvingPolicy(settings, candidates.size(), repeats);
        this.seeds = new long[repeats];
        for (int r = 0; r < repeats; r++) {
            seeds[r] = RunSeeds.forRepeat(masterSeed, r);
            repeatOf.put(seeds[r], r);
        }
        this.scores = new double[candidates.size()][settings.rungs().size()][repeats];
        this.ranked = new double[candidates.size()][settings.rungs().size()][repeats];
        for (int c = 0; c < candidates.size(); c++) {
            for (int k = 0; k < settings.rungs().size(); k++) {
                Arrays.fill(scores[c][k], Scores.MISSING);
                Arrays.fill(ranked[c][k], Double.NaN);
                slotOf.put(rungTrial(candidates.get(c), k, settings).trialId(), new int[] {c, k});
            }
        }
        known.forEach(this::record);
        this.progress = policy.decide(scores);
        dropStatesOfStopped(); // again on resume: a crash may have come between a decision and its deletes
    }

    /** The trials a halving sweep's runs belong to: one per candidate and rung, candidate-major. */
    public static List<Trial> rungTrials(List<Trial> candidates, SweepDefinition.Halving settings) {
        List<Trial> all = new ArrayList<>();
        for (Trial candidate : candidates) {
            for (int k = 0; k < settings.rungs().size(); k++) {
                all.add(rungTrial(candidate, k, settings));
            }
        }
        return all;
    }

    /** Candidate's runs at rung {@code k} (0-based): trained up to that rung's epochs, named {@code <trial>-r<k+1>}. */
    public static Trial rungTrial(Trial candidate, int k, SweepDefinition.Halving settings) {
        return new Trial(candidate.trialId() + rungSuffix(k), candidate.model(), candidate.hyperparameters(),
                candidate.networkJson(), candidate.plan().withMaxEpochs(settings.rungs().get(k)));
    }

    /**
     * What marks rung {@code k} (0-based) in a rung trial's id and in a state file's name: {@code -r<k+1>}. A trial id
     * ending in the last rung's suffix is a run that trained all the way.
     */
    public static String rungSuffix(int k) {
        return "-r" + (k + 1);
    }

    /** Where the state a run ended rung {@code k} (0-based) with is kept, relative to the sweep folder. */
    public static String statePath(String candidateId, long seed, int k) {
        return "state/" + candidateId + "-" + seed + rungSuffix(k) + ".zip";
    }

    @Override
    public Optional<RunAssignment> next() {
        for (HalvingPolicy.Slot slot : policy.wanted(progress, scores)) {
            if (started.add(slot)) {
                Trial candidate = candidates.get(slot.candidate());
                long seed = seeds[slot.repeat()];
                byte[] state = slot.rung() == 0 ? null
                        : store.readFile(statePath(candidate.trialId(), seed, slot.rung() - 1)).orElse(null);
                if (state == null && slot.rung() > 0) {
                    LOG.warn("{}: no saved state {} although that run ended ok; training rung {} from scratch", sweep,
                            statePath(candidate.trialId(), seed, slot.rung() - 1), slot.rung() + 1);
                }
                return Optional.of(new RunAssignment(sweep, rungTrial(candidate, slot.rung(), settings), slot.repeat(),
                        seed, true, state));
            }
        }
        return Optional.empty();
    }

    @Override
    public void keep(TrainedRun trained) {
        int[] slot = slotOf.get(trained.run().trialId());
        if (slot != null && trained.model() != null && slot[1] < settings.rungs().size() - 1) {
            store.writeFile(statePath(candidates.get(slot[0]).trialId(), trained.run().seed(), slot[1]), trained.model());
        }
    }

    @Override
    public void finished(RunRecord run) {
        record(RunScore.of(run));
        int decided = progress.promotions().size();
        progress = policy.decide(scores);
        if (progress.promotions().size() > decided) {
            dropStatesOfStopped();
        }
    }

    /**
     * Deletes the saved states nothing will continue from: those a stopped candidate's runs ended a rung with. A
     * state holds the weights and both Adam moments, up to tens of MB per run for the larger families.
     */
    private void dropStatesOfStopped() {
        int last = settings.rungs().size() - 1;
        for (HalvingPolicy.Promotion p : progress.promotions()) {
            if (!p.promoted() && p.rung() < last) {
                for (long seed : seeds) {
                    store.deleteFile(statePath(candidates.get(p.candidate()).trialId(), seed, p.rung()));
                }
            }
        }
    }

    @Override
    public boolean exhausted() {
        return progress.over();
    }

    @Override
    public OptionalInt unfinishedAtMost() {
        return OptionalInt.of(policy.unfinishedRuns(progress, scores));
    }

    public HalvingPolicy.Progress progress() {
        return progress;
    }

    /** Epochs trained so far by all runs together, as the policy counts them. */
    public int runEpochs() {
        return policy.runEpochs(progress);
    }

    /**
     * The halving's verdict once it is over: the sweep's ranking ({@link SweepRanking#rank}) of the ok runs of the last
     * rung reached, on the sweep's metric and selection set; empty while it runs.
     */
    public Optional<Ranking> verdict() {
        if (!progress.over()) {
            return Optional.empty();
        }
        int rung = progress.rung();
        Map<String, SortedMap<Long, Double>> values = new TreeMap<>();
        for (int c : progress.members()) {
            SortedMap<Long, Double> bySeed = values.computeIfAbsent(
                    rungTrial(candidates.get(c), rung, settings).trialId(), id -> new TreeMap<>());
            for (int r = 0; r < seeds.length; r++) {
                if (Double.isFinite(ranked[c][rung][r])) {
                    bySeed.put(seeds[r], ranked[c][rung][r]);
                }
            }
        }
        return Optional.of(SweepRanking.rank(values, choice));
    }

    /** The winning candidate once the halving is over: the leader of {@link #verdict()}; empty if no run ended ok. */
    public Optional<Trial> winner() {
        return verdict().flatMap(Ranking::leader).map(leader -> candidates.get(slotOf.get(leader.trialId())[0]));
    }

    @Override
    public List<DecisionTable> tables() {
        return List.of(new DecisionTable(Table.PROMOTIONS, promotions().stream().map(p -> p.row(sweep)).toList()));
    }

    @Override
    public Optional<String> summary() {
        int full = candidates.size() * seeds.length * settings.rungs().get(settings.rungs().size() - 1);
        return Optional.of(String.format("%s: halving %s at rung %d of %d; %d run-epochs (full training of every candidate: %d)%s",
                sweep, progress.over() ? "decided" : "not finished", progress.rung() + 1, settings.rungs().size(),
                runEpochs(), full, winner().map(t -> "; winner " + t.trialId()
                        + " (the leader of the sweep's ranking of the last rung's runs)").orElse("")));
    }

    /** Every decision so far as rows of the {@code promotions} table. */
    public List<PromotionRecord> promotions() {
        List<PromotionRecord> rows = new ArrayList<>();
        int last = settings.rungs().size() - 1;
        Optional<Trial> winner = winner();
        for (HalvingPolicy.Promotion p : progress.promotions()) {
            Trial candidate = candidates.get(p.candidate());
            PromotionRecord.Action action = p.rung() < last
                    ? (p.promoted() ? PromotionRecord.Action.PROMOTED : PromotionRecord.Action.STOPPED)
                    : winner.filter(candidate::equals).isPresent() ? PromotionRecord.Action.WINNER
                    : PromotionRecord.Action.LAST_RUNG;
            rows.add(new PromotionRecord(p.rung() + 1, p.epochs(), candidate.trialId(),
                    rungTrial(candidate, p.rung(), settings).trialId(), p.mean(), p.rank(), action));
        }
        return rows;
    }

    /** What halving promotes on: a finished run's validation accuracy at its best epoch, FAILED unless it ended ok. */
    private static double validationAccuracy(RunScore score) {
        return score.ok() && Double.isFinite(score.validationAccuracy()) ? score.validationAccuracy() : Scores.FAILED;
    }

    private void record(RunScore run) {
        int[] slot = slotOf.get(run.trialId());
        Integer r = repeatOf.get(run.seed());
        if (slot == null || r == null) {
            return; // a run of an earlier spec in the same folder, or beyond this sweep's seeds
        }
        scores[slot[0]][slot[1]][r] = validationAccuracy(run);
        double value = run.metric(choice.selection(), choice.metric());
        ranked[slot[0]][slot[1]][r] = run.ok() && Double.isFinite(value) ? value : Double.NaN;
        started.remove(new HalvingPolicy.Slot(slot[0], slot[1], r));
    }
}

package io.sparksweep.search;

import io.sparksweep.decide.HalvingPolicy;
import io.sparksweep.decide.Scores;
import io.sparksweep.engine.RunAssignment;
import io.sparksweep.engine.RunSource;
import io.sparksweep.engine.TrainedRun;
import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.store.DecisionTable;
import io.sparksweep.store.PromotionRecord;
import io.sparksweep.store.RunScore;
import io.sparksweep.store.SweepStore;
import io.sparksweep.store.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Successive halving over epochs as a {@link RunSource}: offers the runs {@link HalvingPolicy} wants and replays its
 * decisions after every finished run. A run of candidate c at rung k has its own trial id ({@link #rungTrial}), so
 * the runs table tells rungs apart and resume knows what is done. Rung k > 1 continues each seed from the state the
 * same seed's run ended rung k - 1 with, kept below the sweep folder as {@code state/<trial>-<seed>-r<k>.zip}
 * ({@link #keep} writes it before the engine journals the run, so a journaled run always has its state).
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
    private final double[][][] scores;
    private final Set<HalvingPolicy.Slot> started = new HashSet<>();
    private HalvingPolicy.Progress progress;

    /**
     * @param known validation accuracy (best epoch) of every run already finished in this sweep folder, NaN for
     *              a run that ended without one; failed runs the engine counts as done are in it as NaN too
     */
    public HalvingSource(String sweep, List<Trial> candidates, long masterSeed, int repeats,
                         SweepDefinition.Halving settings, Map<RunKey, Double> known, SweepStore store) {
        this.sweep = sweep;
        this.candidates = List.copyOf(candidates);
        this.settings = settings;
        this.store = store;
        this.policy = new HalvingPolicy(settings, candidates.size(), repeats);
        this.seeds = new long[repeats];
        for (int r = 0; r < repeats; r++) {
            seeds[r] = RunSeeds.forRepeat(masterSeed, r);
            repeatOf.put(seeds[r], r);
        }
        this.scores = new double[candidates.size()][settings.rungs().size()][repeats];
        for (int c = 0; c < candidates.size(); c++) {
            for (int k = 0; k < settings.rungs().size(); k++) {
                Arrays.fill(scores[c][k], Scores.MISSING);
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
                // A candidate promoted although its run failed the rung before (all failed) has no state: it
                // trains that rung's epochs from scratch.
                byte[] state = slot.rung() == 0 ? null
                        : store.readFile(statePath(candidate.trialId(), seed, slot.rung() - 1)).orElse(null);
                if (state == null && slot.rung() > 0
                        && scores[slot.candidate()][slot.rung() - 1][slot.repeat()] != Scores.FAILED) {
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
        record(run.key(), validationAccuracy(RunScore.of(run)));
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

    public Optional<Trial> winner() {
        return progress.winner() < 0 ? Optional.empty() : Optional.of(candidates.get(progress.winner()));
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
                runEpochs(), full, winner().map(t -> "; winner " + t.trialId()).orElse("")));
    }

    /** Every decision so far as rows of the {@code promotions} table. */
    public List<PromotionRecord> promotions() {
        List<PromotionRecord> rows = new ArrayList<>();
        int last = settings.rungs().size() - 1;
        for (HalvingPolicy.Promotion p : progress.promotions()) {
            Trial candidate = candidates.get(p.candidate());
            PromotionRecord.Action action = p.rung() < last
                    ? (p.promoted() ? PromotionRecord.Action.PROMOTED : PromotionRecord.Action.STOPPED)
                    : p.rank() == 1 ? PromotionRecord.Action.WINNER : PromotionRecord.Action.LAST_RUNG;
            rows.add(new PromotionRecord(p.rung() + 1, p.epochs(), candidate.trialId(),
                    rungTrial(candidate, p.rung(), settings).trialId(), p.mean(), p.rank(), action));
        }
        return rows;
    }

    /** A finished run's validation accuracy at its best epoch; NaN when it did not end ok or has none. */
    static double validationAccuracy(RunScore score) {
        return score.ok() ? score.validationAccuracy() : Double.NaN;
    }

    private void record(RunKey key, double valAccuracy) {
        int[] slot = slotOf.get(key.trialId());
        Integer r = repeatOf.get(key.seed());
        if (slot == null || r == null) {
            return; // a run of an earlier spec in the same folder, or beyond this sweep's seeds
        }
        scores[slot[0]][slot[1]][r] = Double.isFinite(valAccuracy) ? valAccuracy : Scores.FAILED;
        started.remove(new HalvingPolicy.Slot(slot[0], slot[1], r));
    }
}

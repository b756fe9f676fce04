package io.sparksweep.engine;

import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunRecord;
import io.sparksweep.run.RunSeeds;
import io.sparksweep.space.Trial;
import io.sparksweep.spec.SaveModels;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A run source with no decisions: a fixed list of runs, offered in order, whatever finishes. The plain
 * grid/random sweep is every trial x every seed in repeat-major order, minus the runs already finished.
 */
public final class FixedRuns implements RunSource {

    private final Deque<RunAssignment> queue;

    public FixedRuns(List<RunAssignment> runs) {
        this.queue = new ArrayDeque<>(runs);
    }

    /** Every trial x seed of the request that is not in {@code finished}, repeat-major. */
    public static FixedRuns of(SweepRequest request, Set<RunKey> finished) {
        return new FixedRuns(pending(request, finished));
    }

    /** Repeat-major order: every trial gets its first seed before any gets a second. */
    public static List<RunAssignment> pending(SweepRequest request, Set<RunKey> finished) {
        List<RunAssignment> pending = new ArrayList<>();
        for (int repeat = 0; repeat < request.repeats(); repeat++) {
            long seed = RunSeeds.forRepeat(request.masterSeed(), repeat);
            for (Trial trial : request.trials()) {
                if (!finished.contains(new RunKey(trial.trialId(), seed))) {
                    pending.add(new RunAssignment(request.name(), trial, repeat, seed,
                            request.saveModels() != SaveModels.NONE));
                }
            }
        }
        return pending;
    }

    @Override
    public Optional<RunAssignment> next() {
        return Optional.ofNullable(queue.poll());
    }

    @Override
    public void finished(RunRecord run) {
        // A fixed list does not depend on results.
    }

    @Override
    public boolean exhausted() {
        return queue.isEmpty();
    }
}

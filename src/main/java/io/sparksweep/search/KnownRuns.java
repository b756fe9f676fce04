package io.sparksweep.search;

import io.sparksweep.run.RunKey;
import io.sparksweep.run.RunStatus;
import io.sparksweep.store.RunScore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an adaptive search starts from on resume: the finished runs the store has scores for, and the failed rest. */
final class KnownRuns {

    private KnownRuns() {
    }

    /**
     * Runs the engine counts as done but that have no score (failed earlier and not retried) are failures to the
     * search too; offering them again would train them twice.
     */
    static List<RunScore> withEarlierFailures(List<RunScore> scores, Set<RunKey> done) {
        Set<RunKey> scored = new HashSet<>();
        scores.forEach(s -> scored.add(new RunKey(s.trialId(), s.seed())));
        List<RunScore> all = new ArrayList<>(scores);
        done.stream().filter(key -> !scored.contains(key))
                .forEach(key -> all.add(new RunScore(key.trialId(), key.seed(), RunStatus.FAILED, Double.NaN, Double.NaN)));
        return all;
    }
}

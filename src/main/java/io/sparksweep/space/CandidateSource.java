package io.sparksweep.space;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

import io.sparksweep.spec.SweepDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Draws candidate values from a space with Arbiter's own grid and random generators, seeded. */
public final class CandidateSource {

    /** Random search gives up on new distinct candidates after this many draws per requested sample. */
    private static final int DRAWS_PER_SAMPLE = 50;

    private CandidateSource() {
    }

    /** Every grid point, in Arbiter's sequential order (deterministic). */
    public static <T> List<T> grid(ParameterSpace<T> space, int stepsPerContinuousRange) {
        GridSearchCandidateGenerator generator = new GridSearchCandidateGenerator(space, stepsPerContinuousRange,
                GridSearchCandidateGenerator.Mode.Sequential, null);
        List<T> out = new ArrayList<>();
        while (generator.hasMoreCandidates()) {
            out.add(value(generator));
        }
        return out;
    }

    /**
     * Up to {@code samples} draws; the caller keeps the distinct ones. A small discrete space may hold fewer
     * distinct configurations than asked for, hence the draw limit.
     */
    public static <T> List<T> random(ParameterSpace<T> space, int samples, long seed) {
        RandomSearchGenerator generator = new RandomSearchGenerator(space, null);
        generator.setRngSeed(seed);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < samples * DRAWS_PER_SAMPLE; i++) {
            out.add(value(generator));
        }
        return out;
    }

    /**
     * The search's candidates as trials, in generator order. A trial's id hashes what it trains (its network and
     * plan), so every candidate is built to learn its id; values drawn again are built once. A configuration
     * met again (same id) is kept once, and random search stops at {@code samples} distinct ones.
     *
     * @param build the trial of a candidate's values
     */
    static List<Trial> distinctTrials(HyperparameterSpace space, SweepDefinition.Search search, long seed,
                                      Function<Map<String, Object>, Trial> build) {
        boolean grid = search.strategy().equals(SweepDefinition.Search.GRID);
        List<Map<String, Object>> candidates = grid ? grid(space, search.gridSteps())
                : random(space, search.samples(), seed);
        int limit = grid ? Integer.MAX_VALUE : search.samples();
        Map<Map<String, Object>, Trial> built = new HashMap<>();
        Map<String, Trial> distinct = new LinkedHashMap<>();
        for (Map<String, Object> values : candidates) {
            if (distinct.size() >= limit) {
                break;
            }
            Trial trial = built.computeIfAbsent(values, build);
            distinct.putIfAbsent(trial.trialId(), trial);
        }
        return new ArrayList<>(distinct.values());
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(CandidateGenerator generator) {
        Candidate<?> candidate = generator.getCandidate();
        if (candidate.getException() != null) {
            throw new IllegalStateException("Arbiter could not build a candidate: " + candidate.getException().getMessage(),
                    candidate.getException());
        }
        return (T) candidate.getValue();
    }
}

package io.sparksweep.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarginalsTest {

    /** 2 x 2 grid, two ok runs per cell: accuracy = 0.70 + 0.10 (lr 0.01) + 0.05 (batch 32), +-0.01 seed noise. */
    private static final List<Marginals.Observation> GRID = List.of(
            run("a", 0.001, 64, 0.69), run("a", 0.001, 64, 0.71),
            run("b", 0.001, 32, 0.74), run("b", 0.001, 32, 0.76),
            run("c", 0.01, 64, 0.79), run("c", 0.01, 64, 0.81),
            run("d", 0.01, 32, 0.84), run("d", 0.01, 32, 0.86));

    private static Marginals.Observation run(String trial, double lr, int batch, double accuracy) {
        return new Marginals.Observation(trial, Map.of("learning_rate", lr, "batch_size", batch), accuracy);
    }

    @Test
    void eachValueAveragesTheOkRunsOfEveryTrialHavingIt() {
        List<Marginals.Marginal> marginals = Marginals.of(List.of("learning_rate", "batch_size"), GRID);

        assertEquals(4, marginals.size());
        assertMarginal(marginals.get(0), "learning_rate", 0.001, 0.725, List.of(0.69, 0.71, 0.74, 0.76));
        assertMarginal(marginals.get(1), "learning_rate", 0.01, 0.825, List.of(0.79, 0.81, 0.84, 0.86));
        assertMarginal(marginals.get(2), "batch_size", 32, 0.80, List.of(0.74, 0.76, 0.84, 0.86));
        assertMarginal(marginals.get(3), "batch_size", 64, 0.75, List.of(0.69, 0.71, 0.79, 0.81));
    }

    private static void assertMarginal(Marginals.Marginal m, String name, Object value, double mean,
                                       List<Double> runs) {
        assertEquals(name, m.hyperparameter());
        assertEquals(value, m.value());
        assertEquals(2, m.trials());
        assertEquals(4, m.n());
        assertEquals(mean, m.mean(), 1e-12);
        double squares = runs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        assertEquals(Math.sqrt(squares / 3), m.std(), 1e-12);
    }
}

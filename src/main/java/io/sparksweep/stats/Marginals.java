package io.sparksweep.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Marginal effect of each hyperparameter value: the mean accuracy over the ok runs of every trial that
 * used that value, whatever the other hyperparameters were. On a full grid this is the main effect; on
 * a partial grid it is confounded with whatever the value was paired with, so read it as a hint.
 */
public final class Marginals {

    /** One ok run: its hyperparameter values by column name and its test accuracy. */
    public record Observation(String trialId, Map<String, Object> settings, double accuracy) {
    }

    /**
     * @param trials trials having the value that contributed at least one run
     * @param n      ok runs behind the mean
     * @param std    sample standard deviation, NaN when n = 1
     */
    public record Marginal(String hyperparameter, Object value, int trials, int n, double mean, double std) {
    }

    private static final Comparator<Object> VALUE_ORDER = (a, b) -> {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    };

    private Marginals() {
    }

    /** In the given hyperparameter order, values ascending; runs lacking a hyperparameter are left out of it. */
    public static List<Marginal> of(List<String> hyperparameters, List<Observation> runs) {
        List<Marginal> out = new ArrayList<>();
        for (String name : hyperparameters) {
            Map<Object, List<Observation>> byValue = new TreeMap<>(VALUE_ORDER);
            for (Observation run : runs) {
                Object value = run.settings().get(name);
                if (value != null) {
                    byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(run);
                }
            }
            byValue.forEach((value, group) -> out.add(marginal(name, value, group)));
        }
        return out;
    }

    private static Marginal marginal(String name, Object value, List<Observation> group) {
        double[] accuracy = group.stream().mapToDouble(Observation::accuracy).toArray();
        Set<String> trials = new HashSet<>();
        group.forEach(o -> trials.add(o.trialId()));
        SampleStats stats = SampleStats.of(accuracy);
        return new Marginal(name, value, trials.size(), stats.n(), stats.mean(), stats.std());
    }
}

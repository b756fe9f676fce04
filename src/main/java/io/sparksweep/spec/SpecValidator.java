package io.sparksweep.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparksweep.data.DatasetException;
import io.sparksweep.data.ShippedDataset;
import io.sparksweep.stats.RankMetric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks every field of a parsed spec and fills in defaults. Fails on the first problem, naming it. */
final class SpecValidator {

    static final String SHIPPED_DATASET = ShippedDataset.NAME;
    static final String ANY_IDX_DATASET = "idx";
    private static final Pattern SWEEP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final List<String> METRICS = Arrays.stream(RankMetric.values()).map(RankMetric::label).toList();
    private static final List<String> SELECTIONS = List.of("validation", "test");
    private static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    private static final int DEFAULT_GRID_STEPS = 3;
    private static final int DEFAULT_SAMPLES = 10;
    private static final int DEFAULT_REPEATS = 3;
    private static final double DEFAULT_RACE_ALPHA = 0.05;
    private static final int DEFAULT_REDUCTION = 3;

    private final Collection<String> knownModels;
    private final Collection<String> knownOptimizers;

    SpecValidator(Collection<String> knownModels, Collection<String> knownOptimizers) {
        this.knownModels = List.copyOf(knownModels);
        this.knownOptimizers = List.copyOf(knownOptimizers);
    }

    SweepDefinition validate(SweepSpec spec, String text, String source, Path specFolder) {
        if (spec.name() == null || !SWEEP_NAME.matcher(spec.name()).matches()) {
            throw new SpecException(source, "name", "required; letters, digits, '.', '_' or '-' (it names the results folder)");
        }
        if (spec.data() == null) {
            throw new SpecException(source, "data", "required (at least `dataset: fashion-mnist`)");
        }
        SweepDefinition.DataSettings data = data(spec.data(), source, specFolder);
        TrainingSpec training = spec.training() == null ? new TrainingSpec(null, null, null, null, null, null) : spec.training();
        int maxEpochs = positive(training.maxEpochs(), 10, source, "training.maxEpochs");
        String optimizer = training.optimizer() == null ? "adam" : training.optimizer();
        requireKnown(optimizer, knownOptimizers, source, "training.optimizer");
        String metric = training.metric() == null ? RankMetric.ACCURACY.label() : training.metric();
        requireKnown(metric, METRICS, source, "training.metric");
        String selection = training.selection() == null ? "validation" : training.selection();
        requireKnown(selection, SELECTIONS, source, "training.selection");
        String saveModels = training.saveModels() == null ? SaveModels.NONE.key() : training.saveModels();
        requireKnown(saveModels, java.util.Arrays.stream(SaveModels.values()).map(SaveModels::key).toList(), source,
                "training.saveModels");
        java.time.Duration runTimeout = null;
        if (training.runTimeout() != null) {
            try {
                runTimeout = Durations.parse(training.runTimeout());
            } catch (IllegalArgumentException e) {
                throw new SpecException(source, "training.runTimeout", e.getMessage());
            }
        }

        Map<Hyperparameter, Domain> space = new EnumMap<>(Hyperparameter.class);
        String model = spec.model() == null ? "lenet5" : spec.model();
        requireKnown(model, knownModels, source, "model");
        space.put(Hyperparameter.MODEL, new Domain.Fixed(model));
        space.put(Hyperparameter.OPTIMIZER, new Domain.Fixed(optimizer));
        if (spec.space() != null) {
            for (Map.Entry<String, JsonNode> entry : spec.space().entrySet()) {
                String field = "space." + entry.getKey();
                Hyperparameter hp = Hyperparameter.byKey(entry.getKey()).orElseThrow(() -> new SpecException(
                        source, field, "unknown hyperparameter (known: " + Hyperparameter.knownKeys() + ")"));
                space.put(hp, domain(hp, entry.getValue(), source, field));
            }
        }
        String strategy = strategy(spec.search(), source);
        SweepDefinition.Search search = search(spec.search(), strategy, source);
        SweepDefinition.Race race = race(spec, strategy, source);
        int repeats = race != null ? race.maxRepeats() : fixedRepeats(spec.repeats(), source);
        SweepDefinition.Halving halving = halving(spec, strategy, training.maxEpochs(), source);
        if (halving != null) {
            maxEpochs = halving.rungs().get(halving.rungs().size() - 1);
        }
        long seed = spec.seed() == null ? 42L : spec.seed();
        return new SweepDefinition(spec.name(), data, space, search, repeats, seed, maxEpochs, RankMetric.parse(metric), text, source,
                SaveModels.valueOf(saveModels.toUpperCase(java.util.Locale.ROOT)), race, halving, runTimeout, selection);
    }

    private static String strategy(SearchSpec s, String source) {
        String strategy = s == null || s.strategy() == null ? SweepDefinition.Search.GRID : s.strategy();
        requireKnown(strategy, List.of(SweepDefinition.Search.GRID, SweepDefinition.Search.RANDOM,
                SweepDefinition.Race.STRATEGY, SweepDefinition.Halving.STRATEGY), source, "search.strategy");
        return strategy;
    }

    private static int fixedRepeats(JsonNode node, String source) {
        if (node == null || node.isNull()) {
            return DEFAULT_REPEATS;
        }
        if (node.isObject()) {
            throw new SpecException(source, "repeats", "a {min, max} range needs search.strategy: race");
        }
        return positive(wholeNumber(node, source, "repeats"), DEFAULT_REPEATS, source, "repeats");
    }

    private static SweepDefinition.Race race(SweepSpec spec, String strategy, String source) {
        boolean racing = strategy.equals(SweepDefinition.Race.STRATEGY);
        if (!racing) {
            if (spec.race() != null) {
                throw new SpecException(source, "race", "only used with search.strategy: race");
            }
            return null;
        }
        JsonNode repeats = spec.repeats();
        if (repeats == null || !repeats.isObject()) {
            throw new SpecException(source, "repeats", "a race needs {min, max} seeds per configuration, e.g. {min: 2, max: 10}");
        }
        for (var it = repeats.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("min", "max").contains(key)) {
                throw new SpecException(source, "repeats." + key, "unknown field (known: min, max)");
            }
        }
        if (!repeats.has("min") || !repeats.has("max")) {
            throw new SpecException(source, "repeats", "a race needs both min and max");
        }
        int min = wholeNumber(repeats.get("min"), source, "repeats.min");
        int max = wholeNumber(repeats.get("max"), source, "repeats.max");
        if (min < 2) {
            throw new SpecException(source, "repeats.min", "must be >= 2 (a paired test needs two seeds), got " + min);
        }
        if (max < min) {
            throw new SpecException(source, "repeats.max", "must be >= repeats.min " + min + ", got " + max);
        }
        RaceSpec r = spec.race() == null ? new RaceSpec(null, null) : spec.race();
        double alpha = r.alpha() == null ? DEFAULT_RACE_ALPHA : r.alpha();
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new SpecException(source, "race.alpha", "must be in (0, 0.5], got " + alpha);
        }
        int budget = optionalPositive(r.budget(), source, "race.budget");
        return new SweepDefinition.Race(min, max, alpha, budget);
    }

    private static SweepDefinition.Halving halving(SweepSpec spec, String strategy, Integer maxEpochs, String source) {
        if (!strategy.equals(SweepDefinition.Halving.STRATEGY)) {
            if (spec.halving() != null) {
                throw new SpecException(source, "halving", "only used with search.strategy: halving");
            }
            return null;
        }
        if (spec.halving() == null || spec.halving().rungs() == null || spec.halving().rungs().isEmpty()) {
            throw new SpecException(source, "halving.rungs", "required with search.strategy: halving, e.g. [2, 6, 18] epochs");
        }
        List<Integer> rungs = spec.halving().rungs();
        for (int i = 0; i < rungs.size(); i++) {
            Integer rung = rungs.get(i);
            if (rung == null || rung <= 0) {
                throw new SpecException(source, "halving.rungs[" + i + "]", "must be > 0 epochs, got " + rung);
            }
            if (i > 0 && rung <= rungs.get(i - 1)) {
                throw new SpecException(source, "halving.rungs[" + i + "]",
                        "rungs must increase, got " + rung + " after " + rungs.get(i - 1));
            }
        }
        int last = rungs.get(rungs.size() - 1);
        if (maxEpochs != null && maxEpochs != last) {
            throw new SpecException(source, "training.maxEpochs",
                    "with halving the last rung is the full training (" + last + "); got " + maxEpochs);
        }
        Integer reduction = spec.halving().reduction();
        if (reduction != null && reduction < 2) {
            throw new SpecException(source, "halving.reduction", "must be >= 2, got " + reduction);
        }
        return new SweepDefinition.Halving(rungs, reduction == null ? DEFAULT_REDUCTION : reduction);
    }

    private static int wholeNumber(JsonNode node, String source, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new SpecException(source, field, "wrong type: expected a whole number, got '" + SpecException.quote(node.asText()) + "'");
        }
        return node.intValue();
    }


    private SweepDefinition.DataSettings data(DataSpec d, String source, Path specFolder) {
        String dataset = d.dataset() == null ? SHIPPED_DATASET : d.dataset();
        requireKnown(dataset, List.of(SHIPPED_DATASET, ANY_IDX_DATASET), source, "data.dataset");
        Path path;
        if (d.path() != null) {
            path = Path.of(d.path());
        } else if (dataset.equals(SHIPPED_DATASET)) {
            try {
                path = ShippedDataset.locate(specFolder);
            } catch (DatasetException e) {
                throw new SpecException(source, "data.dataset", e.getMessage());
            }
        } else {
            throw new SpecException(source, "data.path", "required for dataset 'idx'");
        }
        if (!Files.isDirectory(path)) {
            throw new SpecException(source, "data.path", "dataset folder not found: " + path.toAbsolutePath());
        }
        int trainLimit = optionalPositive(d.trainLimit(), source, "data.trainLimit");
        int testLimit = optionalPositive(d.testLimit(), source, "data.testLimit");
        double fraction = d.validationFraction() == null ? DEFAULT_VALIDATION_FRACTION : d.validationFraction();
        if (!(fraction > 0 && fraction <= 0.5)) {
            throw new SpecException(source, "data.validationFraction", "must be in (0, 0.5], got " + fraction);
        }
        return new SweepDefinition.DataSettings(dataset, path.toAbsolutePath().normalize(), trainLimit, testLimit, fraction);
    }

    /** The candidate generator: the strategy itself, or a race's / halving's {@code candidates}. */
    private SweepDefinition.Search search(SearchSpec s, String strategy, String source) {
        if (s == null) {
            return new SweepDefinition.Search(SweepDefinition.Search.GRID, DEFAULT_GRID_STEPS, DEFAULT_SAMPLES);
        }
        List<String> generators = List.of(SweepDefinition.Search.GRID, SweepDefinition.Search.RANDOM);
        if (!generators.contains(strategy)) {
            strategy = s.candidates() == null ? SweepDefinition.Search.GRID : s.candidates();
            requireKnown(strategy, generators, source, "search.candidates");
        } else if (s.candidates() != null) {
            throw new SpecException(source, "search.candidates", "only used with search.strategy race or halving");
        }
        int gridSteps = positive(s.gridSteps(), DEFAULT_GRID_STEPS, source, "search.gridSteps");
        if (gridSteps < 2 && s.gridSteps() != null) {
            throw new SpecException(source, "search.gridSteps", "must be >= 2 (a range needs both ends), got " + gridSteps);
        }
        int samples = positive(s.samples(), DEFAULT_SAMPLES, source, "search.samples");
        return new SweepDefinition.Search(strategy, gridSteps, samples);
    }

    private Domain domain(Hyperparameter hp, JsonNode node, String source, String field) {
        if (node == null || node.isNull()) {
            throw new SpecException(source, field, "needs a value, a list or a {min, max} range");
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new SpecException(source, field, "empty list: give at least one value");
            }
            List<Object> values = new ArrayList<>();
            Set<Object> seen = new HashSet<>();
            for (int i = 0; i < node.size(); i++) {
                Object v = value(hp, node.get(i), source, field + "[" + i + "]");
                if (!seen.add(v)) {
                    throw new SpecException(source, field + "[" + i + "]", "duplicate value " + v);
                }
                values.add(v);
            }
            return values.size() == 1 ? new Domain.Fixed(values.get(0)) : new Domain.Choice(List.copyOf(values));
        }
        if (node.isObject() && hp.kind() != Hyperparameter.Kind.SETTING) {
            return range(hp, node, source, field);
        }
        return new Domain.Fixed(value(hp, node, source, field));
    }

    private Domain range(Hyperparameter hp, JsonNode node, String source, String field) {
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("min", "max", "scale").contains(key)) {
                throw new SpecException(source, field + "." + key, "unknown field (known: min, max, scale)");
            }
        }
        if (hp.kind() != Hyperparameter.Kind.REAL && hp.kind() != Hyperparameter.Kind.INT) {
            throw new SpecException(source, field, "a {min, max} range needs a numeric hyperparameter; use a list");
        }
        if (!node.has("min") || !node.has("max")) {
            throw new SpecException(source, field, "a range needs both min and max");
        }
        String scale = node.has("scale") ? node.get("scale").asText() : "linear";
        requireKnown(scale, List.of("linear", "log"), source, field + ".scale");
        Object min = value(hp, node.get("min"), source, field + ".min");
        Object max = value(hp, node.get("max"), source, field + ".max");
        double lo = ((Number) min).doubleValue();
        double hi = ((Number) max).doubleValue();
        if (!(lo < hi)) {
            throw new SpecException(source, field, "reversed or empty range: min " + min + " must be < max " + max);
        }
        boolean log = scale.equals("log");
        if (log && lo <= 0) {
            throw new SpecException(source, field, "a log range needs min > 0, got " + min);
        }
        if (hp.kind() == Hyperparameter.Kind.INT) {
            if (log) {
                throw new SpecException(source, field + ".scale", "integer ranges are linear; list the values instead");
            }
            return new Domain.IntRange((Integer) min, (Integer) max);
        }
        return new Domain.RealRange(lo, hi, log);
    }

    private Object value(Hyperparameter hp, JsonNode node, String source, String field) {
        switch (hp.kind()) {
            case SETTING -> {
                return TrainingSettings.canonical(hp, node, source, field);
            }
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw new SpecException(source, field, "expected true or false, got " + SpecException.quote(node.toString()));
                }
                return node.booleanValue();
            }
            case CHOICE -> {
                if (!node.isTextual()) {
                    throw new SpecException(source, field, "expected a name, got " + SpecException.quote(node.toString()));
                }
                String name = node.textValue();
                requireKnown(name, hp == Hyperparameter.MODEL ? knownModels : knownOptimizers, source, field);
                return name;
            }
            case INT -> {
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw new SpecException(source, field, "expected a whole number, got " + SpecException.quote(node.toString()));
                }
                int v = node.intValue();
                checkRule(hp, v, source, field);
                return v;
            }
            default -> {
                if (!node.isNumber()) {
                    throw new SpecException(source, field, "expected a number, got " + SpecException.quote(node.toString()));
                }
                double v = node.doubleValue();
                checkRule(hp, v, source, field);
                return v;
            }
        }
    }

    private static void checkRule(Hyperparameter hp, double v, String source, String field) {
        if (!hp.accepts(v) || Double.isNaN(v) || Double.isInfinite(v)) {
            throw new SpecException(source, field, hp.rule() + ", got " + (hp.kind() == Hyperparameter.Kind.INT ? String.valueOf((long) v) : String.valueOf(v)));
        }
    }

    private static void requireKnown(String value, Collection<String> known, String source, String field) {
        if (!known.contains(value)) {
            throw new SpecException(source, field, "unknown value '" + SpecException.quote(value) + "' (known: " + String.join(", ", known) + ")");
        }
    }

    private static int positive(Integer value, int fallback, String source, String field) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new SpecException(source, field, "must be > 0, got " + value);
        }
        return value;
    }

    private static int optionalPositive(Integer value, String source, String field) {
        if (value == null) {
            return 0;
        }
        if (value <= 0) {
            throw new SpecException(source, field, "must be > 0 when given, got " + value);
        }
        return value;
    }
}

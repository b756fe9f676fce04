package io.sparksweep.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A sweep spec as written in YAML (see sweeps/quickstart.yaml). Missing optional sections come back as
 * null from Jackson; {@link SpecLoader} replaces them with defaults and validates every field.
 *
 * @param model default model family; `model` inside {@code space} overrides it with a choice
 * @param space hyperparameter name -> a scalar (fixed), a list (discrete choice) or a range object
 * @param repeats seeds per configuration: a number, or {@code {min, max}} for a race
 */
public record SweepSpec(String name, DataSpec data, String model, Map<String, JsonNode> space, SearchSpec search,
                        JsonNode repeats, Long seed, TrainingSpec training, RaceSpec race, HalvingSpec halving) {
}

package io.sparksweep.space;

import io.sparksweep.spec.Domain;
import io.sparksweep.spec.SweepDefinition;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a validated spec's domains onto Arbiter leaf spaces, one per hyperparameter. */
public final class SpaceBuilder {

    private SpaceBuilder() {
    }

    public static HyperparameterSpace build(SweepDefinition definition) {
        Map<String, ParameterSpace<?>> spaces = new LinkedHashMap<>();
        definition.space().forEach((hp, domain) -> spaces.put(hp.key(), leaf(domain)));
        return new HyperparameterSpace(spaces);
    }

    static ParameterSpace<?> leaf(Domain domain) {
        if (domain instanceof Domain.Fixed fixed) {
            return new FixedValue<>(fixed.value());
        }
        if (domain instanceof Domain.Choice choice) {
            return new DiscreteParameterSpace<>(choice.values());
        }
        if (domain instanceof Domain.IntRange range) {
            return new IntegerParameterSpace(range.min(), range.max());
        }
        Domain.RealRange range = (Domain.RealRange) domain;
        return range.log()
                ? new ContinuousParameterSpace(new LogUniformDistribution(range.min(), range.max()))
                : new ContinuousParameterSpace(range.min(), range.max());
    }
}

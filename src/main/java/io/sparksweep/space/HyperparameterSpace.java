package io.sparksweep.space;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Arbiter parameter space over named hyperparameters: each name maps to an Arbiter leaf space
 * (FixedValue, DiscreteParameterSpace, ContinuousParameterSpace, IntegerParameterSpace) or to a nested
 * space such as a user's MultiLayerSpace. A candidate's value is the map name -> chosen value.
 */
public final class HyperparameterSpace implements ParameterSpace<Map<String, Object>> {

    private final Map<String, ParameterSpace<?>> spaces;

    public HyperparameterSpace(Map<String, ParameterSpace<?>> spaces) {
        this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    @Override
    public Map<String, Object> getValue(double[] parameterValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        spaces.forEach((name, space) -> values.put(name, space.getValue(parameterValues)));
        return values;
    }

    @Override
    public int numParameters() {
        // A leaf named here and also used inside a nested space is one parameter (Arbiter dedupes by identity).
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace<?> space : spaces.values()) {
            leaves.addAll(space.collectLeaves());
        }
        return leaves;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.unmodifiableMap(spaces);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("a composite space has no index of its own; its leaves do");
    }
}

package io.sparksweep.spec;

import java.util.List;

/** The values one hyperparameter may take in a sweep, already type-checked. */
public sealed interface Domain {

    /** One value for every trial. Values are Double, Integer, Boolean or String. */
    record Fixed(Object value) implements Domain {
    }

    /** A discrete choice among distinct values. */
    record Choice(List<Object> values) implements Domain {
    }

    /** A continuous range; log = sample/grid uniformly in log space. */
    record RealRange(double min, double max, boolean log) implements Domain {
    }

    /** An inclusive integer range. */
    record IntRange(int min, int max) implements Domain {
    }
}

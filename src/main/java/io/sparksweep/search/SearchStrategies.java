package io.sparksweep.search;

import io.sparksweep.spec.SweepDefinition;
import io.sparksweep.stats.Selection;

/**
 * The one place a spec's {@code search.strategy} becomes a {@link SearchStrategy}: a new strategy adds its case here.
 * The validated spec carries a strategy's settings section only when that strategy was asked for.
 */
public final class SearchStrategies {

    private SearchStrategies() {
    }

    public static SearchStrategy of(SweepDefinition definition) {
        if (definition.halving() != null) {
            return new HalvingSearch(definition.halving(), Selection.parse(definition.selection()));
        }
        if (definition.race() != null) {
            return new RaceSearch(definition.race(), definition.sourceName(), Selection.parse(definition.selection()));
        }
        return new FixedSearch();
    }
}

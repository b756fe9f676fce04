package io.sparksweep.cli;

import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Selection;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.function.Function;

/**
 * Options whose values are one of a few names (a metric, a selection set), read by the same parse methods specs
 * use, so options and specs accept and reject the same words. A bad value is picocli's one-line usage error naming
 * the option, exit 2, like {@link DurationConverter}'s.
 */
final class ChoiceConverters {

    private ChoiceConverters() {
    }

    /** {@code accuracy} or {@code loss}. */
    static final class Metric implements ITypeConverter<RankMetric> {
        @Override
        public RankMetric convert(String value) {
            return parse(RankMetric::parse, value);
        }
    }

    /** {@code validation} or {@code test}. */
    static final class SelectionSet implements ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            return parse(Selection::parse, value);
        }
    }

    static <T> T parse(Function<String, T> parser, String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

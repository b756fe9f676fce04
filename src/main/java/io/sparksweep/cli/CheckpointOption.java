package io.sparksweep.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The {@code --checkpoint-every} option of the commands that train runs (run, rerun). */
final class CheckpointOption {

    @Option(names = "--checkpoint-every", paramLabel = "DURATION|never", defaultValue = "10m",
            converter = IntervalConverter.class,
            description = {"How long a run trains before it pauses at the end of an epoch and the driver saves its "
                    + "checkpoint below the sweep folder (checkpoints/), e.g. 5m, 1h, or never. After a kill the same "
                    + "command goes on from each run's last checkpoint, and the run ends with the very numbers it would "
                    + "have had without the pause. A run's checkpoint is deleted when the run is recorded. "
                    + "Default: ${DEFAULT-VALUE}."})
    Duration every;

    /** The interval, or null for never. */
    Duration interval() {
        return every == null || every.isZero() ? null : every;
    }

    /** A duration, or zero for {@code never}. */
    static final class IntervalConverter implements ITypeConverter<Duration> {

        @Override
        public Duration convert(String value) {
            return "never".equalsIgnoreCase(value.strip()) ? Duration.ZERO : new DurationConverter().convert(value);
        }
    }
}

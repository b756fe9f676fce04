package io.sparksweep.bench;

import io.sparksweep.train.NativeAcceleration;

import java.util.List;

/**
 * One network's share of an experiment.
 *
 * @param windowImagesPerSec images/s of each timing window, in order
 * @param helpers            {@code NativeAcceleration.HelperReport#summary()} after training
 * @param updater            "fused-adam" ({@code FusedAdamUpdater}) or "dl4j"
 * @param threads            ND4J thread settings the run's thread really had
 */
public record RunResult(int run, List<Double> windowImagesPerSec, double medianImagesPerSec, String helpers,
                        String updater, long parameters, NativeAcceleration.ThreadSettings threads) {
}

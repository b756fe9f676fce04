package io.sparksweep.bench;

import java.util.List;

/**
 * One network's share of an experiment.
 *
 * @param windowImagesPerSec images/s of each timing window, in order
 * @param helpers            {@code NativeAcceleration.HelperReport#summary()} after training
 * @param ompThreads         OpenMP threads the run's thread really had
 */
public record RunResult(int run, List<Double> windowImagesPerSec, double medianImagesPerSec, String helpers,
                        long parameters, int ompThreads) {
}

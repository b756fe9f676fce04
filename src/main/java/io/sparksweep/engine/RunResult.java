package io.sparksweep.engine;

/**
 * What a run's Spark task sends back: the run ended ({@link TrainedRun}: ok, failed or diverged), or it paused at a
 * checkpoint and goes on in another task ({@link PausedRun}).
 */
public sealed interface RunResult permits TrainedRun, PausedRun {
}

package io.sparksweep.engine;

import io.sparksweep.space.Trial;

import java.io.Serializable;

/** One Spark task's work: one trial trained with one seed. */
public record RunAssignment(String sweep, Trial trial, int repeat, long seed) implements Serializable {
}

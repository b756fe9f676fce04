package io.sparksweep.cli;

import picocli.CommandLine.Parameters;

/** The SWEEP argument of the commands that read one sweep of a results folder. */
final class SweepArgument {

    @Parameters(index = "0", paramLabel = "SWEEP", description = "Name of the sweep (its folder in the results folder).")
    String name;
}

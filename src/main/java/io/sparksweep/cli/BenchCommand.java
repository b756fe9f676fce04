package io.sparksweep.cli;

import io.sparksweep.bench.BenchMain;
import io.sparksweep.bench.DistributedCommand;
import io.sparksweep.bench.OverheadCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bench}: the benchmarks behind the manual's performance chapter, docs/performance.md (never timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks. `bench throughput` trains lenet5 or minivgg on full Fashion-MNIST and reports",
                "images/s; `bench overhead` compares the Spark engine with a plain loop. src/bench/run-all.sh runs the",
                "whole benchmark (PyTorch side by side, parallelism, overhead, start-up) and writes results/bench/ and",
                "the table in docs/performance.md; src/bench/run-java-bench.sh runs the experiment matrix behind perf-notes.md.",
                "`bench distributed` compares dl4j-spark data-parallel training with one run alone."},
        subcommands = {BenchMain.class, OverheadCommand.class, DistributedCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

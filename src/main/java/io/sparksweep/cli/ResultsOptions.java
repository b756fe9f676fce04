package io.sparksweep.cli;

import io.sparksweep.engine.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by the commands that read a results folder. */
final class ResultsOptions {

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Results folder with one sub-folder per sweep, as written by a sweep run "
                    + "(default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master URL, e.g. local[4]. Default: the one spark-submit sets, else local[*].")
    String master;

    SparkSession startSpark(String command) {
        return SparkSessions.start(master, "sparksweep-" + command);
    }
}

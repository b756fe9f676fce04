package io.sparksweep.cli;

import io.sparksweep.engine.SparkSessions;
import io.sparksweep.store.ResultsRoot;
import io.sparksweep.store.SqlViews;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options shared by the commands that read or write a results folder. */
final class ResultsOptions {

    @Option(names = "--results", paramLabel = "DIR|URI", defaultValue = "results", converter = RootConverter.class,
            description = "Results folder with one sub-folder per sweep: a local path, or a Hadoop file system URI "
                    + "such as hdfs://namenode:8020/sweeps or s3a://bucket/sweeps (default: ${DEFAULT-VALUE}).")
    ResultsRoot folder;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master URL, e.g. local[4]. Default: the one spark-submit sets, else local[*].")
    String master;

    SparkSession startSpark(String command) {
        return SparkSessions.start(master, "sparksweep-" + command);
    }

    /**
     * Rejects a local results folder without sweeps before Spark starts. Remote roots are checked once Spark
     * runs, since their credentials and addresses may come from Spark's configuration (spark.hadoop.*).
     */
    void checkSweepsBeforeSpark() {
        if (folder.isLocal()) {
            SqlViews.sweepNames(folder, new Configuration());
        }
    }

    /** Picocli's way to build the option's value: bad text becomes a one-line usage error. */
    static final class RootConverter implements ITypeConverter<ResultsRoot> {
        @Override
        public ResultsRoot convert(String value) {
            return ResultsRoot.of(value);
        }
    }
}

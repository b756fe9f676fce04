package io.sparksweep.testing;

import io.sparksweep.engine.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One real local[2] Spark session shared by all test classes in the surefire JVM: starting Spark
 * costs seconds, and the suite must stay well under 20 minutes on 2 cores. Same SQL settings as the CLI.
 */
public final class LocalSpark {

    private LocalSpark() {
    }

    public static synchronized SparkSession session() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("sparksweep-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                // Runs here train for a second or two: heartbeats that often let tests see a run's epochs while it runs.
                .config("spark.executor.heartbeatInterval", "1s")
                .config(SparkSessions.SMALL_TABLE_SQL)
                .getOrCreate();
    }
}

package io.sparksweep.engine;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The one place that starts Spark for the CLI. Under spark-submit the master comes from spark-submit
 * (already in the Spark conf); from plain {@code java -jar} it defaults to an embedded local[*].
 */
public final class SparkSessions {

    /**
     * Results tables hold one row per run, epoch or class: compiling Java code for every query plan (Janino)
     * costs more than interpreting such small tables, about 1 s of every sweep's table writes.
     */
    public static final Map<String, Object> SMALL_TABLE_SQL = Map.of(
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN");

    private SparkSessions() {
    }

    /**
     * @param master an explicit master URL, or null to use spark-submit's or else local[*]
     */
    public static SparkSession start(String master, String appName) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.sql.shuffle.partitions", "4")
                .config(SMALL_TABLE_SQL)
                .config("spark.ui.showConsoleProgress", "false");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]").config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1");
        }
        return builder.getOrCreate();
    }
}

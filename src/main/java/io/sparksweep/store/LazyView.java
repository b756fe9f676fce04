package io.sparksweep.store;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.TableScan;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.function.Supplier;

/**
 * A view whose rows are computed on the driver (a sweep's ranking, say) only when a query scans it, and then once:
 * registering it costs nothing. Spark asks a relation for its rows while planning a query that reads it, so
 * {@code SELECT 1}, or a query over other views, never computes them.
 */
final class LazyView extends BaseRelation implements TableScan {

    private final transient SQLContext context;
    private final StructType schema;
    private final transient Supplier<List<Row>> rows;
    private List<Row> computed;

    private LazyView(SQLContext context, StructType schema, Supplier<List<Row>> rows) {
        this.context = context;
        this.schema = schema;
        this.rows = rows;
    }

    /** A data frame over rows computed when first scanned. */
    static Dataset<Row> of(SparkSession spark, StructType schema, Supplier<List<Row>> rows) {
        return spark.baseRelationToDataFrame(new LazyView(spark.sqlContext(), schema, rows));
    }

    @Override
    public SQLContext sqlContext() {
        return context;
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public RDD<Row> buildScan() {
        return new JavaSparkContext(context.sparkContext()).parallelize(rows(), 1).rdd();
    }

    private synchronized List<Row> rows() {
        if (computed == null) {
            computed = List.copyOf(rows.get());
        }
        return computed;
    }
}

package io.sparksweep.cli;

import io.sparksweep.store.SqlViews;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tables", mixinStandardHelpOptions = true,
        description = {"Lists the sweeps in the results folder and, for each SQL view the 'sql' command offers, "
                + "its row count and columns."})
public final class TablesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ResultsOptions results;

    @Override
    public Integer call() throws Exception {
        try {
            results.checkSweepsBeforeSpark();
            SparkSession spark = results.startSpark(spec.name());
            SqlViews.Registered registered = SqlViews.register(spark, results.folder);
            PrintWriter out = spec.commandLine().getOut();
            out.println("results folder: " + registered.root());
            out.println("sweeps (" + registered.sweeps().size() + "): " + String.join(", ", registered.sweeps()));
            out.println();
            TextTable table = new TextTable(List.of("view", "rows", "columns"));
            for (String name : registered.views()) {
                Dataset<Row> view = spark.table(name);
                table.add(List.of(name, Long.toString(view.count()), String.join(", ", view.columns())));
            }
            table.print(out);
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}

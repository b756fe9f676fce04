package io.sparksweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.PairedComparison;
import io.sparksweep.stats.ProbabilityOfImprovement;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.SampleStats;
import io.sparksweep.stats.Selection;

import java.util.List;
import java.util.Locale;

/** The Python of the notebook's code cells; every query in them is a {@link ReportQueries} constant. */
final class NotebookCode {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookCode() {
    }

    static String setup(String sweepDir, String relativeSweepDir, List<String> hyperparameters, int top) {
        return """
                import os
                import matplotlib.pyplot as plt
                import pandas as pd
                from pyspark.sql import SparkSession

                spark = SparkSession.builder.appName("sparksweep-analysis").getOrCreate()

                # Where the report read the tables; if they have moved with this notebook, the same
                # folder seen relatively from the notebook's own folder.
                SWEEP_DIR = %s
                if "://" not in SWEEP_DIR and not os.path.isdir(SWEEP_DIR):
                    SWEEP_DIR = %s

                TABLES = %s
                for table in TABLES:
                    spark.read.parquet(os.path.join(SWEEP_DIR, table)).createOrReplaceTempView(table)

                # Columns of `summary` that are hyperparameters, and how many configurations the report drew curves for.
                HYPERPARAMETERS = %s
                TOP = %d
                """.formatted(literal(sweepDir), literal(relativeSweepDir),
                literal(ReportTables.ALL), literal(hyperparameters), top);
    }

    static String leaderboard() {
        return assign("LEADERBOARD_SQL", ReportQueries.LEADERBOARD) + """

                leaderboard = spark.sql(LEADERBOARD_SQL).toPandas()
                best = leaderboard[leaderboard.runs_ok > 0].head(20)
                fig, ax = plt.subplots(figsize=(10, 4))
                ax.errorbar(range(len(best)), best.accuracy_mean, yerr=best.accuracy_std.fillna(0), fmt="o", capsize=3)
                ax.set_xticks(range(len(best)), ["#%d" % (i + 1) for i in range(len(best))])
                ax.set_ylabel("test accuracy")
                leaderboard[["trial_id", "model", *HYPERPARAMETERS, "accuracy_mean", "accuracy_std", "accuracy_ci95",
                             "runs_ok", "runs_failed", "runs_diverged", "train_seconds_mean", "parameters"]]
                """;
    }

    /**
     * The sweep's ranking and its budget curve as sparksweep computed them ({@code store.SweepRanking}, the one
     * ranking behind {@code best}, {@code run}, the report and {@code rerun --best}), written into the cell as data
     * when the notebook is exported. A second implementation in Python would be a second rule that can drift from
     * the first, as the earlier sketch here did; the runs are one query away for anything else.
     */
    static String ranking(Ranking ranking, ExpectedMaxCurve budget) {
        ArrayNode rows = JSON.createArrayNode();
        for (Ranking.Entry e : ranking.entries()) {
            ObjectNode row = rows.addObject();
            row.put("rank", e.rank()).put("trial_id", e.trialId()).put("n", e.stats().n());
            number(row, ranking.column() + "_mean", e.stats().mean());
            number(row, ranking.column() + "_std", e.stats().std());
            if (ranking.selection() != Selection.TEST) {
                String test = ranking.metric().column(Selection.TEST);
                number(row, test + "_mean", ranking.test(e.trialId()).map(SampleStats::mean).orElse(Double.NaN));
            }
            row.put("test", e.comparison().test() == PairedComparison.Test.NONE ? null
                    : e.comparison().test().name().toLowerCase(Locale.ROOT));
            number(row, "p", e.pValue());
            number(row, "p_holm", e.adjustedP());
            number(row, "p_leader_better", e.improvement().map(ProbabilityOfImprovement::probability).orElse(Double.NaN));
            number(row, "p_leader_better_low", e.improvement().map(ProbabilityOfImprovement::low).orElse(Double.NaN));
            number(row, "p_leader_better_high", e.improvement().map(ProbabilityOfImprovement::high).orElse(Double.NaN));
            row.put("verdict", Ranking.verdictText(e.verdict()));
        }
        ArrayNode curve = JSON.createArrayNode();
        for (ExpectedMaxCurve.Point point : budget.points()) {
            ObjectNode row = curve.addObject().put("configurations", point.configurations());
            number(row, "expected_best_accuracy", point.expected());
            number(row, "expected_best_accuracy_std", point.std());
        }
        return "import json\n\n"
                + "# The sweep's ranking as sparksweep computed it when this notebook was exported (the one ranking of\n"
                + "# `sparksweep best`, `run` and the report): data, not a second implementation that could drift.\n"
                + assign("RANKING_JSON", json(rows))
                + "ranking = pd.DataFrame(json.loads(RANKING_JSON))\n"
                + "print(" + literal(ranking.choiceSentence()) + ")\n"
                + "print(" + literal(ranking.testsUsed() + "; worse when " + ranking.level() + ", else tied")
                + ")\n"
                + "print(" + literal(ranking.conclusion()) + ")\n"
                + "display(ranking)\n\n"
                + "# What the sweep's size bought (Dodge et al. 2019): expected mean test accuracy of the configuration\n"
                + "# the ranking would pick had the sweep tried only n of its configurations (the `budget` view).\n"
                + assign("BUDGET_JSON", json(curve))
                + """
                budget = pd.DataFrame(json.loads(BUDGET_JSON))
                if len(budget):
                    fig, ax = plt.subplots()
                    ax.plot(budget.configurations, budget.expected_best_accuracy, "o-")
                    ax.fill_between(budget.configurations,
                                    budget.expected_best_accuracy - budget.expected_best_accuracy_std.fillna(0),
                                    budget.expected_best_accuracy + budget.expected_best_accuracy_std.fillna(0), alpha=0.2)
                    ax.set_xlabel("configurations tried")
                    ax.set_ylabel("expected mean test accuracy of the pick")
                """;
    }

    /** JSON has no NaN: a missing number is null, which pandas reads back as NaN. */
    private static void number(ObjectNode row, String field, double value) {
        if (Double.isFinite(value)) {
            row.put(field, value);
        } else {
            row.putNull(field);
        }
    }

    private static String json(ArrayNode rows) {
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    static String hyperparameters() {
        return assign("HYPERPARAMETER_EFFECT_SQL", ReportQueries.HYPERPARAMETER_EFFECT) + """

                for hp in HYPERPARAMETERS:
                    effect = spark.sql(HYPERPARAMETER_EFFECT_SQL.format(hp=hp)).toPandas()
                    if len(effect) < 2:
                        print(hp, "is fixed in this sweep:", effect.value.tolist())
                        continue
                    numeric = pd.api.types.is_numeric_dtype(effect.value) and not pd.api.types.is_bool_dtype(effect.value)
                    x = effect.value if numeric else effect.value.astype(str)
                    fig, ax = plt.subplots()
                    ax.errorbar(x, effect.accuracy_mean, yerr=effect.accuracy_std.fillna(0), fmt="o-", capsize=3)
                    if numeric and effect.value.min() > 0 and effect.value.max() / effect.value.min() >= 20:
                        ax.set_xscale("log")
                    ax.set_xlabel(hp)
                    ax.set_ylabel("test accuracy")
                """;
    }

    static String learningCurves() {
        return assign("LEARNING_CURVES_SQL", ReportQueries.LEARNING_CURVES) + """

                curves = spark.sql(LEARNING_CURVES_SQL.format(top=TOP)).toPandas()
                for metric in ["val_accuracy", "val_loss"]:
                    fig, ax = plt.subplots()
                    for trial_id, curve in curves.groupby("trial_id"):
                        mean, std = curve[metric + "_mean"], curve[metric + "_std"].fillna(0)
                        ax.plot(curve.epoch, mean, marker="o", label=trial_id)
                        ax.fill_between(curve.epoch, mean - std, mean + std, alpha=0.2)
                    ax.set_xlabel("epoch")
                    ax.set_ylabel(metric)
                    ax.legend()
                curves
                """;
    }

    static String confusion() {
        return assign("BEST_CONFUSION_SQL", ReportQueries.BEST_CONFUSION) + "\n"
                + assign("CLASS_NAMES_SQL", ReportQueries.CLASS_NAMES) + """

                confusion = spark.sql(BEST_CONFUSION_SQL).toPandas()
                names = spark.sql(CLASS_NAMES_SQL).toPandas().set_index("label").class_name
                matrix = confusion.pivot_table(index="actual", columns="predicted", values="count", fill_value=0)
                matrix = matrix.rename(index=names, columns=names)
                fig, ax = plt.subplots(figsize=(7, 6))
                image = ax.imshow(matrix.values, cmap="Blues")
                ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=45, ha="right")
                ax.set_yticks(range(len(matrix.index)), matrix.index)
                ax.set_xlabel("predicted")
                ax.set_ylabel("actual")
                fig.colorbar(image)
                matrix
                """;
    }

    static String tradeoffs() {
        return assign("TRADEOFF_SQL", ReportQueries.TRADEOFF) + """


                def pareto_front(points, cost, score="accuracy_mean"):
                    \"""Points that no other beats on both counts: at most as costly and more accurate (as in the report).\"""
                    candidates = points.dropna(subset=[cost, score]).sort_values([cost, score], ascending=[True, False])
                    keep, best = [], float("-inf")
                    for index, row in candidates.iterrows():
                        if row[score] > best:
                            keep.append(index)
                            best = row[score]
                    return candidates.loc[keep]


                tradeoff = spark.sql(TRADEOFF_SQL).toPandas()
                for cost in ["train_seconds_mean", "parameters"]:
                    front = pareto_front(tradeoff, cost)
                    fig, ax = plt.subplots()
                    ax.scatter(tradeoff[cost], tradeoff.accuracy_mean, color="grey", label="configurations")
                    ax.plot(front[cost], front.accuracy_mean, "D-", label="Pareto front")
                    ax.set_xlabel(cost)
                    ax.set_ylabel("mean test accuracy")
                    ax.legend()
                """;
    }

    static String provenance() {
        return assign("SWEEP_INFO_SQL", ReportQueries.SWEEP_INFO) + "\n"
                + assign("PROBLEM_RUNS_SQL", ReportQueries.PROBLEM_RUNS) + "\n"
                + assign("RUN_PROVENANCE_SQL", ReportQueries.RUN_PROVENANCE) + "\n"
                + assign("EXECUTORS_SQL", ReportQueries.EXECUTORS) + """

                sweep = spark.sql(SWEEP_INFO_SQL).toPandas()
                print(sweep.spec_text[0])
                display(spark.sql(PROBLEM_RUNS_SQL).toPandas())
                display(spark.sql(RUN_PROVENANCE_SQL).toPandas())
                spark.sql(EXECUTORS_SQL).toPandas()
                """;
    }

    /** SQL reads best in triple quotes; the constants hold neither backslashes nor triple quotes to break them. */
    static String assign(String name, String sql) {
        if (sql.contains("\"\"\"") || sql.contains("\\") || sql.endsWith("\"")) {
            return name + " = " + literal(sql) + "\n";
        }
        return name + " = \"\"\"\n" + sql + "\n\"\"\"\n";
    }

    /** JSON string and list syntax is also valid Python for strings and lists of strings. */
    static String literal(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plain value: " + value, e);
        }
    }
}

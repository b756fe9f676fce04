package io.sparksweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

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
     * The report's verdicts again: paired t-test by seed (Welch's where seeds differ), Holm over all comparisons
     * with the leader, P(leader better) as a point estimate, and Dodge et al.'s expected best accuracy.
     */
    static String ranking() {
        return assign("OK_RUN_ACCURACY_SQL", ReportQueries.OK_RUN_ACCURACY) + """

                import numpy as np
                from scipy import stats

                runs = spark.sql(OK_RUN_ACCURACY_SQL).toPandas()
                by_seed = {t: g.set_index("seed").test_accuracy for t, g in runs.groupby("trial_id")}
                order = sorted(by_seed, key=lambda t: (-by_seed[t].mean(), t))
                lead = by_seed[order[0]]
                rows = []
                for t in order[1:]:
                    other = by_seed[t]
                    paired = set(lead.index) == set(other.index) and len(lead) >= 2
                    if paired:
                        p = stats.ttest_rel(lead.sort_index(), other.sort_index()).pvalue
                        wins = ((lead > other) + 0.5 * (lead == other)).mean()
                    else:
                        testable = min(len(lead), len(other)) >= 2
                        p = stats.ttest_ind(lead, other, equal_var=False).pvalue if testable else np.nan
                        wins = np.mean([(a > b) + 0.5 * (a == b) for a in lead for b in other])
                    rows.append((t, "paired" if paired else "welch", p, wins))
                ranking = pd.DataFrame(rows, columns=["trial_id", "test", "p", "p_leader_better"])
                tested = ranking.p.notna()
                ranked = ranking[tested].p.sort_values()
                holm = np.minimum(1, (len(ranked) - np.arange(len(ranked))) * ranked).cummax()
                ranking.loc[ranked.index, "p_holm"] = holm
                print("leader:", order[0])
                display(ranking)

                # Expected best mean accuracy after n configurations (Dodge et al. 2019), empirical CDF of the means
                v = np.sort(leaderboard[leaderboard.runs_ok > 0].accuracy_mean.dropna().to_numpy())
                N = len(v)
                i = np.arange(1, N + 1)
                expected = [np.sum(v * ((i / N) ** n - ((i - 1) / N) ** n)) for n in range(1, N + 1)]
                fig, ax = plt.subplots()
                ax.plot(range(1, N + 1), expected, "o-")
                ax.set_xlabel("configurations tried")
                ax.set_ylabel("expected best mean test accuracy")
                """;
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

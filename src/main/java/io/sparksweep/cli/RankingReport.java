package io.sparksweep.cli;

import io.sparksweep.stats.Correction;
import io.sparksweep.stats.PairedComparison;
import io.sparksweep.stats.ProbabilityOfImprovement;
import io.sparksweep.stats.Ranking;
import io.sparksweep.stats.SampleStats;
import io.sparksweep.stats.Selection;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.sparksweep.store.ColumnNames.TRIAL_ID;

/** Prints a {@link Ranking} with each trial's hyperparameters, for {@code best} and the end of {@code run}. */
final class RankingReport {

    private final String sweep;
    private final Ranking ranking;
    private final List<String> hyperparameters;
    private final Map<String, Map<String, Object>> settingsByTrial;

    RankingReport(String sweep, Ranking ranking, List<String> hyperparameters,
                  Map<String, Map<String, Object>> settingsByTrial) {
        this.sweep = sweep;
        this.ranking = ranking;
        this.hyperparameters = hyperparameters;
        this.settingsByTrial = settingsByTrial;
    }

    void print(PrintWriter out, int top) {
        print(out, top, OutputFormat.TABLE);
    }

    /** csv and json print only the rows (every ranked trial up to {@code top}), for programs to read. */
    void print(PrintWriter out, int top, OutputFormat format) {
        if (format != OutputFormat.TABLE) {
            format.write(schema(), ranking.entries().stream().limit(top).map(this::record).toList(), out);
            return;
        }
        String metric = ranking.column();
        boolean corrected = ranking.correction() != Correction.NONE;
        out.println("Sweep " + sweep + ": " + ranking.entries().size() + " trial(s) ranked by mean " + metric
                + " over their ok runs (" + (ranking.metric().higherIsBetter() ? "higher" : "lower")
                + " is better).");
        out.println(ranking.choiceSentence());
        ranking.notes().forEach(note -> out.println("Note: " + note + "."));
        out.println("Each trial vs the leader: paired t-test by seed when both have the same seeds, else Welch's "
                + "(exact sign-flip test when every seed's difference is the same); "
                + (corrected ? "p_holm: Holm-corrected over all " + ranking.comparisons() + " pairwise comparisons "
                + "of the ranked trials (the leader is picked from the same runs); tied when p_holm >= "
                : "no multiple-comparison correction; tied when p >= ") + ranking.alpha() + ".");
        out.println("P(leader better): share of seeds where the leader's run wins, ties one half (of run pairs when "
                + "seeds differ), exact binomial 95% CI (Clopper-Pearson; a tie counts as a loss for the low end, "
                + "a win for the high end).");
        out.println("95% CI (this test set): of the mean " + ranking.metric().column(Selection.TEST) + " over seeds, "
                + "all scored on the same test items." + (newData() ? " 95% CI (new data): the same with the "
                + "sampling error of a " + ranking.testItems() + "-item test set added: what to expect on new data."
                : ""));
        out.println();
        List<String> header = new ArrayList<>(List.of("rank", TRIAL_ID));
        header.addAll(hyperparameters);
        header.addAll(List.of("n", metric + " mean ± std"));
        if (ranking.selection() != Selection.TEST) {
            header.add(ranking.metric().column(Selection.TEST) + " mean ± std");
        }
        header.add("95% CI (this test set)");
        if (newData()) {
            header.add("95% CI (new data)");
        }
        header.addAll(List.of("test", "p"));
        if (corrected) {
            header.add("p_holm");
        }
        header.addAll(List.of("P(leader better)", "verdict"));
        TextTable table = new TextTable(header);
        ranking.entries().stream().limit(top).forEach(entry -> table.add(row(entry, corrected)));
        table.print(out);
        if (top < ranking.entries().size()) {
            out.println("(top " + top + " of " + ranking.entries().size() + " ranked trials)");
        }
        out.println();
        out.println(ranking.conclusion());
        ranking.runnerUpSentence().ifPresent(out::println);
        if (!ranking.unranked().isEmpty()) {
            out.println("Not ranked (no ok run): " + String.join(", ", ranking.unranked()));
        }
        out.flush();
    }

    private boolean newData() {
        return ranking.entries().stream().anyMatch(e -> !Double.isNaN(ranking.newDataCi95(e.trialId())));
    }

    private List<String> row(Ranking.Entry entry, boolean corrected) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(entry.rank()), entry.trialId()));
        Map<String, Object> settings = settingsByTrial.getOrDefault(entry.trialId(), Map.of());
        hyperparameters.forEach(h -> cells.add(CellText.human(settings.get(h))));
        SampleStats stats = entry.stats();
        SampleStats test = ranking.test(entry.trialId()).orElse(SampleStats.of(new double[0]));
        cells.add(Integer.toString(stats.n()));
        cells.add(meanStd(stats));
        if (ranking.selection() != Selection.TEST) {
            cells.add(meanStd(test));
        }
        cells.add(interval(test.mean(), test.ci95()));
        if (newData()) {
            cells.add(interval(test.mean(), ranking.newDataCi95(entry.trialId())));
        }
        cells.add(test(entry.comparison().test()));
        cells.add(pValue(entry.pValue()));
        if (corrected) {
            cells.add(pValue(entry.adjustedP()));
        }
        cells.add(entry.improvement().map(RankingReport::improvement).orElse("-"));
        cells.add(Ranking.verdictText(entry.verdict()));
        return cells;
    }

    private StructType schema() {
        StructType schema = new StructType().add("rank", DataTypes.IntegerType).add(TRIAL_ID, DataTypes.StringType);
        for (String h : hyperparameters) {
            schema = schema.add(h, DataTypes.StringType);
        }
        for (String name : List.of("selection", "metric")) {
            schema = schema.add(name, DataTypes.StringType);
        }
        schema = schema.add("n", DataTypes.IntegerType);
        for (String name : List.of("mean", "std", "test_mean", "test_std", "test_ci95_low", "test_ci95_high",
                "new_data_ci95_low", "new_data_ci95_high")) {
            schema = schema.add(name, DataTypes.DoubleType);
        }
        schema = schema.add("test", DataTypes.StringType);
        for (String name : List.of("p", "p_adjusted", "p_leader_better", "p_leader_better_low",
                "p_leader_better_high")) {
            schema = schema.add(name, DataTypes.DoubleType);
        }
        return schema.add("verdict", DataTypes.StringType);
    }

    private Row record(Ranking.Entry entry) {
        List<Object> values = new ArrayList<>(List.of(entry.rank(), entry.trialId()));
        Map<String, Object> settings = settingsByTrial.getOrDefault(entry.trialId(), Map.of());
        hyperparameters.forEach(h -> values.add(settings.get(h)));
        values.add(ranking.selection().label());
        values.add(ranking.column());
        SampleStats stats = entry.stats();
        SampleStats test = ranking.test(entry.trialId()).orElse(SampleStats.of(new double[0]));
        double newData = ranking.newDataCi95(entry.trialId());
        values.add(stats.n());
        values.addAll(Arrays.asList(orNull(stats.mean()), orNull(stats.std()), orNull(test.mean()), orNull(test.std()),
                orNull(test.mean() - test.ci95()), orNull(test.mean() + test.ci95()), orNull(test.mean() - newData),
                orNull(test.mean() + newData)));
        values.add(test(entry.comparison().test()));
        values.addAll(Arrays.asList(orNull(entry.pValue()), orNull(entry.adjustedP())));
        ProbabilityOfImprovement p = entry.improvement().orElse(null);
        values.addAll(Arrays.asList(p == null ? null : p.probability(), p == null ? null : p.low(),
                p == null ? null : p.high()));
        values.add(Ranking.verdictText(entry.verdict()));
        return RowFactory.create(values.toArray());
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static String meanStd(SampleStats stats) {
        if (stats.n() == 0) {
            return "-";
        }
        return stats.n() < 2 ? fixed(stats.mean()) : fixed(stats.mean()) + " ± " + fixed(stats.std());
    }

    private static String interval(double mean, double halfWidth) {
        return Double.isNaN(halfWidth) ? "-" : "[" + fixed(mean - halfWidth) + ", " + fixed(mean + halfWidth) + "]";
    }

    private static String test(PairedComparison.Test test) {
        return switch (test) {
            case PAIRED -> "paired";
            case WELCH -> "welch";
            case NONE -> "-";
        };
    }

    static String improvement(ProbabilityOfImprovement p) {
        return percent(p.probability()) + "% (" + percent(p.low()) + "-" + percent(p.high()) + ")";
    }

    private static long percent(double p) {
        return Math.round(100 * p);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}

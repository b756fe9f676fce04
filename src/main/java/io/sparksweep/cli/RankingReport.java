package io.sparksweep.cli;

import io.sparksweep.results.Correction;
import io.sparksweep.results.PairedComparison;
import io.sparksweep.results.ProbabilityOfImprovement;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.SampleStats;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        String metric = ranking.metric().column();
        boolean corrected = ranking.correction() != Correction.NONE;
        out.println("Sweep " + sweep + ": " + ranking.entries().size() + " trial(s) ranked by mean " + metric
                + " over their ok runs (" + (ranking.metric().higherIsBetter() ? "higher" : "lower")
                + " is better).");
        out.println("Each trial vs the leader: paired t-test by seed when both have the same seeds, else Welch's "
                + "(exact sign-flip test when every seed's difference is the same); "
                + (corrected ? "p_holm: Holm-corrected over all " + ranking.comparisons() + " pairwise comparisons "
                + "of the ranked trials (the leader is picked from the same runs); tied when p_holm >= "
                : "no multiple-comparison correction; tied when p >= ") + ranking.alpha() + ".");
        out.println("P(leader better): share of seeds where the leader's run wins, ties one half (of run pairs when "
                + "seeds differ), exact binomial 95% CI (Clopper-Pearson; a tie counts as a loss for the low end, "
                + "a win for the high end).");
        out.println();
        List<String> header = new ArrayList<>(List.of("rank", "trial_id"));
        header.addAll(hyperparameters);
        header.addAll(List.of("n", "mean ± std", "95% CI", "test", "p"));
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

    private List<String> row(Ranking.Entry entry, boolean corrected) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(entry.rank()), entry.trialId()));
        Map<String, Object> settings = settingsByTrial.getOrDefault(entry.trialId(), Map.of());
        hyperparameters.forEach(h -> cells.add(CellText.human(settings.get(h))));
        SampleStats stats = entry.stats();
        cells.add(Integer.toString(stats.n()));
        cells.add(stats.n() < 2 ? fixed(stats.mean()) : fixed(stats.mean()) + " ± " + fixed(stats.std()));
        cells.add(stats.n() < 2 ? "-" : "[" + fixed(stats.mean() - stats.ci95()) + ", "
                + fixed(stats.mean() + stats.ci95()) + "]");
        cells.add(test(entry.comparison().test()));
        cells.add(pValue(entry.pValue()));
        if (corrected) {
            cells.add(pValue(entry.adjustedP()));
        }
        cells.add(entry.improvement().map(RankingReport::improvement).orElse("-"));
        cells.add(Ranking.verdictText(entry.verdict()));
        return cells;
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

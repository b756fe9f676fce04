package io.sparksweep.cli;

import io.sparksweep.results.Ranking;
import io.sparksweep.results.SampleStats;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link Ranking} with each trial's hyperparameters, for the {@code best} command. */
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
        out.println("Sweep " + sweep + ": " + ranking.entries().size() + " trial(s) ranked by mean " + metric
                + " over their ok runs (" + (ranking.metric().higherIsBetter() ? "higher" : "lower")
                + " is better).");
        out.println("p: Welch's two-sided t-test of the trial's runs against the leader's; tied when p >= "
                + ranking.alpha() + ". Each test stands alone (no multiple-comparison correction).");
        out.println();
        List<String> header = new ArrayList<>(List.of("rank", "trial_id"));
        header.addAll(hyperparameters);
        header.addAll(List.of("n", "mean ± std", "95% CI", "p", "verdict"));
        TextTable table = new TextTable(header);
        ranking.entries().stream().limit(top).forEach(entry -> table.add(row(entry)));
        table.print(out);
        if (top < ranking.entries().size()) {
            out.println("(top " + top + " of " + ranking.entries().size() + " ranked trials)");
        }
        out.println();
        out.println(ranking.conclusion());
        if (!ranking.unranked().isEmpty()) {
            out.println("Not ranked (no ok run): " + String.join(", ", ranking.unranked()));
        }
        out.flush();
    }

    private List<String> row(Ranking.Entry entry) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(entry.rank()), entry.trialId()));
        Map<String, Object> settings = settingsByTrial.getOrDefault(entry.trialId(), Map.of());
        hyperparameters.forEach(h -> cells.add(CellText.human(settings.get(h))));
        SampleStats stats = entry.stats();
        cells.add(Integer.toString(stats.n()));
        cells.add(stats.n() < 2 ? fixed(stats.mean()) : fixed(stats.mean()) + " ± " + fixed(stats.std()));
        cells.add(stats.n() < 2 ? "-" : "[" + fixed(stats.mean() - stats.ci95()) + ", "
                + fixed(stats.mean() + stats.ci95()) + "]");
        cells.add(Double.isNaN(entry.pValue()) ? "-" : pValue(entry.pValue()));
        cells.add(verdict(entry.verdict()));
        return cells;
    }

    private static String verdict(Ranking.Verdict verdict) {
        return verdict == Ranking.Verdict.UNTESTED ? "untested (n < 2)" : verdict.name().toLowerCase(Locale.ROOT);
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String pValue(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.3f", p);
    }
}

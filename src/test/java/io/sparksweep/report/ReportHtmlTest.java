package io.sparksweep.report;

import io.sparksweep.run.RunStatus;
import io.sparksweep.stats.BestRanking;
import io.sparksweep.stats.Correction;
import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.RankMetric;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import io.sparksweep.stats.Ranking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page from in-memory data: what it says in the corners a real sweep rarely reaches. */
class ReportHtmlTest {

    private static final Instant GENERATED = Instant.parse("2026-03-04T05:06:07.891Z");

    @Test
    void sweepNameIsEscapedInTitleAndHeading() {
        String html = HtmlReport.render(SampleReportData.create(), GENERATED);
        assertTrue(html.contains("<title>sparksweep report: demo &quot;sweep&quot;</title>"));
        assertTrue(html.contains("<h1>Sweep demo &quot;sweep&quot;</h1>"));
        assertTrue(html.contains("generated 2026-03-04T05:06:07Z"), "to the second");
    }

    @Test
    void everyRunFailedGivesAPageWithoutChartsThatSaysSo() {
        ReportData sample = SampleReportData.create();
        LeaderboardEntry failed = new LeaderboardEntry(1, "a", "mlp", Map.of("learning_rate", 0.1), 0, 2, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1000);
        ReportData allFailed = new ReportData(sample.sweep(), List.of("learning_rate"), List.of(failed),
                List.of(new HyperparameterEffect("learning_rate", List.of())), List.of(), Optional.empty(),
                List.of(), List.of(new ProblemRun("a", 1, RunStatus.FAILED, "boom"), new ProblemRun("a", 2, RunStatus.FAILED, "boom")),
                sample.provenance(), sample.executors(),
                BestRanking.rank(Map.of("a", Map.of()), RankMetric.ACCURACY, 0.05, Correction.HOLM),
                ExpectedMaxCurve.of(new double[0]));
        String html = HtmlReport.render(allFailed, GENERATED);
        assertEquals(0, ReportSweepTest.count(html, "<svg\\b"));
        assertTrue(html.contains("No run succeeded."));
        assertTrue(html.contains("<td>0 (2 failed)</td>"));
        assertFalse(html.contains("Fixed in this sweep"), "a hyperparameter without runs is not 'fixed'");
    }

    @Test
    void differentRunEnvironmentsAreFlagged() {
        ReportData sample = SampleReportData.create();
        ReportData mixed = new ReportData(sample.sweep(), sample.hyperparameters(), sample.leaderboard(),
                sample.effects(), sample.curves(), sample.bestConfusion(), sample.tradeoffs(), sample.problemRuns(),
                List.of(new ProvenanceCount("{\"java\":\"17\"}", 3), new ProvenanceCount("{\"java\":\"21\"}", 1)),
                sample.executors(), sample.ranking(), sample.budget());
        String html = HtmlReport.render(mixed, GENERATED);
        assertTrue(html.contains("The runs were made in 2 different environments"));
        assertFalse(HtmlReport.render(sample, GENERATED).contains("different environments"));
    }

    @Test
    void aLeaderTiedWithOthersIsNotCalledTheBest() {
        Map<String, Map<Long, Double>> bySeed = new LinkedHashMap<>();
        bySeed.put("a", Map.of(1L, 0.90, 2L, 0.92, 3L, 0.91));
        bySeed.put("b", Map.of(1L, 0.91, 2L, 0.90, 3L, 0.905));
        bySeed.put("c", Map.of(1L, 0.89, 2L, 0.915, 3L, 0.90));
        Ranking tied = BestRanking.rank(bySeed, RankMetric.ACCURACY, 0.05, Correction.HOLM);
        assertEquals("tied with 2 others at the Holm-corrected 0.05 level", HtmlReport.verdict(tied));

        ReportData sample = SampleReportData.create();
        ReportData data = new ReportData(sample.sweep(), sample.hyperparameters(), sample.leaderboard(),
                sample.effects(), sample.curves(), sample.bestConfusion(), sample.tradeoffs(), sample.problemRuns(),
                sample.provenance(), sample.executors(), tied, sample.budget());
        String html = HtmlReport.render(data, GENERATED);
        assertTrue(html.contains("test accuracy over 2 seeds, tied with 2 others at the Holm-corrected 0.05 level."),
                html);
        assertTrue(html.contains("Leader a is tied with 2 other trials"));
        assertTrue(html.contains("The leader a beats the runner-up"));
        assertTrue(html.contains("<td>tied</td><td>paired t-test</td>"));
        assertTrue(html.contains("<figure id=\"fig-budget\">"));
        assertFalse(html.contains("Best configuration"));
    }

    @Test
    void confidenceIntervalIsLeftBlankWithoutOne() {
        LeaderboardEntry single = new LeaderboardEntry(1, "a", "mlp", Map.of(), 1, 0, 0, 0.9, Double.NaN,
                Double.NaN, 5, 10);
        assertEquals("\u2013", LeaderboardTable.confidenceInterval(single));
        assertEquals("90.00% \u00b1 \u2013", LeaderboardTable.meanAndStd(single));
    }
}

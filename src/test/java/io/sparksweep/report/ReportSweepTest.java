package io.sparksweep.report;

import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import org.apache.spark.sql.SparkSession;
import io.sparksweep.stats.ExpectedMaxCurve;
import io.sparksweep.stats.PairedComparison;
import io.sparksweep.stats.Ranking;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of a realistic sweep read from real Parquet tables: the data read, the page written, and the page
 * as headless Chromium shows it. Spark reads the tables once for all of them.
 */
class ReportSweepTest {

    /**
     * leaderboard + learning_rate, batch_size, shuffle (patience is constant) + budget + 2 curves + confusion
     * + 2 Pareto.
     */
    private static final int CHARTS = 10;

    @TempDir
    static Path dir;

    private static Path sweepDir;
    private static ReportData data;
    private static ReportFiles files;
    private static String html;

    @BeforeAll
    static void writeReport() throws IOException {
        sweepDir = SweepFixture.write(LocalSpark.session(), dir.resolve("results"));
        data = ReportDataLoader.load(LocalSpark.session(), sweepDir, 3);
        files = SweepReport.write(data, sweepDir, dir.resolve("export"), 3,
                Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC));
        html = Files.readString(files.html());
    }

    static int count(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Nested
    class Data {

        @Test
        void hyperparametersAreTheSummaryColumnsOutsideTheFixedList() {
            assertEquals(SweepFixture.HYPERPARAMETERS, data.hyperparameters());
            assertEquals(List.of("learning_rate", "batch_size", "shuffle"), data.varyingHyperparameters());
        }

        @Test
        void leaderboardIsBestMeanFirstAndCountsEveryRun() {
            assertEquals(List.of("t-best", "t-mid", "t-flaky"),
                    data.leaderboard().stream().map(LeaderboardEntry::trialId).toList());
            LeaderboardEntry flaky = data.leaderboard().get(2);
            assertEquals(2, flaky.runsOk());
            assertEquals(1, flaky.runsFailed());
            assertEquals(0.795, flaky.accuracyMean(), 1e-9);
            assertEquals(0.1, flaky.hyperparameters().get("learning_rate"));
            assertEquals(64, flaky.hyperparameters().get("batch_size"));
            assertEquals(8, data.runsOk());
            assertEquals(1, data.runsFailed());
        }

        @Test
        void hyperparameterEffectsAverageOnlySuccessfulRunsPerValue() {
            HyperparameterEffect learningRate = data.effects().get(0);
            assertEquals("learning_rate", learningRate.name());
            assertEquals(List.of(0.001, 0.01, 0.1), learningRate.points().stream().map(EffectPoint::value).toList());
            EffectPoint high = learningRate.points().get(2);
            assertEquals(2, high.runs());
            assertEquals(0.795, high.accuracyMean(), 1e-9);
            HyperparameterEffect batchSize = data.effects().get(1);
            assertEquals(List.of(32, 64), batchSize.points().stream().map(EffectPoint::value).toList());
            assertEquals(3 + 2, batchSize.points().get(1).runs());
            assertTrue(data.effects().get(3).constant(), "patience never varies");
        }

        @Test
        void learningCurvesFollowTheRankingAndLeaveOutFailedSeeds() {
            assertEquals(List.of("t-best", "t-mid", "t-flaky"),
                    data.curves().stream().map(LearningCurve::trialId).toList());
            assertEquals("learning_rate=0.01, batch_size=64, shuffle=true", data.curves().get(0).label());
            LearningCurve flaky = data.curves().get(2);
            assertEquals(List.of(1, 2, 3), flaky.epochs().stream().map(EpochStats::epoch).toList());
            assertEquals(2, flaky.epochs().get(0).seeds(), "the failed seed's epoch 1 is not in the band");
            EpochStats last = data.curves().get(0).epochs().get(2);
            assertEquals(3, last.seeds());
            assertEquals(0.90 + 0.005, last.valAccuracyMean(), 1e-9);
            assertEquals(0.005, last.valAccuracyStd(), 1e-9);
        }

        @Test
        void topLimitsTheLearningCurveQuery() {
            SparkSession views = ReportTables.openViews(LocalSpark.session(), sweepDir);
            List<Object> trials = views.sql(ReportQueries.topConfigurations(ReportQueries.LEARNING_CURVES, 1))
                    .select("trial_id").distinct().collectAsList().stream().map(row -> row.get(0)).toList();
            assertEquals(List.of("t-best"), trials);
        }

        @Test
        void confusionIsTheBestConfigurationSummedOverSeeds() {
            ConfusionMatrix matrix = data.bestConfusion().orElseThrow();
            assertEquals("t-best", matrix.trialId());
            assertEquals(SweepFixture.CLASS_NAMES, matrix.classNames());
            assertEquals(3 * 1000, matrix.total());
            assertEquals(89 + 90 + 91, matrix.counts()[0][0]);
            assertEquals(11 + 10 + 9, matrix.counts()[9][0]);
        }

        @Test
        void tradeoffsCoverTheConfigurationsWithASuccessfulRun() {
            assertEquals(Set.of("t-best", "t-mid", "t-flaky"),
                    Set.copyOf(data.tradeoffs().stream().map(TradeoffPoint::trialId).toList()));
            assertEquals(List.of("t-mid", "t-best"), ParetoFront.of(data.tradeoffs(),
                    ParetoChart.Cost.PARAMETERS.value()).stream().map(TradeoffPoint::trialId).toList());
        }

        /**
         * t-best and t-mid share seeds 42-44 and differ by exactly 0.04 on each: t is undefined, and the exact
         * sign-flip test gives 2 / 2^3 = 0.25, a tie (three seeds cannot show more). t-flaky lost seed 44, so it
         * gets Welch's test: scipy 1.17.1 ttest_ind([.89, .90, .91], [.79, .80], equal_var=False) = 0.0010217,
         * the smallest of the 3 pairs (t-mid vs t-flaky: 0.0039604), so Holm multiplies it by 3.
         */
        @Test
        void rankingPairsRunsBySeedAndFallsBackToWelchForTheTrialThatLostASeed() {
            Ranking ranking = data.ranking();
            assertEquals(io.sparksweep.stats.Selection.TEST, ranking.selection(),
                    "this fixture's runs table predates val_accuracy: the ranking falls back to test");
            assertTrue(ranking.notes().stream().anyMatch(n -> n.startsWith("the runs table has no val_accuracy "
                    + "column")), ranking.notes().toString());
            assertEquals(List.of("t-best", "t-mid", "t-flaky"),
                    ranking.entries().stream().map(Ranking.Entry::trialId).toList());
            Ranking.Entry mid = ranking.entries().get(1);
            assertEquals(PairedComparison.Test.PAIRED, mid.comparison().test());
            assertEquals(0.25, mid.pValue(), 1e-12);
            assertEquals(Ranking.Verdict.TIED, mid.verdict());
            Ranking.Entry flaky = ranking.entries().get(2);
            assertEquals(PairedComparison.Test.WELCH, flaky.comparison().test());
            assertEquals(3 * 0.0010217095417704351, flaky.adjustedP(), 1e-12);
            assertEquals(Ranking.Verdict.WORSE, flaky.verdict());
            assertFalse(ranking.clearWinner());
            assertEquals(1.0, flaky.improvement().orElseThrow().probability(), "every pair of runs");
        }

        @Test
        void budgetRisesFromTheMeanOfTheConfigurationsToTheBest() {
            List<ExpectedMaxCurve.Point> points = data.budget().points();
            assertEquals(3, points.size());
            assertEquals((0.90 + 0.86 + 0.795) / 3, points.get(0).expected(), 1e-9);
            assertEquals((0.795 + 7 * 0.86 + 19 * 0.90) / 27, points.get(2).expected(), 1e-9);
        }

        @Test
        void provenanceAndProblemRunsAreRead() {
            assertEquals(1, data.problemRuns().size());
            assertEquals(SweepFixture.HOSTILE_ERROR, data.problemRuns().get(0).error());
            assertEquals(1, data.provenance().size());
            assertEquals(9, data.provenance().get(0).runs());
            assertEquals(2, data.executors().size());
            assertEquals(Duration.ofSeconds(2 * 3600 + 4 * 60 + 5),
                    Duration.between(data.sweep().started(), data.sweep().finished()));
            assertEquals(SweepFixture.SPEC_TEXT, data.sweep().specText());
        }
    }

    @Nested
    class Page {

        @Test
        void filesAreWrittenUnderOutSweep() throws IOException {
            Path sweepOut = dir.resolve("export").resolve(SweepFixture.SWEEP);
            assertEquals(sweepOut.resolve("report.html"), files.html());
            assertEquals(sweepOut.resolve("report.ipynb"), files.notebook());
            assertTrue(Files.size(files.notebook()) > 1_000);
            try (var leftovers = Files.list(sweepOut)) {
                assertEquals(2, leftovers.count(), "no temporary file left behind");
            }
        }

        @Test
        void everyChartIsAnInlineSvg() {
            assertEquals(CHARTS, count(html, "<svg\\b"));
            assertEquals(CHARTS, count(html, "</svg>"));
            for (String id : List.of("fig-leaderboard", "fig-hp-0", "fig-hp-1", "fig-hp-2", "fig-budget",
                    "fig-curve-validation-accuracy", "fig-curve-validation-loss", "fig-confusion",
                    "fig-pareto-training-time", "fig-pareto-parameters")) {
                assertTrue(Pattern.compile("<figure id=\"" + id + "\">\\s*<svg\\b").matcher(html).find(),
                        "figure " + id + " holds an inline svg");
            }
            assertFalse(html.contains("<!DOCTYPE svg"), "the SVG documents' DTD reference is dropped");
        }

        @Test
        void nothingIsLoadedFromTheNetwork() {
            assertEquals(0, count(html, "(?i)\\b(src|href|xlink:href|action|poster)\\s*=\\s*[\"']?\\s*(https?:)?//"),
                    "no attribute points at the network");
            assertEquals(0, count(html, "(?i)url\\(\\s*[\"']?\\s*(https?:)?//"), "no CSS url() to the network");
            assertEquals(0, count(html, "(?i)@import"));
            assertEquals(0, count(html, "(?i)<(script|link|iframe|img)\\b"), "everything is inline");
        }

        @Test
        void svgIdsAreUniqueAcrossCharts() {
            Matcher ids = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(html);
            Set<String> seen = new HashSet<>();
            while (ids.find()) {
                assertTrue(seen.add(ids.group(1)), "duplicate id " + ids.group(1));
            }
            Matcher references = Pattern.compile("url\\(#([^)]+)\\)").matcher(html);
            while (references.find()) {
                assertTrue(seen.contains(references.group(1)), "dangling reference " + references.group(1));
            }
        }

        @Test
        void textFromTheTablesIsEscaped() {
            assertFalse(html.contains("<script>alert"), "error message injected markup");
            assertTrue(html.contains(
                    "OOM &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; see https://example.org/oom"));
            assertFalse(html.contains("<b>not bold</b>"));
            assertTrue(html.contains("model: cnn # &lt;b&gt;not bold&lt;/b&gt;"));
        }

        @Test
        void leaderboardTableShowsMeanStdCiAndN() {
            int best = html.indexOf("<code>t-best</code>");
            int mid = html.indexOf("<code>t-mid</code>");
            int flaky = html.indexOf("<code>t-flaky</code>");
            assertTrue(best > 0 && best < mid && mid < flaky, "rows sorted by mean accuracy");
            assertTrue(html.contains("<td>90.00% \u00b1 1.00</td>"), "mean \u00b1 std of t-best");
            // t = 4.303 for 2 degrees of freedom: 4.303 * 0.01 / sqrt(3) = 2.48 points.
            assertTrue(html.contains("<td>[87.52%, 92.48%]</td>"), "95% CI of t-best");
            assertTrue(html.contains("<td>2 (1 failed)</td>"), "n of t-flaky");
            assertTrue(html.contains("Fixed in this sweep: patience = 3."));
        }

        @Test
        void overviewNamesTheLeaderWithItsVerdictAndTheTableShowsEachTest() {
            assertTrue(html.contains("<p>Leader: <strong>cnn, learning_rate=0.01, batch_size=64, shuffle=true, "
                    + "patience=3</strong> with 90.00% \u00b1 1.00 test accuracy over 3 seeds, tied with 1 other at the "
                    + "Holm-corrected 0.05 level"), html);
            assertFalse(html.contains("Best configuration"));
            assertTrue(html.contains("Leader t-best is tied with 1 other trial (paired t-test or Welch&#39;s t-test, "
                    + "Holm-corrected p &gt;= 0.05): not a clear winner.</p>"), html);
            assertTrue(html.contains("<td>worse</td><td>Welch&#39;s t-test</td><td>0.001</td><td>0.003</td>"
                    + "<td>100% [16\u2013100%]</td>"), "t-flaky's verdict cells: 2 runs a side, Clopper-Pearson(2, 2)");
            assertTrue(html.contains("<td>leader</td><td>\u2013</td>"));
        }

        @Test
        void pageNamesTheSweepAndShowsSpecAndProvenance() {
            assertTrue(html.contains("<title>sparksweep report: fmnist-cnn</title>"));
            assertTrue(html.contains("2026-02-03T04:05:06Z"), "generation time from the clock");
            assertTrue(html.contains("abc123"), "spec hash");
            assertTrue(html.contains("&quot;dl4j&quot; : &quot;1.0.0-M2.1&quot;"), "run provenance pretty-printed");
            assertTrue(html.contains("2h 04m 05s"), "wall time of the sweep");
        }

        @Test
        void notebookPointsAtTheTablesTheReportRead() throws IOException {
            String notebook = Files.readString(files.notebook());
            assertTrue(notebook.contains("SWEEP_DIR = \\\"" + sweepDir + "\\\""), "absolute path to " + sweepDir);
            assertTrue(notebook.contains("SWEEP_DIR = \\\"../../results/" + SweepFixture.SWEEP + "\\\""),
                    "path relative to the notebook's folder");
        }
    }

    /** The page as a person sees it: opened from disk in a real headless browser, with no network. */
    @Nested
    class InHeadlessChromium {

        @Test
        void browserParsesTheTitleAndEveryChart() throws IOException, InterruptedException {
            String dom = new HeadlessChromium(dir).dumpDom(files.html());
            assertTrue(dom.contains("<title>sparksweep report: fmnist-cnn</title>"), "title in the rendered DOM");
            assertEquals(CHARTS, count(dom, "<svg\\b"), "one svg element per chart");
            assertEquals(CHARTS, count(dom, "<figure id=\"fig-[a-z0-9-]+\">\\s*<svg\\b"),
                    "each chart sits in its figure");
            assertTrue(dom.contains("<table class=\"leaderboard\">"));
            assertTrue(dom.contains("&lt;script&gt;alert"), "the planted script stayed text");
        }

        /** Drawn pixels in the charts' series colour prove the SVG rendered, not just parsed. */
        @Test
        void screenshotShowsTheCharts() throws IOException, InterruptedException {
            Path target = Files.createDirectories(ProjectPaths.root().resolve("target"));
            // Kept under target/ with the page, so a developer can look at the last rendering.
            Path sample = Files.createDirectories(target.resolve("report-sample"));
            Files.copy(files.html(), sample.resolve(SweepReport.HTML_FILE), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(files.notebook(), sample.resolve(SweepReport.NOTEBOOK_FILE),
                    StandardCopyOption.REPLACE_EXISTING);
            Path png = target.resolve("report-screenshot.png");
            new HeadlessChromium(dir).screenshot(files.html(), png, 2400);
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, "Chromium's screenshot is a PNG");
            assertEquals(1280, image.getWidth());
            int seriesBlue = ChartStyle.series(0).getRGB() & 0xFFFFFF;
            int matching = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if ((image.getRGB(x, y) & 0xFFFFFF) == seriesBlue) {
                        matching++;
                    }
                }
            }
            assertTrue(matching > 200, "only " + matching + " pixels in the first series colour");
        }
    }
}

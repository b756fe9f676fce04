package io.sparksweep.cli;

import io.sparksweep.testing.SharedResults;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(SharedResults.class)
class BestCommandTest {

    private static String results;

    @BeforeAll
    static void sharedResults(SharedResults.Folder folder) {
        results = folder.path().toString();
    }

    private static String line(CliRun run, String prefix) {
        return run.outLines().stream().map(String::stripLeading).filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + run.out()));
    }

    /**
     * t1..t3 have the same seeds 1..4, so every comparison is paired. Reference: scipy 1.17.1
     * ttest_rel(t3, t2) = 0.7608, ttest_rel(t3, t1) = 1.115e-4; Holm runs over all 3 pairs (t2-t1 too) and
     * triples the smallest (3.3e-4). 4 seeds of 4 won: Clopper-Pearson 40-100% (scipy binomtest(4, 4)).
     */
    @Test
    void aLeaderTiedWithinNoiseIsNotAClearWinner() {
        CliRun run = CliRun.of("best", "alpha", "--results", results);

        assertEquals(0, run.exit(), run.err());
        assertTrue(line(run, "rank").matches("rank\\s+trial_id\\s+model\\s+learning_rate\\s+batch_size\\s+augment\\s+"
                + "optimizer\\s+n\\s+val_accuracy mean ± std\\s+test_accuracy mean ± std\\s+95% CI \\(this test set\\)\\s+"
                + "95% CI \\(new data\\)\\s+test\\s+p\\s+p_holm\\s+P\\(leader better\\)\\s+verdict"),
                line(run, "rank"));
        // validation accuracy is the test accuracy - 0.01 in these runs (TestRuns), so the ranking is the same
        assertTrue(line(run, "1 ").matches("1\\s+t3\\s+mlp\\s+0.001\\s+32\\s+true\\s+adam\\s+4\\s+0.8925 ± 0.0065\\s+"
                + "0.9025 ± 0.0065\\s+\\[0.8922, 0.9128]\\s+\\[0.8\\d+, 0.9\\d+]\\s+-\\s+-\\s+-\\s+-\\s+leader"),
                line(run, "1 "));
        assertTrue(run.out().contains("Chosen on the validation set: val_accuracy at each run's best epoch. "
                + "test_accuracy of the same runs is reported beside it and never used to choose."), run.out());
        assertTrue(line(run, "2 ").matches("2\\s+t2 .*\\s+paired\\s+0.761\\s+0.761\\s+50% \\(\\d+-\\d+\\)\\s+tied"),
                line(run, "2 "));
        assertTrue(line(run, "3 ").matches("3\\s+t1 .*\\s+paired\\s+1.1e-04\\s+3.3e-04\\s+100% \\(40-100\\)\\s+worse"),
                line(run, "3 "));
        assertTrue(run.out().contains("Leader t3 is tied with 1 other trial (paired t-test, Holm-corrected p >= 0.05): "
                + "not a clear winner."), run.out());
        assertTrue(run.out().contains("The leader t3 beats the runner-up t2 in 50% of 4 seeds (95% CI "), run.out());
        assertTrue(run.out().contains("Not ranked (no ok run): t4"), run.out());
    }

    @Test
    void withoutCorrectionTheTableHasNoHolmColumn() {
        CliRun run = CliRun.of("best", "alpha", "--results", results, "--correction", "none");

        assertEquals(0, run.exit(), run.err());
        assertFalse(line(run, "rank").contains("p_holm"), line(run, "rank"));
        assertTrue(line(run, "3 ").matches("3\\s+t1 .*\\s+paired\\s+1.1e-04\\s+100% \\(40-100\\)\\s+worse"),
                line(run, "3 "));
        assertTrue(run.out().contains("uncorrected p >= 0.05"), run.out());

        CliRun bad = CliRun.of("best", "alpha", "--results", results, "--correction", "bonferroni");
        assertEquals(2, bad.exit());
        assertTrue(bad.oneErrorLine() && bad.err().contains("holm, none"), bad.err());
    }

    @Test
    void topLimitsTheRowsButNotTheVerdict() {
        CliRun run = CliRun.of("best", "alpha", "--results", results, "--top", "1", "--metric", "loss");

        assertEquals(0, run.exit(), run.err());
        assertTrue(line(run, "1 ").contains("t3"), "lowest loss is 1 - highest accuracy");
        assertFalse(run.outLines().stream().anyMatch(l -> l.stripLeading().startsWith("2 ")), run.out());
        assertTrue(run.out().contains("(top 1 of 3 ranked trials)"), run.out());
        assertTrue(run.out().contains("not a clear winner"), run.out());
        assertTrue(run.out().contains("lower is better"), run.out());
    }

    @Test
    void aStricterAlphaDoesNotTurnATieIntoAWin() {
        CliRun run = CliRun.of("best", "alpha", "--results", results, "--alpha", "0.001");

        assertEquals(0, run.exit(), run.err());
        assertTrue(line(run, "3 ").endsWith("worse"), "Holm p = 2.2e-04 is still below 0.001");
        assertTrue(line(run, "2 ").endsWith("tied"));
    }

    @Test
    void selectingOnTestIsSaidAndRanksByTheTestMetric() {
        CliRun run = CliRun.of("best", "alpha", "--results", results, "--select-on", "test");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("ranked by mean test_accuracy"), run.out());
        assertTrue(run.out().contains("Chosen on the test set (selection: test)"), run.out());
        assertTrue(line(run, "1 ").matches("1\\s+t3 .*\\s+4\\s+0.9025 ± 0.0065\\s+\\[0.8922, 0.9128].*leader"),
                line(run, "1 "));

        CliRun bad = CliRun.of("best", "alpha", "--results", results, "--select-on", "train");
        assertEquals(2, bad.exit());
        assertTrue(bad.oneErrorLine() && bad.err().contains("validation, test"), bad.err());
    }

    @Test
    void csvAndJsonPrintOneRowPerRankedTrial() {
        CliRun csv = CliRun.of("best", "alpha", "--results", results, "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        List<String> lines = csv.outLines().stream().filter(l -> !l.isBlank()).toList();
        assertEquals(4, lines.size(), csv.out());
        assertTrue(lines.get(0).startsWith("rank,trial_id,model,learning_rate,batch_size,augment,optimizer,selection,"
                + "metric,n,mean,std,test_mean,test_std,test_ci95_low,test_ci95_high,new_data_ci95_low,"
                + "new_data_ci95_high,test,p,p_adjusted,p_leader_better,p_leader_better_low,p_leader_better_high,"
                + "verdict"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,t3,mlp,0.001,32,true,adam,validation,val_accuracy,4,"), lines.get(1));
        assertTrue(lines.get(3).endsWith(",worse"), lines.get(3));

        CliRun json = CliRun.of("best", "alpha", "--results", results, "--format", "json", "--select-on", "test");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"trial_id\" : \"t3\"") && json.out().contains("\"selection\" : \"test\"")
                && json.out().contains("\"verdict\" : \"leader\""), json.out());
    }

    @Test
    void anUnknownSweepOrMetricIsBadInputOnOneLine() {
        CliRun sweep = CliRun.of("best", "gamma", "--results", results);
        assertEquals(2, sweep.exit());
        assertTrue(sweep.oneErrorLine() && sweep.err().contains("'gamma'") && sweep.err().contains("alpha, beta"),
                sweep.err());

        CliRun metric = CliRun.of("best", "alpha", "--results", results, "--metric", "f1");
        assertEquals(2, metric.exit());
        assertTrue(metric.oneErrorLine() && metric.err().contains("accuracy, loss"), metric.err());
    }

    @Test
    void helpExplainsEveryOption() {
        CliRun help = CliRun.of("best", "--help");

        assertEquals(0, help.exit());
        for (String option : List.of("SWEEP", "--metric", "--select-on", "--format", "--top", "--alpha", "--correction", "--results",
                "--master")) {
            assertTrue(help.out().contains(option), option + " missing from:\n" + help.out());
        }
    }
}

package io.sparksweep.cli;

import io.sparksweep.report.SweepFixture;
import io.sparksweep.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sparksweep report} as a user runs it: through Main's command line. */
class ReportCommandTest {

    @TempDir
    static Path dir;

    /** The command's getOrCreate re-applies the CLI's runtime settings to the shared test session. */
    private static String shufflePartitions;

    @BeforeAll
    static void rememberSharedSettings() {
        shufflePartitions = LocalSpark.session().conf().get("spark.sql.shuffle.partitions");
    }

    @AfterAll
    static void restoreSharedSettings() {
        LocalSpark.session().conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    @Test
    void helpExplainsEveryOption() {
        Result help = run("report", "--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("SWEEP", "--results", "--out", "--top", "--master", "default: results",
                "default: notebooks-export", "default: 5")) {
            assertTrue(help.out().contains(option), option + " missing from:\n" + help.out());
        }
    }

    @Test
    void missingSweepExitsTwoWithOneLineOnStderr() {
        Result result = run("report", "no-such-sweep", "--results", dir.resolve("results").toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(Main.EXIT_BAD_INPUT, result.exitCode());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains("no sweep 'no-such-sweep'"), result.err());
        assertEquals("", result.out());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written for a missing sweep");
    }

    @Test
    void topBelowOneIsRejected() {
        assertEquals(2, run("report", "x", "--top", "0").exitCode());
    }

    @Test
    void writesTheReportAndTheNotebook() {
        SparkSession spark = LocalSpark.session();
        Path results = dir.resolve("ok-results");
        SweepFixture.write(spark, results);
        Path out = dir.resolve("ok-out");
        Result result = run("report", SweepFixture.SWEEP, "--results",
                results.toString(), "--out", out.toString(), "--top", "2");
        assertEquals(0, result.exitCode(), result.err());
        Path sweepOut = out.resolve(SweepFixture.SWEEP);
        assertTrue(Files.isRegularFile(sweepOut.resolve("report.html")));
        assertTrue(Files.isRegularFile(sweepOut.resolve("report.ipynb")));
        assertTrue(result.out().contains(sweepOut.resolve("report.html").toString()), result.out());
    }
}

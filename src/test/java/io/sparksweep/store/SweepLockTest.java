package io.sparksweep.store;

import io.sparksweep.stats.RankMetric;
import io.sparksweep.testing.ChildJvmClasses;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.TestRuns;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per sweep folder: refusal while the owner lives, takeover once it is gone, release on close. */
@Slow
class SweepLockTest {

    private static final SparkSession SPARK = LocalSpark.session();

    @TempDir
    Path root;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private SweepStore open(String sweep) {
        return new SweepStore(SPARK, root, sweep);
    }

    private Path lockFile(String sweep) {
        return root.resolve(sweep).resolve(SweepLock.FILE);
    }

    /** Another JVM that takes the lock of {@code sweep} and keeps it until killed. */
    private Process holder(String sweep) throws IOException {
        List<String> command = ChildJvmClasses.shared().command(List.of(), LockHolder.class.getName(),
                root.toString(), sweep);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(child);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.equals("locked " + child.pid()), "holder said: " + line);
        return child;
    }

    @Test
    void aSecondWriterIsRefusedAtOnceInOneLineNamingTheFolderAndTheOwner() throws IOException {
        Process owner = holder(TestRuns.SWEEP);

        SweepBusyException busy = assertThrows(SweepBusyException.class, () -> open(TestRuns.SWEEP).close());

        String message = busy.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(root.resolve(TestRuns.SWEEP).toString()), message);
        assertTrue(message.contains("pid " + owner.pid()), message);
        assertTrue(message.contains("host " + SweepLock.localHost()), message);
        assertTrue(Files.exists(lockFile(TestRuns.SWEEP)), "the owner's lock is untouched");
    }

    @Test
    void theRunCommandIntoABusySweepFolderExitsTwoWithOneLineBeforeTraining() throws IOException {
        Process owner = holder("cli");
        Path spec = Files.writeString(root.resolve("cli.yaml"), "name: cli\ndata: {path: '"
                + io.sparksweep.testing.ProjectPaths.fashionMnist() + "', trainLimit: 100, testLimit: 50, "
                + "validationFraction: 0.2}\nmodel: baseline\nrepeats: 1\ntraining: {maxEpochs: 1}\n");
        picocli.CommandLine cli = io.sparksweep.cli.Main.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));

        int exit = cli.execute("run", spec.toString(), "--results", root.toString(), "--master", "local[2]");

        assertEquals(2, exit, err.toString());
        List<String> lines = err.toString().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).contains("busy") && lines.get(0).contains("pid " + owner.pid()), lines.get(0));
        assertFalse(Files.exists(root.resolve("cli").resolve("_journal")), "nothing trained or journaled");
    }

    @Test
    void theLockOfAKilledOwnerOnThisHostIsTakenOverWithALineSayingSo() throws Exception {
        Process owner = holder(TestRuns.SWEEP);
        owner.destroyForcibly(); // SIGKILL: no chance to release the lock
        owner.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(lockFile(TestRuns.SWEEP)), "kill -9 leaves the lock behind");

        try (SweepStore store = open(TestRuns.SWEEP)) {
            String line = store.lockTakeover().orElseThrow();
            assertTrue(line.contains("pid " + owner.pid()) && line.contains("not running"), line);
            store.journal(TestRuns.run("t1", 1).build());
            store.consolidate(TestRuns.info(TestRuns.SWEEP), List.of(TestRuns.trial("t1", TestRuns.defaultSettings())));
        }
        assertFalse(Files.exists(lockFile(TestRuns.SWEEP)), "released on close");
    }

    @Test
    void aLockFromAnotherHostIsRespectedWhileRenewedAndTakenOverAfterItsLease() throws IOException {
        Files.createDirectories(root.resolve(TestRuns.SWEEP));
        Files.write(lockFile(TestRuns.SWEEP), SweepLock.bytes(new SweepLock.Owner("build-node-7", 4242,
                System.currentTimeMillis(), "their-token")));

        SweepBusyException busy = assertThrows(SweepBusyException.class, () -> open(TestRuns.SWEEP).close());
        assertTrue(busy.getMessage().contains("host build-node-7, pid 4242"), busy.getMessage());

        Files.setLastModifiedTime(lockFile(TestRuns.SWEEP), FileTime.fromMillis(
                System.currentTimeMillis() - SweepLock.DEFAULT_LEASE.toMillis() - 60_000));
        try (SweepStore store = open(TestRuns.SWEEP)) {
            String line = store.lockTakeover().orElseThrow();
            assertTrue(line.contains("build-node-7") && line.contains("not renewed"), line);
        }
    }

    @Test
    void theOwnerRenewsItsLeaseAndReleasesTheLockOnCloseAndOnFailure() throws Exception {
        try (SweepStore store = new SweepStore(SPARK, ResultsRoot.of(root), TestRuns.SWEEP, Duration.ofMillis(400),
                StoreFaults.NONE)) {
            FileTime first = Files.getLastModifiedTime(lockFile(TestRuns.SWEEP));
            Thread.sleep(1500);
            assertTrue(Files.getLastModifiedTime(lockFile(TestRuns.SWEEP)).compareTo(first) > 0, "renewed");
            assertThrows(SweepBusyException.class, () -> open(TestRuns.SWEEP).close(),
                    "the same live process is still the owner");
        }
        assertFalse(Files.exists(lockFile(TestRuns.SWEEP)));

        assertThrows(IllegalArgumentException.class, () -> {
            try (SweepStore store = open(TestRuns.SWEEP)) {
                store.journal(TestRuns.run("t1", 1).build());
                store.writeFile("../outside", new byte[1]);
            }
        });
        assertFalse(Files.exists(lockFile(TestRuns.SWEEP)), "released when the writer fails");
        open(TestRuns.SWEEP).close();
    }

    @Test
    void aWriterWhoseLockWasTakenOverPublishesNothing() throws IOException {
        List<TrialRecord> trials = List.of(TestRuns.trial("t1", TestRuns.defaultSettings()));
        try (SweepStore store = open(TestRuns.SWEEP)) {
            store.journal(TestRuns.run("t1", 1).build());
            store.consolidate(TestRuns.info(TestRuns.SWEEP), trials);
            store.journal(TestRuns.run("t1", 2).build());
            // What a taker on another host leaves after it presumed this writer dead.
            Files.write(lockFile(TestRuns.SWEEP), SweepLock.bytes(new SweepLock.Owner("build-node-7", 4242,
                    System.currentTimeMillis(), "their-token")));

            SweepBusyException lost = assertThrows(SweepBusyException.class,
                    () -> store.consolidate(TestRuns.info(TestRuns.SWEEP), trials));
            assertTrue(lost.getMessage().contains("lost the lock") && lost.getMessage().contains("build-node-7"),
                    lost.getMessage());
        }
        assertTrue(Files.exists(lockFile(TestRuns.SWEEP)), "the new owner's lock is not released by the old one");
        assertEquals(1, SweepResults.open(SPARK, root, TestRuns.SWEEP).okValuesBySeed(RankMetric.ACCURACY)
                .get("t1").size(), "the snapshot before the takeover is still the current one");
        try (Stream<Path> journal = Files.list(root.resolve(TestRuns.SWEEP).resolve("_journal"))) {
            assertEquals(1, journal.count(), "the unpublished run stays journaled");
        }
    }

    @Test
    void twoSweepsInTheSameResultsRootAreWrittenAtTheSameTime() throws Exception {
        Process otherSweepsOwner = holder("other");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (String sweep : List.of("left", "right")) {
                writers.add(pool.submit(() -> {
                    try (SweepStore store = open(sweep)) {
                        for (int seed = 1; seed <= 3; seed++) {
                            store.journal(TestRuns.run("t1", seed).sweep(sweep).build());
                        }
                        store.consolidate(TestRuns.info(sweep),
                                List.of(TestRuns.trial("t1", TestRuns.defaultSettings())));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertTrue(otherSweepsOwner.isAlive());
        SqlViews.register(SPARK, ResultsRoot.of(root));
        assertEquals(List.of("left", "right"), SPARK.sql(
                        "SELECT sweep, count(*) FROM runs GROUP BY sweep ORDER BY sweep")
                .collectAsList().stream().peek(r -> assertEquals(3L, r.getLong(1))).map(r -> r.getString(0)).toList());
    }
}

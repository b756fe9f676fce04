package io.sparksweep.store;

import io.sparksweep.stats.RankMetric;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.ProjectPaths;
import io.sparksweep.testing.Slow;
import io.sparksweep.testing.TestRuns;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Results on a real HDFS (a one-datanode MiniDFSCluster inside this JVM, shared by every test here since it takes
 * seconds to start): a sweep trains into hdfs://, resumes, is queried, and plain Parquet readers read the copied-out
 * table folders.
 */
@Slow
class HdfsResultsTest {

    private static final SparkSession SPARK = LocalSpark.session();

    @TempDir
    static Path local;

    private static MiniDFSCluster cluster;
    private static String root;

    @BeforeAll
    static void startHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, local.resolve("hdfs").toString());
        conf.setBoolean("dfs.permissions.enabled", false);
        cluster = new MiniDFSCluster.Builder(conf).nameNodePort(0).numDataNodes(1).format(true).build();
        cluster.waitActive();
        root = "hdfs://127.0.0.1:" + cluster.getNameNodePort() + "/sweeps";
    }

    @AfterAll
    static void stopHdfs() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static FileSystem hdfs() throws IOException {
        return FileSystem.get(URI.create(root), SPARK.sparkContext().hadoopConfiguration());
    }

    /** The real command line (same entry point as the jar), stdout and stderr captured. */
    private static String[] cli(String... args) {
        CommandLine commandLine = io.sparksweep.cli.Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void aSweepIntoHdfsTrainsResumesIsQueriedAndItsFoldersAreReadableByPlainParquetReaders() throws IOException {
        Path spec = local.resolve("onhdfs.yaml");
        Files.writeString(spec, "name: onhdfs\ndata: {path: '" + ProjectPaths.fashionMnist()
                + "', trainLimit: 300, testLimit: 100, validationFraction: 0.2}\n"
                + "model: baseline\nspace: {learningRate: [0.002, 0.0005], batchSize: 50}\nrepeats: 1\n"
                + "training: {maxEpochs: 1}\n");

        String[] run = cli("run", spec.toString(), "--results", root, "--master", "local[2]");
        assertEquals("0", run[0], run[2]);
        assertTrue(run[1].contains("2 runs trained (2 ok, 0 failed, 0 diverged)"), run[1]);
        assertTrue(run[1].contains("tables: " + root + "/onhdfs"), run[1]);
        assertFalse(Files.exists(Path.of("hdfs:")), "nothing is written to a local folder named after the scheme");
        assertTrue(hdfs().exists(new org.apache.hadoop.fs.Path(root + "/onhdfs/runs")));
        assertFalse(hdfs().exists(new org.apache.hadoop.fs.Path(root + "/onhdfs/_lock")), "lock released");

        String[] resumed = cli("run", spec.toString(), "--results", root);
        assertEquals("0", resumed[0], resumed[2]);
        assertTrue(resumed[1].contains("all 2 runs already finished"), resumed[1]);

        String[] sql = cli("sql", "SELECT trial_id, test_accuracy FROM runs WHERE sweep = 'onhdfs' ORDER BY trial_id",
                "--results", root, "--format", "csv");
        assertEquals("0", sql[0], sql[2]);
        List<String> queried = sql[1].lines().skip(1).toList();
        assertEquals(2, queried.size(), sql[1]);

        Path copy = local.resolve("copy");
        hdfs().copyToLocalFile(new org.apache.hadoop.fs.Path(root + "/onhdfs/runs"),
                new org.apache.hadoop.fs.Path(copy.toUri()));
        List<String> plain = new ArrayList<>();
        try (Stream<Path> files = Files.list(copy)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
                try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                        new org.apache.hadoop.fs.Path(file.toUri())).build()) {
                    for (Group row = reader.read(); row != null; row = reader.read()) {
                        plain.add(row.getString("trial_id", 0) + "," + row.getDouble("test_accuracy", 0));
                    }
                }
            }
        }
        assertEquals(queried, plain.stream().sorted().toList(),
                "parquet-mr on the copied-out folder reads what sql read");
        List<Row> sparkFolder = SPARK.read().parquet(copy.toString()).orderBy("trial_id").collectAsList();
        assertEquals(2, sparkFolder.size());
    }

    @Test
    void copyCarriesASweepToHdfsAndBackWhole() {
        Path from = local.resolve("copy-source");
        io.sparksweep.testing.PredictedResults.write(SPARK, from);
        String sweep = io.sparksweep.testing.PredictedResults.SWEEP;
        String back = local.resolve("copy-back").toString();

        String[] there = cli("copy", sweep, "--results", from.toString(), "--to", root, "--without-predictions");
        String[] again = cli("copy", sweep, "--results", from.toString(), "--to", root, "--without-predictions");
        String[] home = cli("copy", sweep, "--results", root, "--to", back);

        assertEquals("0", there[0], there[2]);
        assertTrue(there[1].contains("copied sweep " + sweep + " to " + root + "/" + sweep), there[1]);
        assertEquals("0", again[0], again[2]);
        assertTrue(again[1].contains("nothing to do"), again[1]);
        assertEquals("0", home[0], home[2]);
        String query = "SELECT trial_id, seed, status, test_accuracy FROM runs ORDER BY trial_id, seed";
        assertEquals(cli("sql", query, "--results", from.toString(), "--format", "csv")[1],
                cli("sql", query, "--results", back, "--format", "csv")[1]);
        assertEquals("0", cli("sql", "SELECT count(*) FROM predictions", "--results", back, "--format", "csv")[1]
                .lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void theLockJournalAndStoreFilesWorkOnHdfs() {
        ResultsRoot hdfsRoot = ResultsRoot.of(root);
        byte[] model = "model bytes".getBytes(StandardCharsets.UTF_8);
        try (SweepStore store = SweepStore.open(SPARK, hdfsRoot, "direct")) {
            SweepBusyException busy = assertThrows(SweepBusyException.class,
                    () -> SweepStore.open(SPARK, hdfsRoot, "direct").close());
            assertTrue(busy.getMessage().contains(root + "/direct") && busy.getMessage().contains("pid "),
                    busy.getMessage());

            store.writeFile("models/t1-1/model.zip", model);
            store.writeFile("models/t1-1/model.zip", model); // replaces, as a rerun does
            assertArrayEquals(model, store.readFile("models/t1-1/model.zip").orElseThrow());
            assertTrue(store.readFile("models/none/model.zip").isEmpty());

            store.journal(TestRuns.run("t1", 1).sweep("direct").build());
            store.journal(TestRuns.run("t1", 2).sweep("direct").failed("boom").build());
            assertEquals(1, store.finishedRuns().size());
            store.consolidate(TestRuns.info("direct"), List.of(TestRuns.trial("t1", TestRuns.defaultSettings())));
        }
        SweepResults results = SweepResults.open(SPARK, hdfsRoot, "direct");
        assertEquals(new TreeMap<>(java.util.Map.of("t1", 1)), new TreeMap<>(java.util.Map.of("t1",
                results.okValuesBySeed(RankMetric.ACCURACY).get("t1").size())));
        try (SweepStore again = SweepStore.open(SPARK, hdfsRoot, "direct")) {
            assertTrue(again.lockTakeover().isEmpty(), "the closed store released its lock");
            assertEquals(1, again.finishedRuns().size());
        }
    }

    /**
     * The first consolidation cut short on HDFS, with an empty staged file beside the complete ones (what a kill in
     * the middle of writing one leaves): readers see no tables, the next writer deletes the staged files and writes
     * every table from the journal. A published file damaged afterwards is reported naming it.
     */
    @Test
    void stagedFilesOfACutFirstConsolidationAreNeverReadOnHdfs() throws IOException {
        // A root of its own: the damaged table it ends with would stop every query over the shared one.
        String cutRoot = root + "-cut";
        ResultsRoot hdfsRoot = ResultsRoot.of(cutRoot);
        List<TrialRecord> trials = List.of(TestRuns.trial("t1", TestRuns.defaultSettings()));
        StoreFaults cut = step -> {
            if (step.equals("table:confusion")) {
                throw new IllegalStateException("killed");
            }
        };
        try (SweepStore store = new SweepStore(SPARK, hdfsRoot, "cut", SweepLock.DEFAULT_LEASE, cut)) {
            store.journal(TestRuns.run("t1", 1).sweep("cut").build());
            store.journal(TestRuns.run("t1", 2).sweep("cut").accuracy(0.7).build());
            assertThrows(IllegalStateException.class, () -> store.consolidate(TestRuns.info("cut"), trials));
        }
        org.apache.hadoop.fs.Path sweep = new org.apache.hadoop.fs.Path(cutRoot + "/cut");
        assertTrue(hdfs().exists(new org.apache.hadoop.fs.Path(sweep, StoreFormat.FILE)), "the folder is marked");
        hdfs().create(new org.apache.hadoop.fs.Path(sweep, "summary/part-00000-cut.snappy.parquet")).close();
        assertTrue(hdfs().listStatus(new org.apache.hadoop.fs.Path(sweep, "runs")).length > 0, "staged runs file");
        SweepTables staged = SweepTables.reader(SPARK, hdfsRoot, "cut");
        for (Table table : Table.values()) {
            assertFalse(staged.exists(table), table + ": staged files are not a table");
        }

        try (SweepStore again = SweepStore.open(SPARK, hdfsRoot, "cut")) {
            assertEquals(2, again.finishedRuns().size(), "from the journal");
            again.consolidate(TestRuns.info("cut"), trials);
        }
        SweepTables tables = SweepTables.reader(SPARK, hdfsRoot, "cut");
        assertEquals(2, tables.read(Table.RUNS).orElseThrow().count());
        assertEquals(2 * 4, tables.read(Table.CONFUSION).orElseThrow().count(), "the confusion cells of both runs");
        for (Table table : Table.SWEEP_RUNS) {
            assertEquals(1, hdfs().listStatus(new org.apache.hadoop.fs.Path(sweep, table.folder())).length,
                    table + ": only the published file is left");
        }

        String runsFile = tables.files(Table.RUNS).orElseThrow().get(0);
        try (org.apache.hadoop.fs.FSDataOutputStream out = hdfs().create(new org.apache.hadoop.fs.Path(runsFile), true)) {
            out.write("not Parquet".repeat(20).getBytes(StandardCharsets.UTF_8));
        }
        UnreadableTableException damaged = assertThrows(UnreadableTableException.class,
                () -> SweepResults.open(SPARK, hdfsRoot, "cut"));
        assertTrue(damaged.getMessage().contains(runsFile) && !damaged.getMessage().contains("\n"),
                damaged.getMessage());
    }
}

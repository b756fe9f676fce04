package io.sparksweep.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {

    @Test
    void moreImagesThanTheDatasetHasIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("bench", "overhead", "--train-limit", "60000", "--out", "target/never-written.jsonl");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.oneErrorLine(), r.err());
        assertTrue(r.err().contains("data.trainLimit 60000 exceeds"), r.err());
    }
}

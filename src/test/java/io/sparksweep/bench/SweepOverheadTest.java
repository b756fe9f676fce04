package io.sparksweep.bench;

import io.sparksweep.engine.SpecSweeps;
import io.sparksweep.engine.SweepRequest;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.Specs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the overhead measurement reports and that its parts add up; not how fast anything is. */
class SweepOverheadTest {

    @Test
    void theBreakdownFitsInsideTheEngineCall(@TempDir Path scratch) throws Exception {
        SweepRequest request = SpecSweeps.request(Specs.tiny("overhead-test",
                "space: {learningRate: [0.001, 0.002]}\nrepeats: 2\n"));

        SweepOverhead.Result r = SweepOverhead.measure(LocalSpark.session(), request, scratch, 2);

        assertEquals(4, r.runs());
        assertEquals(2, r.parallelism());
        assertTrue(r.loopSeconds() > 0 && r.loopRunSeconds() > 0, r.toString());
        assertTrue(r.engineRunSeconds() > 0, r.toString());
        assertTrue(r.firstRunSeconds() >= 0 && r.tailSeconds() >= 0, r.toString());
        assertTrue(r.firstRunSeconds() + r.tailSeconds() < r.engineSeconds(), r.toString());
        // Two runs side by side: their own times can add up to at most twice the wall time.
        assertTrue(r.engineRunSeconds() <= 2 * r.engineSeconds() + 0.5, r.toString());
        assertEquals(100 * (r.engineSeconds() - r.loopSeconds()) / r.loopSeconds(), r.overheadPercent(), 1e-9);
    }
}

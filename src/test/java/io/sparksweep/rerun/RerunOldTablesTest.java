package io.sparksweep.rerun;

import io.sparksweep.data.ImageSet;
import io.sparksweep.data.PreparedData;
import io.sparksweep.testing.LocalSpark;
import io.sparksweep.testing.SharedResults;
import io.sparksweep.testing.TestResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A sweep whose trials table has no training plans (written before plan_json existed) is refused in one line. */
@ExtendWith(SharedResults.class)
class RerunOldTablesTest {

    @Test
    void aTrialsTableWithoutPlansSaysHowToAddThem(SharedResults.Folder results) {
        ImageSet none = new ImageSet(new byte[0], new byte[0], 28, 28);
        PreparedData data = new PreparedData(none, none, none, List.of("a", "b"), "fingerprint");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Reruns(LocalSpark.session(), new PrintWriter(new StringWriter()))
                        .run(new RerunRequest(TestResults.ALPHA, "t2", 1, null, false, null), results.path(), data));
        assertEquals("sweep 'alpha' has no training plans in its trials table (written before 2026-11-30): run its spec"
                + " again (nothing is retrained) to record them", e.getMessage());
    }
}

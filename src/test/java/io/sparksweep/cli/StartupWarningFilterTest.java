package io.sparksweep.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartupWarningFilterTest {

    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    private static String filtered(String in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StartupWarningFilter.copy(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out, WARNING);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsTheWarningAsFirstLineAndPassesTheRestAsItIs() {
        assertEquals("cluster [=====>    ] 3/8\r cluster [=======>  ] 5/8\nerror: x\n",
                filtered(WARNING + "\ncluster [=====>    ] 3/8\r cluster [=======>  ] 5/8\nerror: x\n"));
    }

    @Test
    void keepsEverythingElse() {
        assertEquals("error: spec.yaml: unknown field 'lr'\n" + WARNING + "\n",
                filtered("error: spec.yaml: unknown field 'lr'\n" + WARNING + "\n"));
        assertEquals(WARNING, filtered(WARNING), "not a whole line");
        assertEquals("", filtered(""));
        String longLine = "x".repeat(1000) + "\ny";
        assertEquals(longLine, filtered(longLine));
    }
}

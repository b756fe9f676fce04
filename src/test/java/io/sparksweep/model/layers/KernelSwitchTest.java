package io.sparksweep.model.layers;

import io.sparksweep.testing.ChildJvmClasses;
import io.sparksweep.testing.RestoresHelperSwitch;
import io.sparksweep.testing.Slow;
import io.sparksweep.train.NativeAcceleration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The branch a non-CPU backend takes: every project layer and the fused Adam step aside for DL4J's own code. No GPU
 * is reachable here, so a JVM started with the kernels switched off ({@link HostArrays#KERNELS_SWITCH}, the same
 * decision the backend check feeds) stands in for one.
 */
@ExtendWith(RestoresHelperSwitch.class)
@Slow
class KernelSwitchTest {

    @Test
    void withKernelsOffEveryLayerAndTheUpdaterTakeDl4jsPath() throws IOException, InterruptedException {
        NativeAcceleration.setLayerHelpers(true);
        KernelUseProbe.Use here = KernelUseProbe.measure();
        assertTrue(here.inputConvolution() > 0 && here.elu() > 0 && here.pooling() > 0 && here.batchNorm() > 0
                && here.dense() > 0 && here.fusedAdam() > 0, "this JVM runs the Java kernels: " + here);
        assertFalse(here.inputGradientComputed(), "the first layer's input gradient is skipped on the kernel path");

        String off = childUse("-D" + HostArrays.KERNELS_SWITCH + "=false");
        assertEquals("USE " + new KernelUseProbe.Use(0, 0, 0, 0, 0, 0, true), off,
                "no Java kernel ran, and the first convolution computed its input gradient the DL4J way");
    }

    private static String childUse(String property) throws IOException, InterruptedException {
        return ChildJvmClasses.shared().probeLine(List.of(property, "-Dorg.eclipse.deeplearning4j.helpers.disable=false"),
                KernelUseProbe.class.getName(), "USE ", 2);
    }
}

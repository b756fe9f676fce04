package io.sparksweep.model.layers;

import io.sparksweep.testing.ChildJvmClasses;
import io.sparksweep.testing.Jvms;
import io.sparksweep.testing.Slow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first conv layer's vector kernels only where fused multiply-add is an instruction: a JVM without it (an x86
 * before Haswell, or one held to SSE with {@code -XX:UseAVX=0}) boxes every vector of {@code FloatVector.fma} and
 * trains far slower than with the plain kernels. A JVM started with {@code -XX:-UseFMA} stands in for such a machine.
 */
@Slow
class VectorKernelChoiceTest {

    @Test
    void aJvmWithoutFusedMultiplyAddTakesThePlainKernels() throws IOException, InterruptedException {
        assertEquals("CHOICE false " + InputConvolutionKernel.class.getSimpleName(), childChoice("-XX:-UseFMA"));
        assertEquals("CHOICE false " + InputConvolutionKernel.class.getSimpleName(), childChoice("-XX:UseAVX=0"));
    }

    @Test
    void aJvmLikeThisOneChoosesAsThisOneDoes() throws IOException, InterruptedException {
        assertTrue(VectorModule.present(), "the suite runs with " + VectorModule.JVM_OPTION);
        assertEquals(Probe.choice(), childChoice());
    }

    /** Prints the choice a JVM makes for LeNet-5's first layer: whether the kernels apply, and the gradient kernel. */
    public static final class Probe {

        private Probe() {
        }

        static String choice() {
            return "CHOICE " + VectorModule.kernelsApply() + " "
                    + InputGradientKernel.create(new FirstLayerShape(6, 5, 5, 28, 28)).getClass().getSimpleName();
        }

        public static void main(String[] args) {
            System.out.println(choice());
        }
    }

    private static String childChoice(String... jvmOptions) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of(VectorModule.JVM_OPTION, Jvms.SHORT_LIVED_JIT));
        options.addAll(List.of(jvmOptions));
        return ChildJvmClasses.shared().probeLine(options, Probe.class.getName(), "CHOICE ", 1);
    }
}

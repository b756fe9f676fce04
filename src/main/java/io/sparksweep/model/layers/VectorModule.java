package io.sparksweep.model.layers;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * The JDK's incubating vector API, which the first conv layer's kernels run on ({@link VectorInputConvolutionKernel},
 * {@link VectorInputConvolutionForward}). A JVM resolves the module only when started with {@link #JVM_OPTION}: the
 * training JVMs sparksweep starts itself and the ones {@code cluster/spark-defaults.conf} configures are. The kernels
 * are built of fused multiply-adds, which the JIT turns into one instruction each only where the processor has FMA
 * and the JVM uses it ({@code -XX:+UseFMA}: x86 since Haswell and Piledriver, ARMv8); elsewhere (older x86, a JVM
 * held to SSE with {@code -XX:UseAVX=0} or started with {@code -XX:-UseFMA}) the vector API computes every lane in
 * Java with the vectors boxed, far slower than the plain kernels (docs/performance.md, item 15). Such JVMs, and those
 * without the module, train with the plain gradient kernel and DL4J's forward pass, rounding differently.
 */
public final class VectorModule {

    static final String NAME = "jdk.incubator.vector";
    /** The option that makes the module available. */
    public static final String JVM_OPTION = "--add-modules=" + NAME;
    /** What the JVM prints on its standard error when it starts with the module (nothing a user can act on). */
    public static final String STARTUP_WARNING = "WARNING: Using incubator modules: " + NAME;
    /** The HotSpot option that says whether the JIT emits fused multiply-add instructions. */
    private static final String FMA_OPTION = "UseFMA";
    private static final boolean PRESENT = ModuleLayer.boot().findModule(NAME).isPresent();

    private VectorModule() {
    }

    /** Whether this JVM has the module. */
    public static boolean present() {
        return PRESENT;
    }

    /** Whether this JVM's first conv layers take the vector kernels: the module is there and FMA is an instruction. */
    public static boolean kernelsApply() {
        return PRESENT && FusedMultiplyAdd.INSTRUCTION;
    }

    /** Asked once, at the first layer that could use the kernels: reading a JVM option starts its management bean. */
    private static final class FusedMultiplyAdd {

        static final boolean INSTRUCTION = jitEmitsIt();

        private static boolean jitEmitsIt() {
            try {
                HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption(FMA_OPTION).getValue());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not HotSpot, or a HotSpot without the option: the plain kernels are right everywhere.
                return false;
            }
        }
    }
}

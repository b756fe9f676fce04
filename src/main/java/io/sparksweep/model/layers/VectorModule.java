package io.sparksweep.model.layers;

/**
 * The JDK's incubating vector API, which the first conv layer's kernels run on ({@link VectorInputConvolutionKernel},
 * {@link VectorInputConvolutionForward}). A JVM resolves the module only when started with {@link #JVM_OPTION}: the
 * training JVMs sparksweep starts itself and the ones {@code cluster/spark-defaults.conf} configures are; any other
 * JVM trains with the plain gradient kernel and DL4J's forward pass, rounding differently.
 */
public final class VectorModule {

    static final String NAME = "jdk.incubator.vector";
    /** The option that makes the module available. */
    public static final String JVM_OPTION = "--add-modules=" + NAME;
    /** What the JVM prints on its standard error when it starts with the module (nothing a user can act on). */
    public static final String STARTUP_WARNING = "WARNING: Using incubator modules: " + NAME;
    private static final boolean PRESENT = ModuleLayer.boot().findModule(NAME).isPresent();

    private VectorModule() {
    }

    /** Whether this JVM has the module, i.e. whether its first conv layers take the vector kernels. */
    public static boolean present() {
        return PRESENT;
    }
}

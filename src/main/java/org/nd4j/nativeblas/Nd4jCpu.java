package org.nd4j.nativeblas;

/**
 * Compatibility shim, not part of sparksweep's own API.
 *
 * <p>DL4J 1.0.0-M2.1 decides whether its oneDNN layer helpers (conv, batch norm, pooling) may run by
 * loading {@code org.nd4j.nativeblas.Nd4jCpu$Environment} reflectively and calling {@code isUseMKLDNN()}
 * on it ({@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper#mklDnnEnabled}). ND4J M2.1 moved that
 * class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method to
 * {@code isUseONEDNN()}, so the lookup always fails and the helpers silently stay off, costing about 4x in
 * training speed. This class restores the old name and forwards to the real native environment, reflectively:
 * the CPU backend's classes are absent from a CUDA build ({@code mvn -Pcuda}), where it answers false.
 * Delete it once DL4J looks up the new name.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** Old-name view of the native environment; only what DL4J's check calls. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True when the loaded native build has oneDNN compiled in and enabled. */
        public boolean isUseMKLDNN() {
            if (CpuEnvironment.IS_USE_ONEDNN == null) {
                return false;
            }
            try {
                return (Boolean) CpuEnvironment.IS_USE_ONEDNN.invoke(CpuEnvironment.INSTANCE);
            } catch (ReflectiveOperationException e) {
                return false;
            }
        }
    }

    /** The CPU backend's real environment, looked up once; nulls on any other backend. */
    private static final class CpuEnvironment {

        private static final Object INSTANCE;
        private static final java.lang.reflect.Method IS_USE_ONEDNN;

        static {
            Object instance = null;
            java.lang.reflect.Method method = null;
            try {
                Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                instance = real.getMethod("getInstance").invoke(null);
                method = real.getMethod("isUseONEDNN");
            } catch (ReflectiveOperationException | LinkageError e) {
                // not the CPU backend: no oneDNN
            }
            INSTANCE = instance;
            IS_USE_ONEDNN = method;
        }
    }
}

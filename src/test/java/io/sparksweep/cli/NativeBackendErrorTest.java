package io.sparksweep.cli;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4jBackend;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The chain ND4J throws when its CUDA backend meets a machine without a driver, and errors that are not that. */
class NativeBackendErrorTest {

    @Test
    void aBackendThatCannotLinkIsOneLineNamingTheMissingLibrary() {
        Nd4jBackend.NoAvailableBackendException none = new Nd4jBackend.NoAvailableBackendException(
                "Please ensure that you have an nd4j backend on your classpath.");
        none.addSuppressed(new UnsatisfiedLinkError("/root/.javacpp/cache/libjnicudart.so: libcuda.so.1: cannot open"
                + " shared object file:\nNo such file or directory"));
        ExceptionInInitializerError thrown = new ExceptionInInitializerError(new RuntimeException(none));

        assertEquals(Optional.of("ND4J's native backend did not load (/root/.javacpp/cache/libjnicudart.so: libcuda.so.1:"
                + " cannot open shared object file: No such file or directory); a CUDA build (-Pcuda) needs an NVIDIA"
                + " driver and CUDA 11.6, the default build Linux x86_64"), NativeBackendError.describe(thrown));
    }

    @Test
    void otherLinkageErrorsAreNotMistakenForIt() {
        assertEquals(Optional.empty(), NativeBackendError.describe(new NoClassDefFoundError("com/example/Missing")));
        assertEquals(Optional.empty(), NativeBackendError.describe(
                new ExceptionInInitializerError(new IllegalStateException("bad static state"))));
    }
}

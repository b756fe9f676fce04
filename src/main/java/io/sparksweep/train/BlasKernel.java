package io.sparksweep.train;

import java.util.Optional;

/**
 * Which kernel ND4J's OpenBLAS should run where its own detection does not know the processor. ND4J 1.0.0-M2.1
 * bundles OpenBLAS 0.3.19, older than AMD's family 26 (Zen 5): there it falls back to its "Barcelona" kernel (SSE
 * only), and LeNet-5's dense layers take about half as long again as with an AVX2 or AVX-512 kernel (docs:
 * Performance). OpenBLAS reads {@value #VARIABLE} once, when it loads, so the launcher sets it for the JVM that
 * trains, and only when the user has not.
 */
public final class BlasKernel {

    /** OpenBLAS's own override of its processor detection. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";
    /** The first AMD family that ND4J's OpenBLAS does not recognise. */
    static final int FIRST_UNKNOWN_AMD_FAMILY = 26;

    private BlasKernel() {
    }

    /** @return the kernel to ask for, or empty where OpenBLAS picks a fitting one itself (or none fits) */
    public static Optional<String> forUnrecognised(Processor processor) {
        if (!"AuthenticAMD".equals(processor.vendor()) || processor.family() < FIRST_UNKNOWN_AMD_FAMILY) {
            return Optional.empty();
        }
        if (processor.hasAvx512()) {
            return Optional.of("SkylakeX");
        }
        return processor.hasAvx2() ? Optional.of("Haswell") : Optional.empty();
    }
}

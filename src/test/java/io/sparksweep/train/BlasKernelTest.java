package io.sparksweep.train;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlasKernelTest {

    private static final String ZEN5_FLAGS = "fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx avx2 avx512f avx512dq avx512bw "
            + "avx512vl avx512_bf16";

    private static Processor processor(String vendor, int family, String flags) {
        return Processor.parse(List.of(
                "processor\t: 0",
                "vendor_id\t: " + vendor,
                "cpu family\t: " + family,
                "model\t\t: 2",
                "model name\t: AMD EPYC",
                "flags\t\t: " + flags,
                "",
                "processor\t: 1",
                "flags\t\t: none")).orElseThrow();
    }

    @Test
    void cpuinfoIsReadFromItsFirstEntry() {
        Processor zen5 = processor("AuthenticAMD", 26, ZEN5_FLAGS);
        assertEquals("AMD EPYC (family 26, model 2; AVX-512)", zen5.describe());
        assertTrue(zen5.hasAvx512());
        assertEquals(Optional.empty(), Processor.parse(List.of("processor\t: 0", "flags\t: avx2")),
                "an entry without a model name says nothing useful");
        assertTrue(processor("AuthenticAMD", 26, ZEN5_FLAGS + " avx2 avx512f").hasAvx512(), "a flag named twice is read");
    }

    @Test
    void aProcessorNewerThanNd4jsOpenBlasGetsTheWidestKernelItCanRun() {
        assertEquals(Optional.of("SkylakeX"), BlasKernel.forUnrecognised(processor("AuthenticAMD", 26, ZEN5_FLAGS)));
        assertEquals(Optional.of("Haswell"), BlasKernel.forUnrecognised(processor("AuthenticAMD", 26, "sse2 avx avx2 fma")));
        assertEquals(Optional.empty(), BlasKernel.forUnrecognised(processor("AuthenticAMD", 26, "sse2 avx")),
                "nothing to gain without AVX2");
    }

    @Test
    void processorsOpenBlasKnowsAreLeftToItsOwnChoice() {
        assertEquals(Optional.empty(), BlasKernel.forUnrecognised(processor("AuthenticAMD", 23, "sse2 avx avx2 fma")),
                "Zen 2: OpenBLAS picks its Zen kernel");
        assertEquals(Optional.empty(), BlasKernel.forUnrecognised(processor("AuthenticAMD", 25, ZEN5_FLAGS)),
                "Zen 4");
        assertEquals(Optional.empty(), BlasKernel.forUnrecognised(processor("GenuineIntel", 6, ZEN5_FLAGS)));
    }
}

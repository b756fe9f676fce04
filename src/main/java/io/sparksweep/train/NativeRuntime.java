package io.sparksweep.train;

import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that touches ND4J's process- and thread-global state (RNG, threads, helpers). Everything
 * else in sparksweep passes seeds and settings explicitly.
 */
final class NativeRuntime {

    private NativeRuntime() {
    }

    /**
     * Prepares the calling thread for a run: ND4J's RNG is per thread, and Spark reuses task threads, so
     * it is reseeded at every run start.
     */
    static Map<String, String> prepareRun(long seed, int threads, int device) {
        if (device >= 0) {
            // ND4J binds devices per thread; Spark reuses task threads, so bind at every run start.
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        Nd4j.getRandom().setSeed(seed);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("nd4j.backend", Nd4j.getBackend().getClass().getSimpleName());
        facts.put("nd4j.dataType", Nd4j.dataType().toString());
        facts.put("threads", Integer.toString(threads));
        facts.put("nd4j.device", String.valueOf(Nd4j.getAffinityManager().getDeviceForCurrentThread()));
        return facts;
    }
}

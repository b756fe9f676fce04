package io.sparksweep.train;

import io.sparksweep.model.RunFacts;
import io.sparksweep.model.layers.VectorModule;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that touches ND4J's process- and thread-global state (RNG, threads, device, oneDNN
 * helpers), through {@link NativeAcceleration}. Everything else passes seeds and settings explicitly.
 */
final class NativeRuntime {

    private NativeRuntime() {
    }

    /**
     * Prepares the calling thread for a run, before its network is built: ND4J's RNG, OpenMP threads and
     * device are per thread, and Spark reuses task threads, so all are set again at every run start.
     */
    static Map<String, String> prepareRun(long seed, int threads, int device) {
        NativeAcceleration.enableLayerHelpers();
        if (device >= 0) {
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        NativeAcceleration.useThreadsOnCurrentThread(threads);
        Nd4j.getRandom().setSeed(seed);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(RunFacts.BACKEND, Nd4j.getBackend().getClass().getSimpleName());
        facts.put("nd4j.dataType", Nd4j.dataType().toString());
        facts.put(RunFacts.THREADS, Integer.toString(threads));
        facts.put("nd4j.device", String.valueOf(Nd4j.getAffinityManager().getDeviceForCurrentThread()));
        // 0 = JavaCPP skips its resident-memory check at every native allocation (~3% of a step; set by the launcher)
        facts.put("javacpp.maxPhysicalBytes", Long.toString(Pointer.maxPhysicalBytes()));
        // true = the first conv layer's weight gradient ran on the vector API, which rounds unlike the plain kernel
        facts.put("jdk.vectorModule", Boolean.toString(VectorModule.kernelsApply()));
        return facts;
    }

    /**
     * The calling thread's ND4J RNG position (what dropout draws from next), so a run paused at a checkpoint goes on
     * with the same draws as if it had not paused.
     */
    static long[] randomState() {
        return new long[]{Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};
    }

    /** Puts the calling thread's ND4J RNG back where {@link #randomState} read it. */
    static void restoreRandomState(long[] state) {
        Nd4j.getRandom().setStates(state[0], state[1]);
    }

    /** Whether the network's conv/BN/pool layers really run on oneDNN: all, none or partial. */
    static String helperStatus(MultiLayerNetwork net) {
        NativeAcceleration.HelperReport report = NativeAcceleration.helperReport(net);
        return report.allActive() ? "all" : report.noneActive() ? "none" : "partial";
    }
}

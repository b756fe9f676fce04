package io.sparksweep.train;

import io.sparksweep.model.layers.Dl4jEquivalents;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.LocalResponseNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that touches ND4J/DL4J process-wide native settings: oneDNN layer helpers and threads.
 *
 * <p>Helpers: DL4J M2.1 reads {@value #HELPERS_DISABLE_PROPERTY} (default {@code true}) every time a conv,
 * pooling, batch-norm or LRN layer is constructed, i.e. in {@code MultiLayerNetwork.init()}. So the setting
 * binds per network at init time: a network keeps the helpers it was built with, and flipping the property
 * later only affects networks initialised afterwards. DL4J's oneDNN availability check also needs the
 * shim {@code org.nd4j.nativeblas.Nd4jCpu} shipped in this project.
 *
 * <p>Threads, measured on M2.1 (see results/bench/perf-notes.md): oneDNN convolutions and GEMM run on
 * OpenMP, whose thread count is a per-OS-thread setting ({@code setOmpNumThreads} affects only the calling
 * thread, new threads start from the process default); element-wise ops (ELU, broadcast) run on ND4J's own
 * pool, capped process-wide by {@code maxMasterThreads}. But libnd4j also sizes some parallel loops from
 * {@code Environment.maxThreads}, which is read once from {@code OMP_NUM_THREADS} when the native library
 * loads and cannot be changed afterwards ({@code setMaxThreads} is a no-op in M2.1). So in-process control is
 * partial: a run limited to 1 thread here still kept 2 cores busy for no gain, and two such runs side by side
 * trained 27% slower than with {@code OMP_NUM_THREADS=1} in the JVM's environment. Launchers should set that
 * variable (driver and {@code spark.executorEnv.OMP_NUM_THREADS}); {@link #currentThreadSettings()} shows
 * whether they did.
 */
public final class NativeAcceleration {

    /** DL4J's switch; "true" (its default in M2.1) means no layer helpers at all. */
    public static final String HELPERS_DISABLE_PROPERTY = DL4JSystemProperties.DISABLE_HELPER_PROPERTY;

    private NativeAcceleration() {
    }

    /** Turns oneDNN layer helpers on for networks initialised from now on. Idempotent, thread-safe. */
    public static void enableLayerHelpers() {
        setLayerHelpers(true);
    }

    /**
     * Chooses whether networks initialised from now on get oneDNN layer helpers. The system property is
     * the only state; {@link System#setProperty} is synchronized. Flipping it while another thread is
     * inside {@code init()} gives that network an arbitrary mix, so callers pick one value per process
     * (benchmarks and the equivalence test flip it between sequential inits on purpose).
     */
    public static void setLayerHelpers(boolean enabled) {
        System.setProperty(HELPERS_DISABLE_PROPERTY, Boolean.toString(!enabled));
    }

    /** Whether networks initialised now would get layer helpers (the property, DL4J's default applied). */
    public static boolean layerHelpersRequested() {
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY,
                DL4JSystemProperties.HELPER_DISABLE_DEFAULT_VALUE));
    }

    /**
     * Whether DL4J's own oneDNN check passes: CPU backend, native helpers allowed, oneDNN compiled into
     * the loaded native build. False with a native build without oneDNN, or if the shim is missing (DL4J
     * then remembers the failure for the life of the process).
     */
    public static boolean oneDnnAvailable() {
        return BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * Which layers of an initialised network run through a oneDNN helper. Call after {@code init()};
     * after training, {@link HelperReport#fallbacks()} also tells whether a helper failed at run time and
     * DL4J silently switched that layer to its built-in path.
     */
    public static HelperReport helperReport(MultiLayerNetwork net) {
        DataType dataType = net.getLayerWiseConfigurations().getDataType();
        List<LayerHelperStatus> layers = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (!helperCapable(layer)) {
                continue;
            }
            Object helper = layer.getHelper();
            layers.add(new LayerHelperStatus(layer.getIndex(), layer.getClass().getSimpleName(),
                    helper == null ? null : helper.getClass().getSimpleName(), helperFailures(layer)));
        }
        // The oneDNN helpers return null (= built-in path) for anything but FLOAT, without a trace.
        return new HelperReport(List.copyOf(layers), dataType == DataType.FLOAT);
    }

    private static boolean helperCapable(Layer layer) {
        // Only these layer kinds have oneDNN helpers in M2.1; subclasses (e.g. depthwise conv) do not, except the
        // project's replacements of DL4J's layers, which keep (a subclass of) DL4J's helper for inference and fallbacks.
        Class<?> type = Dl4jEquivalents.runtimeClass(layer);
        return type == ConvolutionLayer.class || type == SubsamplingLayer.class || type == BatchNormalization.class
                || type == LocalResponseNormalization.class;
    }

    /**
     * DL4J counts helper failures in a protected field and then stops using the helper, logging one
     * warning; reading the field is the only way to see that from outside. -1 when it cannot be read.
     */
    private static int helperFailures(Layer layer) {
        for (Class<?> c = layer.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField("helperCountFail");
                f.setAccessible(true);
                return f.getInt(layer);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Sets how many cores ND4J uses for ops issued by the calling thread; call it on the training thread
     * before its first op. The OpenMP part (conv, GEMM) is per thread, so concurrent runs can each set their
     * own. ND4J's element-wise pool cap is process-wide: with several runs in one JVM give them all the same
     * count (the last call wins).
     */
    public static void useThreadsOnCurrentThread(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        nativeOps().setOmpNumThreads(threads);
    }

    /** What the calling thread would use, including the cap fixed at native-library load. */
    public static ThreadSettings currentThreadSettings() {
        int poolMaxThreads = Nd4j.getEnvironment().maxMasterThreads();
        int startupCap = Nd4j.getEnvironment().maxThreads();
        return new ThreadSettings(nativeOps().ompGetMaxThreads(), poolMaxThreads, startupCap);
    }

    private static NativeOps nativeOps() {
        // NativeOpsHolder only works once the backend is loaded, which touching Nd4j does.
        Nd4j.getBackend();
        return NativeOpsHolder.getInstance().getDeviceNativeOps();
    }

    /**
     * @param ompThreads     OpenMP threads of the calling thread (oneDNN conv/pool/BN, GEMM)
     * @param poolMaxThreads ND4J's process-wide cap for its own parallel loops (element-wise ops)
     * @param startupCap     libnd4j's thread count from OMP_NUM_THREADS (or the core count) at library load;
     *                       fixed for the life of the process
     */
    public record ThreadSettings(int ompThreads, int poolMaxThreads, int startupCap) {

        /** True when no layer of ND4J can use more than {@code threads} threads on this thread. */
        public boolean limitedTo(int threads) {
            return ompThreads <= threads && poolMaxThreads <= threads && startupCap <= threads;
        }
    }

    /**
     * @param layerIndex  index of the layer in the network
     * @param layerType   DL4J layer implementation class
     * @param helper      helper class, or null when the layer runs DL4J's built-in Java path
     * @param fallbacks   helper failures since init (DL4J stops using a helper after one), -1 if unknown
     */
    public record LayerHelperStatus(int layerIndex, String layerType, String helper, int fallbacks) {

        public boolean active() {
            return helper != null && fallbacks == 0;
        }
    }

    /**
     * @param layers            every layer of the network that could have a oneDNN helper
     * @param dataTypeSupported the network's data type is FLOAT, the only one the helpers accept
     */
    public record HelperReport(List<LayerHelperStatus> layers, boolean dataTypeSupported) {

        /** True when every helper-capable layer really runs on oneDNN (false for a network with none). */
        public boolean allActive() {
            return dataTypeSupported && !layers.isEmpty() && layers.stream().allMatch(LayerHelperStatus::active);
        }

        public boolean noneActive() {
            return !dataTypeSupported || layers.stream().noneMatch(LayerHelperStatus::active);
        }

        public int fallbacks() {
            return layers.stream().mapToInt(l -> Math.max(0, l.fallbacks())).sum();
        }

        /** One line for provenance records, e.g. "onednn 4/4 layers" or "built-in (data type not FLOAT)". */
        public String summary() {
            long active = layers.stream().filter(LayerHelperStatus::active).count();
            if (!dataTypeSupported && active > 0) {
                return "built-in (data type not FLOAT)";
            }
            if (active == 0) {
                return "built-in";
            }
            return "onednn " + active + "/" + layers.size() + " layers"
                    + (fallbacks() > 0 ? ", " + fallbacks() + " fallbacks" : "");
        }
    }
}

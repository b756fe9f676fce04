package io.sparksweep.model;

import java.util.List;
import java.util.Set;

/**
 * The keys of a run's provenance as its runs row records it: one flat JSON object of strings, which SQL reads with
 * {@code get_json_object} or {@code LIKE}. A saved model's {@link SavedModelProvenance} takes the keys named here into
 * typed fields; any other key of the run goes to its {@code training.facts}.
 */
public final class RunFacts {

    /** The ND4J backend class the run trained on ({@code CpuBackend}). */
    public static final String BACKEND = "nd4j.backend";
    public static final String THREADS = "threads";
    /** Which code applied the optimizer. */
    public static final String UPDATER = "updater";
    /** Fingerprint of the sweep's three splits. */
    public static final String DATA_SHA256 = "data.sha256";
    /** The run's seed. */
    public static final String SEED = "seed";

    // Library versions (from sparksweep-versions.properties) and the platform (Java system properties).
    public static final String SPARKSWEEP = "sparksweep";
    public static final String DL4J = "dl4j";
    public static final String SPARK = "spark";
    public static final String SCALA = "scala";
    public static final String ARBITER = "arbiter";
    public static final String ND4J_CLASSIFIER = "nd4j.classifier";
    public static final String JAVA_VERSION = "java.version";
    public static final String JAVA_VENDOR = "java.vendor";
    public static final String JAVA_VM = "java.vm.name";
    public static final String OS_NAME = "os.name";
    public static final String OS_VERSION = "os.version";
    public static final String OS_ARCH = "os.arch";
    public static final String CPUS = "cpus";

    /** The Java system properties a run's provenance records. */
    public static final List<String> PLATFORM_PROPERTIES = List.of(JAVA_VERSION, JAVA_VENDOR, JAVA_VM, OS_NAME,
            OS_VERSION, OS_ARCH);

    /** The keys a saved model's provenance keeps in typed fields. */
    static final Set<String> TYPED = Set.of(BACKEND, THREADS, UPDATER, DATA_SHA256, SEED, SPARKSWEEP, DL4J, SPARK,
            SCALA, ARBITER, ND4J_CLASSIFIER, JAVA_VERSION, JAVA_VENDOR, JAVA_VM, OS_NAME, OS_VERSION, OS_ARCH, CPUS);

    private RunFacts() {
    }
}

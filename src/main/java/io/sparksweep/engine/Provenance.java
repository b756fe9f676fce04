package io.sparksweep.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.model.RunFacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a number came from: library versions (numerics differ across them), Java, OS and CPU, plus
 * per-run facts. Every run row carries this as one flat JSON object of strings ({@link RunFacts} names the keys that
 * have a meaning of their own), which a saved model's provenance takes apart into typed fields.
 */
public final class Provenance {

    private static final String VERSIONS_RESOURCE = "/sparksweep-versions.properties";
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> platform;

    public Provenance() {
        Map<String, String> facts = new LinkedHashMap<>();
        Properties versions = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(VERSIONS_RESOURCE)) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.stringPropertyNames().stream().sorted().forEach(k -> facts.put(k, versions.getProperty(k)));
        for (String key : RunFacts.PLATFORM_PROPERTIES) {
            facts.put(key, System.getProperty(key));
        }
        facts.put(RunFacts.CPUS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        this.platform = Map.copyOf(facts);
    }

    /** Versions and platform only (the sweep table). */
    public String versionsJson() {
        return toJson(new java.util.TreeMap<>(platform));
    }

    /** Versions, platform and the given run facts (a run row). */
    public String runJson(Map<String, String> runFacts) {
        Map<String, String> all = new java.util.TreeMap<>(platform);
        all.putAll(runFacts);
        return toJson(all);
    }

    private String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}

package io.sparksweep.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Stable trial ids: a short SHA-256 of a canonical text of everything that determines a trial. */
public final class TrialIds {

    private static final int HEX_CHARS = 12;

    private TrialIds() {
    }

    /**
     * @param values hyperparameter values (any order: keys are sorted)
     * @param salt   what else fixes the results: training plan, data fingerprint, network JSON for custom spaces
     */
    public static String of(Map<String, Object> values, String salt) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> canonical.append(k).append('=').append(v).append(';'));
        canonical.append('|').append(salt);
        return sha256Hex(canonical.toString()).substring(0, HEX_CHARS);
    }

    /** Full SHA-256 of a text as hex (also the spec hash of the sweep table). */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}

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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}

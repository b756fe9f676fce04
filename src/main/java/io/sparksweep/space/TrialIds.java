package io.sparksweep.space;

import io.sparksweep.train.TrainingPlan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Stable trial ids: a short SHA-256 of a canonical text of everything that determines a trial. */
public final class TrialIds {

    private static final int HEX_CHARS = 12;
    private static final Pattern SEED = Pattern.compile("\"seed\"\\s*:\\s*-?\\d+");

    private TrialIds() {
    }

    /**
     * The id of a trial hashes exactly what trains, not how the spec spelled it: a code change that alters a
     * family's network, or a changed default of the training plan, gives new ids instead of mixing old runs into
     * new means, and a value written out that equals the default keeps the id.
     *
     * @param plan            the full training plan, every default filled in
     * @param networkJson     the resolved DL4J network configuration (optimizer, learning rate and layers)
     * @param dataFingerprint hash of the prepared data: a trial trained on other data is another trial
     */
    public static String of(TrainingPlan plan, String networkJson, String dataFingerprint) {
        String canonical = "plan=" + plan + ";network=" + withoutSeeds(networkJson) + ";data=" + dataFingerprint;
        return sha256Hex(canonical).substring(0, HEX_CHARS);
    }

    /**
     * DL4J writes a seed into every layer's configuration, the time of day unless set; each run sets its own seed
     * before training, so the configuration's seed never trains and must not make two builds different trials.
     */
    private static String withoutSeeds(String networkJson) {
        return SEED.matcher(networkJson).replaceAll("\"seed\" : 0");
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

package io.sparksweep.train;

import java.util.Locale;
import java.util.Properties;

/**
 * What reduce-on-plateau knows after an epoch; saved inside a model zip ({@link #ZIP_ENTRY}) so a continued run
 * (the next rung of successive halving) goes on with the same rate and the same count.
 *
 * @param learningRate             the rate the next epoch trains with
 * @param bestLoss                 lowest loss seen so far (+infinity before the first epoch)
 * @param epochsWithoutImprovement epochs since the loss last went down, reset by each reduction
 */
public record PlateauState(double learningRate, double bestLoss, int epochsWithoutImprovement) {

    /** A file in the model zip besides DL4J's own entries; DL4J's loader ignores it. */
    static final String ZIP_ENTRY = "sparksweep-plateau.properties";

    String toText() {
        return String.format(Locale.ROOT, "learningRate=%s%nbestLoss=%s%nepochsWithoutImprovement=%d%n",
                Double.toString(learningRate), Double.toString(bestLoss), epochsWithoutImprovement);
    }

    /** @throws IllegalArgumentException if a field is missing or not a number */
    static PlateauState fromText(String text) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text));
            return new PlateauState(Double.parseDouble(p.getProperty("learningRate")),
                    Double.parseDouble(p.getProperty("bestLoss")),
                    Integer.parseInt(p.getProperty("epochsWithoutImprovement")));
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("the saved plateau state is unreadable: " + e.getMessage());
        }
    }
}

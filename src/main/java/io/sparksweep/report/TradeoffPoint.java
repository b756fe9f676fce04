package io.sparksweep.report;

/** What a configuration scores against what it costs to train and to hold. */
public record TradeoffPoint(String trialId, double accuracyMean, double accuracyStd, double trainSecondsMean,
                            long parameters) {
}

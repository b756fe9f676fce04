package io.sparksweep.store;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code promotions} table: a candidate's fate at one rung of successive halving
 * (see decide.HalvingPolicy).
 *
 * @param rung            1 for the first rung
 * @param epochs          epochs every run of the rung has trained by its end
 * @param trialId         the candidate (its trial id without the rung)
 * @param runTrialId      trial id of the candidate's runs at this rung in the runs table
 * @param meanValAccuracy mean over seeds of each run's best-epoch validation accuracy; -Infinity when a run failed
 * @param rank            1 for the best at this rung
 * @param action          the candidate's fate at this rung
 */
public record PromotionRecord(int rung, int epochs, String trialId, String runTrialId, double meanValAccuracy, int rank,
                              Action action) {

    /** The {@code action} column of the promotions table. */
    public enum Action {
        /** Trains on at the next rung. */
        PROMOTED("promoted"),
        /** Stops at this rung. */
        STOPPED("stopped"),
        /** Best at the last rung. */
        WINNER("winner"),
        /** Any other candidate at the last rung. */
        LAST_RUNG("last-rung");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        /** The value in the table. */
        public String label() {
            return label;
        }
    }

    /** This decision as a row of the {@code promotions} table of sweep {@code sweep}. */
    public Row row(String sweep) {
        return RowFactory.create(sweep, rung, epochs, trialId, runTrialId, meanValAccuracy, rank, action.label());
    }
}

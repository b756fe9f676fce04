package io.sparksweep.report;

/**
 * The Spark SQL behind every chart and table of the report, over the views of {@link ReportTables}.
 * The exported notebook embeds these very strings, so what an analyst re-runs is what the report ran.
 *
 * <p>Templates carry Python {@code str.format} placeholders ({@code {top}}, {@code {hp}}) and no other braces,
 * so the notebook fills them with {@code .format(...)} and Java with {@link #topConfigurations} and
 * {@link #hyperparameterEffect}.
 */
public final class ReportQueries {

    /**
     * Trials with at least one successful run, best first. {@code nanvl} because Spark sorts NaN above every
     * number, and a trial whose runs all diverged must not top the board; trial_id breaks ties reproducibly.
     */
    private static final String RANKED_TRIALS = """
            SELECT trial_id FROM summary
            WHERE runs_ok > 0
            ORDER BY nanvl(accuracy_mean, -1.0) DESC NULLS LAST, trial_id""";

    public static final String LEADERBOARD = """
            SELECT * FROM summary
            ORDER BY nanvl(accuracy_mean, -1.0) DESC NULLS LAST, trial_id""";

    /** Mean and spread of per-run test accuracy for each value of one hyperparameter, over all other settings. */
    public static final String HYPERPARAMETER_EFFECT = """
            SELECT s.`{hp}` AS value,
                   avg(r.test_accuracy) AS accuracy_mean,
                   stddev_samp(r.test_accuracy) AS accuracy_std,
                   count(*) AS runs
            FROM runs r JOIN summary s ON r.trial_id = s.trial_id
            WHERE r.status = 'ok'
            GROUP BY s.`{hp}`
            ORDER BY value""";

    /** Per-epoch mean and standard deviation over the successful seeds of the top configurations. */
    public static final String LEARNING_CURVES = "WITH top AS (" + RANKED_TRIALS + "\nLIMIT {top})\n" + """
            SELECT e.trial_id, e.epoch,
                   avg(e.val_accuracy) AS val_accuracy_mean, stddev_samp(e.val_accuracy) AS val_accuracy_std,
                   avg(e.val_loss) AS val_loss_mean, stddev_samp(e.val_loss) AS val_loss_std,
                   avg(e.train_loss) AS train_loss_mean,
                   count(*) AS seeds
            FROM epochs e
            JOIN top t ON e.trial_id = t.trial_id
            JOIN runs r ON r.trial_id = e.trial_id AND r.seed = e.seed AND r.status = 'ok'
            GROUP BY e.trial_id, e.epoch
            ORDER BY e.trial_id, e.epoch""";

    /** Confusion counts of the best configuration, summed over its successful seeds. */
    public static final String BEST_CONFUSION = "WITH best AS (" + RANKED_TRIALS + "\nLIMIT 1)\n" + """
            SELECT c.trial_id, c.actual, c.predicted, sum(c.`count`) AS `count`
            FROM confusion c
            JOIN best b ON c.trial_id = b.trial_id
            JOIN runs r ON r.trial_id = c.trial_id AND r.seed = c.seed AND r.status = 'ok'
            GROUP BY c.trial_id, c.actual, c.predicted
            ORDER BY c.actual, c.predicted""";

    public static final String CLASS_NAMES = """
            SELECT label, first(class_name) AS class_name
            FROM classes
            GROUP BY label
            ORDER BY label""";

    /** What each successful configuration costs against what it scores; the Pareto front is computed on this. */
    public static final String TRADEOFF = """
            SELECT trial_id, accuracy_mean, accuracy_std, train_seconds_mean, parameters
            FROM summary
            WHERE runs_ok > 0
            ORDER BY trial_id""";

    public static final String SWEEP_INFO = "SELECT * FROM sweep";

    public static final String PROBLEM_RUNS = """
            SELECT trial_id, seed, status, error
            FROM runs
            WHERE status <> 'ok'
            ORDER BY trial_id, seed""";

    public static final String RUN_PROVENANCE = """
            SELECT provenance, count(*) AS runs
            FROM runs
            GROUP BY provenance
            ORDER BY runs DESC""";

    public static final String EXECUTORS = """
            SELECT executor, gpu, count(*) AS runs, sum(train_seconds) AS train_seconds
            FROM runs
            GROUP BY executor, gpu
            ORDER BY executor, gpu""";

    private ReportQueries() {
    }

    public static String topConfigurations(String template, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, was " + top);
        }
        return template.replace("{top}", Integer.toString(top));
    }

    public static String hyperparameterEffect(String hyperparameter) {
        if (hyperparameter.contains("`")) {
            throw new IllegalArgumentException("column name with a backtick: " + hyperparameter);
        }
        return HYPERPARAMETER_EFFECT.replace("{hp}", hyperparameter);
    }
}

package io.sparksweep.store;

import io.sparksweep.stats.RankMetric;
import io.sparksweep.stats.Selection;

import java.util.Locale;

/**
 * Column names: every column of the tables, and the one place that turns a camelCase hyperparameter key of the
 * records into its snake_case column ({@code learningRate -> learning_rate}).
 */
public final class ColumnNames {

    private static final String RESERVED_PREFIX = "hp_";

    /**
     * The hyperparameter that picks the model family. Every runs, trials and summary row already has the
     * family in its fixed {@code model} column, so this key gets no hyperparameter column of its own.
     */
    public static final String MODEL_KEY = "model";

    // Every column of the tables, named once: the schemas (TableSchemas) and every Java reader refer to these. SQL
    // text (the report's queries, the docs) spells them out, as a user of the sql command would.

    // The columns that identify a row, shared by most tables.
    public static final String SWEEP = "sweep";
    public static final String TRIAL_ID = "trial_id";
    public static final String MODEL = "model";
    public static final String SEED = "seed";
    public static final String REPEAT = "repeat";
    /** A run's status: a {@link io.sparksweep.run.RunStatus#label()}. */
    public static final String STATUS = "status";
    public static final String ERROR = "error";

    // runs (and reruns): what a run measured. The metric columns are RankMetric's, the one place that names them.
    public static final String TEST_ACCURACY = RankMetric.ACCURACY.column(Selection.TEST);
    public static final String TEST_LOSS = RankMetric.LOSS.column(Selection.TEST);
    public static final String VAL_ACCURACY = RankMetric.ACCURACY.column(Selection.VALIDATION);
    public static final String VAL_LOSS = RankMetric.LOSS.column(Selection.VALIDATION);
    public static final String MACRO_F1 = "macro_f1";
    public static final String WEIGHTED_F1 = "weighted_f1";
    public static final String EPOCHS_TRAINED = "epochs_trained";
    public static final String BEST_EPOCH = "best_epoch";
    public static final String TRAIN_SECONDS = "train_seconds";
    public static final String EXECUTOR = "executor";
    public static final String GPU = "gpu";
    public static final String PROVENANCE = "provenance";
    public static final String FINISHED_AT = "finished_at";

    // trials (and summary): what a configuration is and costs.
    public static final String PARAMETERS = "parameters";
    public static final String FLOPS = "flops";
    public static final String MACS = "macs";
    public static final String COST_JSON = "cost_json";
    public static final String NETWORK_JSON = "network_json";
    public static final String PLAN_JSON = "plan_json";

    // summary: a configuration over its seeds.
    public static final String RUNS_OK = "runs_ok";
    public static final String RUNS_FAILED = "runs_failed";
    public static final String RUNS_DIVERGED = "runs_diverged";
    public static final String ACCURACY_MEAN = "accuracy_mean";
    public static final String ACCURACY_STD = "accuracy_std";
    public static final String ACCURACY_CI95 = "accuracy_ci95";
    public static final String ACCURACY_MIN = "accuracy_min";
    public static final String ACCURACY_MAX = "accuracy_max";
    public static final String LOSS_MEAN = "loss_mean";
    public static final String EPOCHS_MEAN = "epochs_mean";
    public static final String TRAIN_SECONDS_MEAN = "train_seconds_mean";
    public static final String MACRO_F1_MEAN = "macro_f1_mean";

    // epochs, classes, confusion.
    public static final String EPOCH = "epoch";
    public static final String TRAIN_LOSS = "train_loss";
    public static final String SECONDS = "seconds";
    public static final String LABEL = "label";
    public static final String CLASS_NAME = "class_name";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String F1 = "f1";
    public static final String SUPPORT = "support";
    public static final String ACTUAL = "actual";
    public static final String PREDICTED = "predicted";
    public static final String COUNT = "count";

    // predictions: one row per (run, test item).
    public static final String ITEM = "item";
    public static final String P_LABEL = "p_label";
    public static final String P_PREDICTED = "p_predicted";

    // sweep: what was run, when, where.
    public static final String NAME = "name";
    public static final String SPEC_TEXT = "spec_text";
    public static final String SPEC_HASH = "spec_hash";
    public static final String REPEATS = "repeats";
    public static final String STARTED = "started";
    public static final String FINISHED = "finished";
    public static final String SPARK_MASTER = "spark_master";
    public static final String VERSIONS = "versions";
    public static final String ORIGIN = "origin";

    // race and promotions: a search's decisions.
    public static final String SEEDS = "seeds";
    public static final String AFTER_RUNS = "after_runs";
    public static final String ACTION = "action";
    public static final String AGAINST_TRIAL_ID = "against_trial_id";
    public static final String MEAN = "mean";
    public static final String AGAINST_MEAN = "against_mean";
    public static final String P_VALUE = "p_value";
    public static final String THRESHOLD = "threshold";
    public static final String RUNG = "rung";
    public static final String EPOCHS = "epochs";
    public static final String RUN_TRIAL_ID = "run_trial_id";
    public static final String MEAN_VAL_ACCURACY = "mean_val_accuracy";
    public static final String RANK = "rank";

    // reruns.
    public static final String RUN_ID = "run_id";
    public static final String RERUN = "rerun";
    public static final String FULL_TRAIN = "full_train";
    public static final String MAX_EPOCHS = "max_epochs";
    public static final String MODEL_PATH = "model_path";

    private ColumnNames() {
    }

    /**
     * Column of a hyperparameter key, e.g. {@code learningRate -> learning_rate}. A key that would collide
     * with a fixed column (say {@code seed}) gets an {@code hp_} prefix rather than shadowing it.
     */
    public static String hyperparameterColumn(String key) {
        String snake = snakeCase(key);
        return TableSchemas.FIXED_COLUMNS.contains(snake) ? RESERVED_PREFIX + snake : snake;
    }

    static String snakeCase(String camel) {
        if (camel == null || camel.isBlank()) {
            throw new IllegalArgumentException("hyperparameter name is empty");
        }
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean wordStart = Character.isUpperCase(c) && i > 0
                    && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1))
                    || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))
                    && Character.isUpperCase(camel.charAt(i - 1))));
            if (wordStart) {
                out.append('_');
            }
            out.append(c == '-' || c == ' ' || c == '.' ? '_' : c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}

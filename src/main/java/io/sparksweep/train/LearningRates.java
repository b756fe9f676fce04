package io.sparksweep.train;

import io.sparksweep.run.LearningRateSchedule;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's learning-rate schedule at work in the trainer's epoch loop. Step decay is DL4J's own epoch-based
 * {@link StepSchedule} on the optimizer ({@link #configure}): it needs only the network's epoch count, which
 * {@link #beforeEpoch} keeps equal to the epochs already trained, so a continued run is on the same step as an
 * uninterrupted one. Reduce-on-plateau depends on validation losses no DL4J schedule sees, so it lowers the
 * optimizer's rate between epochs itself; its state ({@link PlateauState}) goes into the saved model
 * ({@link SavedModels#zip(MultiLayerNetwork, PlateauState)}) so a continuation picks up where the run stopped.
 */
final class LearningRates {

    private final LearningRateSchedule schedule;
    private final List<Double> rates = new ArrayList<>();
    private PlateauState plateau;

    private LearningRates(LearningRateSchedule schedule, PlateauState plateau) {
        this.schedule = schedule;
        this.plateau = plateau;
    }

    /**
     * Puts a step schedule on every optimizer of a configuration before the network is built; other schedules
     * leave it as it is. The starting rate is each layer's configured one.
     */
    static void configure(MultiLayerConfiguration conf, LearningRateSchedule schedule) {
        if (!(schedule instanceof LearningRateSchedule.Step step)) {
            return;
        }
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            if (layer.getLayer() instanceof BaseLayer base) {
                stepOn(base.getIUpdater(), step);
                stepOn(base.getBiasUpdater(), step);
            }
        }
    }

    private static void stepOn(IUpdater updater, LearningRateSchedule.Step step) {
        if (updater != null && updater.hasLearningRate()) {
            ISchedule decay = new StepSchedule(ScheduleType.EPOCH, updater.getLearningRate(0, 0), step.factor(), step.every());
            updater.setLrAndSchedule(Double.NaN, decay);
        }
    }

    /**
     * @param saved the plateau state a continued run was saved with, or null (a fresh run, or a state saved
     *              before any epoch was judged): the plateau then starts from the network's configured rate
     */
    static LearningRates start(MultiLayerNetwork net, LearningRateSchedule schedule, PlateauState saved) {
        return start(net, schedule, saved, List.of());
    }

    /** @param earlierRates the rates of the epochs a run trained before it paused at a checkpoint */
    static LearningRates start(MultiLayerNetwork net, LearningRateSchedule schedule, PlateauState saved,
                               List<Double> earlierRates) {
        PlateauState plateau = null;
        if (schedule instanceof LearningRateSchedule.Plateau) {
            plateau = saved != null ? saved : new PlateauState(current(net), Double.POSITIVE_INFINITY, 0);
            setRate(net, plateau.learningRate());
        }
        LearningRates rates = new LearningRates(schedule, plateau);
        rates.rates.addAll(earlierRates);
        return rates;
    }

    /** The rate each epoch so far trained with, in order. */
    List<Double> epochRates() {
        return List.copyOf(rates);
    }

    /** Numbers the network's epoch (0-based, as DL4J's schedules count) and notes the rate this epoch trains with. */
    void beforeEpoch(MultiLayerNetwork net, int epoch) {
        net.setEpochCount(epoch - 1);
        rates.add(current(net));
    }

    /**
     * Judges an epoch for reduce-on-plateau (other schedules ignore it).
     *
     * @param loss the epoch's validation loss, or its training loss when the run has no validation split
     */
    void afterEpoch(MultiLayerNetwork net, double loss) {
        if (!(schedule instanceof LearningRateSchedule.Plateau p)) {
            return;
        }
        if (loss < plateau.bestLoss()) {
            plateau = new PlateauState(plateau.learningRate(), loss, 0);
            return;
        }
        int waited = plateau.epochsWithoutImprovement() + 1;
        if (waited < p.patience()) {
            plateau = new PlateauState(plateau.learningRate(), plateau.bestLoss(), waited);
            return;
        }
        double lowered = Math.max(plateau.learningRate() * p.factor(), p.min());
        plateau = new PlateauState(lowered, plateau.bestLoss(), 0);
        setRate(net, lowered);
    }

    /** The plateau state to save with the model; null for the schedules that have none. */
    PlateauState plateauState() {
        return plateau;
    }

    /** Provenance: the schedule and the rate each epoch of this call trained with. */
    void describe(Map<String, String> runtime) {
        runtime.put("lr.schedule", schedule.text());
        StringBuilder out = new StringBuilder();
        for (double rate : rates) {
            out.append(out.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", rate));
        }
        runtime.put("lr.epochs", out.toString());
    }

    /** The rate the optimizer applies at the network's current iteration and epoch (first parameter with a rate). */
    static double current(MultiLayerNetwork net) {
        Updater updater = net.getUpdater();
        if (updater instanceof BaseMultiLayerUpdater<?> blocks) {
            for (UpdaterBlock block : blocks.getUpdaterBlocks()) {
                IUpdater config = block.getGradientUpdater().getConfig();
                if (config.hasLearningRate()) {
                    return config.getLearningRate(net.getIterationCount(), net.getEpochCount());
                }
            }
        }
        return Double.NaN;
    }

    /**
     * Sets a constant rate on every optimizer: the layer configurations (what a saved model keeps) and the
     * updater's own configurations (what the next step applies; DL4J shares them with the layers, this does not
     * rely on it).
     */
    private static void setRate(MultiLayerNetwork net, double rate) {
        for (NeuralNetConfiguration conf : net.getLayerWiseConfigurations().getConfs()) {
            setRate(conf, rate);
        }
        for (Layer layer : net.getLayers()) {
            setRate(layer.conf(), rate);
        }
        if (net.getUpdater() instanceof BaseMultiLayerUpdater<?> blocks) {
            for (UpdaterBlock block : blocks.getUpdaterBlocks()) {
                IUpdater config = block.getGradientUpdater().getConfig();
                if (config.hasLearningRate()) {
                    config.setLrAndSchedule(rate, null);
                }
            }
        }
    }

    private static void setRate(NeuralNetConfiguration conf, double rate) {
        if (conf != null && conf.getLayer() instanceof BaseLayer base) {
            for (IUpdater updater : new IUpdater[]{base.getIUpdater(), base.getBiasUpdater()}) {
                if (updater != null && updater.hasLearningRate()) {
                    updater.setLrAndSchedule(rate, null);
                }
            }
        }
    }
}

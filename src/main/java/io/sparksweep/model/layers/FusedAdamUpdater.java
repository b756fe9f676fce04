package io.sparksweep.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.MultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DL4J's updater for networks trained with Adam, in one pass over the whole flattened gradient: one copy in, one
 * Java loop ({@link AdamKernel}) that divides by the minibatch size and applies Adam, one copy out. DL4J's own
 * {@link MultiLayerUpdater} takes ~1.1 ms per LeNet-5 step for the same work: a division and an Adam op per block,
 * and because {@code DefaultGradient.gradient()} returns a fresh reshape, it always takes its "external gradient"
 * path, which builds four views per parameter per step (each a native shape buffer the garbage collector has to
 * track: ~40% of the ND4J buffers a LeNet-5 step allocates).
 * <p>
 * The moments live on the heap, indexed like the gradient; DL4J's state array is brought up to date whenever someone
 * asks for it ({@link #getStateViewArray()}), so saving or cloning a network sees the same state as with DL4J's
 * updater. Networks with regularisation, gradient clipping or another optimizer keep DL4J's updater
 * ({@link #install}).
 */
public final class FusedAdamUpdater extends MultiLayerUpdater {

    /** One updater block of DL4J: a parameter range with one optimizer configuration. */
    private record Block(int from, int to, int stateFrom, Adam adam, List<Range> ranges) {
    }

    /** A run of parameters in a block that is divided by the minibatch size, or not (batch-norm statistics). */
    private record Range(int from, int to, boolean divide) {
    }

    private final List<Block> blocks;
    private final INDArray flatGradient;
    private final float[] heapGradient;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final boolean divideByMinibatch;
    private long fusedUpdates;

    private FusedAdamUpdater(MultiLayerNetwork network) {
        super(network);
        this.flatGradient = network.getFlattenedGradients();
        int n = (int) flatGradient.length();
        this.heapGradient = new float[n];
        this.firstMoment = new float[n];
        this.secondMoment = new float[n];
        this.divideByMinibatch = network.conf().isMiniBatch();
        List<Block> plan = new ArrayList<>();
        for (UpdaterBlock block : updaterBlocks) {
            IUpdater config = block.getGradientUpdater().getConfig();
            plan.add(new Block(block.getParamOffsetStart(), block.getParamOffsetEnd(), block.getUpdaterViewOffsetStart(),
                    config instanceof Adam adam ? adam : null, ranges(block)));
        }
        this.blocks = List.copyOf(plan);
        loadState();
    }

    /**
     * Gives {@code network} this updater when every parameter is trained by plain Adam or left to DL4J's {@code NoOp}
     * (batch-norm statistics), with no regularisation and no gradient normalisation; otherwise leaves DL4J's.
     * Call after {@code init()} and before the first fit.
     *
     * @return the updater installed, if any
     */
    public static Optional<FusedAdamUpdater> install(MultiLayerNetwork network) {
        if (whyNot(network).isPresent()) {
            return Optional.empty();
        }
        FusedAdamUpdater updater = new FusedAdamUpdater(network);
        network.setUpdater(updater);
        return Optional.of(updater);
    }

    /** Why {@link #install} would keep DL4J's updater for this network; empty when it would not. */
    public static Optional<String> whyNot(MultiLayerNetwork network) {
        if (network.getFlattenedGradients() == null) {
            network.initGradientsView(); // what DL4J does on the first fit; the updater needs the array now
        }
        INDArray flat = network.getFlattenedGradients();
        if (flat == null || flat.length() == 0 || !HostArrays.supported(flat) || !HostArrays.isDense(flat)) {
            return Optional.of("gradient array is not one dense FLOAT buffer");
        }
        boolean anyAdam = false;
        for (Layer layer : network.getLayers()) {
            TrainingConfig config = layer.getConfig();
            if (layer.numParams() == 0) {
                continue;
            }
            GradientNormalization normalization = config.getGradientNormalization();
            if (normalization != null && normalization != GradientNormalization.None) {
                return Optional.of("layer " + layer.getIndex() + " has gradient normalization " + normalization);
            }
            for (String param : layer.paramTable(false).keySet()) {
                IUpdater updater = config.getUpdaterByParam(param);
                // A rate schedule is fine: the kernel asks Adam for the rate of each iteration and epoch.
                boolean plainAdam = updater instanceof Adam;
                if (!plainAdam && !(updater instanceof NoOp)) {
                    return Optional.of("parameter " + layer.getIndex() + "_" + param + " uses " + updater);
                }
                anyAdam |= plainAdam;
                if (config.getRegularizationByParam(param) != null && !config.getRegularizationByParam(param).isEmpty()) {
                    return Optional.of("parameter " + layer.getIndex() + "_" + param + " is regularised");
                }
            }
        }
        return anyAdam ? Optional.empty() : Optional.of("no parameter uses Adam");
    }

    /** Updates done by the Java loop, for tests: a network that fell back to DL4J's path counts none. */
    public long fusedUpdates() {
        return fusedUpdates;
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        INDArray given = gradient.gradient();
        if (!sameMemory(given, flatGradient)) {
            // A gradient computed elsewhere (DL4J's "external" case): DL4J knows how to handle it.
            syncStateToDl4j();
            super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
            loadState();
            return;
        }
        HostArrays.read(flatGradient, heapGradient);
        float batch = divideByMinibatch ? batchSize : 1f;
        for (Block block : blocks) {
            for (Range range : block.ranges()) {
                float divisor = range.divide() ? batch : 1f;
                if (block.adam() != null) {
                    Adam adam = block.adam();
                    AdamKernel.step(heapGradient, firstMoment, secondMoment, range.from(), range.to(), divisor,
                            adam.getLearningRate(iteration, epoch), adam.getBeta1(), adam.getBeta2(), adam.getEpsilon(),
                            iteration);
                } else if (divisor != 1f) {
                    AdamKernel.divide(heapGradient, range.from(), range.to(), divisor);
                }
            }
        }
        HostArrays.write(heapGradient, flatGradient);
        fusedUpdates++;
    }

    @Override
    public INDArray getStateViewArray() {
        syncStateToDl4j();
        return super.getStateViewArray();
    }

    @Override
    public synchronized INDArray getStateViewArrayCopy() {
        syncStateToDl4j();
        return super.getStateViewArrayCopy();
    }

    @Override
    public void setStateViewArray(INDArray viewArray) {
        super.setStateViewArray(viewArray);
        loadState();
    }

    @Override
    public void setStateViewArray(Trainable layer, INDArray viewArray, boolean initialize) {
        super.setStateViewArray(layer, viewArray, initialize);
        loadState();
    }

    /** DL4J keeps each Adam block's state as [m | v] at the block's offset in the state array. */
    private synchronized void syncStateToDl4j() {
        if (blocks == null) {
            return; // called by DL4J's constructor, before this one has run
        }
        INDArray state = updaterStateViewArray.reshape(updaterStateViewArray.length());
        for (Block block : blocks) {
            if (block.adam() == null) {
                continue;
            }
            int n = block.to() - block.from();
            state.get(NDArrayIndex.interval(block.stateFrom(), block.stateFrom() + n))
                    .assign(Nd4j.createFromArray(copy(firstMoment, block.from(), n)));
            state.get(NDArrayIndex.interval(block.stateFrom() + n, block.stateFrom() + 2L * n))
                    .assign(Nd4j.createFromArray(copy(secondMoment, block.from(), n)));
        }
    }

    private synchronized void loadState() {
        if (blocks == null || updaterStateViewArray == null) {
            return;
        }
        float[] state = HostArrays.read(updaterStateViewArray, null);
        for (Block block : blocks) {
            if (block.adam() == null) {
                continue;
            }
            int n = block.to() - block.from();
            System.arraycopy(state, block.stateFrom(), firstMoment, block.from(), n);
            System.arraycopy(state, block.stateFrom() + n, secondMoment, block.from(), n);
        }
    }

    private static float[] copy(float[] values, int from, int n) {
        float[] out = new float[n];
        System.arraycopy(values, from, out, 0, n);
        return out;
    }

    private static List<Range> ranges(UpdaterBlock block) {
        List<Range> out = new ArrayList<>();
        for (UpdaterBlock.ParamState param : block.getLayersAndVariablesInBlock()) {
            boolean divide = param.getLayer().updaterDivideByMinibatch(param.getParamName());
            int from = param.getParamOffsetStart();
            int to = param.getParamOffsetEnd();
            Range last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.divide() == divide && last.to() == from) {
                out.set(out.size() - 1, new Range(last.from(), to, divide));
            } else {
                out.add(new Range(from, to, divide));
            }
        }
        return List.copyOf(out);
    }

    private static boolean sameMemory(INDArray a, INDArray b) {
        return a == b || (a != null && a.length() == b.length() && a.data().offset() == b.data().offset()
                && a.offset() == b.offset() && a.data().address() == b.data().address());
    }
}

package io.sparksweep.model;

/**
 * Everything a model family needs to build one network. Training-loop settings (batch size, shuffle,
 * patience, epochs) are not here: they do not change the network.
 *
 * @param family       model family name, see {@link ModelFamily}
 * @param optimizer    adam | sgd | nesterovs | rmsprop
 * @param learningRate optimizer step size, > 0
 * @param dropout      probability of dropping a unit in the dense block, in [0, 1)
 * @param kernelSize   kernel size of the conv layers; {@link #FAMILY_DEFAULT} keeps the family's own
 * @param filters      filters of the first conv layer, later conv layers scale in proportion;
 *                     {@link #FAMILY_DEFAULT} keeps the family's own
 * @param stride       stride of the strided conv layers (family "stride" only); {@link #FAMILY_DEFAULT} = 1
 * @param l2           L2 weight decay, >= 0
 */
public record ModelSettings(String family, String optimizer, double learningRate, double dropout,
                            int kernelSize, int filters, int stride, double l2) {

    /** Marks an integer setting that the family chooses itself. */
    public static final int FAMILY_DEFAULT = 0;

    public static ModelSettings defaults(String family) {
        return new ModelSettings(family, "adam", 1e-3, 0.0, FAMILY_DEFAULT, FAMILY_DEFAULT, FAMILY_DEFAULT, 0.0);
    }
}

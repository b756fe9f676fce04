package io.sparksweep.model.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The {@link InputGradientKernel} on the JDK's vector API: each weight gradient is a dot product of an output
 * gradient plane with a shifted input plane, kept in vector registers. The plain kernel has to pile its products up
 * element-wise in memory (C2 vectorises no float reduction), one accumulator row per weight, and those rows (0.5 MB
 * for LeNet-5's first layer) stream through the L2 cache for every image.
 *
 * <p>Per image the input is copied {@code kW} times, copy {@code v} holding the zero-padded image from column
 * {@code v} on, each {@code outW} wide: then input element {@code (y + u, x + v)} sits at the same offset in copy
 * {@code v}, counted from row {@code u}, as {@code dy[y, x]} does in its plane, so one flat loop over a plane serves
 * every kernel row and column with aligned indices. The {@code kW} dot products of a kernel row share each load of
 * {@code dy}. A plane's last partial vector is read ending at the plane's end, its lanes already counted weighted by 0
 * (outside the loops: a vector chosen by a condition inside one costs an allocation per round in this JDK).
 * Products are summed in float per image and plane (at most a few hundred terms a lane), the images in double.
 *
 * <p>The class may only be loaded where the module is present ({@link InputGradientKernel#create}).
 */
final class VectorInputConvolutionKernel implements InputGradientKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private final FirstLayerShape shape;
    /** Elements of an output plane: the bound of every loop below, so a field rather than read from the shape. */
    private final int span;
    /** Where a plane's last, partial vector starts; -1 when whole vectors cover it. */
    private final int tailStart;
    /** 0 for the lanes of the last vector that an earlier vector already counted, 1 for the rest. */
    private final float[] tailWeights = new float[LANES];
    private final ShiftedCopies copies;
    /** {@link ShiftedCopies#copyLength()}: where copy {@code v} starts. */
    private final int copyLength;
    private final double[] weightSums;
    private final double[] biasSums;

    private VectorInputConvolutionKernel(FirstLayerShape shape) {
        this.shape = shape;
        this.span = shape.span();
        int whole = span / LANES * LANES;
        this.tailStart = whole == span ? -1 : span - LANES;
        for (int i = 0; i < LANES; i++) {
            tailWeights[i] = tailStart + i >= whole ? 1f : 0f;
        }
        this.copies = new ShiftedCopies(shape, 0);
        this.copyLength = copies.copyLength();
        this.weightSums = new double[shape.outputs() * shape.kH() * shape.kW()];
        this.biasSums = new double[shape.outputs()];
    }

    /** Whether an output plane of this size holds at least one vector. */
    static boolean handles(FirstLayerShape shape) {
        return shape.span() >= LANES;
    }

    static InputGradientKernel create(FirstLayerShape shape) {
        return new VectorInputConvolutionKernel(shape);
    }

    @Override
    public FirstLayerShape shape() {
        return shape;
    }

    @Override
    public void gradients(float[] x, int n, int inH, int inW, float[] dy, int padTop, int padLeft, float[] dW,
                          float[] db) {
        int outputs = shape.outputs();
        int kH = shape.kH();
        int kW = shape.kW();
        int outW = shape.outW();
        Arrays.fill(weightSums, 0);
        Arrays.fill(biasSums, 0);
        for (int b = 0; b < n; b++) {
            copies.fill(x, b, inH, inW, padTop, padLeft);
            for (int o = 0; o < outputs; o++) {
                int plane = (b * outputs + o) * span;
                biasSums[o] += sum(dy, plane);
                for (int u = 0; u < kH; u++) {
                    int first = (o * kH + u) * kW;
                    int row = u * outW;
                    if (kW == 5) {
                        fiveDots(dy, plane, row, first);
                    } else if (kW == 3) {
                        threeDots(dy, plane, row, first);
                    } else {
                        for (int v = 0; v < kW; v++) {
                            weightSums[first + v] += dot(dy, plane, v * copyLength + row);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < weightSums.length; i++) {
            dW[i] = (float) weightSums[i];
        }
        for (int o = 0; o < outputs; o++) {
            db[o] = (float) biasSums[o];
        }
    }

    private double sum(float[] dy, int plane) {
        FloatVector s = FloatVector.zero(SPECIES);
        for (int i = 0; i <= span - LANES; i += LANES) {
            s = s.add(FloatVector.fromArray(SPECIES, dy, plane + i));
        }
        double total = s.reduceLanes(VectorOperators.ADD);
        if (tailStart >= 0) {
            total += FloatVector.fromArray(SPECIES, dy, plane + tailStart)
                    .mul(FloatVector.fromArray(SPECIES, tailWeights, 0)).reduceLanes(VectorOperators.ADD);
        }
        return total;
    }

    private double dot(float[] dy, int plane, int at) {
        float[] shifted = copies.values();
        FloatVector a = FloatVector.zero(SPECIES);
        for (int i = 0; i <= span - LANES; i += LANES) {
            a = FloatVector.fromArray(SPECIES, dy, plane + i).fma(FloatVector.fromArray(SPECIES, shifted, at + i), a);
        }
        return a.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, at);
    }

    /** The partial last vector's share of a dot product (0 when whole vectors cover the plane). */
    private double tailDot(float[] dy, int plane, int at) {
        if (tailStart < 0) {
            return 0;
        }
        return FloatVector.fromArray(SPECIES, dy, plane + tailStart).mul(FloatVector.fromArray(SPECIES, tailWeights, 0))
                .mul(FloatVector.fromArray(SPECIES, copies.values(), at + tailStart)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * One kernel row of a 5-wide kernel (LeNet-5's): five independent sums, so the multiply-adds overlap. One method
     * per kernel width the families use, because the sums must be separate locals for the JIT to keep them in
     * registers (an array of vectors costs an allocation per round); other widths take {@link #dot} per column.
     */
    private void fiveDots(float[] dy, int plane, int row, int first) {
        float[] shifted = copies.values();
        int c = copyLength;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        for (int i = 0; i <= span - LANES; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, dy, plane + i);
            int p = row + i;
            a0 = d.fma(FloatVector.fromArray(SPECIES, shifted, p), a0);
            a1 = d.fma(FloatVector.fromArray(SPECIES, shifted, c + p), a1);
            a2 = d.fma(FloatVector.fromArray(SPECIES, shifted, 2 * c + p), a2);
            a3 = d.fma(FloatVector.fromArray(SPECIES, shifted, 3 * c + p), a3);
            a4 = d.fma(FloatVector.fromArray(SPECIES, shifted, 4 * c + p), a4);
        }
        weightSums[first] += a0.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, row);
        weightSums[first + 1] += a1.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, c + row);
        weightSums[first + 2] += a2.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, 2 * c + row);
        weightSums[first + 3] += a3.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, 3 * c + row);
        weightSums[first + 4] += a4.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, 4 * c + row);
    }

    /** One kernel row of a 3-wide kernel (the VGG-like families'), as {@link #fiveDots}. */
    private void threeDots(float[] dy, int plane, int row, int first) {
        float[] shifted = copies.values();
        int c = copyLength;
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        for (int i = 0; i <= span - LANES; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, dy, plane + i);
            int p = row + i;
            a0 = d.fma(FloatVector.fromArray(SPECIES, shifted, p), a0);
            a1 = d.fma(FloatVector.fromArray(SPECIES, shifted, c + p), a1);
            a2 = d.fma(FloatVector.fromArray(SPECIES, shifted, 2 * c + p), a2);
        }
        weightSums[first] += a0.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, row);
        weightSums[first + 1] += a1.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, c + row);
        weightSums[first + 2] += a2.reduceLanes(VectorOperators.ADD) + tailDot(dy, plane, 2 * c + row);
    }
}

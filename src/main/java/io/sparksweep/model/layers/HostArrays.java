package io.sparksweep.model.layers;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves float NDArrays to and from Java heap arrays with one bulk copy each (a memcpy: ~0.1 ms for a LeNet-5 layer's
 * 301k floats), so the project's Java kernels can run fused loops that ND4J's one-op-per-pass API cannot.
 */
final class HostArrays {

    private HostArrays() {
    }

    /** The JVM property that switches the Java kernels off, to compare with DL4J's own code paths. */
    public static final String KERNELS_SWITCH = "sparksweep.javaKernels";

    /**
     * Whether the Java kernels may run at all: only on the CPU backend (a CUDA buffer's host pointer may be stale, so
     * GPU runs keep DL4J's code), and not when {@code -Dsparksweep.javaKernels=false} says so.
     */
    static boolean kernelsEnabled() {
        return Backend.KERNELS;
    }

    /** Whether the Java kernels can take this array: kernels enabled, FLOAT, at most 2^31-1 elements. */
    static boolean supported(INDArray array) {
        return Backend.KERNELS && array.dataType() == DataType.FLOAT && array.length() < Integer.MAX_VALUE;
    }

    /** Fixed once ND4J's backend has loaded. */
    private static final class Backend {
        static final boolean KERNELS = Nd4j.getEnvironment().isCPU()
                && !"false".equalsIgnoreCase(System.getProperty(KERNELS_SWITCH));
    }

    /**
     * The array's elements in C order, in {@code reuse} when it has the right length, else in a new array: one bulk
     * copy when the array is {@linkplain #isDense dense} (views into the network's parameters included), else from a
     * C-order copy.
     */
    static float[] read(INDArray array, float[] reuse) {
        INDArray dense = dense(array);
        int n = (int) dense.length();
        float[] target = sized(reuse, n);
        pointer(dense).get(target, 0, n);
        return target;
    }

    /** {@code reuse} when it has {@code length} elements, else a new array of that length. */
    static float[] sized(float[] reuse, long length) {
        return reuse != null && reuse.length == length ? reuse : new float[(int) length];
    }

    /**
     * Copies {@code values}, in C order, into {@code target} of the same length: one bulk copy when the target is
     * {@linkplain #isDense dense} (the layers' outputs and gradients, and views into the network's flattened
     * parameters and gradients), else through ND4J.
     */
    static void write(float[] values, INDArray target) {
        if (target.length() != values.length) {
            throw new IllegalArgumentException("expected " + values.length + " elements, got "
                    + target.shapeInfoToString());
        }
        if (isDense(target)) {
            pointer(target).put(values, 0, values.length);
        } else {
            target.assign(Nd4j.createFromArray(values).reshape('c', target.shape()));
        }
    }

    /** The array itself when it is {@linkplain #isDense dense}, else a C-order copy. */
    static INDArray dense(INDArray array) {
        return isDense(array) ? array : array.dup('c');
    }

    /**
     * Its elements, in C order, are the first {@code length()} of its buffer, counted from the buffer's address. A
     * view into a larger array (a layer's parameters or their gradients) qualifies: ND4J gives a view a buffer of its
     * own that starts at the view's offset (and a view at offset 0 the parent's buffer). Not ND4J's
     * {@code Shape.hasDefaultStridesForShape}, which rejects C-order strides of size-1 dimensions (a dense layer's
     * [n, c, 1, 1] batch-norm input, a [1, n] parameter row), nor {@code isView()}, which is true for a plain reshape.
     */
    static boolean isDense(INDArray array) {
        if (array.offset() != array.data().offset() || array.data().length() < array.length()) {
            return false;
        }
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** The address of a {@linkplain #isDense dense} array's first element, for native code that takes C order. */
    static Pointer address(INDArray dense) {
        if (!isDense(dense)) {
            throw new IllegalArgumentException("not dense: " + dense.shapeInfoToString());
        }
        return pointer(dense);
    }

    private static FloatPointer pointer(INDArray dense) {
        Pointer p = dense.data().addressPointer();
        return p instanceof FloatPointer f ? f : new FloatPointer(p);
    }
}

package io.sparksweep.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Heap copies of NDArrays: C order whatever the array's layout, and writes only into whole C-order buffers. */
class HostArraysTest {

    @Test
    void readsEveryLayoutInCOrder() {
        INDArray base = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 2, 3, 4);
        float[] expected = base.dup('c').data().asFloat();
        assertArrayEquals(expected, HostArrays.read(base, null));
        assertArrayEquals(expected, HostArrays.read(base.dup('f'), null), "F order");
        INDArray permuted = base.permute(2, 0, 1);
        assertArrayEquals(permuted.dup('c').data().asFloat(), HostArrays.read(permuted, null), "permuted view");
        INDArray slice = base.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1));
        assertArrayEquals(slice.dup('c').data().asFloat(), HostArrays.read(slice, null), "view with an offset");
    }

    @Test
    void reusesTheGivenArrayWhenTheLengthFits() {
        float[] reuse = new float[6];
        assertSame(reuse, HostArrays.read(Nd4j.ones(DataType.FLOAT, 2, 3), reuse));
        assertEquals(7, HostArrays.read(Nd4j.ones(DataType.FLOAT, 7), reuse).length);
    }

    @Test
    void writesIntoDenseArraysIncludingSizeOneDimensions() {
        // A dense layer's batch-norm activations as DL4J reshapes them: [n, c, 1, 1].
        INDArray target = Nd4j.createUninitialized(DataType.FLOAT, new long[] {4, 3, 1, 1}, 'c');
        float[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        HostArrays.write(values, target);
        assertArrayEquals(values, target.data().asFloat());
        INDArray reshaped = Nd4j.create(DataType.FLOAT, 4, 3).reshape('c', 4, 3, 1, 1);
        HostArrays.write(values, reshaped);
        assertEquals(12f, reshaped.getFloat(3, 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> HostArrays.write(values, Nd4j.create(DataType.FLOAT, 4, 3)
                .transpose()), "a transposed view is not C order");
        assertThrows(IllegalArgumentException.class, () -> HostArrays.write(new float[5], target), "length");
    }
}

package io.sparksweep.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Heap copies of NDArrays, both ways: C order whatever the array's layout, in place in views into larger arrays. */
class HostArraysTest {

    @Test
    void readsEveryLayoutInCOrder() {
        INDArray base = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('c', 2, 3, 4);
        float[] expected = base.dup('c').data().asFloat();
        assertArrayEquals(expected, HostArrays.read(base, null));
        assertArrayEquals(expected, HostArrays.read(base.dup('f'), null), "F order");
        INDArray permuted = base.permute(2, 0, 1);
        assertArrayEquals(permuted.dup('c').data().asFloat(), HostArrays.read(permuted, null), "permuted view");
        INDArray slice = base.get(NDArrayIndex.point(1));
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
        INDArray transposed = Nd4j.create(DataType.FLOAT, 3, 4).transpose();
        HostArrays.write(values, transposed);
        assertEquals(6f, transposed.getFloat(1, 2), "a transposed view, written in its own C order");
        assertThrows(IllegalArgumentException.class, () -> HostArrays.write(new float[5], target), "length");
    }

    @Test
    void readsAndWritesParameterViewsInPlace() {
        // As DL4J lays out a layer's parameters: views into one flattened [1, n] row, reshaped to the layer's shapes.
        INDArray flat = Nd4j.arange(40).castTo(DataType.FLOAT).reshape('c', 1, 40);
        INDArray weights = flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(10, 34))
                .reshape('c', 6, 1, 2, 2);
        INDArray bias = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(34, 40));
        assertArrayEquals(new float[] {34, 35, 36, 37, 38, 39}, HostArrays.read(bias, null));
        assertEquals(10f, HostArrays.read(weights, null)[0]);
        assertEquals(33f, HostArrays.read(weights, null)[23]);

        float[] newWeights = new float[24];
        Arrays.fill(newWeights, -1f);
        newWeights[23] = -2f;
        HostArrays.write(newWeights, weights);
        HostArrays.write(new float[] {7, 7, 7, 7, 7, 8}, bias);
        float[] all = flat.data().asFloat();
        assertEquals(9f, all[9], "before the weights: untouched");
        assertEquals(-1f, all[10]);
        assertEquals(-2f, all[33]);
        assertEquals(7f, all[34]);
        assertEquals(8f, all[39]);
        assertEquals(-2f, weights.getFloat(5, 0, 1, 1), "the view sees the write");
        // A view at the start of its parent shares the parent's (longer) buffer.
        INDArray first = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 4));
        assertArrayEquals(new float[] {0, 1, 2, 3}, HostArrays.read(first, null));
        HostArrays.write(new float[] {5, 5, 5, 5}, first);
        assertEquals(5f, flat.getFloat(0, 3));
        assertEquals(4f, flat.getFloat(0, 4), "after the view: untouched");
    }

    @Test
    void stridedViewsGoThroughNd4j() {
        INDArray matrix = Nd4j.arange(12).castTo(DataType.FLOAT).reshape('c', 3, 4);
        INDArray column = matrix.getColumn(1);
        assertArrayEquals(new float[] {1, 5, 9}, HostArrays.read(column, null));
        HostArrays.write(new float[] {-1, -5, -9}, column);
        assertArrayEquals(new float[] {0, -1, 2, 3, 4, -5, 6, 7, 8, -9, 10, 11}, matrix.data().asFloat());
        assertThrows(IllegalArgumentException.class, () -> HostArrays.write(new float[2], column), "length");
    }
}

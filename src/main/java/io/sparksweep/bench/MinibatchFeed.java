package io.sparksweep.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Endless sequence of full minibatches over a shuffled copy of the data, epoch after epoch. */
final class MinibatchFeed {

    private static final int CLASSES = 10;

    private final LabelledImages data;
    private final int batchSize;
    private final DataType dataType;
    private final int[] order;
    private final int batchesPerEpoch;
    private final List<DataSet> prebuilt;
    private long step;

    private final boolean channelsLast;

    MinibatchFeed(LabelledImages data, int batchSize, DataType dataType, boolean channelsLast, BatchSource source,
                  long seed) {
        this.data = data;
        this.channelsLast = channelsLast;
        this.batchSize = batchSize;
        this.dataType = dataType;
        this.order = shuffledIndices(data.count(), seed);
        this.batchesPerEpoch = data.count() / batchSize;
        if (batchesPerEpoch == 0) {
            throw new IllegalArgumentException("fewer examples than one batch");
        }
        if (source == BatchSource.PREBUILT) {
            List<DataSet> all = new ArrayList<>(batchesPerEpoch);
            for (int b = 0; b < batchesPerEpoch; b++) {
                all.add(build(b));
            }
            this.prebuilt = List.copyOf(all);
        } else {
            this.prebuilt = null;
        }
    }

    DataSet next() {
        int b = (int) (step++ % batchesPerEpoch);
        return prebuilt != null ? prebuilt.get(b) : build(b);
    }

    private DataSet build(int batch) {
        int size = data.imageSize();
        float[] features = new float[batchSize * size];
        float[] labels = new float[batchSize * CLASSES];
        for (int i = 0; i < batchSize; i++) {
            int example = order[batch * batchSize + i];
            System.arraycopy(data.pixels(), example * size, features, i * size, size);
            labels[i * CLASSES + data.labels()[example]] = 1f;
        }
        // One channel: NCHW and NHWC hold the same bytes, only the shape differs.
        long[] shape = channelsLast ? new long[]{batchSize, data.rows(), data.cols(), 1}
                : new long[]{batchSize, 1, data.rows(), data.cols()};
        INDArray x = Nd4j.create(features, shape, 'c');
        INDArray y = Nd4j.create(labels, new long[]{batchSize, CLASSES}, 'c');
        if (dataType != DataType.FLOAT) {
            x = x.castTo(dataType);
            y = y.castTo(dataType);
        }
        return new DataSet(x, y);
    }

    private static int[] shuffledIndices(int n, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }
}

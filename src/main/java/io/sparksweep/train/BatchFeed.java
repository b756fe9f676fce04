package io.sparksweep.train;

import io.sparksweep.run.Augmentation;
import io.sparksweep.data.ImageSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Turns raw image bytes into minibatches on the fly (pixels scaled to [0,1], one-hot labels), so a run
 * never holds a float copy of the whole training set.
 */
public final class BatchFeed {

    private final ImageSet set;
    private final int classes;

    public BatchFeed(ImageSet set, int classes) {
        this.set = set;
        this.classes = classes;
    }

    int size() {
        return set.count();
    }

    /** @param order a source of randomness to shuffle this pass, or null for the stored order */
    public Iterable<DataSet> batches(int batchSize, Random order) {
        return batches(batchSize, order, Augmentation.NONE, null);
    }

    /**
     * @param augmentation applied to every image of the pass as its batch is built
     * @param draws        the randomness of the augmentation (unused for {@link Augmentation#NONE}); batches must be
     *                     taken in order for a pass to be reproducible
     */
    public Iterable<DataSet> batches(int batchSize, Random order, Augmentation augmentation, Random draws) {
        int[] indices = new int[set.count()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        if (order != null) {
            for (int i = indices.length - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                int t = indices[i];
                indices[i] = indices[j];
                indices[j] = t;
            }
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < indices.length;
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(next + batchSize, indices.length);
                DataSet batch = batch(indices, next, end, augmentation, draws);
                next = end;
                return batch;
            }
        };
    }

    private DataSet batch(int[] indices, int from, int to, Augmentation augmentation, Random draws) {
        int n = to - from;
        int size = set.pixelsPerImage();
        float[] features = new float[n * size];
        float[] labels = new float[n * classes];
        byte[] pixels = set.pixels();
        for (int row = 0; row < n; row++) {
            int image = indices[from + row];
            int src = image * size;
            int dst = row * size;
            for (int p = 0; p < size; p++) {
                features[dst + p] = (pixels[src + p] & 0xFF) / 255f;
            }
            labels[row * classes + set.label(image)] = 1f;
        }
        if (!augmentation.isNone()) {
            float[] scratch = new float[size];
            for (int row = 0; row < n; row++) {
                augmentation.apply(features, row * size, set.rows(), set.cols(), draws, scratch);
            }
        }
        INDArray x = Nd4j.create(features, new long[]{n, size}, 'c');
        INDArray y = Nd4j.create(labels, new long[]{n, classes}, 'c');
        return new DataSet(x, y);
    }
}

package io.sparksweep.bench;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/** A fixed number of batches from a feed as a DataSetIterator, so that {@code fit(iterator)} can be timed. */
final class FeedIterator implements DataSetIterator {

    private final MinibatchFeed feed;
    private final int batches;
    private final int batchSize;
    private int served;
    private DataSetPreProcessor preProcessor;

    FeedIterator(MinibatchFeed feed, int batches, int batchSize) {
        this.feed = feed;
        this.batches = batches;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        return served < batches;
    }

    @Override
    public DataSet next() {
        served++;
        return feed.next();
    }

    @Override
    public DataSet next(int num) {
        return next();
    }

    @Override
    public int inputColumns() {
        return -1;
    }

    @Override
    public int totalOutcomes() {
        return 10;
    }

    @Override
    public boolean resetSupported() {
        return false;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("one pass only");
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}

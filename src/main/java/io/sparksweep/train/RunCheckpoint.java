package io.sparksweep.train;

import io.sparksweep.run.EpochRecord;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run needs to go on after a pause between two epochs exactly as if it had not paused: the network at
 * the end of the last epoch (weights, optimizer state, counters, plateau state), early stopping's best epoch, the
 * epochs trained so far with their learning rates, the ND4J RNG position and the training time spent.
 *
 * <p>Stored as bytes in a numbered format ({@link #FORMAT}): a reader refuses another number instead of guessing, and
 * the run then trains from its start.
 *
 * @param firstEpoch the epoch the run started training at (above 1 when it continues a halving rung's state)
 */
record RunCheckpoint(byte[] network, EarlyStopping.State stopping, List<EpochRecord> epochs, List<Double> rates,
                     long[] random, double seconds, int firstEpoch) {

    static final int FORMAT = 1;
    private static final int MAGIC = 0x53534350; // "SSCP"

    /** The epoch the run goes on with. */
    int nextEpoch() {
        return firstEpoch + epochs.size();
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(firstEpoch);
            out.writeDouble(seconds);
            out.writeLong(random[0]);
            out.writeLong(random[1]);
            out.writeInt(epochs.size());
            for (int i = 0; i < epochs.size(); i++) {
                EpochRecord e = epochs.get(i);
                out.writeInt(e.epoch());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.valLoss());
                out.writeDouble(e.valAccuracy());
                out.writeDouble(e.seconds());
                out.writeDouble(rates.get(i));
            }
            out.writeDouble(stopping.bestLoss());
            out.writeInt(stopping.bestEpoch());
            out.writeInt(stopping.epochsWithoutImprovement());
            out.writeInt(stopping.bestIteration());
            writeArray(out, stopping.bestParams());
            writeArray(out, stopping.bestUpdaterState());
            out.writeInt(network.length);
            out.write(network);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a run checkpoint: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * The counts in a checkpoint's header, with the same checks as {@link #decode} but without building its arrays (the
     * driver reads this; it need not load ND4J's native backend for it).
     */
    static RunTrainer.Paused paused(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            checkHeader(in);
            in.readInt();
            double seconds = in.readDouble();
            in.readLong();
            in.readLong();
            int epochs = in.readInt();
            skip(in, epochs * (4L + 5 * 8L) + 8 + 4 + 4 + 4); // epoch records (4 numbers and a rate), early stopping's numbers
            for (int array = 0; array < 2; array++) {
                if (in.readBoolean()) {
                    skip(in, in.readInt());
                }
            }
            skip(in, in.readInt()); // a file cut short shows only at its end
            return new RunTrainer.Paused(bytes, epochs, seconds);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable run checkpoint: " + e, e);
        }
    }

    private static void skip(DataInputStream in, long count) throws IOException {
        if (count < 0 || in.skip(count) != count) {
            throw new java.io.EOFException("cut short");
        }
    }

    private static void checkHeader(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IllegalArgumentException("not a run checkpoint");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException("run checkpoint format " + format + ", this version reads " + FORMAT);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a checkpoint of this format (a truncated or other file) */
    static RunCheckpoint decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            checkHeader(in);
            int firstEpoch = in.readInt();
            double seconds = in.readDouble();
            long[] random = {in.readLong(), in.readLong()};
            int count = in.readInt();
            List<EpochRecord> epochs = new ArrayList<>(count);
            List<Double> rates = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                epochs.add(new EpochRecord(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()));
                rates.add(in.readDouble());
            }
            double bestLoss = in.readDouble();
            int bestEpoch = in.readInt();
            int waited = in.readInt();
            int bestIteration = in.readInt();
            INDArray bestParams = readArray(in);
            INDArray bestUpdater = readArray(in);
            byte[] network = new byte[in.readInt()];
            in.readFully(network);
            return new RunCheckpoint(network, new EarlyStopping.State(bestLoss, bestEpoch, waited, bestParams, bestUpdater,
                    bestIteration), epochs, rates, random, seconds, firstEpoch);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known) {
                throw known;
            }
            throw new IllegalArgumentException("unreadable run checkpoint: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    private static void writeArray(DataOutputStream out, INDArray array) throws IOException {
        out.writeBoolean(array != null);
        if (array != null) {
            byte[] bytes = Nd4j.toByteArray(array);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static INDArray readArray(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return Nd4j.fromByteArray(bytes);
    }
}

package io.sparksweep.store;

import io.sparksweep.run.TestPredictions;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compact form of a run's {@link TestPredictions} inside its journal entry, so that the entry stays one small
 * file written whole: packed planes, deflated, as base64 text ({@value #ENCODING}). Planes of like bytes compress far
 * better than interleaved records: the classes in the narrowest width that holds them; the predicted class only as
 * "0 when right, else class + 1" (mostly zeros); the probabilities as exact float bits split into four byte planes
 * (sign and exponent bytes repeat); the predicted class's probability only for the items predicted wrong (for the
 * others it is the label's).
 */
final class PredictionCodec {

    static final String ENCODING = "deflate-planes-1";
    private static final byte LAYOUT = 1;

    private PredictionCodec() {
    }

    static String encode(TestPredictions predictions) {
        int n = predictions.items();
        int wrong = 0;
        int largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.max(predictions.labels()[i], predictions.predicted()[i] + 1));
            if (!predictions.correct(i)) {
                wrong++;
            }
        }
        int width = largest < 1 << 8 ? 1 : largest < 1 << 16 ? 2 : 4;
        ByteBuffer packed = ByteBuffer.allocate(1 + 4 + 1 + 2 * n * width + 4 * n + 4 * wrong);
        packed.put(LAYOUT).putInt(n).put((byte) width);
        for (int i = 0; i < n; i++) {
            putClass(packed, width, predictions.labels()[i]);
        }
        for (int i = 0; i < n; i++) {
            putClass(packed, width, predictions.correct(i) ? 0 : predictions.predicted()[i] + 1);
        }
        float[] wrongProbabilities = new float[wrong];
        for (int i = 0, w = 0; i < n; i++) {
            if (!predictions.correct(i)) {
                wrongProbabilities[w++] = predictions.predictedProbability()[i];
            }
        }
        putPlanes(packed, predictions.labelProbability());
        putPlanes(packed, wrongProbabilities);
        return Base64.getEncoder().encodeToString(deflate(packed.array()));
    }

    /** @throws IllegalArgumentException when the text is not what {@link #encode} wrote */
    static TestPredictions decode(String text) {
        ByteBuffer packed;
        try {
            packed = ByteBuffer.wrap(inflate(Base64.getDecoder().decode(text)));
            if (packed.get() != LAYOUT) {
                throw new IllegalArgumentException("unknown predictions layout");
            }
            int n = packed.getInt();
            int width = packed.get();
            if (n < 0 || (width != 1 && width != 2 && width != 4)) {
                throw new IllegalArgumentException("predictions header is damaged");
            }
            int[] labels = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = getClass(packed, width);
            }
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                int answer = getClass(packed, width);
                predicted[i] = answer == 0 ? labels[i] : answer - 1;
                wrong += answer == 0 ? 0 : 1;
            }
            float[] labelProbability = getPlanes(packed, n);
            float[] wrongProbabilities = getPlanes(packed, wrong);
            float[] predictedProbability = new float[n];
            for (int i = 0, w = 0; i < n; i++) {
                predictedProbability[i] = predicted[i] == labels[i] ? labelProbability[i] : wrongProbabilities[w++];
            }
            return new TestPredictions(labels, predicted, labelProbability, predictedProbability);
        } catch (java.nio.BufferUnderflowException | DataFormatException e) {
            throw new IllegalArgumentException("predictions are cut short or damaged", e);
        }
    }

    private static void putClass(ByteBuffer out, int width, int value) {
        switch (width) {
            case 1 -> out.put((byte) value);
            case 2 -> out.putShort((short) value);
            default -> out.putInt(value);
        }
    }

    private static int getClass(ByteBuffer in, int width) {
        return switch (width) {
            case 1 -> Byte.toUnsignedInt(in.get());
            case 2 -> Short.toUnsignedInt(in.getShort());
            default -> in.getInt();
        };
    }

    /** Byte b of every value's bits, then byte b + 1, ...: the exact floats, grouped so like bytes sit together. */
    private static void putPlanes(ByteBuffer out, float[] values) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            for (float value : values) {
                out.put((byte) (Float.floatToRawIntBits(value) >>> shift));
            }
        }
    }

    private static float[] getPlanes(ByteBuffer in, int n) {
        int[] bits = new int[n];
        for (int shift = 24; shift >= 0; shift -= 8) {
            for (int i = 0; i < n; i++) {
                bits[i] |= Byte.toUnsignedInt(in.get()) << shift;
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = Float.intBitsToFloat(bits[i]);
        }
        return out;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] compressed) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3);
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int read = inflater.inflate(chunk);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("deflated data end early");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}

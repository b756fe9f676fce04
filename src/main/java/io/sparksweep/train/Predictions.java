package io.sparksweep.train;

import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.DatasetException;
import io.sparksweep.data.PhotoPreparation;
import io.sparksweep.data.PictureProblem;
import io.sparksweep.data.PictureResult;
import io.sparksweep.model.SavedModelProvenance;
import io.sparksweep.model.layers.Dl4jEquivalents;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A saved model that classifies pictures: {@code Predictions.of(modelFile).top(imageFile, 3)}. Reads the model's
 * provenance (class names, input shape, pixel scaling) when the file carries it, else assumes Fashion-MNIST's
 * class names and x/255 like training; prepares each picture with {@link PhotoPreparation}, which refuses a file
 * whose header declares more than {@link #maxPixels()} pixels before decoding it. For many files,
 * {@link #classify(List, int)} gives one {@link Outcome} per file, so a bad file costs its own result only.
 */
public final class Predictions {

    /** One class and the probability the model gives it. */
    public record ClassProbability(int classIndex, String className, double probability) {
    }

    /** What became of one picture: its most probable classes, or why it could not be classified. */
    public sealed interface Outcome permits Classified, Failed {
        Path image();
    }

    /** @param top the most probable classes, most probable first */
    public record Classified(Path image, List<ClassProbability> top) implements Outcome {
    }

    /** @param message one line that starts with the image's path and gives the reason */
    public record Failed(Path image, PictureProblem problem, String message) implements Outcome {
    }

    private final Path file;
    private final MultiLayerNetwork network;
    private final List<String> classNames;
    private final int side;
    private final long maxPixels;
    private final PhotoPreparation preparation;

    private Predictions(Path file, MultiLayerNetwork network, List<String> classNames, int side, long maxPixels) {
        this.file = file;
        this.network = network;
        this.classNames = classNames;
        this.side = side;
        this.maxPixels = maxPixels;
        this.preparation = new PhotoPreparation(side, maxPixels);
    }

    /** The model with {@link PhotoPreparation#DEFAULT_MAX_PIXELS} as the picture limit. */
    public static Predictions of(Path modelFile) {
        return of(modelFile, PhotoPreparation.DEFAULT_MAX_PIXELS);
    }

    /**
     * @param maxPixels the most pixels (width x height, as a picture's header declares them) a picture may have;
     *                  larger ones are refused without being decoded
     * @throws DatasetException naming the file when it is missing, not a DL4J model, or a model whose input is
     *                          not one grey square image or whose outputs do not match its class names
     * @throws IllegalArgumentException when maxPixels is below 1
     */
    public static Predictions of(Path modelFile, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("--max-pixels must be >= 1, got " + maxPixels);
        }
        if (!Files.isRegularFile(modelFile)) {
            throw new DatasetException(modelFile + ": no such model file");
        }
        MultiLayerNetwork network;
        try {
            network = plain(ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), false));
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(modelFile + ": not a DL4J MultiLayerNetwork model file ("
                    + capped(e.getClass().getSimpleName() + ": " + e.getMessage()) + ")");
        }
        SavedModelProvenance provenance = provenance(modelFile);
        List<String> names = classNames(modelFile, provenance);
        int side = inputSide(modelFile, network.getLayerWiseConfigurations(), provenance);
        Layer last = network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
        long outputs = last instanceof FeedForwardLayer ff ? ff.getNOut() : -1;
        if (outputs != names.size()) {
            throw new DatasetException(modelFile + ": the model has " + outputs + " outputs but " + names.size()
                    + " class names");
        }
        return new Predictions(modelFile, network, names, side, maxPixels);
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The side of the square grey images the model takes (28 for Fashion-MNIST). */
    public int side() {
        return side;
    }

    /** The most pixels a picture may declare. */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * @param k how many classes, most probable first (all classes when k exceeds them)
     * @throws DatasetException naming the image when it is refused (see {@link #classify(Path, int)})
     */
    public List<ClassProbability> top(Path image, int k) {
        checkTop(k);
        return top(preparation.prepare(image), k);
    }

    /**
     * One picture's classes, or a {@link Failed} saying why not: missing, a directory, unreadable, empty, not a
     * PNG/JPEG/BMP/GIF, above the pixel limit, truncated or otherwise undecodable. A bad file never throws.
     *
     * @throws IllegalArgumentException when k is below 1
     */
    public Outcome classify(Path image, int k) {
        checkTop(k);
        PictureResult result = preparation.attempt(image);
        if (result instanceof PictureResult.Refused refused) {
            return new Failed(image, refused.problem(), refused.message());
        }
        return new Classified(image, top(((PictureResult.Prepared) result).pixels(), k));
    }

    /** Every picture is tried; the outcomes are in the order of the images. */
    public List<Outcome> classify(List<Path> images, int k) {
        checkTop(k);
        return images.stream().map(image -> classify(image, k)).toList();
    }

    /** @param pixels {@code side * side} grey bytes as {@link PhotoPreparation} or an {@code ImageSet} holds them */
    public List<ClassProbability> top(byte[] pixels, int k) {
        checkTop(k);
        if (pixels.length != side * side) {
            throw new IllegalArgumentException("expected " + side * side + " pixels, got " + pixels.length);
        }
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = (pixels[i] & 0xFF) / 255f; // exactly BatchFeed's scaling
        }
        INDArray out = network.output(Nd4j.create(features, new long[] {1, features.length}, 'c'), false);
        float[] p = out.data().asFloat();
        List<ClassProbability> all = new ArrayList<>();
        for (int c = 0; c < p.length; c++) {
            all.add(new ClassProbability(c, classNames.get(c), p[c]));
        }
        all.sort(Comparator.comparingDouble(ClassProbability::probability).reversed()
                .thenComparingInt(ClassProbability::classIndex));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    private static void checkTop(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("--top must be >= 1, got " + k);
        }
    }

    /**
     * The same network and weights with DL4J's own layers: a model saved straight from {@link RunTrainer} holds the
     * project's layers, which only run as RunTrainer wires them.
     */
    private static MultiLayerNetwork plain(MultiLayerNetwork restored) {
        String json = restored.getLayerWiseConfigurations().toJson();
        String plainJson = Dl4jEquivalents.plainJson(json);
        if (plainJson.equals(json)) {
            return restored;
        }
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(plainJson));
        net.init(restored.params(), false);
        return net;
    }

    private static SavedModelProvenance provenance(Path modelFile) {
        try {
            if (!ModelSerializer.listObjectsInFile(modelFile.toFile()).contains(SavedModelProvenance.ZIP_KEY)) {
                return null;
            }
            Object json = ModelSerializer.getObjectFromFile(modelFile.toFile(), SavedModelProvenance.ZIP_KEY);
            return SavedModelProvenance.fromJson(String.valueOf(json));
        } catch (RuntimeException e) {
            throw new DatasetException(modelFile + ": unreadable " + SavedModelProvenance.ZIP_KEY + " ("
                    + capped(e.getMessage()) + ")");
        }
    }

    private static List<String> classNames(Path modelFile, SavedModelProvenance provenance) {
        if (provenance == null || provenance.model() == null) {
            return DataPreparation.FASHION_MNIST_CLASSES;
        }
        String scale = provenance.model().pixelScale();
        if (scale != null && !SavedModelProvenance.PIXEL_SCALE.equals(scale)) {
            throw new DatasetException(modelFile + ": pixelScale '" + capped(scale) + "' is not supported (only "
                    + SavedModelProvenance.PIXEL_SCALE + ")");
        }
        List<String> names = provenance.model().classNames();
        return names.isEmpty() ? DataPreparation.FASHION_MNIST_CLASSES : names;
    }

    /** The input side, when the network takes one grey square image as a row of side*side floats. */
    private static int inputSide(Path modelFile, MultiLayerConfiguration conf, SavedModelProvenance provenance) {
        InputPreProcessor pre = conf.getInputPreProcess(0);
        long channels;
        long height;
        long width;
        if (pre instanceof FeedForwardToCnnPreProcessor cnn) {
            channels = cnn.getNumChannels();
            height = cnn.getInputHeight();
            width = cnn.getInputWidth();
        } else if (pre == null && conf.getConf(0).getLayer() instanceof FeedForwardLayer ff
                && !(ff instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer)) {
            long root = Math.round(Math.sqrt(ff.getNIn()));
            channels = 1;
            height = root * root == ff.getNIn() ? root : -1;
            width = height;
        } else {
            throw new DatasetException(modelFile + ": the model does not take flat rows of grey pixels (first layer "
                    + conf.getConf(0).getLayer().getClass().getSimpleName() + "); predict needs a 1xSxS input");
        }
        if (channels != 1 || height != width || height < 1) {
            throw new DatasetException(modelFile + ": the model takes " + channels + "x" + height + "x" + width
                    + " inputs; predict feeds grey square images (1xSxS)");
        }
        List<Integer> shape = provenance == null || provenance.model() == null ? List.of() : provenance.model().inputShape();
        if (!shape.isEmpty() && !shape.equals(List.of(1, (int) height, (int) width))) {
            throw new DatasetException(modelFile + ": provenance inputShape " + capped(shape.toString())
                    + " does not match the network's 1x" + height + "x" + width + " input");
        }
        return (int) height;
    }

    private static String capped(String message) {
        String text = message == null ? "no detail" : message.replaceAll("\\s+", " ").trim();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    @Override
    public String toString() {
        return "Predictions[" + file + ", " + classNames.size() + " classes, " + side + "x" + side + "]";
    }
}

package io.sparksweep.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.data.DataPreparation;
import io.sparksweep.data.DatasetException;
import io.sparksweep.data.PhotoPreparation;
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
import java.util.stream.IntStream;

/**
 * A saved model that classifies pictures: {@code Predictions.of(modelFile).top(imageFile, 3)}. Reads the model's
 * provenance (class names, input shape, pixel scaling) when the file carries it, else assumes Fashion-MNIST's
 * class names and x/255 like training; prepares each picture with {@link PhotoPreparation}.
 */
public final class Predictions {

    /** The ModelSerializer extra-object key under which a saved model carries its provenance (a JSON string). */
    public static final String PROVENANCE_KEY = "sparksweep-provenance.json";
    private static final String PIXEL_SCALE = "x/255";

    /** One class and the probability the model gives it. */
    public record ClassProbability(int classIndex, String className, double probability) {
    }

    private final Path file;
    private final MultiLayerNetwork network;
    private final List<String> classNames;
    private final int side;
    private final PhotoPreparation preparation;

    private Predictions(Path file, MultiLayerNetwork network, List<String> classNames, int side) {
        this.file = file;
        this.network = network;
        this.classNames = classNames;
        this.side = side;
        this.preparation = new PhotoPreparation(side);
    }

    /**
     * @throws DatasetException naming the file when it is missing, not a DL4J model, or a model whose input is
     *                          not one grey square image or whose outputs do not match its class names
     */
    public static Predictions of(Path modelFile) {
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
        JsonNode provenance = provenance(modelFile);
        List<String> names = classNames(modelFile, provenance);
        int side = inputSide(modelFile, network.getLayerWiseConfigurations(), provenance);
        Layer last = network.getLayerWiseConfigurations().getConf(network.getnLayers() - 1).getLayer();
        long outputs = last instanceof FeedForwardLayer ff ? ff.getNOut() : -1;
        if (outputs != names.size()) {
            throw new DatasetException(modelFile + ": the model has " + outputs + " outputs but " + names.size()
                    + " class names");
        }
        return new Predictions(modelFile, network, names, side);
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The side of the square grey images the model takes (28 for Fashion-MNIST). */
    public int side() {
        return side;
    }

    /**
     * @param k how many classes, most probable first (all classes when k exceeds them)
     * @throws DatasetException naming the image when it is missing or cannot be decoded
     */
    public List<ClassProbability> top(Path image, int k) {
        return top(preparation.prepare(image), k);
    }

    /** @param pixels {@code side * side} grey bytes as {@link PhotoPreparation} or an {@code ImageSet} holds them */
    public List<ClassProbability> top(byte[] pixels, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("--top must be >= 1, got " + k);
        }
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

    private static JsonNode provenance(Path modelFile) {
        try {
            if (!ModelSerializer.listObjectsInFile(modelFile.toFile()).contains(PROVENANCE_KEY)) {
                return null;
            }
            Object json = ModelSerializer.getObjectFromFile(modelFile.toFile(), PROVENANCE_KEY);
            return new ObjectMapper().readTree(String.valueOf(json));
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(modelFile + ": unreadable " + PROVENANCE_KEY + " ("
                    + capped(e.getMessage()) + ")");
        }
    }

    private static List<String> classNames(Path modelFile, JsonNode provenance) {
        if (provenance == null) {
            return DataPreparation.FASHION_MNIST_CLASSES;
        }
        String scale = provenance.path("pixelScale").asText(PIXEL_SCALE);
        if (!PIXEL_SCALE.equals(scale)) {
            throw new DatasetException(modelFile + ": pixelScale '" + capped(scale) + "' is not supported (only "
                    + PIXEL_SCALE + ")");
        }
        JsonNode names = provenance.path("classNames");
        if (!names.isArray() || names.isEmpty()) {
            return DataPreparation.FASHION_MNIST_CLASSES;
        }
        return IntStream.range(0, names.size()).mapToObj(i -> names.get(i).asText()).toList();
    }

    /** The input side, when the network takes one grey square image as a row of side*side floats. */
    private static int inputSide(Path modelFile, MultiLayerConfiguration conf, JsonNode provenance) {
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
        JsonNode shape = provenance == null ? null : provenance.get("inputShape");
        if (shape != null && shape.isArray() && !shape.toString().equals("[1," + height + "," + width + "]")) {
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

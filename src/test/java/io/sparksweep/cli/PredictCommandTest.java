package io.sparksweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.data.DatasetException;
import io.sparksweep.data.ImageSet;
import io.sparksweep.data.PhotoPreparation;
import io.sparksweep.data.PictureProblem;
import io.sparksweep.data.PreparedData;
import io.sparksweep.train.Predictions;
import io.sparksweep.testing.HostilePictures;
import io.sparksweep.testing.Photos;
import io.sparksweep.testing.TrainedModels;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code predict} with a really trained LeNet-5 on Fashion-MNIST test images rendered as photos. */
class PredictCommandTest {

    private static final int ROUND_TRIP_IMAGES = 200;

    @TempDir
    static Path dir;
    private static Path model;
    private static ImageSet test;

    @BeforeAll
    static void trainOnce() {
        model = TrainedModels.lenet5();
        PreparedData data = TrainedModels.data();
        test = data.test();
    }

    private static Path photo(int index, String format) {
        BufferedImage page = Photos.render(Photos.pixels(test, index), 28, 6 + index % 4, 30 + index % 50, 20,
                60, 25 + index % 40, 255 - index % 30);
        return Photos.write(page, dir.resolve("item-" + index + "." + format), format);
    }

    @Test
    void theClassOfMostImagesSurvivesTheRoundTripThroughAPhotoFile() {
        Predictions predictions = Predictions.of(model);
        int[] same = new int[2];
        int[] correct = new int[3];
        int brokenSame = 0;
        String[] formats = {"png", "jpg"};
        for (int i = 0; i < ROUND_TRIP_IMAGES; i++) {
            String direct = predictions.top(Photos.pixels(test, i), 1).get(0).className();
            String label = predictions.classNames().get(test.label(i));
            correct[2] += direct.equals(label) ? 1 : 0;
            for (int f = 0; f < formats.length; f++) {
                String viaPhoto = predictions.top(photo(i, formats[f]), 1).get(0).className();
                same[f] += viaPhoto.equals(direct) ? 1 : 0;
                correct[f] += viaPhoto.equals(label) ? 1 : 0;
            }
            brokenSame += predictions.top(withoutCropOrInversion(photo(i, "png")), 1).get(0).className()
                    .equals(direct) ? 1 : 0;
        }
        System.out.printf("predict round trip over %d test images: same class as the 28x28 original PNG %.3f, "
                        + "JPEG %.3f; accuracy original %.3f, PNG %.3f, JPEG %.3f%n", ROUND_TRIP_IMAGES,
                rate(same[0]), rate(same[1]), rate(correct[2]), rate(correct[0]), rate(correct[1]));
        System.out.printf("a pipeline that only resizes (no crop, no inversion) agrees on %.3f%n", rate(brokenSame));
        // measured rates are in docs/testing.md, "Measured by the tests"
        assertTrue(rate(brokenSame) < 0.5, "the floors below tell a broken pipeline apart: " + rate(brokenSame));
        assertTrue(rate(same[0]) >= 0.85, "PNG agreement " + rate(same[0]));
        assertTrue(rate(same[1]) >= 0.85, "JPEG agreement " + rate(same[1]));
        assertTrue(rate(correct[0]) >= rate(correct[2]) - 0.08, "PNG accuracy close to the original's");
    }

    /** The photo only made grey and resized to 28x28, as a pipeline that forgot the crop and the inversion. */
    private static byte[] withoutCropOrInversion(Path file) {
        try {
            BufferedImage small = org.imgscalr.Scalr.resize(javax.imageio.ImageIO.read(file.toFile()),
                    org.imgscalr.Scalr.Method.ULTRA_QUALITY, org.imgscalr.Scalr.Mode.FIT_EXACT, 28, 28);
            byte[] out = new byte[28 * 28];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) (small.getRGB(i % 28, i / 28) & 0xFF);
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double rate(int count) {
        return (double) count / ROUND_TRIP_IMAGES;
    }

    @Test
    void printsTheTopClassesPerImageInEachFormat() throws Exception {
        Path a = photo(0, "png");
        Path b = photo(1, "jpg");
        CliRun table = CliRun.of("predict", model.toString(), a.toString(), b.toString(), "--top", "3");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("probability") && table.out().contains("(6 rows)"), table.out());

        CliRun csv = CliRun.of("predict", model.toString(), a.toString(), "--top", "10", "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        List<String> lines = csv.outLines();
        assertEquals("image,rank,class,probability", lines.get(0));
        assertEquals(11, lines.size());
        double sum = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1))).sum();
        assertEquals(1.0, sum, 1e-4, "all ten probabilities add up to one");

        CliRun json = CliRun.of("predict", model.toString(), b.toString(), "--top", "2", "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertEquals(2, rows.size());
        assertEquals(b.toString(), rows.get(0).get("image").asText());
        assertTrue(rows.get(0).get("probability").asDouble() >= rows.get(1).get("probability").asDouble());
        assertEquals(Predictions.of(model).top(b, 1).get(0).className(), rows.get(0).get("class").asText(),
                "the command prints what the Java API predicts");
    }

    @Test
    void aBadModelOrOptionEndsWithOneLineBeforeAnyImage() throws Exception {
        Path good = photo(2, "png");
        Path notModel = Files.writeString(dir.resolve("model.zip"), "not a zip");
        Path rgb32 = otherShapeModel(InputType.convolutionalFlat(32, 32, 3), 10, "rgb32.zip");
        Path fiveClasses = otherShapeModel(InputType.feedForward(784), 5, "five.zip");

        assertBadInput(CliRun.of("predict", notModel.toString(), good.toString()), notModel);
        assertBadInput(CliRun.of("predict", dir.resolve("absent.zip").toString(), good.toString()),
                dir.resolve("absent.zip"));
        CliRun shape = CliRun.of("predict", rgb32.toString(), good.toString());
        assertBadInput(shape, rgb32);
        assertTrue(shape.err().contains("3x32x32"), shape.err());
        assertBadInput(CliRun.of("predict", fiveClasses.toString(), good.toString()), fiveClasses);
        assertEquals(2, CliRun.of("predict", model.toString(), good.toString(), "--top", "0").exit());
        for (String limit : new String[] {"0", "-5", "many"}) {
            CliRun run = CliRun.of("predict", model.toString(), good.toString(), "--max-pixels", limit);
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.oneErrorLine() && run.err().contains("--max-pixels"), run.err());
            assertTrue(run.out().isEmpty(), run.out());
        }
    }

    @Test
    void aBatchClassifiesEveryGoodImageAndReportsEachBadOneOnStderr() throws Exception {
        Path good1 = photo(10, "png");
        Path good2 = photo(11, "jpg");
        Path good3 = photo(12, "png");
        Path pngBomb = HostilePictures.hugePng(dir.resolve("bomb.png"), 30_000, 30_000);
        Path gifBomb = HostilePictures.hugeGif(dir.resolve("bomb.gif"), 30_000, 30_000);
        Path cutJpeg = HostilePictures.truncated(photo(13, "jpg"), dir.resolve("cut.jpg"), 0.6);
        Path text = Files.writeString(dir.resolve("readme.png"), "plain text, not a picture");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path folder = Files.createDirectories(dir.resolve("folder.jpg"));
        Path missing = dir.resolve("missing.png");
        List<Path> bad = List.of(pngBomb, gifBomb, cutJpeg, text, empty, folder, missing);
        List<Path> good = List.of(good1, good2, good3);
        List<Path> batch = List.of(pngBomb, good1, cutJpeg, text, good2, empty, folder, gifBomb, missing, good3);
        Predictions alone = Predictions.of(model);

        for (String format : new String[] {"table", "csv", "json"}) {
            List<String> args = new java.util.ArrayList<>(List.of("predict", model.toString(), "--top", "2",
                    "--format", format));
            batch.forEach(image -> args.add(image.toString()));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exit(), "some images failed: " + run.err());
            List<String> errors = run.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(bad.size(), errors.size(), "one line per bad file: " + run.err());
            for (Path file : bad) {
                assertEquals(1, errors.stream().filter(l -> l.startsWith("sparksweep predict: " + file + ": ")).count(),
                        file + " named once: " + run.err());
            }
            assertFalse(run.err().contains("\tat "), "no stack trace");
            assertTrue(errors.stream().filter(l -> l.contains("30,000 x 30,000 pixels") && l.contains("--max-pixels"))
                    .count() == 2, run.err());
            for (Path file : bad) {
                assertFalse(run.out().contains(file.getFileName().toString()), format + " output names no bad file");
            }
            switch (format) {
                case "table" -> assertTrue(run.out().contains("(6 rows)"), run.out());
                case "csv" -> {
                    List<String> lines = run.outLines();
                    assertEquals("image,rank,class,probability", lines.get(0), "good rows are unmarked");
                    assertEquals(1 + 2 * good.size(), lines.size(), run.out());
                    for (Path image : good) {
                        String expected = image + ",1," + alone.top(image, 1).get(0).className() + ",";
                        assertTrue(lines.stream().anyMatch(l -> l.startsWith(expected)),
                                "the same class as predicted alone: " + expected + " in " + run.out());
                    }
                }
                default -> {
                    JsonNode rows = new ObjectMapper().readTree(run.out());
                    assertEquals(2 * good.size(), rows.size());
                    for (JsonNode row : rows) {
                        List<String> fields = new java.util.ArrayList<>();
                        row.fieldNames().forEachRemaining(fields::add);
                        assertEquals(List.of("image", "rank", "class", "probability"), fields, "unmarked");
                        Path image = Path.of(row.get("image").asText());
                        assertTrue(good.contains(image), row.toString());
                        if (row.get("rank").asInt() == 1) {
                            assertEquals(alone.top(image, 1).get(0).className(), row.get("class").asText());
                        }
                    }
                }
            }
        }
    }

    @Test
    void hugeImagesAreRefusedFastAndWithoutTheirMemoryThroughTheCommand() {
        Path good = photo(14, "png");
        Path pngBomb = HostilePictures.hugePng(dir.resolve("bomb2.png"), 30_000, 30_000);
        Path gifBomb = HostilePictures.hugeGif(dir.resolve("bomb2.gif"), 30_000, 30_000);
        CliRun.of("predict", model.toString(), good.toString()); // warm: classes loaded, code compiled
        long[] allocated = new long[2];
        double[] seconds = new double[2];
        for (int attempt = 0; attempt < 2; attempt++) {
            long before = allocatedByThisThread();
            long start = System.nanoTime();
            CliRun run = attempt == 0 ? CliRun.of("predict", model.toString(), good.toString())
                    : CliRun.of("predict", model.toString(), good.toString(), pngBomb.toString(), gifBomb.toString());
            seconds[attempt] = (System.nanoTime() - start) / 1e9;
            allocated[attempt] = allocatedByThisThread() - before;
            assertEquals(attempt == 0 ? 0 : 2, run.exit(), run.err());
            assertTrue(run.out().contains("(3 rows)"), run.out());
        }
        System.out.printf("predict with one good image: %.2f s, %,d bytes allocated; with the 30,000 x 30,000 PNG and "
                + "GIF added: %.2f s, %,d bytes%n", seconds[0], allocated[0], seconds[1], allocated[1]);
        assertTrue(allocated[1] - allocated[0] < 8L << 20, "the two refusals allocated "
                + (allocated[1] - allocated[0]) + " bytes");
        assertTrue(seconds[1] - seconds[0] < 2, "refused fast: " + seconds[1] + " s vs " + seconds[0] + " s");
    }

    @Test
    void theJavaApiGivesOneTypedOutcomePerImage() throws Exception {
        Path good = photo(15, "png");
        Path bomb = HostilePictures.hugeGif(dir.resolve("api-bomb.gif"), 30_000, 30_000);
        Path text = Files.writeString(dir.resolve("api-readme.jpg"), "not a picture");
        Predictions predictions = Predictions.of(model);
        assertEquals(PhotoPreparation.DEFAULT_MAX_PIXELS, predictions.maxPixels());
        List<Predictions.Outcome> outcomes = predictions.classify(List.of(bomb, good, text), 3);
        assertEquals(List.of(bomb, good, text), outcomes.stream().map(Predictions.Outcome::image).toList());
        assertEquals(PictureProblem.TOO_LARGE, ((Predictions.Failed) outcomes.get(0)).problem());
        assertEquals(predictions.top(good, 3), ((Predictions.Classified) outcomes.get(1)).top());
        Predictions.Failed notImage = (Predictions.Failed) outcomes.get(2);
        assertEquals(PictureProblem.NOT_AN_IMAGE, notImage.problem());
        assertTrue(notImage.message().startsWith(text + ": "), notImage.message());

        Predictions strict = Predictions.of(model, 1_000);
        Predictions.Failed small = (Predictions.Failed) strict.classify(good, 1);
        assertEquals(PictureProblem.TOO_LARGE, small.problem(), small.message());
        assertThrows(DatasetException.class, () -> strict.top(good, 1));
        assertThrows(IllegalArgumentException.class, () -> Predictions.of(model, 0));
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static void assertBadInput(CliRun run, Path file) {
        assertEquals(2, run.exit(), run.out() + run.err());
        assertTrue(run.oneErrorLine(), "one line: " + run.err());
        assertTrue(run.err().contains(file.toString()), "names " + file + ": " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace");
        assertTrue(run.out().isEmpty(), "no image is tried with a bad model: " + run.out());
    }

    private static Path otherShapeModel(InputType input, int classes, String name) throws Exception {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1).list();
        if (input.getType() != InputType.Type.FF) {
            list.layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build());
        } else {
            list.layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build());
        }
        MultiLayerConfiguration conf = list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes).activation(Activation.SOFTMAX).build()).setInputType(input).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path file = dir.resolve(name);
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }
}

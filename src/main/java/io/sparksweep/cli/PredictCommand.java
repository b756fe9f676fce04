package io.sparksweep.cli;

import io.sparksweep.data.PhotoPreparation;
import io.sparksweep.data.PictureProblem;
import io.sparksweep.train.Predictions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classifies pictures with a saved model. Each image (PNG, JPEG, BMP or GIF, up to",
                "--max-pixels) is made grey, cropped to the item's bounding box, padded to a square, resized",
                "to the model's input (28x28), inverted when its background is light (Fashion-MNIST",
                "items are light on black) and scaled like the training data; prints the most",
                "probable classes per image, most probable first.",
                "Every image is tried: a file that cannot be classified (missing, not an image, truncated,",
                "larger than --max-pixels, ...) gets one line on stderr, the others are printed as usual,",
                "and the exit code is 2 when any failed.",
                "Example: sparksweep predict model.zip shoe.jpg shirt.png --top 3 --format csv"})
public final class PredictCommand implements Callable<Integer> {

    private static final StructType COLUMNS = new StructType()
            .add("image", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType)
            .add("class", DataTypes.StringType)
            .add("probability", DataTypes.DoubleType);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A saved model (DL4J ModelSerializer zip); its class names and input shape are read "
                    + "from the provenance inside it when present, else Fashion-MNIST's are assumed.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "One or more picture files.")
    List<Path> images;

    @Option(names = "--top", paramLabel = "K", defaultValue = "3",
            description = "How many classes to print per image, most probable first. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table: aligned columns for reading; csv: a header line and RFC 4180 rows, exact "
                    + "probabilities; json: an array of objects. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "" + PhotoPreparation.DEFAULT_MAX_PIXELS,
            description = "Refuse an image whose header declares more than N pixels (width x height), before "
                    + "decoding it. Default: ${DEFAULT-VALUE} (50 megapixels).")
    long maxPixels;

    @Override
    public Integer call() throws Exception {
        try {
            OutputFormat outputFormat = OutputFormat.parse(format);
            if (top < 1) {
                throw new IllegalArgumentException("--top must be >= 1, got " + top);
            }
            Predictions predictions = Predictions.of(model, maxPixels);
            PrintWriter err = spec.commandLine().getErr();
            List<Row> rows = new ArrayList<>();
            boolean anyFailed = false;
            // a bad file costs its own line only: the stream of results stays clean for csv/json readers
            for (Path image : images) {
                Predictions.Outcome outcome = predictions.classify(image, top);
                if (outcome instanceof Predictions.Failed failed) {
                    anyFailed = true;
                    err.println("sparksweep " + spec.name() + ": " + failed.message()
                            + (failed.problem() == PictureProblem.TOO_LARGE ? " (see --max-pixels)" : ""));
                    err.flush();
                    continue;
                }
                List<Predictions.ClassProbability> ranked = ((Predictions.Classified) outcome).top();
                for (int r = 0; r < ranked.size(); r++) {
                    rows.add(RowFactory.create(image.toString(), r + 1, ranked.get(r).className(),
                            ranked.get(r).probability()));
                }
            }
            outputFormat.write(COLUMNS, rows, spec.commandLine().getOut());
            return anyFailed ? Main.EXIT_BAD_INPUT : 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}

package io.sparksweep.cli;

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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classifies pictures with a saved model. Each image (PNG, JPEG, BMP or GIF, any",
                "size) is made grey, cropped to the item's bounding box, padded to a square, resized",
                "to the model's input (28x28), inverted when its background is light (Fashion-MNIST",
                "items are light on black) and scaled like the training data; prints the most",
                "probable classes per image, most probable first.",
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

    @Override
    public Integer call() throws Exception {
        try {
            OutputFormat outputFormat = OutputFormat.parse(format);
            if (top < 1) {
                throw new IllegalArgumentException("--top must be >= 1, got " + top);
            }
            Predictions predictions = Predictions.of(model);
            // every image is checked before anything is printed: a bad file among many stops the command cleanly
            List<List<Predictions.ClassProbability>> results = new ArrayList<>();
            for (Path image : images) {
                results.add(predictions.top(image, top));
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                List<Predictions.ClassProbability> ranked = results.get(i);
                for (int r = 0; r < ranked.size(); r++) {
                    rows.add(RowFactory.create(images.get(i).toString(), r + 1, ranked.get(r).className(),
                            ranked.get(r).probability()));
                }
            }
            outputFormat.write(COLUMNS, rows, spec.commandLine().getOut());
            return 0;
        } catch (Exception e) {
            return CommandErrors.handle(spec, e, false);
        }
    }
}

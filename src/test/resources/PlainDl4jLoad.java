import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;

/**
 * A plain DL4J 1.0.0-M2.1 program, run by PlainDl4jProcess with no sparksweep class on its class path: loads a model
 * saved by sparksweep with DL4J's own ModelSerializer, prints its output for one image of all 0.5 pixels and the
 * sweep named in the provenance it carries.
 */
public class PlainDl4jLoad {

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.sparksweep.cli.Main");
            System.out.println("sparksweep is on the class path: not a plain DL4J program");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // the point of the exercise
        }
        File file = new File(args[0]);
        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(file, true);
        INDArray output = network.output(Nd4j.valueArrayOf(new long[]{1, 784}, 0.5f));
        StringBuilder line = new StringBuilder("output");
        for (float value : output.toFloatVector()) {
            line.append(' ').append(value);
        }
        System.out.println(line);
        String provenance = ModelSerializer.getObjectFromFile(file, "sparksweep-provenance.json");
        System.out.println("provenance sweep=" + provenance.replaceAll("(?s).*\"sweep\" : \"([^\"]*)\".*", "$1"));
    }
}

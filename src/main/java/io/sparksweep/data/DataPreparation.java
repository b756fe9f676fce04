package io.sparksweep.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/** Loads an IDX dataset folder and cuts the train / validation / test splits of a sweep. */
public final class DataPreparation {

    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final int CLASSES = 10;

    private final IdxReader reader = new IdxReader();

    /**
     * @param trainLimit 0 = all training images, else a stratified subset of that size
     * @param testLimit  0 = all test images, else a stratified subset
     * @param seed       the sweep seed: every run of a sweep sees the same splits
     */
    public PreparedData prepare(Path folder, boolean fashionNames, int trainLimit, int testLimit,
                                double validationFraction, long seed) {
        ImageSet train = reader.read(file(folder, "train-images-idx3-ubyte"), file(folder, "train-labels-idx1-ubyte"));
        ImageSet test = reader.read(file(folder, "t10k-images-idx3-ubyte"), file(folder, "t10k-labels-idx1-ubyte"));
        checkLabels(train, folder.resolve("train-labels-idx1-ubyte"));
        checkLabels(test, folder.resolve("t10k-labels-idx1-ubyte"));
        train = limit(train, trainLimit, seed, folder, "trainLimit");
        test = limit(test, testLimit, seed + 1, folder, "testLimit");
        int validationSize = (int) Math.round(train.count() * validationFraction);
        if (validationSize < 1 || validationSize >= train.count()) {
            throw new DatasetException(folder + ": " + train.count() + " training images leave no validation/training split at fraction " + validationFraction);
        }
        StratifiedSplit.Parts parts = StratifiedSplit.split(train, CLASSES, validationSize, seed + 2);
        ImageSet validation = train.select(parts.first());
        ImageSet fit = train.select(parts.rest());
        List<String> names = fashionNames ? FASHION_MNIST_CLASSES
                : IntStream.range(0, CLASSES).mapToObj(Integer::toString).toList();
        return new PreparedData(fit, validation, test, names, fingerprint(fit, validation, test));
    }

    private static ImageSet limit(ImageSet set, int limit, long seed, Path folder, String field) {
        if (limit == 0 || limit == set.count()) {
            return set;
        }
        if (limit > set.count()) {
            throw new DatasetException(folder + ": data." + field + " " + limit + " exceeds the " + set.count() + " images available");
        }
        return set.select(StratifiedSplit.split(set, CLASSES, limit, seed).first());
    }

    private static void checkLabels(ImageSet set, Path file) {
        for (int i = 0; i < set.count(); i++) {
            if (set.label(i) >= CLASSES) {
                throw new DatasetException(file + ": label " + set.label(i) + " at image " + i + " is not in 0.." + (CLASSES - 1));
            }
        }
    }

    /** The gzipped file if present, else the plain one (official downloads come either way). */
    private static Path file(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        return Files.exists(gz) ? gz : folder.resolve(name);
    }

    static String fingerprint(ImageSet... sets) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ImageSet s : sets) {
                sha.update(s.pixels());
                sha.update(s.labels());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
